//! NodeJS 18 and later with its global `fetch` (undici), in the shape of httpsnippet's node/fetch
//! client without the `node-fetch` package; files are read into `Blob`s with `fs.readFileSync`.

use super::run::{RunSetup, Runner, node_harness};
use super::{Syntax, Target};
use crate::model::Request;

pub const TARGET: Target = Target {
    id: "node-fetch",
    language: "JavaScript",
    client: "NodeJS with fetch (Node 18+)",
    label: "NodeJS - Fetch",
    fence: "javascript",
    extension: "js",
    house_tab: false,
    template: include_str!("../../templates/node-fetch.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_javascript::LANGUAGE),
    runner: Runner::Program(run),
    known_gap,
};

fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    node_harness(setup, "run-node.js")
}

fn known_gap(request: &Request) -> Option<&'static str> {
    if request.has_typed_text_part() {
        Some("a FormData text entry has no content type of its own")
    } else if request.has_text_part_with_bare_line_break() {
        // the HTML standard's multipart/form-data encoding, which undici implements
        Some("fetch sends every line break in a FormData text entry as CR LF")
    } else if ["CONNECT", "TRACE", "TRACK"].contains(&request.method.as_str()) {
        Some("fetch refuses the methods CONNECT, TRACE and TRACK")
    } else if request.url.userinfo.is_some() {
        Some("fetch refuses a URL with user info (credentials)")
    } else {
        None
    }
}
