//! Python with aiohttp's `ClientSession` and asyncio.

use super::run::{BatchSetup, RunSetup, Runner, python_many, python_with};
use super::{Syntax, Target, no_known_gap};

pub const TARGET: Target = Target {
    id: "aiohttp",
    language: "Python",
    client: "Python with aiohttp (asyncio)",
    label: "Python - aiohttp",
    fence: "python",
    extension: "py",
    house_tab: false,
    template: include_str!("../../templates/aiohttp.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_python::LANGUAGE),
    runner: Runner::Batched {
        one: run,
        many: run_many,
    },
    known_gap: no_known_gap,
};

fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    python_with(setup, "aiohttp", "aiohttp")
}

fn run_many(setup: &BatchSetup) -> Result<std::process::Command, String> {
    python_many(setup, "aiohttp", "aiohttp")
}
