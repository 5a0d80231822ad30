//! JavaScript in a browser page with `XMLHttpRequest`, in the shape of Postman's javascript/XHR
//! generator; `verify` runs it in Node with jsdom's `XMLHttpRequest`, the page's `fileInput`
//! given the files the request uploads.

use super::browser_gaps::BrowserRules;
use super::run::{BatchSetup, RunSetup, Runner, node_many};
use super::{Syntax, Target, jquery};
use crate::model::Request;

pub const TARGET: Target = Target {
    id: "xhr",
    language: "JavaScript",
    client: "JavaScript with XMLHttpRequest",
    label: "JavaScript - XHR",
    fence: "javascript",
    extension: "js",
    house_tab: false,
    template: include_str!("../../templates/xhr.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_javascript::LANGUAGE),
    runner: Runner::Batched {
        one: run,
        many: run_many,
    },
    known_gap,
};

/// One sample in a jsdom window whose origin is the echo server's, so CORS never applies.
fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    jquery::page_harness(setup, "run-xhr.js")
}

/// Every sample of a batch in one node process, each in its own jsdom window.
fn run_many(setup: &BatchSetup) -> Result<std::process::Command, String> {
    node_many(setup, "run-xhr.js", jquery::page_job)
}

const RULES: BrowserRules = BrowserRules {
    line_breaks: "browsers send every line break in a FormData text entry as CR LF",
    methods: "XMLHttpRequest refuses the methods CONNECT, TRACE and TRACK",
    in_page: true,
    get_body: "XMLHttpRequest sends no body with GET: the sample says so and sends nothing",
};

fn known_gap(request: &Request) -> Option<&'static str> {
    RULES.known_gap(request)
}
