//! The output directory: the manifest of what samplegen wrote ([`manifest`]), writing a file
//! only when it changes, atomically and never through a link, and removing what samplegen wrote
//! before and no longer produces, and nothing else ([`dir`]), and comparing for `samplegen
//! check` ([`drift`]).

mod dir;
mod drift;
mod manifest;

pub use dir::{OutputDir, Recorded};
pub use drift::{Drift, DriftKind, compare, stale};
pub use manifest::{Cache, FileRecord, Manifest, Stamp, stamp};

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

pub(crate) const MANIFEST_HEADER: &str = "# Written by samplegen: each spec's input hash and the files it produced, with their content hashes. Do not edit.\n";

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
