//! JavaScript with `fetch`, as a browser page (or Node 18 and later) runs it; `verify` runs it with
//! Node's own `fetch`, the page's `fileInput` given the files the request uploads.

use super::browser_gaps::BrowserRules;
use super::run::NODE_PROGRAM;
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
    runner: NODE_PROGRAM,
    known_gap,
};

const RULES: BrowserRules = BrowserRules {
    line_breaks: "fetch sends every line break in a FormData text entry as CR LF",
    methods: "fetch refuses the methods CONNECT, TRACE and TRACK",
    in_page: true,
    get_body: "fetch refuses a body with GET: the sample says so and sends nothing",
};

fn known_gap(request: &Request) -> Option<&'static str> {
    RULES
        .known_gap(request)
        .or_else(|| super::browser_gaps::fetch_additions(request))
}
