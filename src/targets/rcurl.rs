//! R with RCurl.

use super::run::{BatchSetup, RunSetup, Runner, r_many, r_with};
use super::{Syntax, Target};
use crate::model::Request;

pub const TARGET: Target = Target {
    id: "rcurl",
    language: "R",
    client: "R with RCurl",
    label: "R - RCurl",
    fence: "r",
    extension: "R",
    house_tab: false,
    template: include_str!("../../templates/rcurl.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_r::LANGUAGE),
    runner: Runner::Batched {
        one: run,
        many: run_many,
    },
    known_gap,
};

fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    r_with(setup, "RCurl", "r-cran-rcurl")
}

fn run_many(setup: &BatchSetup) -> Result<std::process::Command, String> {
    r_many(setup, "RCurl", "r-cran-rcurl")
}

fn known_gap(request: &Request) -> Option<&'static str> {
    if request
        .headers_with_auth()
        .iter()
        .any(|h| h.value.is_empty())
    {
        // RCurl writes `Name: `, which libcurl reads as "remove this header"
        Some(
            "RCurl cannot send a header with an empty value: libcurl reads one as removing the header",
        )
    } else if request.has_typed_text_part() {
        Some("RCurl's postForm cannot give a multipart text part a content type")
    } else {
        None
    }
}
