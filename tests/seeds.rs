//! The house style's own pages, `../shared/seeds/`, must come out of `samplegen build` byte for
//! byte. The seeds live beside the repository, not in it: without them this test says it skipped.

use std::path::{Path, PathBuf};

use samplegen::project::Project;

/// Seed file → the page samplegen writes for the spec made from it.
const SEEDS: &[(&str, &str)] = &[
    (
        "000_45e5d939a29c148a.txt",
        "getting-started/simple-sso-workflow/step-1-get-new-access-token.md",
    ),
    (
        "002_c480145d4ecb7d3a.txt",
        "workflow-library/pingone-mfa/login-with-passwordless-authentication/test-the-workflow/step-20-get-the-access-token.md",
    ),
    (
        "003_aaced6aa8570630a.txt",
        "auth/openid-connect-oauth-2/token-admin-app-client_credentials.md",
    ),
];

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seeds_dir() -> Option<PathBuf> {
    let dir = repo().join("../shared/seeds");
    dir.is_dir().then_some(dir)
}

#[test]
fn rendered_pages_equal_the_seeds_byte_for_byte() {
    let Some(seeds) = seeds_dir() else {
        eprintln!("SKIPPED: ../shared/seeds is not beside the repository; seed pages not compared");
        return;
    };
    let project = Project::open(&repo()).unwrap();
    let renderer = project.renderer().unwrap();
    let specs = project.load_specs().unwrap();
    assert!(specs.problems.is_empty());
    for (seed, page) in SEEDS {
        let expected = std::fs::read(seeds.join(seed)).unwrap();
        let spec = project
            .specs_dir()
            .join(Path::new(page).with_extension("yaml"));
        let endpoint = project.load_spec(&spec).unwrap();
        let rendered = renderer.render(&endpoint, &project.config).unwrap().page;
        assert!(
            rendered.as_bytes() == expected.as_slice(),
            "{page} differs from seed {seed}:\n{}",
            similar::TextDiff::from_lines(&*String::from_utf8_lossy(&expected), &rendered)
                .unified_diff()
                .header(seed, page)
        );
    }
}

#[test]
fn committed_output_pages_equal_the_seeds() {
    let Some(seeds) = seeds_dir() else {
        eprintln!(
            "SKIPPED: ../shared/seeds is not beside the repository; committed pages not compared"
        );
        return;
    };
    for (seed, page) in SEEDS {
        let expected = std::fs::read(seeds.join(seed)).unwrap();
        let committed = std::fs::read(repo().join("output").join(page)).unwrap();
        assert!(committed == expected, "output/{page} is not seed {seed}");
    }
}
