//! Ruby with the standard library's Net::HTTP.

use super::run::{BatchSetup, RunSetup, Runner, command, need};
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
    runner: Runner::Batched {
        one: run,
        many: run_many,
    },
    known_gap,
};

fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    need(&["ruby"])?;
    Ok(command("ruby", [setup.write_sample("rb")?]))
}

/// Every sample of a batch in one interpreter (the support directory's `ruby/run_many.rb`).
fn run_many(setup: &BatchSetup) -> Result<std::process::Command, String> {
    need(&["ruby"])?;
    let files = setup.write_each("sample.rb", |_, code| code.to_string())?;
    let harness = setup.support.join("ruby/run_many.rb");
    Ok(setup.harness("ruby", &[harness.as_os_str()], &files))
}

fn known_gap(request: &Request) -> Option<&'static str> {
    request
        .has_typed_text_part()
        .then_some("Net::HTTP's set_form gives a text part no content type")
}
