//! How `verify` runs a target's samples: the runner a target declares, and the helpers a runner
//! uses to find its runtime and lay out a sample's files.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;

/// How `verify` executes a target's sample against its echo server.
#[derive(Debug, Clone, Copy)]
pub enum Runner {
    /// A program started on the sample: the function writes what it needs below
    /// [`RunSetup::work`] and returns the command to run, or why the runtime is missing.
    Program(fn(&RunSetup) -> Result<Command, String>),
    /// Like `Program` for one sample (`one`), and one process for many (`many`): a runtime that
    /// is slow to start or compile (a JVM, Go's linker, jsdom) starts once for all of a run's
    /// samples. `many` writes each sample below its [`BatchSample::dir`] and returns a command
    /// that runs them all and writes each one's [`BatchSample::result`]. When that command fails
    /// before writing every result (a sample that does not compile stops the whole batch), the
    /// samples without one run again with `one`, so a failure names its own sample.
    Batched {
        one: fn(&RunSetup) -> Result<Command, String>,
        many: fn(&BatchSetup) -> Result<Command, String>,
    },
    /// `verify` sends the raw HTTP message over a socket itself.
    RawHttp,
    /// A site's own command, run by `sh -c` with `{file}` replaced by the sample's path.
    Command(&'static str),
    /// Not executed; the sample is still syntax-checked. Why (e.g. no runtime installs here).
    None { reason: &'static str },
}

/// What a runner is given for one sample.
pub struct RunSetup<'a> {
    /// The sample's code.
    pub code: &'a str,
    /// The runners' support directory (`node/`, `php/`, `csharp/`).
    pub support: &'a Path,
    /// A private directory for the sample's files.
    pub work: &'a Path,
    /// A directory every sample of the run shares, for what is built once (the RestSharp double).
    pub shared: &'a Path,
    /// The echo server's port on 127.0.0.1.
    pub port: u16,
    /// The files the request uploads, in the order the sample names them.
    pub files: &'a [PathBuf],
}

impl RunSetup<'_> {
    /// Writes `contents` to `name` in the work directory.
    pub fn write(&self, name: &str, contents: &str) -> Result<PathBuf, String> {
        let path = self.work.join(name);
        std::fs::write(&path, contents).map_err(|error| format!("cannot write {name}: {error}"))?;
        Ok(path)
    }

    /// Writes the sample as `sample.<extension>`.
    pub fn write_sample(&self, extension: &str) -> Result<PathBuf, String> {
        self.write(&format!("sample.{extension}"), self.code)
    }
}

/// What a batch runner is given: the samples of one target, each with its own echo server.
pub struct BatchSetup<'a> {
    pub samples: &'a [BatchSample<'a>],
    /// The runners' support directory (`node/`, `php/`, `csharp/`, `python/`…).
    pub support: &'a Path,
    /// A private directory for the batch's own files (a harness, compiled classes).
    pub work: &'a Path,
}

/// One sample of a batch.
pub struct BatchSample<'a> {
    pub code: &'a str,
    /// Its own echo server's port on 127.0.0.1.
    pub port: u16,
    /// The files it uploads, in the order it names them.
    pub files: &'a [PathBuf],
    /// The secrets it reads and their test values. The batch's process has every sample's set;
    /// a harness that can give each sample its own (the node harnesses) does.
    pub environment: &'a [(String, String)],
    /// A private directory for its files, `s<index>` below the batch's work directory.
    pub dir: PathBuf,
}

impl BatchSample<'_> {
    /// Where the batch writes what running this sample came to: `ok`, or `failed` and on the
    /// following lines why (what it threw, the tail of what it printed to stderr).
    pub fn result(&self) -> PathBuf {
        self.dir.join("result")
    }

    /// Writes `contents` to `name` in the sample's directory.
    pub fn write(&self, name: &str, contents: &str) -> Result<PathBuf, String> {
        let path = self.dir.join(name);
        std::fs::write(&path, contents).map_err(|error| format!("cannot write {name}: {error}"))?;
        Ok(path)
    }
}

impl BatchSetup<'_> {
    /// Writes every sample, through `shape` (the sample's index and code to the file's text),
    /// as `name` in its directory; their paths, in order.
    pub fn write_each(
        &self,
        name: &str,
        shape: impl Fn(usize, &str) -> String,
    ) -> Result<Vec<PathBuf>, String> {
        self.samples
            .iter()
            .enumerate()
            .map(|(index, sample)| sample.write(name, &shape(index, sample.code)))
            .collect()
    }

    /// Writes `contents` to `name` in the batch's work directory.
    pub fn write(&self, name: &str, contents: &str) -> Result<PathBuf, String> {
        let path = self.work.join(name);
        std::fs::write(&path, contents).map_err(|error| format!("cannot write {name}: {error}"))?;
        Ok(path)
    }

    /// A command running one of the support directory's `harness`es on every sample: its
    /// arguments are pairs of a sample's file (as `write_each` wrote it) and its result file.
    pub fn harness(&self, program: &str, leading: &[&OsStr], files: &[PathBuf]) -> Command {
        let mut command = Command::new(program);
        command.args(leading);
        for (file, sample) in files.iter().zip(self.samples) {
            command.arg(file).arg(sample.result());
        }
        command
    }
}

/// Where Debian installs the jars of its Java and Clojure libraries.
pub const DEBIAN_JARS: &str = "/usr/share/java";

/// The class path of `jars` as Debian installs them in [`DEBIAN_JARS`], or the name of the first
/// one missing.
pub fn debian_classpath<'a>(jars: &[&'a str]) -> Result<String, &'a str> {
    let dir = Path::new(DEBIAN_JARS);
    let mut parts = Vec::with_capacity(jars.len());
    for jar in jars {
        let path = dir.join(jar);
        if !path.is_file() {
            return Err(jar);
        }
        parts.push(path.display().to_string());
    }
    Ok(parts.join(":"))
}

/// Every command in `commands` is on the `PATH`, or why not.
pub fn need(commands: &[&str]) -> Result<(), String> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for command in commands {
        let found = std::env::split_paths(&path).any(|dir| dir.join(command).is_file());
        if !found {
            return Err(format!("`{command}` is not installed"));
        }
    }
    Ok(())
}

/// `program args…` succeeds (a library the runtime needs is there), or `missing`. Asked once per
/// process: the answer does not change while verify runs, and a probe costs a runtime's start.
pub fn probe(program: &str, args: &[&str], missing: &str) -> Result<(), String> {
    static ANSWERS: Mutex<BTreeMap<String, bool>> = Mutex::new(BTreeMap::new());
    let key = format!("{program}\0{}", args.join("\0"));
    let known = ANSWERS
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(&key)
        .copied();
    let ok = known.unwrap_or_else(|| {
        let ok = Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ANSWERS
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key, ok);
        ok
    });
    if ok { Ok(()) } else { Err(missing.into()) }
}

/// `node` running one of the support directory's harnesses (`run-node.js`…) on the sample, once
/// `npm ci` has installed the packages the harnesses load.
pub fn node_harness(setup: &RunSetup, harness: &str) -> Result<Command, String> {
    let node = node_modules(setup.support)?;
    let path = setup.write_sample("js")?;
    Ok(command(
        "node",
        [node.join(harness).as_os_str(), path.as_os_str()],
    ))
}

/// `node` running one of the support directory's harnesses on a batch: `--many JOBS`, where JOBS
/// lists each sample's file (written as `sample.js`), result file and environment (`env`, which
/// the harness gives the sample alone), with what `more` adds.
pub fn node_many(
    setup: &BatchSetup,
    harness: &str,
    more: impl Fn(&BatchSample) -> serde_json::Value,
) -> Result<Command, String> {
    let node = node_modules(setup.support)?;
    let files = setup.write_each("sample.js", |_, code| code.to_string())?;
    let jobs: Vec<serde_json::Value> = setup
        .samples
        .iter()
        .zip(&files)
        .map(|(sample, file)| {
            let env: serde_json::Map<String, serde_json::Value> = sample
                .environment
                .iter()
                .map(|(name, value)| (name.clone(), value.as_str().into()))
                .collect();
            let mut job =
                serde_json::json!({"sample": file, "result": sample.result(), "env": env});
            if let (Some(job), serde_json::Value::Object(more)) =
                (job.as_object_mut(), more(sample))
            {
                job.extend(more);
            }
            job
        })
        .collect();
    let jobs = setup.write("jobs.json", &serde_json::Value::from(jobs).to_string())?;
    Ok(command(
        "node",
        [
            node.join(harness).as_os_str(),
            "--many".as_ref(),
            jobs.as_os_str(),
        ],
    ))
}

/// `node` running `run-node.js` on one sample as `node SAMPLE.js` would (a NodeJS sample, or a
/// page's fetch or axios sample whose `fileInput` holds the files the request uploads).
pub fn node_program(setup: &RunSetup) -> Result<Command, String> {
    let mut node = node_harness(setup, "run-node.js")?;
    for file in setup.files {
        node.arg("--file").arg(file);
    }
    Ok(node)
}

/// `run-node.js` on every sample of a batch in one node process, each imported from its own
/// file with its own `process.env` and `fileInput`, one after the other.
pub fn node_programs(setup: &BatchSetup) -> Result<Command, String> {
    node_many(
        setup,
        "run-node.js",
        |sample| serde_json::json!({ "files": sample.files }),
    )
}

/// The runner of the samples `run-node.js` runs: batched, as starting node costs more than most
/// samples take.
pub const NODE_PROGRAM: Runner = Runner::Batched {
    one: node_program,
    many: node_programs,
};

/// The support directory's `node/`, once `npm ci` has installed the packages its harnesses load.
fn node_modules(support: &Path) -> Result<PathBuf, String> {
    need(&["node"])?;
    let node = support.join("node");
    if !node.join("node_modules").is_dir() {
        return Err(format!("run `npm ci` in {} first", node.display()));
    }
    Ok(node)
}

/// `python3` running the sample, once the library it imports (`module`, from PyPI's `package`)
/// is installed.
pub fn python_with(setup: &RunSetup, module: &str, package: &str) -> Result<Command, String> {
    python_ready(module, package)?;
    Ok(command("python3", [setup.write_sample("py")?]))
}

/// `python3` running every sample of a batch in one interpreter (the support directory's
/// `python/run_many.py`), once `module` is installed.
pub fn python_many(setup: &BatchSetup, module: &str, package: &str) -> Result<Command, String> {
    python_ready(module, package)?;
    let files = setup.write_each("sample.py", |_, code| code.to_string())?;
    let harness = setup.support.join("python/run_many.py");
    Ok(setup.harness("python3", &[harness.as_os_str()], &files))
}

/// `python3` is installed with `module` (from PyPI's `package`, or `""` for a module of the
/// standard library, which needs nothing more), or why not.
fn python_ready(module: &str, package: &str) -> Result<(), String> {
    need(&["python3"])?;
    if package.is_empty() {
        return Ok(());
    }
    probe(
        "python3",
        &["-c", &format!("import {module}")],
        &format!("Python's {module} is not installed (pip install {package})"),
    )
}

/// One JVM for every sample of a batch: each sample, made a class `Main` by `wrap`, is compiled
/// into its own package `s<index>` with the support directory's `java/RunMany.java` (one `javac`
/// for all), which then calls each one's `main` in turn. `classpath`: the client library's jars.
pub fn java_many(
    setup: &BatchSetup,
    classpath: &str,
    wrap: fn(&str) -> String,
) -> Result<Command, String> {
    need(&["java", "javac", "sh"])?;
    let sources = setup.write_each("Main.java", |index, code| {
        format!("package s{index};\n{}", wrap(code))
    })?;
    let mut list: Vec<String> = sources.iter().map(|p| p.display().to_string()).collect();
    list.push(
        setup
            .support
            .join("java/RunMany.java")
            .display()
            .to_string(),
    );
    // javac reads its sources from a file: a batch can name more than a command line holds
    let list = setup.write(
        "sources.txt",
        &list
            .iter()
            .map(|p| format!("\"{}\"\n", p.replace('\\', "\\\\")))
            .collect::<String>(),
    )?;
    let classes = setup.work.join("classes");
    let mut java = command(
        "sh",
        [
            "-c".as_ref(),
            "set -e; classes=$1; libraries=$2; sources=$3; shift 3; javac -nowarn -encoding UTF-8 -d \"$classes\" -cp \"$libraries\" @\"$sources\" >&2; exec java -cp \"$classes:$libraries\" RunMany \"$@\"".as_ref(),
            "sh".as_ref(),
            classes.as_os_str(),
            classpath.as_ref(),
            list.as_os_str(),
        ],
    );
    for (index, sample) in setup.samples.iter().enumerate() {
        java.arg(format!("s{index}.Main")).arg(sample.result());
    }
    Ok(java)
}

/// A command running `program` on `args`.
pub fn command<I, S>(program: &str, args: I) -> Command
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let mut command = Command::new(program);
    command.args(args);
    command
}

/// `php` running the sample with the `-d` `settings` given, once `ready` (PHP code run with
/// the same settings) exits 0: the extension or library the sample needs is there, else `missing`.
pub fn php_sample(
    setup: &RunSetup,
    settings: &[String],
    ready: &str,
    missing: &str,
) -> Result<Command, String> {
    need(&["php"])?;
    let mut args: Vec<&str> = settings.iter().flat_map(|s| ["-d", s.as_str()]).collect();
    let probe_args: Vec<&str> = args.iter().copied().chain(["-r", ready]).collect();
    probe("php", &probe_args, missing)?;
    let path = setup.write_sample("php")?;
    let path = path.to_string_lossy().into_owned();
    args.push(&path);
    Ok(command("php", args))
}
/// Why the PowerShell samples are not run.
pub const NO_POWERSHELL: &str = "PowerShell does not install from the registries this project's machines reach (Debian has no package; Microsoft ships it from its own repository and NuGet)";
/// `Rscript` running the sample, once the R package it loads (`package`, from Debian's
/// `debian`) is installed.
pub fn r_with(setup: &RunSetup, package: &str, debian: &str) -> Result<Command, String> {
    r_ready(package, debian)?;
    Ok(command("Rscript", [setup.write_sample("R")?]))
}

/// One `Rscript` running every sample of a batch, each sourced in an environment of its own (the
/// support directory's `r/run_many.R`), once `package` is installed: R is slow to start.
pub fn r_many(setup: &BatchSetup, package: &str, debian: &str) -> Result<Command, String> {
    r_ready(package, debian)?;
    let files = setup.write_each("sample.R", |_, code| code.to_string())?;
    let harness = setup.support.join("r/run_many.R");
    Ok(setup.harness("Rscript", &[harness.as_os_str()], &files))
}

/// `Rscript` is installed with the R package `package` (Debian's `debian`), or why not.
fn r_ready(package: &str, debian: &str) -> Result<(), String> {
    need(&["Rscript"])?;
    probe(
        "Rscript",
        &["-e", &format!("library({package})")],
        &format!("R's {package} is not installed (apt-get install {debian})"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_class_path_names_the_first_jar_missing() {
        assert_eq!(
            debian_classpath(&["samplegen-no-such-1.jar", "samplegen-no-such-2.jar"]),
            Err("samplegen-no-such-1.jar")
        );
        assert_eq!(debian_classpath(&[]), Ok(String::new()));
    }
}
