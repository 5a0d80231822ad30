//! The output directory: writing what changed (atomically), removing what samplegen wrote before
//! and no longer produces (and nothing else), and comparing for `samplegen check`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use similar::TextDiff;

/// The file in the output directory that records which files samplegen wrote, and for which spec.
pub const MANIFEST: &str = ".samplegen-manifest";

const MANIFEST_HEADER: &str =
    "# Files written by samplegen, each with the spec it came from. Do not edit.\n";

/// One file samplegen produces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path below the output directory, `/`-separated.
    pub path: String,
    pub contents: String,
    /// The spec it comes from, as shown to users (`specs/auth/token.yaml`).
    pub spec: String,
}

/// The record of what samplegen wrote: output path → spec.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    pub entries: BTreeMap<String, String>,
}

impl Manifest {
    /// Reads the manifest of `output_dir`; an absent one is empty.
    pub fn read(output_dir: &Path) -> io::Result<Manifest> {
        let text = match fs::read_to_string(output_dir.join(MANIFEST)) {
            Ok(text) => text,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Manifest::default()),
            Err(error) => return Err(error),
        };
        let entries = text
            .lines()
            .filter(|line| !line.starts_with('#') && !line.is_empty())
            .filter_map(|line| line.split_once('\t'))
            .filter(|(path, _)| is_safe_relative(path))
            .map(|(path, spec)| (path.to_string(), spec.to_string()))
            .collect();
        Ok(Manifest { entries })
    }

    fn for_files<'a>(files: impl Iterator<Item = &'a OutputFile>) -> Manifest {
        Manifest {
            entries: files.map(|f| (f.path.clone(), f.spec.clone())).collect(),
        }
    }

    pub fn to_text(&self) -> String {
        let mut text = MANIFEST_HEADER.to_string();
        for (path, spec) in &self.entries {
            text.push_str(path);
            text.push('\t');
            text.push_str(spec);
            text.push('\n');
        }
        text
    }
}

/// What a build did to the output directory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuildReport {
    pub written: Vec<String>,
    pub unchanged: usize,
    pub removed: Vec<String>,
}

/// Brings `output_dir` in line with `files`: writes each file whose contents differ, removes the
/// files the previous build recorded and this one no longer produces, and records the new set.
/// Files recorded for a spec in `kept_specs` (one that failed this time) are left as they are.
pub fn write(
    output_dir: &Path,
    files: &[OutputFile],
    kept_specs: &BTreeSet<String>,
) -> io::Result<BuildReport> {
    let previous = Manifest::read(output_dir)?;
    fs::create_dir_all(output_dir)?;
    let root = output_dir.canonicalize()?;
    remove_interrupted_writes(&root)?;
    let mut report = BuildReport::default();
    for file in files {
        let path = output_dir.join(&file.path);
        if read_if_exists(&path)?.as_deref() == Some(file.contents.as_str()) {
            report.unchanged += 1;
        } else {
            ensure_inside(&root, &path)?;
            write_atomically(&path, file.contents.as_bytes())?;
            report.written.push(file.path.clone());
        }
    }

    let (manifest, stale) = next_manifest(&previous, files, kept_specs);
    for path in stale {
        let full = output_dir.join(&path);
        if ensure_inside(&root, &full).is_err() {
            continue;
        }
        match fs::remove_file(&full) {
            Ok(()) => {
                remove_empty_parents(output_dir, &full);
                report.removed.push(path);
            }
            Err(error) if error.kind() == io::ErrorKind::NotFound => {}
            Err(error) => return Err(error),
        }
    }

    let manifest_path = output_dir.join(MANIFEST);
    let manifest_text = manifest.to_text();
    if read_if_exists(&manifest_path)?.as_deref() != Some(manifest_text.as_str()) {
        write_atomically(&manifest_path, manifest_text.as_bytes())?;
    }
    Ok(report)
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
}

impl DriftKind {
    pub fn describe(self) -> &'static str {
        match self {
            DriftKind::Changed => "out of date",
            DriftKind::Missing => "missing",
            DriftKind::Stale => "stale (no spec produces it any more)",
        }
    }
}

/// Compares `files` with `output_dir` without writing anything. The manifest is compared too,
/// with `kept_specs` as for [`write`].
pub fn check(
    output_dir: &Path,
    files: &[OutputFile],
    kept_specs: &BTreeSet<String>,
) -> io::Result<Vec<Drift>> {
    let previous = Manifest::read(output_dir)?;
    let mut drifts = Vec::new();
    for file in files {
        drifts.extend(compare(output_dir, &file.path, &file.contents)?);
    }

    let (manifest, stale) = next_manifest(&previous, files, kept_specs);
    for path in stale {
        if let Some(on_disk) = read_if_exists(&output_dir.join(&path))? {
            drifts.push(drift(output_dir, &path, DriftKind::Stale, &on_disk, ""));
        }
    }

    drifts.extend(compare(output_dir, MANIFEST, &manifest.to_text())?);
    Ok(drifts)
}

/// How the file at `path` differs from `wanted`, if it does.
fn compare(output_dir: &Path, path: &str, wanted: &str) -> io::Result<Option<Drift>> {
    let on_disk = read_if_exists(&output_dir.join(path))?;
    Ok(match on_disk {
        Some(text) if text == wanted => None,
        Some(text) => Some(drift(output_dir, path, DriftKind::Changed, &text, wanted)),
        None => Some(drift(output_dir, path, DriftKind::Missing, "", wanted)),
    })
}

/// The manifest after a build of `files`, and the previously recorded files that are now stale:
/// no longer produced, and not kept for a spec that failed this time (those stay recorded).
fn next_manifest(
    previous: &Manifest,
    files: &[OutputFile],
    kept_specs: &BTreeSet<String>,
) -> (Manifest, Vec<String>) {
    let mut manifest = Manifest::for_files(files.iter());
    let mut stale = Vec::new();
    for (path, spec) in &previous.entries {
        if manifest.entries.contains_key(path) {
            continue;
        }
        if kept_specs.contains(spec) {
            manifest.entries.insert(path.clone(), spec.clone());
        } else {
            stale.push(path.clone());
        }
    }
    (manifest, stale)
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

fn read_if_exists(path: &Path) -> io::Result<Option<String>> {
    match fs::read(path) {
        Ok(bytes) => Ok(Some(String::from_utf8_lossy(&bytes).into_owned())),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error),
    }
}

/// The suffix of the temporary files [`write_atomically`] writes before renaming them.
const TEMPORARY_SUFFIX: &str = ".samplegen.tmp";

/// Refuses a path whose directory, once links are followed, is not inside `root` (the canonical
/// output directory): a link inside `output/` must not make samplegen write elsewhere.
fn ensure_inside(root: &Path, path: &Path) -> io::Result<()> {
    let mut dir = path.parent();
    // the nearest directory that exists decides where the file would land
    while let Some(current) = dir {
        if let Ok(canonical) = current.canonicalize() {
            if canonical.starts_with(root) {
                return Ok(());
            }
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!(
                    "refusing to write {}: its directory leads outside the output directory",
                    path.display()
                ),
            ));
        }
        dir = current.parent();
    }
    Ok(())
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

/// Writes `contents` to a temporary file beside `path`, then renames it over `path`, so that a
/// reader (or an interrupted build) sees the old file or the new one, never half of one.
pub fn write_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let temporary = dir.join(format!(".{name}.{}{TEMPORARY_SUFFIX}", std::process::id()));
    let result = fs::write(&temporary, contents).and_then(|()| fs::rename(&temporary, path));
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

/// Removes the directories between `file` and `root` that are now empty.
fn remove_empty_parents(root: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(current) = dir {
        if current == root || !current.starts_with(root) || fs::remove_dir(current).is_err() {
            break;
        }
        dir = current.parent();
    }
}

/// A manifest entry must stay inside the output directory whatever the manifest says.
fn is_safe_relative(path: &str) -> bool {
    let path = PathBuf::from(path);
    !path.as_os_str().is_empty()
        && path
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str, spec: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            contents: contents.into(),
            spec: spec.into(),
        }
    }

    #[test]
    fn writes_only_what_changed_and_removes_only_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        fs::write(out.join("README.md"), "not ours").unwrap();
        let none = BTreeSet::new();

        let first = [
            file("a/x.md", "one\n", "specs/a/x.yaml"),
            file("a/x/curl.sh", "c\n", "specs/a/x.yaml"),
        ];
        let report = write(out, &first, &none).unwrap();
        assert_eq!(report.written.len(), 2);

        let report = write(out, &first, &none).unwrap();
        assert_eq!((report.written.len(), report.unchanged), (0, 2));

        let second = [file("a/y.md", "two\n", "specs/a/y.yaml")];
        let report = write(out, &second, &none).unwrap();
        assert_eq!(report.removed, ["a/x.md", "a/x/curl.sh"]);
        assert!(!out.join("a/x").exists(), "emptied directories go too");
        assert_eq!(
            fs::read_to_string(out.join("README.md")).unwrap(),
            "not ours"
        );
        assert!(check(out, &second, &none).unwrap().is_empty());
    }

    #[test]
    fn a_failed_specs_files_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let none = BTreeSet::new();
        write(out, &[file("a/x.md", "one\n", "specs/a/x.yaml")], &none).unwrap();
        let kept: BTreeSet<String> = ["specs/a/x.yaml".to_string()].into();
        let report = write(out, &[], &kept).unwrap();
        assert!(report.removed.is_empty());
        assert!(out.join("a/x.md").exists());
        assert!(Manifest::read(out).unwrap().entries.contains_key("a/x.md"));
    }

    #[test]
    fn check_reports_changed_missing_and_stale() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let none = BTreeSet::new();
        write(
            out,
            &[
                file("a.md", "one\n", "s/a.yaml"),
                file("b.md", "b\n", "s/b.yaml"),
            ],
            &none,
        )
        .unwrap();
        let wanted = [
            file("a.md", "two\n", "s/a.yaml"),
            file("c.md", "c\n", "s/c.yaml"),
        ];
        let drifts = check(out, &wanted, &none).unwrap();
        let kinds: Vec<(&str, DriftKind)> =
            drifts.iter().map(|d| (d.path.as_str(), d.kind)).collect();
        assert_eq!(
            kinds,
            [
                ("a.md", DriftKind::Changed),
                ("c.md", DriftKind::Missing),
                ("b.md", DriftKind::Stale),
                (MANIFEST, DriftKind::Changed)
            ]
        );
        assert!(
            drifts[0].diff.contains("-one\n+two\n"),
            "{}",
            drifts[0].diff
        );
        assert_eq!(
            fs::read_to_string(out.join("a.md")).unwrap(),
            "one\n",
            "check writes nothing"
        );
    }

    #[test]
    fn leftovers_of_an_interrupted_build_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("a")).unwrap();
        fs::write(dir.path().join("a/.x.md.4242.samplegen.tmp"), "half").unwrap();
        fs::write(dir.path().join("a/keep.tmp"), "not ours").unwrap();
        write(
            dir.path(),
            &[file("a/x.md", "x\n", "s/x.yaml")],
            &BTreeSet::new(),
        )
        .unwrap();
        assert!(!dir.path().join("a/.x.md.4242.samplegen.tmp").exists());
        assert!(dir.path().join("a/keep.tmp").exists());
    }

    #[test]
    fn a_link_inside_the_output_directory_cannot_lead_writes_outside() {
        let outside = tempfile::tempdir().unwrap();
        let dir = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("a")).unwrap();
        let error = write(
            dir.path(),
            &[file("a/x.md", "x\n", "s/x.yaml")],
            &BTreeSet::new(),
        )
        .unwrap_err();
        assert!(
            error
                .to_string()
                .contains("leads outside the output directory"),
            "{error}"
        );
        assert!(!outside.path().join("x.md").exists());
    }

    #[test]
    fn manifest_entries_cannot_escape_the_output_directory() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join(MANIFEST),
            "../outside\ts\n/etc/passwd\ts\nok.md\ts\n",
        )
        .unwrap();
        let manifest = Manifest::read(dir.path()).unwrap();
        assert_eq!(manifest.entries.keys().collect::<Vec<_>>(), ["ok.md"]);
    }
}
