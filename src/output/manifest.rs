//! The manifest (committed: each spec's input hash and the files it produced, with their content
//! hashes) and the cache (machine-local size and time stamps, only ever a hint).

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::Path;
use std::time::UNIX_EPOCH;

use crate::fs_safe::{self, OUTPUT_LIMIT};
use crate::hash::PathMap;

use super::*;

/// A produced file as the manifest records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRecord {
    /// The spec it comes from, as shown to users (`specs/auth/token.yaml`).
    pub spec: String,
    /// [`content_hash`] of its contents.
    pub hash: String,
}

/// What the last build produced: for each spec the hash of its inputs, for each file its spec
/// and the hash of its contents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    /// Spec (as shown) → hash of everything its output depends on.
    pub specs: BTreeMap<String, String>,
    /// Output path → record.
    pub files: BTreeMap<String, FileRecord>,
}

impl Manifest {
    /// Reads the manifest of `output_dir`; an absent or unreadable one is empty (everything is
    /// then rebuilt or compared in full).
    pub fn read(output_dir: &Path) -> io::Result<Manifest> {
        Ok(Manifest::read_text(output_dir)?
            .as_deref()
            .map(Manifest::parse)
            .unwrap_or_default())
    }

    /// The text of the manifest of `output_dir`, if it has one: a regular file (not a link) of
    /// at most [`OUTPUT_LIMIT`] bytes.
    pub fn read_text(output_dir: &Path) -> io::Result<Option<String>> {
        let path = output_dir.join(MANIFEST);
        match fs_safe::read_regular(&path, OUTPUT_LIMIT, false, output_dir) {
            Ok(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(error) => Err(error),
        }
    }

    pub fn parse(text: &str) -> Manifest {
        let mut specs = Vec::new();
        let mut files = Vec::new();
        for line in text.lines() {
            let mut fields = line.split('\t');
            let fields = [
                fields.next(),
                fields.next(),
                fields.next(),
                fields.next(),
                fields.next(),
            ];
            match fields {
                [Some("spec"), Some(spec), Some(hash), None, None] => {
                    specs.push((spec.to_string(), hash.to_string()));
                }
                [Some("file"), Some(path), Some(spec), Some(hash), None]
                    if is_safe_relative(path) =>
                {
                    files.push((
                        path.to_string(),
                        FileRecord {
                            spec: spec.to_string(),
                            hash: hash.to_string(),
                        },
                    ));
                }
                _ => {}
            }
        }
        Manifest::from_records(specs, files)
    }

    /// A manifest of these records; of two for the same key, the later one counts.
    pub fn from_records(
        specs: Vec<(String, String)>,
        files: Vec<(String, FileRecord)>,
    ) -> Manifest {
        // Built in one go rather than record by record: the maps are then bulk-built from the
        // sorted records instead of paying a search (of long, similar paths) per insert.
        Manifest {
            specs: specs.into_iter().collect(),
            files: files.into_iter().collect(),
        }
    }

    /// The files recorded here that `next` no longer records: stale once `next` is the truth.
    pub fn files_dropped_by<'a>(&'a self, next: &'a Manifest) -> impl Iterator<Item = &'a String> {
        self.files
            .keys()
            .filter(|path| !next.files.contains_key(*path))
    }

    pub fn to_text(&self) -> String {
        use std::fmt::Write as _;
        let mut text = String::with_capacity(MANIFEST_HEADER.len() + 120 * self.files.len());
        text.push_str(MANIFEST_HEADER);
        for (spec, hash) in &self.specs {
            let _ = writeln!(text, "spec\t{spec}\t{hash}");
        }
        for (path, record) in &self.files {
            let _ = writeln!(text, "file\t{path}\t{}\t{}", record.spec, record.hash);
        }
        text
    }

    /// The files recorded for each spec.
    pub fn files_by_spec(&self) -> PathMap<&str, Vec<(&str, &FileRecord)>> {
        let mut by_spec: PathMap<&str, Vec<(&str, &FileRecord)>> = PathMap::default();
        for (path, record) in &self.files {
            by_spec
                .entry(record.spec.as_str())
                .or_default()
                .push((path.as_str(), record));
        }
        by_spec
    }
}

/// The size and modification time (nanoseconds) of a file.
pub type Stamp = (u64, u128);

/// The stamps of spec and output files as the last build left them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cache {
    /// The inputs fingerprint the stamps were taken under; others make them worthless.
    pub inputs: String,
    pub stamps: PathMap<String, Stamp>,
}

impl Cache {
    /// Reads the cache of `output_dir`; a missing or damaged one, or one that is not a regular
    /// file within [`OUTPUT_LIMIT`], is empty.
    pub fn read(output_dir: &Path) -> Cache {
        let text = fs_safe::read_regular(&output_dir.join(CACHE), OUTPUT_LIMIT, false, output_dir)
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .unwrap_or_default();
        let mut lines = text.lines();
        let inputs = lines
            .next()
            .and_then(|line| line.strip_prefix("inputs\t"))
            .unwrap_or_default()
            .to_string();
        let stamps = lines
            .filter_map(|line| {
                let mut fields = line.split('\t');
                let key = fields.next()?;
                let size = fields.next()?.parse().ok()?;
                let mtime = fields.next()?.parse().ok()?;
                Some((key.to_string(), (size, mtime)))
            })
            .collect();
        Cache { inputs, stamps }
    }

    pub fn to_text(&self) -> String {
        use std::fmt::Write as _;
        // sorted, so that an unchanged cache is left as it is
        let mut keys: Vec<&String> = self.stamps.keys().collect();
        keys.sort_unstable();
        let mut text = String::with_capacity(64 * self.stamps.len() + 32);
        let _ = writeln!(text, "inputs\t{}", self.inputs);
        for key in keys {
            let (size, mtime) = self.stamps[key];
            let _ = writeln!(text, "{key}\t{size}\t{mtime}");
        }
        text
    }
}

/// The stamp of the file at `path` (a spec: a link is followed), if it is a regular file.
pub fn stamp(path: &Path) -> Option<Stamp> {
    stamp_of(&fs::metadata(path).ok()?)
}

pub(super) fn stamp_of(metadata: &fs::Metadata) -> Option<Stamp> {
    if !metadata.is_file() {
        return None;
    }
    let mtime = metadata
        .modified()
        .ok()?
        .duration_since(UNIX_EPOCH)
        .ok()?
        .as_nanos();
    Some((metadata.len(), mtime))
}

/// A manifest entry must stay inside the output directory whatever the manifest says: relative,
/// and no `.` or `..` component.
fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}
