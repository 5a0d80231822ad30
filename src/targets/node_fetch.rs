//! NodeJS 18 and later with its global `fetch` (undici), in the shape of httpsnippet's node/fetch
//! client without the `node-fetch` package; files are read into `Blob`s with `fs.readFileSync`.

use super::browser_gaps::BrowserRules;
use super::run::NODE_PROGRAM;
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
    runner: NODE_PROGRAM,
    known_gap,
};

const RULES: BrowserRules = BrowserRules {
    line_breaks: "fetch sends every line break in a FormData text entry as CR LF",
    methods: "fetch refuses the methods CONNECT, TRACE and TRACK",
    in_page: false,
    get_body: "node-fetch refuses a body with GET: the sample says so and sends nothing",
};

fn known_gap(request: &Request) -> Option<&'static str> {
    RULES
        .known_gap(request)
        .or_else(|| super::browser_gaps::fetch_additions(request))
}
