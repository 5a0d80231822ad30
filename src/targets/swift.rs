//! Swift with Foundation's URLSession.

use super::run::Runner;
use super::{Syntax, Target};
use crate::model::Request;

pub const TARGET: Target = Target {
    id: "swift",
    language: "Swift",
    client: "Swift with URLSession",
    label: "Swift",
    fence: "swift",
    extension: "swift",
    house_tab: true,
    template: include_str!("../../templates/swift.tera"),
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
