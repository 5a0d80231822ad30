//! Python with requests.

use super::run::{BatchSetup, RunSetup, Runner, python_many, python_with};
use super::{Syntax, Target, no_known_gap};

pub const TARGET: Target = Target {
    id: "python",
    language: "Python",
    client: "Python with requests",
    label: "Python",
    fence: "python",
    extension: "py",
    house_tab: true,
    template: include_str!("../../templates/python.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_python::LANGUAGE),
    runner: Runner::Batched {
        one: run,
        many: run_many,
    },
    known_gap: no_known_gap,
};

fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    python_with(setup, "requests", "requests")
}

fn run_many(setup: &BatchSetup) -> Result<std::process::Command, String> {
    python_many(setup, "requests", "requests")
}
