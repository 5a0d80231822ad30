//! Dart with dio.

use super::dart_http::{FIELDS_FIRST, field_after_file};
use super::{Runner, Syntax, Target};
use crate::model::Request;

pub const TARGET: Target = Target {
    id: "dio",
    language: "Dart",
    client: "Dart with dio",
    label: "Dart - dio",
    fence: "dart",
    extension: "dart",
    house_tab: false,
    template: include_str!("../../templates/dio.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_dart_orchard::LANGUAGE),
    runner: Runner::None {
        reason: super::NO_DART,
    },
    known_gap,
};

fn known_gap(request: &Request) -> Option<&'static str> {
    field_after_file(request).then_some(FIELDS_FIRST)
}
