//! Swift with URLSession's async/await API.

use super::run::Runner;
use super::{Syntax, Target};
use crate::model::Request;

pub const TARGET: Target = Target {
    id: "swift-async",
    language: "Swift",
    client: "Swift with URLSession (async/await)",
    label: "Swift - async/await",
    fence: "swift",
    extension: "swift",
    house_tab: false,
    template: include_str!("../../templates/swift-async.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_swift::LANGUAGE),
    runner: Runner::None {
        reason: "no Swift toolchain installs from the registries this project's machines reach (Debian has none)",
    },
    known_gap,
};

fn known_gap(request: &Request) -> Option<&'static str> {
    request
        .get_with_body()
        .then_some("URLSession refuses a body with GET: the sample says so and sends nothing")
}
