//! Running a sample in its real runtime: curl under bash, a raw HTTP message over a socket, Go,
//! Java with OkHttp, jQuery in Node with jsdom, NodeJS with `request`, Python with requests, Ruby,
//! PHP and C# (with the test doubles in the support directory unless given the real libraries).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long one sample may run.
const TIMEOUT: Duration = Duration::from_secs(60);

/// What running a sample came to (what the server received is judged separately).
pub enum Run {
    /// The runtime ran it; its exit status and the tail of what it printed to stderr.
    Ran { success: bool, stderr: String },
    /// The runtime is not installed.
    Unavailable(String),
}

/// The runtimes, found once.
pub struct Runners {
    support: PathBuf,
    work: PathBuf,
    java_classpath: Option<String>,
}

impl Runners {
    /// `support` holds `node/`, `php/` and `csharp/` (the repository's `tests/support`); samples
    /// are written below `work`.
    pub fn new(support: &Path, work: &Path) -> Runners {
        Runners {
            support: support.to_path_buf(),
            work: work.to_path_buf(),
            java_classpath: java_classpath(),
        }
    }

    /// Runs `code`, a `target` sample. `files` are the files it uploads, in order (the jQuery
    /// runner hands them to `fileInput`); `http` is for the raw HTTP message: the echo server's
    /// port and the bytes that stand in for `(data)` and `"<file contents here>"`.
    pub fn run(
        &self,
        target: &str,
        code: &str,
        files: &[PathBuf],
        port: u16,
        file_bytes: &[Vec<u8>],
    ) -> Run {
        let sample = |extension: &str| -> std::io::Result<PathBuf> {
            let path = self.work.join(format!("sample.{extension}"));
            std::fs::write(&path, code)?;
            Ok(path)
        };
        let result = match target {
            "curl" => need(&["bash", "curl"]).and_then(|()| {
                let path = sample("sh").map_err(io)?;
                Ok(run(Command::new("bash").arg(path)))
            }),
            "http" => Ok(send_http(code, port, file_bytes)),
            "go" => need(&["go"]).and_then(|()| {
                let path = sample("go").map_err(io)?;
                let mut command = Command::new("go");
                command.arg("run").arg(path).env("GO111MODULE", "off");
                Ok(run(&mut command))
            }),
            "java" => need(&["java"]).and_then(|()| {
                let classpath = self
                    .java_classpath
                    .clone()
                    .ok_or("OkHttp's jars are not in /usr/share/java (Debian: libokhttp-java libokio-java)")?;
                let wrapped = format!(
                    "import java.io.*;\nimport okhttp3.*;\npublic class Main {{\n  public static void main(String []args) throws IOException{{\n{code}\n    System.out.println(response.body().string());\n  }}\n}}\n"
                );
                let path = self.work.join("Main.java");
                std::fs::write(&path, wrapped).map_err(io)?;
                Ok(run(Command::new("java").arg("-cp").arg(classpath).arg(path)))
            }),
            "jquery" | "nodejs" => need(&["node"]).and_then(|()| {
                let node = self.support.join("node");
                if !node.join("node_modules").is_dir() {
                    return Err(format!("run `npm ci` in {} first", node.display()));
                }
                let path = sample("js").map_err(io)?;
                let mut command = Command::new("node");
                if target == "jquery" {
                    command
                        .arg(node.join("run-jquery.js"))
                        .arg(&path)
                        .arg(format!("http://127.0.0.1:{port}/"))
                        .arg("--quiet");
                    for file in files {
                        command.arg("--file").arg(file);
                    }
                } else {
                    command.arg(node.join("run-request.js")).arg(&path);
                }
                Ok(run(&mut command))
            }),
            "python" => need(&["python3"]).and_then(|()| {
                let ok = Command::new("python3")
                    .args(["-c", "import requests"])
                    .stderr(Stdio::null())
                    .status()
                    .is_ok_and(|s| s.success());
                if !ok {
                    return Err("Python's requests is not installed (pip install requests)".into());
                }
                let path = sample("py").map_err(io)?;
                Ok(run(Command::new("python3").arg(path)))
            }),
            "php" => need(&["php"]).and_then(|()| {
                let ok = Command::new("php")
                    .args(["-r", "exit(function_exists('curl_init') ? 0 : 1);"])
                    .status()
                    .is_ok_and(|s| s.success());
                if !ok {
                    return Err("PHP's curl extension is not installed (Debian: php-curl)".into());
                }
                let path = sample("php").map_err(io)?;
                let include = format!("include_path={}", self.support.join("php").display());
                Ok(run(Command::new("php").arg("-d").arg(include).arg(path)))
            }),
            "ruby" => need(&["ruby"]).and_then(|()| {
                let path = sample("rb").map_err(io)?;
                Ok(run(Command::new("ruby").arg(path)))
            }),
            "csharp" => need(&["mono", "mcs", "sh"]).and_then(|()| {
                let path = sample("cs").map_err(io)?;
                let mut command = Command::new("sh");
                command
                    .arg(self.support.join("csharp/wrap.sh"))
                    .arg(path)
                    .env("RESTSHARP_DOUBLE_BUILD", self.work.join("restsharp"));
                Ok(run(&mut command))
            }),
            _ => Err(format!("no runtime for `{target}`")),
        };
        result.unwrap_or_else(Run::Unavailable)
    }
}

fn io(error: std::io::Error) -> String {
    error.to_string()
}

/// Every command in `commands` is on the `PATH`, or why not.
fn need(commands: &[&str]) -> Result<(), String> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for command in commands {
        let found = std::env::split_paths(&path).any(|dir| dir.join(command).is_file());
        if !found {
            return Err(format!("`{command}` is not installed"));
        }
    }
    Ok(())
}

/// Runs a command with a timeout, keeping the tail of its stderr.
fn run(command: &mut Command) -> Run {
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
            Ok(None) if started.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(_) => break None,
        }
    };
    let text = reader.join().unwrap_or_default();
    let tail: Vec<&str> = text.lines().rev().take(6).collect();
    let mut stderr: String = tail.into_iter().rev().collect::<Vec<_>>().join("\n");
    if status.is_none() {
        stderr = format!("timed out after {} s\n{stderr}", TIMEOUT.as_secs());
    }
    Run::Ran {
        success: status.is_some_and(|s| s.success()),
        stderr,
    }
}

/// Sends a raw HTTP sample over a socket as a client would: CRLF line ends in the head (and in a
/// multipart body), `Content-Length` added, and the placeholders the sample shows for file bytes
/// (`"<file contents here>"`, `(data)`) replaced by the files' bytes.
fn send_http(code: &str, port: u16, file_bytes: &[Vec<u8>]) -> Run {
    let (head, body) = match code.split_once("\n\n") {
        Some((head, body)) => (head, body),
        None => (code, ""),
    };
    let multipart = head.lines().any(|l| {
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

/// The class path for OkHttp from Debian's packages, if installed.
fn java_classpath() -> Option<String> {
    let dir = Path::new("/usr/share/java");
    let jar = |names: &[&str]| names.iter().map(|n| dir.join(n)).find(|p| p.is_file());
    let okhttp = jar(&["okhttp.jar"])?;
    let okio = jar(&["okio.jar"])?;
    let mut parts = vec![okhttp, okio];
    // newer okio builds need Kotlin's standard library
    if let Some(kotlin) = jar(&["kotlin-stdlib.jar"]) {
        parts.push(kotlin);
    }
    Some(
        parts
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(":"),
    )
}
