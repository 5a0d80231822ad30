//! The exact text of every error a bad spec gets, reviewed like any other output: one snapshot
//! per spec in `tests/fixtures/invalid/specs/`.

use std::path::Path;

use samplegen::project::Project;

#[test]
fn every_bad_spec_gets_its_reviewed_message() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
    let project = Project::open(&root).unwrap();
    let specs = project.load_specs().unwrap();
    assert!(
        specs.endpoints.is_empty(),
        "every spec in the corpus is bad"
    );
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots/errors");
    settings.set_prepend_module_to_snapshot(false);
    let _guard = settings.bind_to_scope();
    insta::glob!(&root, "specs/**/*.y*ml", |path| {
        let shown = path.strip_prefix(&root).unwrap();
        let text: Vec<String> = specs
            .problems
            .iter()
            .filter(|d| d.file == shown)
            .map(|d| d.to_string())
            .collect();
        assert!(!text.is_empty(), "{} got no error", shown.display());
        insta::assert_snapshot!("error", text.join("\n\n"));
    });
}
