//! `samplegen verify`: proves each sample parses and, run in its real runtime against a loopback
//! echo server, sends exactly the request its spec describes.

pub mod expect;
pub mod live;
pub mod reuse;
pub mod runners;
pub mod server;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::config::SiteTarget;
use crate::error::Error;
use crate::model::{self, Body, Endpoint, PageId, PartContent};
use crate::project::Project;
use crate::render::Renderer;
use crate::spec;
use crate::targets::{Runner, Target};
use runners::{Job, Run, Runners};
use server::EchoServer;

/// What verifying one sample came to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", content = "detail", rename_all = "kebab-case")]
pub enum Status {
    /// It parses, and the server received exactly the spec's request.
    Passed,
    /// It does not parse, or the server received something else (the first difference).
    Failed(String),
    /// Its runtime is not installed (why).
    NotRun(String),
    /// It parses; there is no runtime for it here (Swift).
    SyntaxOnly,
    /// It does not send the spec's request for a reason the README lists as a known gap: the
    /// library or the browser cannot (which, and the difference).
    KnownGap(String),
}

#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub spec: String,
    pub target: &'static str,
    #[serde(flatten)]
    pub status: Status,
    /// Not run: an earlier run proved this very sample on these runtimes.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub reused: bool,
}

/// What to verify.
pub struct Options {
    /// Spec files; all of the project's when empty.
    pub specs: Vec<PathBuf>,
    /// Target ids; every configured target when empty.
    pub targets: Vec<String>,
    /// The runners' support directory (`node/`, `php/`, `csharp/`).
    pub support: PathBuf,
    /// Where earlier runs' proofs are kept ([`reuse::cache_dir`]); none: every sample runs.
    pub cache_dir: Option<PathBuf>,
    /// Run every sample, even one an earlier run proved.
    pub fresh: bool,
}

/// The support directory of this source tree, where `verify` finds its runners by default.
pub fn default_support() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support")
}

/// One sample made ready to run: the spec made live against the sample's own echo server, and
/// the sample rendered from it.
struct Prepared {
    spec: String,
    target: &'static Target,
    code: String,
    server: EchoServer,
    /// The request it must send: the spec made live with its secrets' test values.
    expected: Endpoint,
    /// Each secret it reads and its test value, set in its runner's environment.
    environment: Vec<(String, String)>,
    uploads: Vec<PathBuf>,
    file_bytes: Vec<Vec<u8>>,
    /// What it came to without running it (it does not parse, names no file to send, or an
    /// earlier run proved it).
    decided: Option<Status>,
    /// The key of its proof ([`reuse::Proven::key`]).
    key: String,
    reused: bool,
}

/// How many samples are prepared, each with its server listening, before they run: at most
/// 512, and few enough that their sockets stay well inside the process's open-file limit (a
/// listener each, a connection each while running, and room for the runners' pipes and files).
fn samples_at_once() -> usize {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit only writes the struct it is given
    let open_files = if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0 {
        usize::try_from(limit.rlim_cur).unwrap_or(usize::MAX)
    } else {
        1024
    };
    (open_files.saturating_sub(64) / 3).clamp(8, 512)
}

/// Verifies every selected sample. Each sample has its own echo server, so samples run side by
/// side: one worker per core takes the next target's batch (or the next sample of an unbatched
/// target). `progress` is told each outcome as it is known.
pub fn verify(
    project: &Project,
    renderer: &Renderer,
    options: &Options,
    progress: &mut (dyn FnMut(&Outcome) + Send),
) -> Result<Vec<Outcome>, Error> {
    let io = |error: std::io::Error| Error::Io {
        path: "verify".into(),
        error,
    };
    // A fresh directory only this user can enter (mode 0700, an unpredictable name, created
    // exclusively): nothing planted in the temporary directory is written through or run.
    let work_dir = tempfile::Builder::new()
        .prefix("samplegen-verify-")
        .tempdir()
        .map_err(io)?;
    let work = work_dir.path().to_path_buf();
    let runners = Runners::new(&options.support, &work);
    let mut proven = reuse::Proven::open(
        options.cache_dir.as_deref(),
        &project.root,
        &options.support,
        options.fresh,
    );

    // spec paths on the command line are relative to the project directory
    let paths: Vec<PathBuf> = if options.specs.is_empty() {
        project.discover()?.files
    } else {
        options
            .specs
            .iter()
            .map(|p| project.spec_argument(p))
            .collect::<Result<_, _>>()?
    };
    // every target the site renders, or those asked for (a built-in one the site does not show
    // included)
    let targets: Vec<SiteTarget> = if options.targets.is_empty() {
        project.config.targets.clone()
    } else {
        options
            .targets
            .iter()
            .map(|id| project.config.target(id))
            .collect::<Result<_, _>>()
            .map_err(Error::Usage)?
    };

    let site = Site {
        project,
        renderer,
        targets: &targets,
        config: project.config.fingerprint(),
        work: &work,
    };
    // Every prepared sample holds its own listening server (a socket and a thread) until it has
    // run, so the specs go in chunks of at most `samples_at_once()` samples: a large project stays
    // within the process's open-file limit, at the cost of one batch per chunk and target.
    let specs_at_once = (samples_at_once() / targets.len().max(1)).max(1);
    let mut outcomes = Vec::new();
    for (chunk, chunk_paths) in paths.chunks(specs_at_once).enumerate() {
        let mut prepared = Vec::new();
        for (offset, path) in chunk_paths.iter().enumerate() {
            let index = chunk * specs_at_once + offset;
            prepared.extend(site.prepare(
                path,
                &work.join(format!("files-{index}")),
                &mut proven,
            )?);
        }

        let statuses = run_prepared(&runners, &prepared, progress);
        for (sample, status) in prepared.iter().zip(&statuses) {
            if sample.decided.is_none() {
                proven.record(sample.key.clone(), status);
            }
        }
        outcomes.extend(
            prepared
                .iter()
                .zip(statuses)
                .map(|(sample, status)| Outcome {
                    spec: sample.spec.clone(),
                    target: sample.target.id,
                    status,
                    reused: sample.reused,
                }),
        );
    }
    drop(work_dir);
    proven.save();
    Ok(outcomes)
}

/// What preparing a spec's samples needs of the run: the site, the targets asked for, and the
/// run's work directory.
struct Site<'a> {
    project: &'a Project,
    renderer: &'a Renderer,
    targets: &'a [SiteTarget],
    /// The site's config, part of what each sample's request is made of.
    config: String,
    work: &'a Path,
}

impl Site<'_> {
    /// One spec's samples in every target, each with its echo server listening and what an
    /// earlier run or the syntax check already decided; its upload files go to `files_dir`.
    fn prepare(
        &self,
        path: &Path,
        files_dir: &Path,
        proven: &mut reuse::Proven,
    ) -> Result<Vec<Prepared>, Error> {
        let io = |error: std::io::Error| Error::Io {
            path: "verify".into(),
            error,
        };
        let project = self.project;
        // the spec as written must be valid; its live twins are what run
        let endpoint = project.load_spec(path).map_err(Error::Diagnostics)?;
        let shown = endpoint.source.display().to_string();
        let source = project.read_spec(path).map_err(Error::Diagnostics)?;
        let parsed = spec::parse(&source).map_err(|error| Error::Usage(error.to_string()))?;
        // what the request it must send is made of: the spec as written and the site's config
        let request_source = format!("{source}\n{}", self.config);
        let mut prepared = Vec::new();
        for target in self.targets {
            let server = EchoServer::start().map_err(io)?;
            let (live, expected) =
                make_live(project, &parsed, &endpoint, &server.origin(), files_dir)?;
            // each secret a sample reads, set to its test value in the runner's environment
            let environment: Vec<(String, String)> = live
                .sample_values
                .secrets
                .values()
                .map(|env| (env.clone(), live::secret_value_of(env)))
                .collect();
            let uploads = uploads(&live);
            let file_bytes: Vec<Vec<u8>> = uploads
                .iter()
                .map(|p| std::fs::read(p).unwrap_or_default())
                .collect();
            // a raw HTTP message has no environment: it shows the request with the test values
            let rendered = if matches!(target.target.runner, Runner::RawHttp) {
                &expected
            } else {
                &live
            };
            let code = self.renderer.sample(rendered, target)?;
            let unchosen_file =
                matches!(&live.request.body, Some(Body::File { path, .. }) if path.is_empty());
            let key = proven.key(
                target.target.id,
                &code,
                &request_source,
                &file_bytes,
                server.port,
                self.work,
            );
            let (decided, reused) = if let Err(error) = crate::syntax::check(target.target, &code) {
                (
                    Some(Status::Failed(format!("does not parse: {error}"))),
                    false,
                )
            } else if unchosen_file {
                // the spec names no file to send (`file: ""`): there is no request to compare
                (Some(Status::SyntaxOnly), false)
            } else {
                let earlier = proven.get(&key);
                let reused = earlier.is_some();
                (earlier, reused)
            };
            prepared.push(Prepared {
                spec: shown.clone(),
                target: target.target,
                code,
                server,
                expected,
                environment,
                uploads,
                file_bytes,
                decided,
                key,
                reused,
            });
        }
        Ok(prepared)
    }
}

/// Runs the prepared samples that need running, on one worker per core, and says what each came
/// to, in the order of `prepared`.
fn run_prepared(
    runners: &Runners,
    prepared: &[Prepared],
    progress: &mut (dyn FnMut(&Outcome) + Send),
) -> Vec<Status> {
    let mut statuses: Vec<Option<Status>> = prepared.iter().map(|p| p.decided.clone()).collect();
    for (sample, status) in prepared.iter().zip(&statuses) {
        if let Some(status) = status {
            progress(&Outcome {
                spec: sample.spec.clone(),
                target: sample.target.id,
                status: status.clone(),
                reused: sample.reused,
            });
        }
    }
    // a unit of work: the samples of one target that run together
    let mut by_target: Vec<(&'static Target, Vec<usize>)> = Vec::new();
    for (index, sample) in prepared.iter().enumerate() {
        if sample.decided.is_some() {
            continue;
        }
        match by_target.iter_mut().find(|(t, _)| t.id == sample.target.id) {
            Some((_, indices)) => indices.push(index),
            None => by_target.push((sample.target, vec![index])),
        }
    }
    let mut units: Vec<(&'static Target, Vec<usize>)> = Vec::new();
    for (target, indices) in by_target {
        if matches!(target.runner, Runner::Batched { .. }) {
            units.push((target, indices));
        } else {
            units.extend(indices.into_iter().map(|index| (target, vec![index])));
        }
    }
    // the big batches first, so that no core idles at the end waiting for one
    units.sort_by_key(|(_, indices)| std::cmp::Reverse(indices.len()));
    let queue = Mutex::new(units.into_iter());
    let shared = Mutex::new((&mut statuses, progress));
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let next = queue.lock().unwrap_or_else(|e| e.into_inner()).next();
                    let Some((target, indices)) = next else {
                        return;
                    };
                    let jobs: Vec<Job> = indices
                        .iter()
                        .map(|&index| {
                            let sample = &prepared[index];
                            sample.server.take();
                            Job {
                                id: index,
                                code: &sample.code,
                                port: sample.server.port,
                                files: &sample.uploads,
                                file_bytes: &sample.file_bytes,
                                environment: &sample.environment,
                                form_parts: matches!(
                                    sample.expected.request.body,
                                    Some(Body::Formdata { .. })
                                ),
                            }
                        })
                        .collect();
                    let forget = |i: usize| {
                        prepared[indices[i]].server.take();
                    };
                    let runs = runners.run_all(target, &jobs, &forget);
                    for (&index, run) in indices.iter().zip(runs) {
                        let sample = &prepared[index];
                        let status = judge(run, sample);
                        let mut shared = shared.lock().unwrap_or_else(|e| e.into_inner());
                        (shared.1)(&Outcome {
                            spec: sample.spec.clone(),
                            target: target.id,
                            status: status.clone(),
                            reused: false,
                        });
                        shared.0[index] = Some(status);
                    }
                }
            });
        }
    });
    statuses
        .into_iter()
        .map(|status| status.expect("every sample was decided or run"))
        .collect()
}

/// What running a sample came to, judged by what its echo server received.
fn judge(run: Run, sample: &Prepared) -> Status {
    match run {
        Run::NotExecuted => Status::SyntaxOnly,
        Run::Unavailable(why) => Status::NotRun(why),
        Run::Ran { success, stderr } => {
            let status = match expect::compare(&sample.expected.request, &sample.server.take()) {
                Ok(()) if success => Status::Passed,
                Ok(()) => Status::Failed(format!("sent the request, then failed: {stderr}")),
                Err(difference) if stderr.is_empty() => Status::Failed(difference),
                Err(difference) => Status::Failed(format!("{difference}\n{stderr}")),
            };
            match (status, (sample.target.known_gap)(&sample.expected.request)) {
                (Status::Failed(difference), Some(gap)) => {
                    Status::KnownGap(format!("{gap}: {difference}"))
                }
                (status, _) => status,
            }
        }
    }
}

/// The parsed spec made live (see [`live::make_live`]) and validated twice: as its samples
/// are rendered (secrets read from the environment), and as the request that must arrive (each
/// secret its test value).
fn make_live(
    project: &Project,
    parsed: &spec::Spec,
    endpoint: &Endpoint,
    origin: &str,
    files_dir: &Path,
) -> Result<(Endpoint, Endpoint), Error> {
    let live =
        live::make_live(parsed, &endpoint.sample_values, origin, files_dir).map_err(|error| {
            Error::Io {
                path: files_dir.to_path_buf(),
                error,
            }
        })?;
    let id = PageId {
        module: endpoint.id.module.clone(),
        page: endpoint.id.page.clone(),
    };
    let site = &project.config.sample_values;
    let rendered = model::validate_with(live.clone(), id.clone(), &endpoint.source, "", site)
        .map_err(Error::Diagnostics)?;
    // the values in force for this spec (the site's and its own), its secrets made test values
    let concrete = spec::Spec {
        variables: None,
        secrets: None,
        auth_style: None,
        ..live
    };
    let expected = model::validate_with(
        concrete,
        id,
        &endpoint.source,
        "",
        &live::with_test_secrets(&endpoint.sample_values),
    )
    .map_err(Error::Diagnostics)?;
    Ok((rendered, expected))
}

/// The files a request uploads, in the order its samples name them.
fn uploads(endpoint: &Endpoint) -> Vec<PathBuf> {
    match &endpoint.request.body {
        Some(Body::File { path, .. }) => vec![PathBuf::from(path)],
        Some(Body::Formdata { parts }) => parts
            .iter()
            .filter_map(|part| match &part.content {
                PartContent::File { path, .. } => Some(PathBuf::from(path)),
                PartContent::Text { .. } => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The outcomes as a table: one row per spec, one column per target, then every failure and
/// every reason a target did not run.
pub fn report(outcomes: &[Outcome]) -> String {
    let mut targets: Vec<&str> = Vec::new();
    let mut specs: Vec<&str> = Vec::new();
    for outcome in outcomes {
        if !targets.contains(&outcome.target) {
            targets.push(outcome.target);
        }
        if !specs.contains(&outcome.spec.as_str()) {
            specs.push(&outcome.spec);
        }
    }
    let width = specs.iter().map(|s| s.len()).max().unwrap_or(4).max(4);
    let mut out = format!("{:width$}", "spec");
    for target in &targets {
        out.push_str(&format!(" {target:>7}"));
    }
    out.push('\n');
    for spec in &specs {
        out.push_str(&format!("{spec:width$}"));
        for target in &targets {
            let cell = outcomes
                .iter()
                .find(|o| o.spec == *spec && o.target == *target)
                .map_or("", |o| match o.status {
                    Status::Passed => "ok",
                    Status::Failed(_) => "FAILED",
                    Status::NotRun(_) => "not run",
                    Status::SyntaxOnly => "syntax",
                    Status::KnownGap(_) => "gap",
                });
            out.push_str(&format!(" {cell:>7}"));
        }
        out.push('\n');
    }
    let mut reasons: Vec<String> = Vec::new();
    for outcome in outcomes {
        match &outcome.status {
            Status::Failed(difference) => out.push_str(&format!(
                "\nFAILED {} [{}]: {}\n",
                outcome.spec, outcome.target, difference
            )),
            Status::KnownGap(why) => out.push_str(&format!(
                "\nknown gap {} [{}]: {}\n",
                outcome.spec, outcome.target, why
            )),
            Status::NotRun(why) => {
                let line = format!("not run [{}]: {why}", outcome.target);
                if !reasons.contains(&line) {
                    reasons.push(line);
                }
            }
            _ => {}
        }
    }
    for reason in reasons {
        out.push_str(&format!("\n{reason}"));
    }
    let count = |f: fn(&Status) -> bool| outcomes.iter().filter(|o| f(&o.status)).count();
    let reused = outcomes.iter().filter(|o| o.reused).count();
    let reused = if reused > 0 {
        format!(
            "; {reused} of them proved by an earlier run on the same runtimes (--fresh runs them)"
        )
    } else {
        String::new()
    };
    out.push_str(&format!(
        "\n\nsamplegen verify: {} passed, {} failed, {} known gaps, {} not run, {} checked by syntax only{reused}\n",
        count(|s| matches!(s, Status::Passed)),
        count(|s| matches!(s, Status::Failed(_))),
        count(|s| matches!(s, Status::KnownGap(_))),
        count(|s| matches!(s, Status::NotRun(_))),
        count(|s| matches!(s, Status::SyntaxOnly)),
    ));
    out
}
