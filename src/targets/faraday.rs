//! Ruby with Faraday 1.x (Debian's ruby-faraday), in the shape of Faraday's own usage docs.

use super::run::{BatchSetup, RunSetup, Runner, command, need, probe};
use super::{Syntax, Target};
use crate::model::Request;

pub const TARGET: Target = Target {
    id: "faraday",
    language: "Ruby",
    client: "Ruby with Faraday",
    label: "Ruby - Faraday",
    fence: "ruby",
    extension: "rb",
    house_tab: false,
    template: include_str!("../../templates/faraday.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_ruby::LANGUAGE),
    runner: Runner::Batched {
        one: run,
        many: run_many,
    },
    known_gap,
};

/// `ruby` is installed with Faraday, or why not.
fn ready() -> Result<(), String> {
    need(&["ruby"])?;
    probe(
        "ruby",
        &["-e", "require 'faraday'"],
        "Ruby's Faraday is not installed (Debian: ruby-faraday)",
    )
}

fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    ready()?;
    Ok(command("ruby", [setup.write_sample("rb")?]))
}

/// Every sample of a batch in one interpreter (the support directory's `ruby/run_many.rb`).
fn run_many(setup: &BatchSetup) -> Result<std::process::Command, String> {
    ready()?;
    let files = setup.write_each("sample.rb", |_, code| code.to_string())?;
    let harness = setup.support.join("ruby/run_many.rb");
    Ok(setup.harness("ruby", &[harness.as_os_str()], &files))
}

fn known_gap(request: &Request) -> Option<&'static str> {
    let parts: Vec<&str> = request.parts().iter().map(|p| p.name.as_str()).collect();
    let query: Vec<String> = request
        .url
        .query_pairs()
        .into_iter()
        .map(|pair| pair.key)
        .collect();
    let query: Vec<&str> = query.iter().map(String::as_str).collect();
    if interleaved(&parts) || interleaved(&query) {
        return Some(
            "Faraday keeps params and multipart parts in a hash, so a repeated name is sent together with its first",
        );
    }
    (request.body.is_none() && matches!(request.method.as_str(), "POST" | "PUT" | "PATCH"))
        .then_some(
            "Faraday 1.1's Net::HTTP adapter sends `Content-Type: application/x-www-form-urlencoded` with a `POST`, `PUT` or `PATCH` without a body",
        )
}

/// Whether a name comes again after another name has come between.
fn interleaved(names: &[&str]) -> bool {
    names.iter().enumerate().any(|(index, name)| {
        let first = names.iter().position(|n| n == name).unwrap_or(index);
        names[first..index].iter().any(|n| n != name)
    })
}
