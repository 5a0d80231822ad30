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
    node_many(setup, "run-request.js", |_| serde_json::json!({}))
}
