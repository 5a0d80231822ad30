//! Every sample of every spec parses in its language (tree-sitter grammars; httparse for the raw
//! HTTP message): the site's specs, and the request-shape corpus in every built-in target.

use std::path::Path;

use samplegen::config::SiteTarget;
use samplegen::project::Project;
use samplegen::targets::TARGETS;

fn check_project(root: &Path, every_target: bool) -> Vec<String> {
    let mut project = Project::open(root).unwrap();
    if every_target {
        project.config.targets = TARGETS.iter().map(SiteTarget::new).collect();
    }
    let renderer = project.renderer().unwrap();
    let specs = project.load_specs().unwrap();
    assert!(specs.problems.is_empty(), "{:?}", specs.problems);
    let mut failures = Vec::new();
    let mut checked = 0;
    for endpoint in &specs.endpoints {
        let rendered = renderer.render(endpoint, &project.config).unwrap();
        for (target, code) in &rendered.samples {
            checked += 1;
            if let Err(error) = samplegen::syntax::check(target, code) {
                failures.push(format!(
                    "{} [{}] {error}\n{code}",
                    endpoint.source.display(),
                    target.id
                ));
            }
        }
    }
    assert!(checked > 0);
    failures
}

#[test]
fn every_sample_parses() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut failures = check_project(repo, false);
    failures.extend(check_project(&repo.join("tests/fixtures"), true));
    assert!(
        failures.is_empty(),
        "{} samples do not parse:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
