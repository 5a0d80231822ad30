//! Every sample and page of every spec, as reviewed snapshots: the site's specs (`specs/`) and the
//! test corpus of request shapes (`tests/fixtures/specs/`).

use std::path::Path;

use samplegen::project::Project;

/// Snapshots every spec of the project at `project_root` into `tests/snapshots/<group>/`.
fn snapshot_all(project_root: &Path, group: &str) {
    let project = Project::open(project_root).expect("project opens");
    let renderer = project.renderer().expect("templates compile");
    let specs_dir = project.specs_dir();
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(format!("snapshots/{group}"));
    settings.set_prepend_module_to_snapshot(false);
    let _guard = settings.bind_to_scope();
    insta::glob!(specs_dir.as_path(), "**/*.yaml", |path| {
        let endpoint = project
            .load_spec(path)
            .unwrap_or_else(|problems| panic!("{}", problems[0]));
        let rendered = renderer
            .render(&endpoint, &project.config)
            .unwrap_or_else(|error| panic!("{error}"));
        for (target, code) in &rendered.samples {
            insta::assert_snapshot!(target.id, code);
        }
        insta::assert_snapshot!("page", rendered.page);
    });
}

#[test]
fn site_specs() {
    snapshot_all(Path::new(env!("CARGO_MANIFEST_DIR")), "site");
}

#[test]
fn request_shapes() {
    snapshot_all(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
        "shapes",
    );
}
