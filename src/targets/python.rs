//! Python with requests.

use super::run::{RunSetup, Runner, command, need, probe};
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
    runner: Runner::Program(run),
    known_gap: no_known_gap,
};

fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    need(&["python3"])?;
    probe(
        "python3",
        &["-c", "import requests"],
        "Python's requests is not installed (pip install requests)",
    )?;
    Ok(command("python3", [setup.write_sample("py")?]))
}
