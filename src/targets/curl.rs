//! cURL in a POSIX shell: the house style's first tab.

use super::run::{RunSetup, Runner, command, need};
use super::{Syntax, Target, no_known_gap};

pub const TARGET: Target = Target {
    id: "curl",
    language: "Shell",
    client: "cURL (POSIX shell)",
    label: "cURL",
    fence: "shell",
    extension: "sh",
    house_tab: true,
    template: include_str!("../../templates/curl.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_bash::LANGUAGE),
    runner: Runner::Program(run),
    known_gap: no_known_gap,
};

fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    need(&["bash", "curl"])?;
    Ok(command("bash", [setup.write_sample("sh")?]))
}
