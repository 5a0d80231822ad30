//! The raw HTTP/1.1 message, as the house style shows it.

use super::run::Runner;
use super::{Syntax, Target};
use crate::model::Request;

pub const TARGET: Target = Target {
    id: "http",
    language: "HTTP",
    client: "raw HTTP/1.1 message",
    label: "HTTP",
    fence: "http",
    extension: "http",
    house_tab: true,
    template: include_str!("../../templates/http.tera"),
    syntax: Syntax::HttpMessage,
    runner: Runner::RawHttp,
    known_gap,
};

/// The sample is a message to read: its lines end in LF, and a multipart body's lines are sent
/// with CR LF, so a bare LF inside a text part cannot be shown apart from a line end.
fn known_gap(request: &Request) -> Option<&'static str> {
    request
        .has_text_part_with_bare_line_break()
        .then_some("the HTTP sample shows a multipart body with one kind of line end, sent as CR LF: a bare LF in a text part arrives as CR LF")
}
