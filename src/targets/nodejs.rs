//! NodeJS with the `request` package.

use super::run::{BatchSetup, RunSetup, Runner, node_harness, node_many};
use super::{Syntax, Target, no_known_gap};

pub const TARGET: Target = Target {
    id: "nodejs",
    language: "JavaScript",
    client: "NodeJS with request",
    label: "NodeJS",
    fence: "javascript",
    extension: "js",
    house_tab: true,
    template: include_str!("../../templates/nodejs.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_javascript::LANGUAGE),
    runner: Runner::Batched {
        one: run,
        many: run_many,
    },
    known_gap: no_known_gap,
};

fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    node_harness(setup, "run-request.js")
}

/// Every sample of a batch in one node process, one after the other.
fn run_many(setup: &BatchSetup) -> Result<std::process::Command, String> {
    let files = setup.write_each("sample.js", |_, code| code.to_string())?;
    let jobs: Vec<serde_json::Value> = setup
        .samples
        .iter()
        .zip(&files)
        .map(|(sample, file)| serde_json::json!({"sample": file, "result": sample.result()}))
        .collect();
    let jobs = setup.write("jobs.json", &serde_json::Value::from(jobs).to_string())?;
    node_many(setup, "run-request.js", &jobs)
}
