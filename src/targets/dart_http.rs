//! Dart with package:http.

use super::{Runner, Syntax, Target};
use crate::model::{PartContent, Request};

pub const TARGET: Target = Target {
    id: "dart-http",
    language: "Dart",
    client: "Dart with package:http",
    label: "Dart - http",
    fence: "dart",
    extension: "dart",
    house_tab: false,
    template: include_str!("../../templates/dart-http.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_dart_orchard::LANGUAGE),
    runner: Runner::None {
        reason: super::NO_DART,
    },
    known_gap,
};

fn known_gap(request: &Request) -> Option<&'static str> {
    let parts = request.parts();
    let repeated = parts
        .iter()
        .enumerate()
        .any(|(i, p)| parts[..i].iter().any(|q| q.name == p.name));
    // with a repeated name every text part goes as a file part, in order
    if repeated && parts.iter().any(is_field) {
        Some(
            "package:http keeps one field per name: with a repeated part name the sample sends its text parts as file parts, each with a content type",
        )
    } else if field_after_file(request) {
        Some(FIELDS_FIRST)
    } else {
        None
    }
}

/// Why a multipart body whose untyped text parts do not all come first arrives reordered.
pub(super) const FIELDS_FIRST: &str =
    "package:http and dio send a multipart body's text fields before its files";

/// Whether a multipart text part without a content type (a field, which package:http and dio
/// send first) comes after a file or typed part (which they send after the fields).
pub(super) fn field_after_file(request: &Request) -> bool {
    let parts = request.parts();
    parts
        .iter()
        .position(|p| !is_field(p))
        .is_some_and(|first| parts[first..].iter().any(is_field))
}

/// A text part without a content type of its own.
fn is_field(part: &crate::model::Part) -> bool {
    matches!(part.content, PartContent::Text { .. }) && part.content_type.is_none()
}
