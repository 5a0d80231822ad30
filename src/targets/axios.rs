//! NodeJS with axios (and `form-data` for multipart bodies, `qs` for forms).

use super::run::{RunSetup, Runner, command};
use super::{Syntax, Target, no_known_gap};

pub const TARGET: Target = Target {
    id: "axios",
    language: "JavaScript",
    client: "NodeJS with axios",
    label: "NodeJS - Axios",
    fence: "javascript",
    extension: "js",
    house_tab: false,
    template: include_str!("../../templates/axios.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_javascript::LANGUAGE),
    runner: Runner::Program(run),
    known_gap: no_known_gap,
};

fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    let node = super::jquery::node_support(setup)?;
    let path = setup.write_sample("js")?;
    Ok(command(
        "node",
        [node.join("run-axios.js").as_os_str(), path.as_os_str()],
    ))
}
