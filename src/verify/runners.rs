//! Running a sample in its real runtime, as its target's [`Runner`] says: a program started on the
//! sample with a timeout, or the raw HTTP message sent over a socket by verify itself.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::targets::{BatchSample, BatchSetup, RunSetup, Runner, Target};
use std::time::{Duration, Instant};

/// How long one sample may run.
const TIMEOUT: Duration = Duration::from_secs(60);

/// What running a sample came to (what the server received is judged separately).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Run {
    /// The runtime ran it; whether it succeeded and the tail of what it printed to stderr.
    Ran { success: bool, stderr: String },
    /// The runtime is not installed.
    Unavailable(String),
    /// The target is not executed anywhere (its runner says why); it is checked by syntax only.
    NotExecuted,
}

/// One sample to run: its code, the port of its own echo server, and the files it uploads.
pub struct Job<'a> {
    /// Unique among the run's samples: names the sample's private directory.
    pub id: usize,
    pub code: &'a str,
    pub port: u16,
    /// The files it uploads, in order.
    pub files: &'a [PathBuf],
    /// Their contents, which stand in for the raw HTTP message's `(data)` and
    /// `"<file contents here>"`.
    pub file_bytes: &'a [Vec<u8>],
    /// The secrets it reads and their test values, set in its runner's environment.
    pub environment: &'a [(String, String)],
    /// Whether its spec's body is a form's parts, which a raw HTTP message's template writes
    /// a line each (a spec's raw text is sent as written).
    pub form_parts: bool,
}

/// A job's environment variables, as [`Command::envs`] takes them.
fn environment<'a>(job: &'a Job) -> impl Iterator<Item = (&'a String, &'a String)> {
    job.environment.iter().map(|(name, value)| (name, value))
}

/// The runtimes, found once.
pub struct Runners {
    support: PathBuf,
    work: PathBuf,
}

impl Runners {
    /// `support` holds `node/`, `php/`, `csharp/`… (the repository's `tests/support`); samples
    /// are written below `work`.
    pub fn new(support: &Path, work: &Path) -> Runners {
        Runners {
            support: support.to_path_buf(),
            work: work.to_path_buf(),
        }
    }

    /// Runs one `target` sample as the target's runner says.
    pub fn run(&self, target: &Target, job: &Job) -> Run {
        let work = match self.sample_dir(target, job.id) {
            Ok(work) => work,
            Err(why) => return Run::Unavailable(why),
        };
        let setup = RunSetup {
            code: job.code,
            support: &self.support,
            work: &work,
            shared: &self.work,
            port: job.port,
            files: job.files,
        };
        let command = match target.runner {
            Runner::None { .. } => return Run::NotExecuted,
            Runner::RawHttp => {
                return send_http(job.code, job.port, job.file_bytes, job.form_parts);
            }
            Runner::Program(one) | Runner::Batched { one, .. } => one(&setup),
            Runner::Command(line) => setup
                .write_sample(target.extension)
                .map(|path| site_command(line, &path)),
        };
        match command {
            Ok(mut command) => run(command.envs(environment(job)), TIMEOUT),
            Err(why) => Run::Unavailable(why),
        }
    }

    /// Runs every one of `jobs`, all `target` samples: in one process when the target's runner
    /// is batched and there is more than one, else one after the other. In the order of `jobs`.
    /// A sample the batch did not finish runs again on its own, after `forget(index)` has
    /// dropped what its server may have received from the batch; a batch that ran nothing runs
    /// again as two halves.
    pub fn run_all(&self, target: &Target, jobs: &[Job], forget: &dyn Fn(usize)) -> Vec<Run> {
        self.run_batch(target, jobs, forget, HALVINGS)
    }

    /// [`Runners::run_all`], halving a batch that ran nothing at most `halvings` times more:
    /// where every sample stops it (a runtime that cannot start), its samples then run alone.
    fn run_batch(
        &self,
        target: &Target,
        jobs: &[Job],
        forget: &dyn Fn(usize),
        halvings: u32,
    ) -> Vec<Run> {
        let Runner::Batched { many, .. } = target.runner else {
            return jobs.iter().map(|job| self.run(target, job)).collect();
        };
        if jobs.len() < 2 {
            return jobs.iter().map(|job| self.run(target, job)).collect();
        }
        let batch_dir = self.work.join(format!("{}-batch", target.id));
        let samples: Result<Vec<BatchSample>, String> = jobs
            .iter()
            .map(|job| {
                Ok(BatchSample {
                    code: job.code,
                    port: job.port,
                    files: job.files,
                    environment: job.environment,
                    dir: self.sample_dir(target, job.id)?,
                })
            })
            .collect();
        let batch = samples.and_then(|samples| {
            std::fs::create_dir_all(&batch_dir)
                .map_err(|error| format!("cannot create {}: {error}", batch_dir.display()))?;
            let setup = BatchSetup {
                samples: &samples,
                support: &self.support,
                work: &batch_dir,
            };
            let command = many(&setup)?;
            Ok((samples, command))
        });
        let (samples, mut command) = match batch {
            Ok(batch) => batch,
            Err(why) => return jobs.iter().map(|_| Run::Unavailable(why.clone())).collect(),
        };
        // every secret any of its samples reads (a secret's test value is the same for all)
        for job in jobs {
            command.envs(environment(job));
        }
        // a batch may take as long as its samples would one by one, and its start-up
        let timeout = TIMEOUT + Duration::from_secs(10) * jobs.len() as u32;
        run(&mut command, timeout);
        let results: Vec<Option<Run>> = samples.iter().map(|s| read_result(&s.result())).collect();
        if halvings > 0 && results.iter().all(Option::is_none) {
            // Nothing ran: the batch did not compile or start (javac stops at one sample that
            // does not compile). Its halves run as batches, down to the one sample that stops
            // them, rather than every sample in a process of its own (78 JVMs, under load,
            // timed out where the halves take a few).
            (0..jobs.len()).for_each(forget);
            let (first, second) = jobs.split_at(jobs.len() / 2);
            let mut runs = self.run_batch(target, first, forget, halvings - 1);
            let rest = |index| forget(first.len() + index);
            runs.extend(self.run_batch(target, second, &rest, halvings - 1));
            return runs;
        }
        results
            .into_iter()
            .zip(jobs)
            .enumerate()
            .map(|(index, (result, job))| {
                result.unwrap_or_else(|| {
                    forget(index);
                    self.run(target, job)
                })
            })
            .collect()
    }

    /// The private directory of the sample `id`, created.
    fn sample_dir(&self, target: &Target, id: usize) -> Result<PathBuf, String> {
        let dir = self.work.join(target.id).join(format!("s{id}"));
        std::fs::create_dir_all(&dir)
            .map_err(|error| format!("cannot create {}: {error}", dir.display()))?;
        Ok(dir)
    }
}

/// How many times a batch that ran nothing is halved: at most 15 batches in all before its
/// samples run alone, one eighth of it each.
const HALVINGS: u32 = 3;

/// What a batch wrote for one sample: `ok`, or `failed` and why; `None` when it wrote nothing
/// (the batch stopped before the sample ran).
fn read_result(path: &Path) -> Option<Run> {
    let text = std::fs::read_to_string(path).ok()?;
    let (status, why) = text.split_once('\n').unwrap_or((&text, ""));
    match status.trim() {
        "ok" => Some(Run::Ran {
            success: true,
            stderr: String::new(),
        }),
        "failed" => Some(Run::Ran {
            success: false,
            stderr: tail(why),
        }),
        _ => None,
    }
}

/// The last lines of what a run printed to stderr.
fn tail(text: &str) -> String {
    let tail: Vec<&str> = text.lines().rev().take(6).collect();
    tail.into_iter().rev().collect::<Vec<_>>().join("\n")
}

/// A site's own `run` line for the sample at `path`, run by `sh -c`: `{file}` becomes the path,
/// quoted for the shell.
fn site_command(line: &str, path: &Path) -> Command {
    let quoted = crate::filters::shell::shell_quote(&path.display().to_string());
    let mut command = Command::new("sh");
    command.arg("-c").arg(line.replace("{file}", &quoted));
    command
}

/// Runs a command with a timeout, keeping the tail of its stderr.
fn run(command: &mut Command, timeout: Duration) -> Run {
    let child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(error) => return Run::Unavailable(error.to_string()),
    };
    let mut stderr = child.stderr.take().expect("stderr is piped");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(_) => break None,
        }
    };
    let text = reader.join().unwrap_or_default();
    let mut stderr = tail(&text);
    if status.is_none() {
        stderr = format!("timed out after {} s\n{stderr}", timeout.as_secs());
    }
    Run::Ran {
        success: status.is_some_and(|s| s.success()),
        stderr,
    }
}

/// A raw HTTP sample as a client sends it: CRLF line ends in the head (and in a multipart
/// body), `Content-Length` added, and the placeholders the sample shows for file bytes
/// (`"<file contents here>"`, `(data)`) replaced by the files' bytes. A message without a body
/// is sent without one, whatever its `Content-Type` says.
fn http_message(code: &str, file_bytes: &[Vec<u8>], form_parts: bool) -> Vec<u8> {
    let (head, body) = match code.split_once("\n\n") {
        Some((head, body)) => (head, body),
        None => (code, ""),
    };
    // the parts a template writes, one line break each; a spec's raw text (a browser's
    // multipart copied with its CRLFs and bare LFs) is sent as it is
    let multipart = form_parts
        && !body.is_empty()
        && head.lines().any(|l| {
            l.to_ascii_lowercase()
                .starts_with("content-type: multipart/form-data")
        });
    let mut body: Vec<u8> = if multipart {
        let mut bytes = Vec::new();
        let mut files = file_bytes.iter();
        for line in body.split('\n') {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line == "(data)" {
                bytes.extend_from_slice(files.next().map(Vec::as_slice).unwrap_or_default());
            } else if line == "Content-Type: <Content-Type header here>" {
                // the type a client sends for a file it knows nothing about
                bytes.extend_from_slice(b"Content-Type: application/octet-stream");
            } else {
                bytes.extend_from_slice(line.as_bytes());
            }
            bytes.extend_from_slice(b"\r\n");
        }
        // the closing delimiter's line ends the body
        bytes.truncate(bytes.len().saturating_sub(2));
        bytes
    } else if body == "\"<file contents here>\"" {
        file_bytes.first().cloned().unwrap_or_default()
    } else {
        body.as_bytes().to_vec()
    };
    if multipart && !body.ends_with(b"\r\n") {
        body.extend_from_slice(b"\r\n");
    }
    let mut message = head.lines().collect::<Vec<_>>().join("\r\n");
    if !body.is_empty() {
        message.push_str(&format!("\r\nContent-Length: {}", body.len()));
    }
    message.push_str("\r\n\r\n");
    let mut bytes = message.into_bytes();
    bytes.extend_from_slice(&body);
    bytes
}

/// Sends a raw HTTP sample over a socket as a client would (see [`http_message`]).
fn send_http(code: &str, port: u16, file_bytes: &[Vec<u8>], form_parts: bool) -> Run {
    let bytes = http_message(code, file_bytes, form_parts);
    let outcome = TcpStream::connect(("127.0.0.1", port)).and_then(|mut stream| {
        stream.set_read_timeout(Some(Duration::from_secs(20)))?;
        stream.write_all(&bytes)?;
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer)?;
        Ok(answer)
    });
    match outcome {
        Ok(answer) => Run::Ran {
            success: answer.starts_with(b"HTTP/1.1 200"),
            stderr: String::new(),
        },
        Err(error) => Run::Ran {
            success: false,
            stderr: error.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use super::*;
    use crate::targets::Syntax;

    /// A batch that writes the first sample's result and stops; one by one, a sample fails
    /// saying so.
    fn stops_after_the_first(setup: &BatchSetup) -> Result<Command, String> {
        let mut command = Command::new("sh");
        command
            .arg("-c")
            .arg("printf 'ok\\n' > \"$1\"; exit 1")
            .arg("sh")
            .arg(setup.samples[0].result());
        Ok(command)
    }

    fn alone(_: &RunSetup) -> Result<Command, String> {
        let mut command = Command::new("sh");
        command.arg("-c").arg("echo ran alone >&2; exit 1");
        Ok(command)
    }

    const BATCHED: Target = Target {
        id: "batched",
        language: "Shell",
        client: "a test runner",
        label: "Batched",
        fence: "sh",
        extension: "sh",
        house_tab: false,
        template: "",
        syntax: Syntax::None {
            reason: "a runner under test",
        },
        runner: Runner::Batched {
            one: alone,
            many: stops_after_the_first,
        },
        known_gap: |_| None,
    };

    #[test]
    fn a_raw_message_is_sent_with_crlf_and_its_body_only() {
        // a multipart type with no body (a body a GET left out) sends no body at all
        let empty = "GET /a HTTP/1.1\nHost: h\nContent-Type: multipart/form-data";
        assert_eq!(
            http_message(empty, &[], false),
            b"GET /a HTTP/1.1\r\nHost: h\r\nContent-Type: multipart/form-data\r\n\r\n"
        );
        let form = "POST /a HTTP/1.1\nHost: h\nContent-Type: multipart/form-data; boundary=b\n\n--b\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\nContent-Type: text/plain\n\n(data)\n--b--";
        let sent = String::from_utf8(http_message(form, &[b"hi".to_vec()], true)).unwrap();
        // a raw multipart text of a spec's, its CRLFs and bare LFs as written
        let raw = "POST /a HTTP/1.1\nContent-Type: multipart/form-data; boundary=b\n\n--b\r\nX: 1\r\n\r\na\\r\nb\n--b--\r\n";
        let bytes = http_message(raw, &[], false);
        assert!(
            bytes.ends_with(b"\r\n\r\n--b\r\nX: 1\r\n\r\na\\r\nb\n--b--\r\n"),
            "{}",
            String::from_utf8_lossy(&bytes)
        );
        assert!(
            sent.ends_with("Content-Length: 100\r\n\r\n--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b--\r\n"),
            "{sent:?}"
        );
    }

    /// Sample `id` of a test batch, its code `code`, sending nowhere.
    fn job(id: usize, code: &'static str) -> Job<'static> {
        Job {
            id,
            code,
            port: 9,
            files: &[],
            file_bytes: &[],
            environment: &[],
            form_parts: false,
        }
    }

    #[test]
    fn samples_a_batch_did_not_finish_run_again_alone_after_their_requests_are_forgotten() {
        let work = tempfile::tempdir().unwrap();
        let runners = Runners::new(work.path(), work.path());
        let jobs: Vec<Job> = (0..3).map(|id| job(id, "")).collect();
        let forgotten = RefCell::new(Vec::new());
        let runs = runners.run_all(&BATCHED, &jobs, &|index| forgotten.borrow_mut().push(index));
        let alone = Run::Ran {
            success: false,
            stderr: "ran alone".into(),
        };
        assert_eq!(
            runs,
            [
                Run::Ran {
                    success: true,
                    stderr: String::new()
                },
                alone.clone(),
                alone
            ]
        );
        assert_eq!(*forgotten.borrow(), [1, 2]);
    }

    /// A batch that runs nothing when one of its samples is `poison` (as javac stops at one
    /// sample that does not compile), else every sample.
    fn stops_at_poison(setup: &BatchSetup) -> Result<Command, String> {
        let mut script = String::from("exit 1");
        if !setup.samples.iter().any(|sample| sample.code == "poison") {
            script = String::new();
            for sample in setup.samples {
                script.push_str(&format!(
                    "printf 'ok\\n' > '{}'; ",
                    sample.result().display()
                ));
            }
        }
        let mut command = Command::new("sh");
        command.arg("-c").arg(script);
        Ok(command)
    }

    #[test]
    fn a_batch_that_ran_nothing_runs_again_in_halves() {
        let target = Target {
            runner: Runner::Batched {
                one: alone,
                many: stops_at_poison,
            },
            ..BATCHED
        };
        let work = tempfile::tempdir().unwrap();
        let runners = Runners::new(work.path(), work.path());
        let jobs: Vec<Job> = (0..8)
            .map(|id| job(id, if id == 5 { "poison" } else { "" }))
            .collect();
        let forgotten = RefCell::new(Vec::new());
        let runs = runners.run_all(&target, &jobs, &|index| forgotten.borrow_mut().push(index));
        let ok = Run::Ran {
            success: true,
            stderr: String::new(),
        };
        let alone = Run::Ran {
            success: false,
            stderr: "ran alone".into(),
        };
        // 0-3 and 6-7 ran in batches; 4 and 5, a batch of two, each on its own
        assert_eq!(
            runs,
            [
                ok.clone(),
                ok.clone(),
                ok.clone(),
                ok.clone(),
                alone.clone(),
                alone,
                ok.clone(),
                ok
            ]
        );
        let mut forgotten = forgotten.into_inner();
        forgotten.sort();
        forgotten.dedup();
        assert_eq!(forgotten, (0..8).collect::<Vec<_>>());
    }

    #[test]
    fn a_batch_result_says_ok_or_failed_and_why() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("result");
        assert_eq!(read_result(&path), None);
        std::fs::write(&path, "failed\nTraceback\nConnectionError: refused\n").unwrap();
        assert_eq!(
            read_result(&path),
            Some(Run::Ran {
                success: false,
                stderr: "Traceback\nConnectionError: refused".into()
            })
        );
        std::fs::write(&path, "garbage").unwrap();
        assert_eq!(read_result(&path), None);
    }
}
