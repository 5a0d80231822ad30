//! R with httr.

use super::run::{BatchSetup, RunSetup, Runner, r_many, r_with};
use super::{Syntax, Target};
use crate::model::Request;

pub const TARGET: Target = Target {
    id: "httr",
    language: "R",
    client: "R with httr",
    label: "R - httr",
    fence: "r",
    extension: "R",
    house_tab: false,
    template: include_str!("../../templates/httr.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_r::LANGUAGE),
    runner: Runner::Batched {
        one: run,
        many: run_many,
    },
    known_gap,
};

fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    r_with(setup, "httr", "r-cran-httr")
}

fn run_many(setup: &BatchSetup) -> Result<std::process::Command, String> {
    r_many(setup, "httr", "r-cran-httr")
}

fn known_gap(request: &Request) -> Option<&'static str> {
    if request.get_with_body() {
        return Some("httr sends no body with GET: the sample says so and sends nothing");
    }
    // httr reads an empty value as "remove this header", and libcurl drops `Name:` alike
    request
        .headers_with_auth()
        .iter()
        .any(|h| h.value.is_empty())
        .then_some(
            "httr cannot send a header with an empty value: it reads one as removing the header",
        )
}
