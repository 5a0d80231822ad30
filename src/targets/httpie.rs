//! HTTPie (`http`) in a POSIX shell.

use super::run::{RunSetup, Runner, command, need};
use super::{Syntax, Target};
use crate::filters::httpie::{auth_reads_back, item_reads_back};
use crate::model::{Auth, Body, PartContent, Request};

pub const TARGET: Target = Target {
    id: "httpie",
    language: "Shell",
    client: "HTTPie (POSIX shell)",
    label: "HTTPie",
    fence: "shell",
    extension: "sh",
    house_tab: false,
    template: include_str!("../../templates/httpie.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_bash::LANGUAGE),
    runner: Runner::Program(run),
    known_gap,
};

fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    need(&["bash", "http"])?;
    Ok(command("bash", [setup.write_sample("sh")?]))
}

fn known_gap(request: &Request) -> Option<&'static str> {
    if !request.method.chars().all(|c| c.is_ascii_alphabetic()) {
        Some("HTTPie takes a method of letters only: it reads any other (`M-SEARCH`) as the URL")
    } else if request.has_typed_text_part() {
        Some("HTTPie gives a multipart text part no content type of its own")
    } else if !every_item_reads_back(request) {
        Some(
            "HTTPie reads `\\` before `:`, `;`, `=` or `@` in a request item as an escape, and has no way to send that `\\`",
        )
    } else if request.parts().iter().any(|part| match &part.content {
        PartContent::File { path, .. } => path.starts_with('~') || path.contains(";type="),
        PartContent::Text { .. } => false,
    }) {
        Some(
            "HTTPie expands a leading `~` in the path of a file part, and reads `;type=` in it as the part's content type",
        )
    } else {
        None
    }
}

/// Whether every header, form field, part and basic credential reaches HTTPie as written.
fn every_item_reads_back(request: &Request) -> bool {
    let headers = request
        .headers_with_auth()
        .iter()
        .all(|h| item_reads_back(&h.name, &h.value));
    let fields = match &request.body {
        Some(Body::Urlencoded { fields }) => {
            fields.iter().all(|f| item_reads_back(&f.name, &f.value))
        }
        _ => true,
    };
    let parts = request.parts().iter().all(|part| match &part.content {
        PartContent::Text { value } => item_reads_back(&part.name, value),
        PartContent::File { path, .. } => {
            let typed = match &part.content_type {
                Some(content_type) => format!("{path};type={content_type}"),
                None => path.clone(),
            };
            item_reads_back(&part.name, &typed)
        }
    });
    let credentials = match &request.auth {
        Some(Auth::Basic { username, password }) => auth_reads_back(username, password),
        _ => true,
    };
    headers && fields && parts && credentials
}
