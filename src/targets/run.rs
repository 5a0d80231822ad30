//! How `verify` runs a target's samples: the runner a target declares, and the helpers a runner
//! uses to find its runtime and lay out a sample's files.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// How `verify` executes a target's sample against its echo server.
#[derive(Debug, Clone, Copy)]
pub enum Runner {
    /// A program started on the sample: the function writes what it needs below
    /// [`RunSetup::work`] and returns the command to run, or why the runtime is missing.
    Program(fn(&RunSetup) -> Result<Command, String>),
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

/// `program args…` succeeds (a library the runtime needs is there), or `missing`.
pub fn probe(program: &str, args: &[&str], missing: &str) -> Result<(), String> {
    let ok = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if ok { Ok(()) } else { Err(missing.into()) }
}

/// `node` running one of the support directory's harnesses (`run-fetch.js`…) on the sample, once
/// `npm ci` has installed the packages the harnesses load.
pub fn node_harness(setup: &RunSetup, harness: &str) -> Result<Command, String> {
    need(&["node"])?;
    let node = setup.support.join("node");
    if !node.join("node_modules").is_dir() {
        return Err(format!("run `npm ci` in {} first", node.display()));
    }
    let path = setup.write_sample("js")?;
    Ok(command(
        "node",
        [node.join(harness).as_os_str(), path.as_os_str()],
    ))
}

/// `python3` running the sample, once the library it imports (`module`, from PyPI's `package`)
/// is installed.
pub fn python_with(setup: &RunSetup, module: &str, package: &str) -> Result<Command, String> {
    need(&["python3"])?;
    probe(
        "python3",
        &["-c", &format!("import {module}")],
        &format!("Python's {module} is not installed (pip install {package})"),
    )?;
    Ok(command("python3", [setup.write_sample("py")?]))
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
