//! What `samplegen check` reports: files out of date, missing, stale or not samplegen's to read,
//! each with a unified diff.

use std::io;
use std::path::Path;

use similar::TextDiff;

use crate::fs_safe::{self, Confined, OUTPUT_LIMIT, Refusal};

/// A difference between what samplegen would write and what is on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drift {
    pub path: String,
    pub kind: DriftKind,
    /// A unified diff from what is on disk to what samplegen produces.
    pub diff: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DriftKind {
    /// On disk with other contents (an edited spec, or a hand-edited output file).
    Changed,
    /// Not on disk at all.
    Missing,
    /// Written by an earlier build, no longer produced.
    Stale,
    /// Below the output directory, produced by no spec and written by no build (a page a pull
    /// request added by hand).
    Stray,
    /// A link at the file or on its way: never followed, so not compared.
    Link,
    /// Not a regular file, or larger than samplegen reads: not compared.
    Unreadable,
}

impl DriftKind {
    pub fn describe(self) -> &'static str {
        match self {
            DriftKind::Changed => "out of date",
            DriftKind::Missing => "missing",
            DriftKind::Stale => "stale (no spec produces it any more)",
            DriftKind::Stray => {
                "not samplegen's (no spec produces it, and no build wrote it): remove it, or write the spec that makes it"
            }
            DriftKind::Link => {
                "a symbolic link or below one; samplegen never follows links in the output directory"
            }
            DriftKind::Unreadable => "not a regular file samplegen reads",
        }
    }
}

/// How the file at `path` below the output directory differs from `wanted`, if it does. A link
/// at the file or on its way is reported, never followed.
pub fn compare(output: &Confined, path: &str, wanted: &str) -> io::Result<Option<Drift>> {
    // the common case, a file in sync, is settled on the bytes, without making a string of them
    if let Ok(true) = output.holds(path, wanted.as_bytes()) {
        return Ok(None);
    }
    Ok(match read_if_exists(output, path)? {
        Ok(Some(text)) if text == wanted => None,
        Ok(Some(text)) => Some(drift(&output.dir, path, DriftKind::Changed, &text, wanted)),
        Ok(None) => Some(drift(&output.dir, path, DriftKind::Missing, "", wanted)),
        Err(refused) => Some(refused),
    })
}

/// A stale file: on disk, recorded as samplegen's, no longer produced.
pub fn stale(output: &Confined, path: &str) -> io::Result<Option<Drift>> {
    unwanted(output, path, DriftKind::Stale)
}

/// A file below the output directory that no spec produces and no build wrote.
pub fn stray(output: &Confined, path: &str) -> io::Result<Option<Drift>> {
    unwanted(output, path, DriftKind::Stray)
}

/// A file on disk that should not be, as `kind`: its removal as the diff.
fn unwanted(output: &Confined, path: &str, kind: DriftKind) -> io::Result<Option<Drift>> {
    Ok(match read_if_exists(output, path)? {
        Ok(Some(on_disk)) => Some(drift(&output.dir, path, kind, &on_disk, "")),
        Ok(None) => None,
        Err(refused) => Some(refused),
    })
}

/// The text of the file at `path`, if it exists; a refusal as a drift.
fn read_if_exists(output: &Confined, path: &str) -> io::Result<Result<Option<String>, Drift>> {
    match output.read(path, OUTPUT_LIMIT) {
        Ok(bytes) => Ok(Ok(
            bytes.map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        )),
        Err(error) => match fs_safe::refusal(&error) {
            Some(refusal) => {
                let kind = match refusal {
                    Refusal::Link { .. } | Refusal::LinkOnTheWay { .. } => DriftKind::Link,
                    _ => DriftKind::Unreadable,
                };
                Ok(Err(Drift {
                    path: path.to_string(),
                    kind,
                    diff: format!("{refusal}\n"),
                }))
            }
            None => Err(error),
        },
    }
}

fn drift(output_dir: &Path, path: &str, kind: DriftKind, old: &str, new: &str) -> Drift {
    let shown = output_dir.join(path).display().to_string();
    let diff = TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(
            &format!("{shown} (on disk)"),
            &format!("{shown} (from specs)"),
        )
        .to_string();
    Drift {
        path: path.to_string(),
        kind,
        // a file's own escape sequences are shown, not run by the terminal
        diff: crate::diagnostic::terminal_safe(&diff, true),
    }
}
