//! JavaScript with `fetch`, as a browser page (or Node 18 and later) runs it; `verify` runs it with
//! Node's own `fetch`, the page's `fileInput` given the files the request uploads.

use super::run::{RunSetup, Runner, node_harness};
use super::{Syntax, Target};
use crate::model::Request;

pub const TARGET: Target = Target {
    id: "fetch",
    language: "JavaScript",
    client: "JavaScript with fetch",
    label: "JavaScript - Fetch",
    fence: "javascript",
    extension: "js",
    house_tab: false,
    template: include_str!("../../templates/fetch.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_javascript::LANGUAGE),
    runner: Runner::Program(run),
    known_gap,
};

fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    let mut fetch = node_harness(setup, "run-fetch.js")?;
    for file in setup.files {
        fetch.arg("--file").arg(file);
    }
    Ok(fetch)
}

fn known_gap(request: &Request) -> Option<&'static str> {
    if request.has_typed_text_part() {
        Some("a FormData text entry has no content type of its own")
    } else if request.has_text_part_with_bare_line_break() {
        // the HTML standard's multipart/form-data encoding, which fetch implements
        Some("fetch sends every line break in a FormData text entry as CR LF")
    } else if ["CONNECT", "TRACE", "TRACK"].contains(&request.method.as_str()) {
        Some("fetch refuses the methods CONNECT, TRACE and TRACK")
    } else if request.url.userinfo.is_some() {
        Some("fetch refuses a URL with user info (credentials)")
    } else if request.sets_header_forbidden_in_browsers() {
        Some("browsers do not let a page set this header")
    } else {
        None
    }
}
