//! NodeJS with the `request` package.

use super::run::{RunSetup, Runner, node_harness};
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
    runner: Runner::Program(run),
    known_gap: no_known_gap,
};

fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    node_harness(setup, "run-request.js")
}
