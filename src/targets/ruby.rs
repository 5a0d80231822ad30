//! Ruby with the standard library's Net::HTTP.

use super::run::{RunSetup, Runner, command, need};
use super::{Syntax, Target};
use crate::model::Request;

pub const TARGET: Target = Target {
    id: "ruby",
    language: "Ruby",
    client: "Ruby with Net::HTTP",
    label: "Ruby",
    fence: "ruby",
    extension: "rb",
    house_tab: true,
    template: include_str!("../../templates/ruby.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_ruby::LANGUAGE),
    runner: Runner::Program(run),
    known_gap,
};

fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    need(&["ruby"])?;
    Ok(command("ruby", [setup.write_sample("rb")?]))
}

fn known_gap(request: &Request) -> Option<&'static str> {
    request
        .has_typed_text_part()
        .then_some("Net::HTTP's set_form gives a text part no content type")
}
