//! Go with the standard library's net/http.

use super::run::{RunSetup, Runner, command, need};
use super::{Syntax, Target, no_known_gap};

pub const TARGET: Target = Target {
    id: "go",
    language: "Go",
    client: "Go with net/http",
    label: "Go",
    fence: "golang",
    extension: "go",
    house_tab: true,
    template: include_str!("../../templates/go.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_go::LANGUAGE),
    runner: Runner::Program(run),
    known_gap: no_known_gap,
};

fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    need(&["go"])?;
    let path = setup.write_sample("go")?;
    let mut go = command("go", ["run".as_ref(), path.as_os_str()]);
    go.env("GO111MODULE", "off");
    Ok(go)
}
