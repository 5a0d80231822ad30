//! The output directory: the manifest of what samplegen wrote, writing a file only when it
//! changes (atomically, never through a link), removing what samplegen wrote before and no
//! longer produces (and nothing else), and comparing for `samplegen check`.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use similar::TextDiff;

use crate::hash::{PathMap, content_hash};

use crate::fs_safe::{self, Confined, OUTPUT_LIMIT, Refusal, TEMPORARY_SUFFIX};

/// The file in the output directory that records what samplegen wrote, for which spec, from
/// which inputs. It holds no machine-specific data, so it can be committed with the output.
pub const MANIFEST: &str = ".samplegen-manifest";

/// Present while a build writes, holding its process id and locked by it: found unlocked at the
/// start of a build, it says the last one was interrupted and may have left temporary files
/// behind; found locked, that another build is running.
pub const BUILDING: &str = ".samplegen-building";

/// Sizes and modification times of the specs and files the last build saw, so that a rebuild
/// can skip reading what has not changed. Machine-specific: not for version control.
pub const CACHE: &str = ".samplegen-cache";

const MANIFEST_HEADER: &str = "# Written by samplegen: each spec's input hash and the files it produced, with their content hashes. Do not edit.\n";

/// One file samplegen produces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path below the output directory, `/`-separated.
    pub path: String,
    pub contents: String,
}

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

fn stamp_of(metadata: &fs::Metadata) -> Option<Stamp> {
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

/// The output directory, ready for writing: created, locked against other builds, with the
/// leftovers of an interrupted build removed. Every file is reached through no link.
pub struct OutputDir {
    pub dir: PathBuf,
    files: Confined,
    /// The marker, locked while this build runs.
    marker: fs::File,
}

impl OutputDir {
    /// Opens `dir` (which must not be a link) for a build: creates it, takes the build lock
    /// (an error naming the other build's process id when one holds it), and removes what an
    /// interrupted build left behind.
    pub fn open(dir: &Path) -> io::Result<OutputDir> {
        fs::create_dir_all(dir)?;
        if fs::symlink_metadata(dir)?.file_type().is_symlink() {
            return Err(Refusal::LinkOnTheWay {
                path: dir.to_path_buf(),
                to: dir.to_path_buf(),
            }
            .into());
        }
        let (marker, interrupted) = lock(dir)?;
        // walking the whole tree is worth it only after an interrupted build
        if interrupted {
            remove_interrupted_writes(dir)?;
        }
        Ok(OutputDir {
            dir: dir.to_path_buf(),
            files: Confined::new(dir),
            marker,
        })
    }

    /// The reader of the directory, following no link.
    pub fn files(&self) -> &Confined {
        &self.files
    }

    /// The stamp of the output file at `path`, if it is a regular file reached through no link.
    pub fn stamp(&self, path: &str) -> Option<Stamp> {
        stamp_of(&self.files.metadata(path).ok()??)
    }

    /// The hash of the output file at `path`, if it is a regular file reached through no link.
    pub fn hash(&self, path: &str) -> Option<String> {
        let bytes = self.files.read(path, OUTPUT_LIMIT).ok()??;
        Some(content_hash(&bytes))
    }

    /// Makes the file at `path` (below the directory) hold `contents`, writing only when it
    /// differs. Returns whether it wrote, and the file's stamp afterwards. A link at the file or
    /// on its way is refused.
    pub fn sync(&self, path: &str, contents: &str) -> io::Result<(bool, Option<Stamp>)> {
        if self.holds(path, contents)? {
            return Ok((false, self.stamp(path)));
        }
        self.files.write(path, contents.as_bytes())?;
        Ok((true, self.stamp(path)))
    }

    /// Whether the file at `path` is a regular file holding exactly `contents`.
    fn holds(&self, path: &str, contents: &str) -> io::Result<bool> {
        match self.files.metadata(path)? {
            Some(metadata) if metadata.is_file() => {
                // a different size settles it without reading
                if metadata.len() != contents.len() as u64 {
                    return Ok(false);
                }
            }
            _ => return Ok(false),
        }
        Ok(self.files.read(path, OUTPUT_LIMIT)?.as_deref() == Some(contents.as_bytes()))
    }

    /// Removes the files at `paths` (recorded as samplegen's own), and the directories that
    /// become empty. Returns the paths removed. A path below a link is left alone; a link
    /// where samplegen's file was is removed itself (never what it leads to).
    pub fn remove(&self, paths: &[String]) -> io::Result<Vec<String>> {
        let mut removed = Vec::new();
        for path in paths {
            match self.files.metadata(path) {
                Ok(Some(metadata)) if !metadata.is_dir() => {}
                _ => continue,
            }
            let full = self.dir.join(path);
            match fs::remove_file(&full) {
                Ok(()) => {
                    self.remove_empty_parents(path);
                    removed.push(path.clone());
                }
                Err(error) if error.kind() == io::ErrorKind::NotFound => {}
                Err(error) => return Err(error),
            }
        }
        Ok(removed)
    }

    /// Removes the directories between the file at `path` and the output directory that are
    /// now empty.
    fn remove_empty_parents(&self, path: &str) {
        let mut dir = Path::new(path).parent();
        while let Some(current) = dir {
            if current.as_os_str().is_empty() || fs::remove_dir(self.dir.join(current)).is_err() {
                break;
            }
            self.files.forget(current);
            dir = current.parent();
        }
    }

    /// Writes the manifest and the cache where they differ from what the build started from
    /// (`before`), and marks the build finished (which releases the lock).
    pub fn record(self, before: &Recorded, manifest: &Manifest, cache: &Cache) -> io::Result<()> {
        let text = manifest.to_text();
        // Compared with the text read at the start rather than re-read: at 10,000 specs the
        // manifest is 12 MB and a no-op build would spend a sixth of its time on it.
        if before.manifest_text.as_deref() != Some(text.as_str()) {
            self.files.write(MANIFEST, text.as_bytes())?;
        }
        if cache != &before.cache {
            // the cache is only a shortcut: failing to write it costs time, not correctness
            let _ = self.files.write(CACHE, cache.to_text().as_bytes());
        }
        // removed while still locked, so that no other build finds it unlocked meanwhile
        let removed = fs::remove_file(self.dir.join(BUILDING));
        drop(self.marker);
        removed
    }
}

/// Takes the build lock of `dir`: its marker file, created (never through a link) or opened,
/// locked, and holding this process's id. Returns it, and whether it was there before (an
/// interrupted build left it).
fn lock(dir: &Path) -> io::Result<(fs::File, bool)> {
    use std::io::{Read, Seek, Write};
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
    let path = dir.join(BUILDING);
    loop {
        let (mut file, existed) = match fs_safe::create_new(&path) {
            Ok(file) => (file, false),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
                let file = fs::OpenOptions::new()
                    .read(true)
                    .write(true)
                    .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
                    .open(&path);
                match file {
                    Ok(file) => (file, true),
                    Err(error) if error.raw_os_error() == Some(libc::ELOOP) => {
                        return Err(Refusal::Link {
                            path,
                            area: dir.to_path_buf(),
                        }
                        .into());
                    }
                    // gone meanwhile: the build holding it finished
                    Err(error) if error.kind() == io::ErrorKind::NotFound => continue,
                    Err(error) => return Err(error),
                }
            }
            Err(error) => return Err(error),
        };
        let metadata = file.metadata()?;
        if !metadata.is_file() {
            return Err(Refusal::NotRegular { path }.into());
        }
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                let mut text = String::new();
                let _ = (&mut file).take(64).read_to_string(&mut text);
                let holder = match text.trim().parse::<u32>() {
                    Ok(pid) => format!(" (pid {pid})"),
                    Err(_) => String::new(),
                };
                return Err(io::Error::new(
                    io::ErrorKind::WouldBlock,
                    format!(
                        "another build is running{holder}: `{}` is locked",
                        path.display()
                    ),
                ));
            }
            Err(fs::TryLockError::Error(error)) => return Err(error),
        }
        // The build that held it may have removed it before letting go: then this lock is on
        // a file no one else sees, and the marker must be taken afresh.
        match fs::symlink_metadata(&path) {
            Ok(now) if now.ino() == metadata.ino() && now.dev() == metadata.dev() => {}
            _ => continue,
        }
        file.set_len(0)?;
        file.rewind()?;
        write!(file, "{}", std::process::id())?;
        return Ok((file, existed));
    }
}

/// The manifest (as text) and cache a build started from.
#[derive(Debug, Default)]
pub struct Recorded {
    pub manifest_text: Option<String>,
    pub cache: Cache,
}

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
    Ok(match read_if_exists(output, path)? {
        Ok(Some(text)) if text == wanted => None,
        Ok(Some(text)) => Some(drift(&output.dir, path, DriftKind::Changed, &text, wanted)),
        Ok(None) => Some(drift(&output.dir, path, DriftKind::Missing, "", wanted)),
        Err(refused) => Some(refused),
    })
}

/// A stale file: on disk, recorded as samplegen's, no longer produced.
pub fn stale(output: &Confined, path: &str) -> io::Result<Option<Drift>> {
    Ok(match read_if_exists(output, path)? {
        Ok(Some(on_disk)) => Some(drift(&output.dir, path, DriftKind::Stale, &on_disk, "")),
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
        diff,
    }
}

/// Removes the temporary files an interrupted build left below `root`.
fn remove_interrupted_writes(root: &Path) -> io::Result<()> {
    for entry in fs::read_dir(root)? {
        let entry = entry?;
        let kind = entry.file_type()?;
        let name = entry.file_name();
        if kind.is_dir() {
            remove_interrupted_writes(&entry.path())?;
        } else if kind.is_file() && name.to_string_lossy().ends_with(TEMPORARY_SUFFIX) {
            fs::remove_file(entry.path())?;
        }
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sync_writes_only_what_changed() {
        let dir = tempfile::tempdir().unwrap();
        let out = OutputDir::open(dir.path()).unwrap();
        assert!(out.sync("a/x.md", "one\n").unwrap().0);
        assert!(!out.sync("a/x.md", "one\n").unwrap().0);
        assert!(out.sync("a/x.md", "two\n").unwrap().0);
        assert_eq!(
            fs::read_to_string(dir.path().join("a/x.md")).unwrap(),
            "two\n"
        );
    }

    #[test]
    fn record_writes_the_manifest_and_cache_only_when_they_changed() {
        let dir = tempfile::tempdir().unwrap();
        let mut manifest = Manifest::default();
        manifest.specs.insert("specs/x.yaml".into(), "00ff".into());
        let cache = Cache {
            inputs: "fingerprint".into(),
            stamps: [("spec:specs/x.yaml".to_string(), (3, 7))]
                .into_iter()
                .collect(),
        };
        let unchanged = Recorded {
            manifest_text: Some(manifest.to_text()),
            cache: cache.clone(),
        };
        // what the build started from is what it ends with: nothing is written
        OutputDir::open(dir.path())
            .unwrap()
            .record(&unchanged, &manifest, &cache)
            .unwrap();
        assert!(!dir.path().join(MANIFEST).exists());
        assert!(!dir.path().join(CACHE).exists());
        assert!(!dir.path().join(BUILDING).exists());

        OutputDir::open(dir.path())
            .unwrap()
            .record(&Recorded::default(), &manifest, &cache)
            .unwrap();
        assert_eq!(Manifest::read(dir.path()).unwrap(), manifest);
        assert_eq!(Cache::read(dir.path()), cache);
    }

    #[test]
    fn removal_takes_emptied_directories_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let out = OutputDir::open(dir.path()).unwrap();
        fs::write(dir.path().join("README.md"), "not ours").unwrap();
        out.sync("a/x/curl.sh", "c\n").unwrap();
        let removed = out
            .remove(&["a/x/curl.sh".into(), "gone.md".into()])
            .unwrap();
        assert_eq!(removed, ["a/x/curl.sh"]);
        assert!(!dir.path().join("a").exists());
        assert!(dir.path().join("README.md").exists());
    }

    #[test]
    fn manifest_round_trips_and_stays_inside() {
        let mut manifest = Manifest::default();
        manifest
            .specs
            .insert("specs/a/x.yaml".into(), "00ff".into());
        manifest.files.insert(
            "a/x.md".into(),
            FileRecord {
                spec: "specs/a/x.yaml".into(),
                hash: "abcd".into(),
            },
        );
        assert_eq!(Manifest::parse(&manifest.to_text()), manifest);
        let hostile =
            Manifest::parse("file\t../outside\ts\th\nfile\t/etc/passwd\ts\th\nfile\tok.md\ts\th\n");
        assert_eq!(hostile.files.keys().collect::<Vec<_>>(), ["ok.md"]);
    }

    #[test]
    fn compare_reports_changed_missing_and_stale() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.md"), "one\n").unwrap();
        let out = Confined::new(dir.path());
        let changed = compare(&out, "a.md", "two\n").unwrap().unwrap();
        assert_eq!(changed.kind, DriftKind::Changed);
        assert!(changed.diff.contains("-one\n+two\n"), "{}", changed.diff);
        assert_eq!(
            compare(&out, "b.md", "b\n").unwrap().unwrap().kind,
            DriftKind::Missing
        );
        assert!(compare(&out, "a.md", "one\n").unwrap().is_none());
        assert_eq!(stale(&out, "a.md").unwrap().unwrap().kind, DriftKind::Stale);
        assert!(stale(&out, "b.md").unwrap().is_none());
    }

    #[test]
    fn leftovers_of_an_interrupted_build_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("a")).unwrap();
        fs::write(dir.path().join("a/.x.md.4242.samplegen.tmp"), "half").unwrap();
        fs::write(dir.path().join("a/keep.tmp"), "not ours").unwrap();
        // the marker an interrupted build leaves
        fs::write(dir.path().join(BUILDING), "").unwrap();
        OutputDir::open(dir.path()).unwrap();
        assert!(!dir.path().join("a/.x.md.4242.samplegen.tmp").exists());
        assert!(dir.path().join("a/keep.tmp").exists());
    }

    #[test]
    fn a_link_inside_the_output_directory_cannot_lead_writes_outside() {
        let outside = tempfile::tempdir().unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("a")).unwrap();
        let out = OutputDir::open(dir.path()).unwrap();
        let error = out.sync("a/x.md", "x\n").unwrap_err();
        assert!(
            error.to_string().contains("a` is a symbolic link"),
            "{error}"
        );
        assert!(!outside.path().join("x.md").exists());
    }

    #[test]
    fn check_reports_links_and_never_reads_through_them() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("secret"), "SECRET=1\n").unwrap();
        fs::create_dir(dir.path().join("m")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret"), dir.path().join("m/a.md"))
            .unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("n")).unwrap();
        let out = Confined::new(dir.path());
        for (path, shown) in [("m/a.md", "m/a.md"), ("n/secret", "n")] {
            let drift = compare(&out, path, "x\n").unwrap().unwrap();
            assert_eq!(drift.kind, DriftKind::Link);
            assert!(!drift.diff.contains("SECRET"), "{}", drift.diff);
            assert!(
                drift.diff.contains(&format!("{shown}` is a symbolic link")),
                "{}",
                drift.diff
            );
            assert_eq!(stale(&out, path).unwrap().unwrap().kind, DriftKind::Link);
        }
    }

    #[test]
    fn the_marker_locks_out_a_second_build_and_is_never_written_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let first = OutputDir::open(dir.path()).unwrap();
        let second = OutputDir::open(dir.path()).err().unwrap();
        assert!(
            second.to_string().contains(&format!(
                "another build is running (pid {})",
                std::process::id()
            )),
            "{second}"
        );
        first
            .record(
                &Recorded::default(),
                &Manifest::default(),
                &Cache::default(),
            )
            .unwrap();
        assert!(!dir.path().join(BUILDING).exists());
        OutputDir::open(dir.path()).unwrap();

        let outside = tempfile::tempdir().unwrap();
        let victim = outside.path().join("victim");
        fs::write(&victim, "precious").unwrap();
        let planted = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(&victim, planted.path().join(BUILDING)).unwrap();
        std::os::unix::fs::symlink(&victim, planted.path().join(MANIFEST)).unwrap();
        let error = OutputDir::open(planted.path()).err().unwrap();
        assert!(error.to_string().contains("is a symbolic link"), "{error}");
        let error = Manifest::read_text(planted.path()).unwrap_err();
        assert!(error.to_string().contains("is a symbolic link"), "{error}");
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    }
}
