//! The output directory: the manifest of which files samplegen wrote ([`manifest`], committed)
//! and the cache that lets a rebuild skip unchanged specs ([`cache`], machine-local), writing a
//! file only when it changes and never through a link, and removing what samplegen wrote before
//! and no longer produces, and nothing else ([`dir`]), and comparing for `samplegen check`
//! ([`drift`]).

mod cache;
mod dir;
mod drift;
mod manifest;

pub use cache::{Cache, SpecEntry, Stamp, now_nanos, racy_nanos};
pub use dir::{OutputDir, Recorded};
pub use drift::{Drift, DriftKind, compare, stale, stray};
pub use manifest::{FileList, Manifest};

/// The file in the output directory that records which files samplegen wrote, for which spec.
/// It holds no hashes and nothing machine- or version-specific, so it is committed with the
/// output and changes only when the set of files does.
pub const MANIFEST: &str = ".samplegen-manifest";

/// Present while a build writes, holding its process id and locked by it: found unlocked at the
/// start of a build, it says the last one was interrupted and may have left temporary or
/// half-written new files behind; found locked, that another build is running.
pub const BUILDING: &str = ".samplegen-building";

/// What the last build saw (stamps of specs and output directories, the inputs fingerprint), so
/// that a rebuild can skip reading what has not changed. Machine-specific: not for version
/// control, and only ever a hint.
pub const CACHE: &str = ".samplegen-cache";

/// Written once (when absent) so that git merges the manifest line by line: two branches that add
/// specs side by side then never conflict, and the next build heals whatever the union left.
pub const GITATTRIBUTES: &str = ".gitattributes";
pub(crate) const GITATTRIBUTES_TEXT: &str = "# Written by samplegen: merge its manifest as a union of lines; `samplegen build` heals it.\n/.samplegen-manifest merge=union\n";

pub(crate) const MANIFEST_HEADER: &str = "# Written by samplegen: each spec and the files it wrote (a shared prefix, then the rest of each path). Do not edit; `samplegen build` rewrites it after a merge.\n";

/// One file samplegen produces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path below the output directory, `/`-separated.
    pub path: String,
    pub contents: String,
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::fs_safe::Confined;

    #[test]
    fn sync_writes_only_what_changed() {
        let dir = tempfile::tempdir().unwrap();
        let out = OutputDir::open(dir.path()).unwrap();
        assert!(out.sync("a/x.md", "one\n").unwrap());
        assert!(!out.sync("a/x.md", "one\n").unwrap());
        assert!(out.sync("a/x.md", "two\n").unwrap());
        assert_eq!(
            fs::read_to_string(dir.path().join("a/x.md")).unwrap(),
            "two\n"
        );
    }

    #[test]
    fn finish_writes_the_manifest_and_cache_only_when_they_changed() {
        let dir = tempfile::tempdir().unwrap();
        let mut manifest = Manifest::default();
        manifest
            .specs
            .insert("specs/x.yaml".into(), FileList::new(&["x.md".into()]));
        let text = manifest.to_text();
        let mut cache = Cache {
            inputs: "fingerprint".into(),
            ..Cache::default()
        };
        cache.specs.insert(
            "specs/x.yaml".into(),
            SpecEntry {
                stamp: None,
                files: FileList::new(&["x.md".into()]),
            },
        );
        fs::write(dir.path().join(GITATTRIBUTES), "mine\n").unwrap();
        // what the build started from is what it ends with: nothing is written
        OutputDir::open(dir.path()).unwrap().finish(None).unwrap();
        assert!(!dir.path().join(MANIFEST).exists());
        assert!(!dir.path().join(CACHE).exists());
        assert!(!dir.path().join(BUILDING).exists());
        assert_eq!(
            fs::read_to_string(dir.path().join(GITATTRIBUTES)).unwrap(),
            "mine\n",
            "a project's own attributes are left alone"
        );

        fs::remove_file(dir.path().join(GITATTRIBUTES)).unwrap();
        OutputDir::open(dir.path())
            .unwrap()
            .finish(Some((Some(&text), Some(&cache))))
            .unwrap();
        assert_eq!(Manifest::read(dir.path()).unwrap(), manifest);
        assert_eq!(Cache::read(dir.path()), cache);
        assert_eq!(
            fs::read_to_string(dir.path().join(GITATTRIBUTES)).unwrap(),
            GITATTRIBUTES_TEXT
        );
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
        assert!(OutputDir::open(dir.path()).unwrap().interrupted());
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
        first.finish(None).unwrap();
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
