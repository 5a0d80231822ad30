//! JavaScript in a browser page with axios, in the shape of httpsnippet's javascript/axios client
//! (an ES module importing `axios`, as a bundler or an import map serves it); files come from the
//! page's `fileInput`. `verify` runs it in Node with axios's own http adapter, the page's
//! `fileInput` given the files the request uploads as `File`s.

use super::run::{RunSetup, Runner, node_harness};
use super::{Syntax, Target};
use crate::model::Request;

pub const TARGET: Target = Target {
    id: "axios-browser",
    language: "JavaScript",
    client: "JavaScript with axios",
    label: "JavaScript - Axios",
    fence: "javascript",
    extension: "js",
    house_tab: false,
    template: include_str!("../../templates/axios-browser.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_javascript::LANGUAGE),
    runner: Runner::Program(run),
    known_gap,
};

fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    let mut axios = node_harness(setup, "run-node.js")?;
    for file in setup.files {
        axios.arg("--file").arg(file);
    }
    Ok(axios)
}

fn known_gap(request: &Request) -> Option<&'static str> {
    if request.has_typed_text_part() {
        Some("a FormData text entry has no content type of its own")
    } else if request.has_text_part_with_bare_line_break() {
        // the HTML standard's multipart/form-data encoding, which axios follows in Node too
        Some("browsers send every line break in a FormData text entry as CR LF")
    } else if ["CONNECT", "TRACE", "TRACK"].contains(&request.method.as_str()) {
        Some("browsers refuse the methods CONNECT, TRACE and TRACK")
    } else if request.sets_header_forbidden_in_browsers() {
        Some("browsers do not let a page set this header")
    } else {
        None
    }
}
