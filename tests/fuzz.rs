//! Fuzzing spec parsing and rendering: arbitrary text and mutated real specs go through parse,
//! validation, error formatting and rendering; nothing may panic or hang. Bounded for CI by
//! `SAMPLEGEN_FUZZ_CASES` (default 500 cases per target); raise it for a longer run.

use std::path::{Path, PathBuf};

use proptest::prelude::*;

use samplegen::config::Config;
use samplegen::diagnostic::Diagnostic;
use samplegen::model::{self, PageId};
use samplegen::render::Renderer;
use samplegen::spec;

/// Parses, validates and renders `source` the way a build does, formatting every error.
fn run_pipeline(source: &str) {
    let file = Path::new("specs/m/p.yaml");
    let id = PageId {
        module: "m".into(),
        page: "p".into(),
    };
    match spec::parse(source) {
        Err(error) => {
            let _ = Diagnostic::from_yaml(file, source, &error).to_string();
        }
        Ok(parsed) => match model::validate(parsed, id, file, source) {
            Err(problems) => {
                for problem in problems {
                    let _ = problem.to_string();
                }
            }
            Ok(endpoint) => {
                let renderer = Renderer::new(None).unwrap();
                renderer
                    .render(&endpoint, every_target())
                    .unwrap_or_else(|error| panic!("a valid spec failed to render: {error}"));
            }
        },
    }
}

/// A site that renders every built-in target, not only the house tabs.
fn every_target() -> &'static Config {
    static CONFIG: std::sync::OnceLock<Config> = std::sync::OnceLock::new();
    CONFIG.get_or_init(|| Config::default().with_every_target())
}

/// Every spec in the repository: the starting points for mutation.
fn seed_specs() -> Vec<String> {
    fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                collect(&path, out);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    collect(&root.join("specs"), &mut paths);
    collect(&root.join("tests/fixtures/specs"), &mut paths);
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

fn cases() -> u32 {
    std::env::var("SAMPLEGEN_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(500)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        // a case that takes this long is a hang
        timeout: 10_000,
        ..ProptestConfig::default()
    }
}

/// An edit to a spec's text: replace, insert or delete at a position, with spec-like fragments.
#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, String),
    Delete(usize, usize),
}

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\n".to_string()),
        Just("  ".to_string()),
        Just("- ".to_string()),
        Just(": ".to_string()),
        Just("{{".to_string()),
        Just("}}".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("|\n".to_string()),
        Just("\t".to_string()),
        Just("[".to_string()),
        Just("{".to_string()),
        Just("&a ".to_string()),
        Just("*a".to_string()),
        Just("!!binary ".to_string()),
        Just("~".to_string()),
        Just("raw: x\n".to_string()),
        // JSON bodies whose top level is not an object or array
        Just("raw: '\"s\"'\n".to_string()),
        Just("raw: '-0.5e3'\n".to_string()),
        Just("headers:\n  - Content-Type: application/json\n".to_string()),
        Just("formdata:\n  - a: {file: /x, content_type: y}\n".to_string()),
        Just("graphql: {query: q, variables: '{}'}".to_string()),
        Just("apikey: {name: k, value: v, in: query}".to_string()),
        any::<String>(),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), fragment()).prop_map(|(at, s)| Edit::Insert(at, s)),
        (any::<usize>(), 1usize..20).prop_map(|(at, n)| Edit::Delete(at, n)),
    ]
}

fn apply(source: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = source.chars().collect();
    for edit in edits {
        match edit {
            Edit::Insert(at, text) => {
                let at = at % (chars.len() + 1);
                chars.splice(at..at, text.chars());
            }
            Edit::Delete(at, n) => {
                if !chars.is_empty() {
                    let at = at % chars.len();
                    let end = (at + n).min(chars.len());
                    chars.drain(at..end);
                }
            }
        }
    }
    chars.into_iter().collect()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_text_never_panics(source in any::<String>()) {
        run_pipeline(&source);
    }

    #[test]
    fn mutated_specs_never_panic(
        seed in any::<prop::sample::Index>(),
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        let seeds = seed_specs();
        let source = apply(&seeds[seed.index(seeds.len())], &edits);
        run_pipeline(&source);
    }
}

/// Found by importing a public OpenAPI document (anyOf of primitives): a JSON body that is one
/// string is sent as its text, in every target.
#[test]
fn a_json_body_that_is_one_string_renders_in_every_target() {
    run_pipeline(
        "title: t\nrequest:\n  method: POST\n  url: https://example.com/a\n  headers:\n    - Content-Type: application/json\n  body:\n    raw: '\"string\"'\n",
    );
}
