//! Python's standard library `http.client`.

use super::run::{BatchSetup, RunSetup, Runner, python_many, python_with};
use super::{Syntax, Target, no_known_gap};

pub const TARGET: Target = Target {
    id: "http-client",
    language: "Python",
    client: "Python with http.client (standard library)",
    label: "Python - http.client",
    fence: "python",
    extension: "py",
    house_tab: false,
    template: include_str!("../../templates/http-client.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_python::LANGUAGE),
    runner: Runner::Batched {
        one: run,
        many: run_many,
    },
    known_gap: no_known_gap,
};

/// The standard library needs nothing installed but `python3`.
const STANDARD_LIBRARY: &str = "";

fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    python_with(setup, "http.client", STANDARD_LIBRARY)
}

fn run_many(setup: &BatchSetup) -> Result<std::process::Command, String> {
    python_many(setup, "http.client", STANDARD_LIBRARY)
}
