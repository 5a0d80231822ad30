//! Every sample and page of every spec, as reviewed snapshots: the site's specs (`specs/`) with
//! the site's targets, the test corpus of request shapes (`tests/fixtures/specs/`) with every
//! built-in target, and the Stripe-like project of sample values (`tests/fixtures/stripe-like/`).

use std::path::Path;

use samplegen::config::SiteTarget;
use samplegen::project::Project;
use samplegen::targets::TARGETS;

/// Snapshots every spec of the project at `project` into `tests/snapshots/<group>/`.
fn snapshot_all(project: &Project, group: &str) {
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

fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The request-shape corpus, rendered for every built-in target.
fn request_shape_project() -> Project {
    let mut project = Project::open(&repository().join("tests/fixtures")).expect("project opens");
    project.config.targets = TARGETS.iter().map(SiteTarget::new).collect();
    project
}

#[test]
fn site_specs() {
    snapshot_all(&Project::open(repository()).expect("project opens"), "site");
}

#[test]
fn request_shapes() {
    snapshot_all(&request_shape_project(), "shapes");
}

// variables set at build time, secrets read from the environment, auth written idiomatically
#[test]
fn stripe_like_project() {
    let project =
        Project::open(&repository().join("tests/fixtures/stripe-like")).expect("project opens");
    snapshot_all(&project, "stripe-like");
}

// a new target cannot land without a reviewed snapshot of every request shape
#[test]
fn every_target_has_a_snapshot_of_every_request_shape() {
    let project = request_shape_project();
    let specs_dir = project.specs_dir();
    let snapshots = repository().join("tests/snapshots/shapes");
    let mut missing = Vec::new();
    let mut specs = Vec::new();
    let mut dirs = vec![specs_dir.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                specs.push(path);
            }
        }
    }
    assert!(!specs.is_empty());
    for spec in &specs {
        let relative = spec.strip_prefix(&specs_dir).unwrap().to_str().unwrap();
        let flat = relative.replace('/', "__");
        for target in TARGETS {
            let snapshot = snapshots.join(format!("{}@{flat}.snap", target.id));
            if !snapshot.is_file() {
                missing.push(snapshot.display().to_string());
            }
        }
    }
    assert!(
        missing.is_empty(),
        "missing snapshots (run `cargo insta test` and review them):\n{}",
        missing.join("\n")
    );
}

// a spec's several example responses, each in its own section, on every page preset
#[test]
fn several_responses_on_every_preset() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("specs/items")).unwrap();
    std::fs::write(
        dir.path().join("specs/items/get-item.yaml"),
        "title: Get Item\nrequest:\n  method: GET\n  url: https://api.example.com/v1/items/1\nresponses:\n  - status: 200 OK\n    body: |\n      {\n          \"id\": \"1\"\n      }\n  - status: 404\n    body: '{\"code\": \"NOT_FOUND\"}'\n  - status: 204\n",
    )
    .unwrap();
    let mut project = Project::open(dir.path()).expect("project opens");
    project.config.targets = vec![SiteTarget::new(samplegen::targets::find("curl").unwrap())];
    let endpoint = project
        .load_spec(&dir.path().join("specs/items/get-item.yaml"))
        .unwrap_or_else(|problems| panic!("{}", problems[0]));
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots/responses");
    settings.set_prepend_module_to_snapshot(false);
    let _guard = settings.bind_to_scope();
    for preset in samplegen::config::PagePreset::ALL {
        project.config.page = preset;
        let renderer = project.renderer().expect("templates compile");
        let rendered = renderer.render(&endpoint, &project.config).unwrap();
        insta::assert_snapshot!(preset.name(), rendered.page);
    }
}
