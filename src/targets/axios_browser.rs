//! JavaScript in a browser page with axios, in the shape of httpsnippet's javascript/axios client
//! (an ES module importing `axios`, as a bundler or an import map serves it); files come from the
//! page's `fileInput`. `verify` runs it in Node with axios's own http adapter, the page's
//! `fileInput` given the files the request uploads as `File`s.

use super::browser_gaps::BrowserRules;
use super::run::NODE_PROGRAM;
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
    runner: NODE_PROGRAM,
    known_gap,
};

const RULES: BrowserRules = BrowserRules {
    line_breaks: "browsers send every line break in a FormData text entry as CR LF",
    methods: "browsers refuse the methods CONNECT, TRACE and TRACK",
    in_page: true,
    get_body: "browsers send no body with GET: the sample says so and sends nothing",
};

fn known_gap(request: &Request) -> Option<&'static str> {
    RULES.known_gap(request).or_else(|| {
        // a browser's XMLHttpRequest keeps the Content-Type the sample sets; the http adapter
        // verify runs axios with writes the File's own type instead
        let Some(crate::model::Body::File { path, .. }) = &request.body else {
            return None;
        };
        let given = crate::http::media::media_type(request.content_type()?);
        (given != crate::http::media::media_type_for_file(path)).then_some(
            "verify runs the sample with axios's Node adapter, which sends a file body with the file's own type; a browser sends the Content-Type the sample sets",
        )
    })
}
