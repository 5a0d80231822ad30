//! What earlier `verify` runs proved: a sample that passed (or showed only its known gap) is not
//! run again while neither it, the request it must send, the files it uploads nor the runtimes
//! have changed.
//!
//! The record lives in the user's cache directory, never in the project: a pull request cannot
//! ship a record that claims its samples passed. Entries are keyed by a SHA-256 of everything the
//! outcome depends on, so a changed sample cannot be mistaken for a proven one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::Status;

/// Entries not used for this long are dropped when the record is saved.
const FORGET_AFTER_DAYS: u64 = 30;

/// The executables a runner may start; a change to any of them (a new version installed) makes
/// every earlier proof stale.
const RUNTIMES: &[&str] = &[
    "bash",
    "curl",
    "go",
    "java",
    "javac",
    "mcs",
    "mono",
    "node",
    "php",
    "python3",
    "ruby",
    "sh",
    "http",
    "wget",
    "kotlinc",
    "clojure",
    "gcc",
    "cargo",
    "Rscript",
    "ocamlfind",
    "ocamlopt",
    "crystal",
];

/// The proofs of earlier runs, and those of this run, for one project.
pub struct Proven {
    /// Where they are kept; `None` when there is no cache directory (nothing is reused).
    file: Option<PathBuf>,
    /// What the runtimes were when the record was read, part of every key.
    runtimes: String,
    entries: BTreeMap<String, Entry>,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    status: Status,
    /// Seconds since the epoch when it was last proved or used.
    used: u64,
}

impl Proven {
    /// The record for the project at `project`, in `cache_dir` (see [`cache_dir`]); empty when
    /// `fresh` (everything runs, and what passes is recorded again).
    pub fn open(cache_dir: Option<&Path>, project: &Path, support: &Path, fresh: bool) -> Proven {
        let file = cache_dir.map(|dir| {
            // an empty path is the working directory
            let project = if project.as_os_str().is_empty() {
                Path::new(".")
            } else {
                project
            };
            let project = std::fs::canonicalize(project).unwrap_or_else(|_| project.to_path_buf());
            let name =
                hex(&Sha256::digest(project.display().to_string().as_bytes()))[..16].to_string();
            dir.join(format!("verify-{name}.json"))
        });
        let entries = match (&file, fresh) {
            (Some(file), false) => std::fs::read(file)
                .ok()
                .and_then(|bytes| serde_json::from_slice(&bytes).ok())
                .unwrap_or_default(),
            _ => BTreeMap::new(),
        };
        // without a record nothing is looked up: the runtimes need not be asked
        let runtimes = if file.is_some() {
            runtimes_fingerprint(support)
        } else {
            String::new()
        };
        Proven {
            file,
            runtimes,
            entries,
        }
    }

    /// The key of a sample: everything its outcome depends on (`expected` stands for the request
    /// it must send: the spec and the config it is made from). `port` (its echo server's) and
    /// `work` (where this run keeps the files samples upload) change from run to run, so they
    /// are taken out of the code and the request.
    pub fn key(
        &self,
        target: &str,
        code: &str,
        expected: &str,
        file_bytes: &[Vec<u8>],
        port: u16,
        work: &Path,
    ) -> String {
        let origin = format!("127.0.0.1:{port}");
        let work = work.display().to_string();
        let stable = |text: &str| {
            text.replace(&origin, "127.0.0.1:PORT")
                .replace(&work, "WORK")
        };
        let mut hasher = Sha256::new();
        for part in [
            env!("CARGO_PKG_VERSION"),
            &self.runtimes,
            target,
            &stable(code),
            &stable(expected),
        ] {
            hasher.update((part.len() as u64).to_le_bytes());
            hasher.update(part.as_bytes());
        }
        for bytes in file_bytes {
            hasher.update((bytes.len() as u64).to_le_bytes());
            hasher.update(bytes);
        }
        hex(&hasher.finalize())
    }

    /// What an earlier run proved for `key`, if anything.
    pub fn get(&mut self, key: &str) -> Option<Status> {
        let entry = self.entries.get_mut(key)?;
        entry.used = now();
        Some(entry.status.clone())
    }

    /// Records what running the sample `key` came to, when it is a proof (passed, or only its
    /// known gap); a failure is forgotten, so it runs again next time.
    pub fn record(&mut self, key: String, status: &Status) {
        if matches!(status, Status::Passed | Status::KnownGap(_)) {
            let entry = Entry {
                status: status.clone(),
                used: now(),
            };
            self.entries.insert(key, entry);
        } else {
            self.entries.remove(&key);
        }
    }

    /// Writes the record, without the entries no run used for [`FORGET_AFTER_DAYS`]. A record
    /// that cannot be written only means the next run proves everything again.
    pub fn save(mut self) {
        let Some(file) = &self.file else { return };
        let oldest = now().saturating_sub(FORGET_AFTER_DAYS * 24 * 60 * 60);
        self.entries.retain(|_, entry| entry.used >= oldest);
        let Ok(text) = serde_json::to_vec(&self.entries) else {
            return;
        };
        if let Some(dir) = file.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = crate::fs_safe::write_atomically(file, &text);
    }
}

/// Where proofs are kept: `$SAMPLEGEN_CACHE_DIR`, else `$XDG_CACHE_HOME/samplegen`, else
/// `~/.cache/samplegen`; none without any of them.
pub fn cache_dir() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    var("SAMPLEGEN_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| var("XDG_CACHE_HOME").map(|dir| PathBuf::from(dir).join("samplegen")))
        .or_else(|| var("HOME").map(|home| PathBuf::from(home).join(".cache/samplegen")))
}

/// What identifies the installed runtimes: each executable's path, size and time, Python's
/// version and installed packages (a `pip install` changes no executable), the OkHttp jars, and
/// the support directory's harnesses and lock files.
fn runtimes_fingerprint(support: &Path) -> String {
    let mut parts = Vec::new();
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut files: Vec<PathBuf> = RUNTIMES
        .iter()
        .filter_map(|name| {
            std::env::split_paths(&path)
                .map(|dir| dir.join(name))
                .find(|p| p.is_file())
        })
        .collect();
    files.extend(
        [
            "okhttp.jar",
            "okio.jar",
            "kotlin-stdlib.jar",
            "clj-http.jar",
            "cheshire.jar",
            "async-http-client.jar",
        ]
        .map(|jar| Path::new(crate::targets::run::DEBIAN_JARS).join(jar)),
    );
    // the R packages and OCaml libraries the samples load, which Debian updates on their own
    files.extend(["httr", "RCurl", "curl"].map(|package| {
        Path::new("/usr/lib/R/site-library")
            .join(package)
            .join("DESCRIPTION")
    }));
    files.extend(
        ["cohttp", "cohttp-lwt-unix"]
            .map(|library| Path::new("/usr/lib/ocaml").join(library).join("META")),
    );
    files.push(support.join("node/node_modules/.package-lock.json"));
    collect_files(support, &mut files);
    for file in files {
        let stamp = std::fs::metadata(&file).ok().map(|m| {
            let time = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok());
            format!("{} {}", m.len(), time.map_or(0, |t| t.as_nanos()))
        });
        parts.push(format!("{} {}", file.display(), stamp.unwrap_or_default()));
    }
    let python = Command::new("python3")
        .args([
            "-c",
            "import sys, importlib.metadata as m; print(sys.version); print(sorted((d.metadata['Name'] or '', d.version) for d in m.distributions()))",
        ])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output();
    if let Ok(output) = python {
        parts.push(String::from_utf8_lossy(&output.stdout).into_owned());
    }
    parts.join("\n")
}

/// Every file below `dir` but installed packages (`node_modules`, stamped by its lock file).
fn collect_files(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        if path.file_name().is_some_and(|n| n == "node_modules") {
            continue;
        }
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_dir() => collect_files(&path, files),
            Ok(_) => files.push(path),
            Err(_) => {}
        }
    }
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The record kept in `dir`, for a project and runners' support directory elsewhere.
    fn proven(dir: &Path, fresh: bool) -> Proven {
        let elsewhere = Path::new(env!("CARGO_MANIFEST_DIR"));
        Proven::open(
            Some(dir),
            elsewhere,
            &elsewhere.join("tests/support"),
            fresh,
        )
    }

    #[test]
    fn a_proof_is_found_again_only_for_the_same_sample() {
        let dir = tempfile::tempdir().unwrap();
        let mut record = proven(dir.path(), false);
        let files = [b"bytes".to_vec()];
        let work = Path::new("/tmp/run-1");
        let key = record.key(
            "go",
            "GET http://127.0.0.1:4000/x /tmp/run-1/f",
            "GET /x",
            &files,
            4000,
            work,
        );
        record.record(key, &Status::Passed);
        record.save();

        let mut again = proven(dir.path(), false);
        // the same sample on another port, uploading from another run's directory, is the same
        let work = Path::new("/tmp/run-2");
        let same = again.key(
            "go",
            "GET http://127.0.0.1:5000/x /tmp/run-2/f",
            "GET /x",
            &files,
            5000,
            work,
        );
        assert_eq!(again.get(&same), Some(Status::Passed));
        let key = |target, code, expected, files: &[Vec<u8>]| {
            again.key(target, code, expected, files, 5000, work)
        };
        let others = [
            key("go", "GET http://127.0.0.1:5000/y", "GET /x", &files),
            key("go", "GET http://127.0.0.1:5000/x", "GET /y", &files),
            key("ruby", "GET http://127.0.0.1:5000/x", "GET /x", &files),
            key(
                "go",
                "GET http://127.0.0.1:5000/x",
                "GET /x",
                &[b"other".to_vec()],
            ),
        ];
        for other in others {
            assert_eq!(again.get(&other), None);
        }
        // --fresh proves everything again
        let mut fresh = proven(dir.path(), true);
        assert_eq!(fresh.get(&same), None);
    }

    #[test]
    fn failures_are_not_proofs() {
        let dir = tempfile::tempdir().unwrap();
        let mut record = proven(dir.path(), false);
        let key = record.key("go", "code", "request", &[], 1, Path::new("/w"));
        record.record(key.clone(), &Status::Passed);
        record.record(key.clone(), &Status::Failed("sent another header".into()));
        record.record("other".into(), &Status::NotRun("no go".into()));
        assert_eq!(record.get(&key), None);
        assert_eq!(record.get("other"), None);
    }
}
