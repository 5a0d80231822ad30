//! JavaScript in a browser page with jQuery's `$.ajax` (`verify` runs it in Node with jsdom).

use super::browser_gaps::BrowserRules;
use super::run::{BatchSample, BatchSetup, RunSetup, Runner, node_harness, node_many};
use super::{Syntax, Target};
use crate::model::Request;

pub const TARGET: Target = Target {
    id: "jquery",
    language: "JavaScript",
    client: "JavaScript with jQuery $.ajax",
    label: "jQuery",
    fence: "javascript",
    extension: "js",
    house_tab: true,
    template: include_str!("../../templates/jquery.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_javascript::LANGUAGE),
    runner: Runner::Batched {
        one: run,
        many: run_many,
    },
    known_gap,
};

fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    page_harness(setup, "run-jquery.js")
}

/// A jsdom page harness (`run-jquery.js`, `run-xhr.js`) on one sample: the page's origin is the
/// echo server's, and its `fileInput` holds the files the request uploads.
pub(super) fn page_harness(
    setup: &RunSetup,
    harness: &str,
) -> Result<std::process::Command, String> {
    let mut jsdom = node_harness(setup, harness)?;
    jsdom
        .arg(format!("http://127.0.0.1:{}/", setup.port))
        .arg("--quiet");
    for file in setup.files {
        jsdom.arg("--file").arg(file);
    }
    Ok(jsdom)
}

/// Every sample of a batch in one node process, each in its own jsdom window.
fn run_many(setup: &BatchSetup) -> Result<std::process::Command, String> {
    node_many(setup, "run-jquery.js", page_job)
}

/// What a page harness needs to know of a batch's sample: its page's origin and its files.
pub(super) fn page_job(sample: &BatchSample) -> serde_json::Value {
    serde_json::json!({
        "origin": format!("http://127.0.0.1:{}/", sample.port),
        "files": sample.files,
    })
}

/// jQuery sends through the browser's XMLHttpRequest, under its rules.
const RULES: BrowserRules = BrowserRules {
    line_breaks: "browsers send every line break in a FormData text entry as CR LF",
    methods: "browsers refuse the methods CONNECT, TRACE and TRACK",
    in_page: true,
    get_body: "browsers send no body with GET: the sample says so and sends nothing",
};

fn known_gap(request: &Request) -> Option<&'static str> {
    RULES.known_gap(request).or_else(|| {
        request.has_typed_part().then_some(
            "a browser FormData entry takes its content type from the File the page holds, or has none",
        )
    })
}
