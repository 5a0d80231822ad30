//! JavaScript in a browser page with jQuery's `$.ajax` (`verify` runs it in Node with jsdom).

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

fn known_gap(request: &Request) -> Option<&'static str> {
    if request.get_with_body() {
        Some("browsers send no body with GET: the sample says so and sends nothing")
    } else if request.has_typed_part() {
        Some(
            "a browser FormData entry takes its content type from the File the page holds, or has none",
        )
    } else if request.has_text_part_with_bare_line_break() {
        // the HTML standard's multipart/form-data encoding turns every LF or CR into CR LF
        Some("browsers send every line break in a FormData text entry as CR LF")
    } else if request.sets_header_forbidden_in_browsers() {
        Some("browsers do not let a page set this header")
    } else {
        None
    }
}
