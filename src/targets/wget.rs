//! GNU Wget in a POSIX shell.

use super::run::{RunSetup, Runner, command, need};
use super::{Syntax, Target};
use crate::model::{Body, Request};

pub const TARGET: Target = Target {
    id: "wget",
    language: "Shell",
    client: "GNU Wget (POSIX shell)",
    label: "Wget",
    fence: "shell",
    extension: "sh",
    house_tab: false,
    template: include_str!("../../templates/wget.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_bash::LANGUAGE),
    runner: Runner::Program(run),
    known_gap,
};

/// Run in the sample's own directory: wget saves the response in a file there.
fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    need(&["bash", "wget"])?;
    let mut bash = command("bash", [setup.write_sample("sh")?]);
    bash.current_dir(setup.work);
    Ok(bash)
}

fn known_gap(request: &Request) -> Option<&'static str> {
    match request.body {
        Some(Body::Formdata { .. }) => Some(
            "wget cannot build a multipart body: its sample says so and sends nothing (use curl's --form)",
        ),
        _ => None,
    }
}
