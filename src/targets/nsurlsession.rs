//! Objective-C with Foundation's NSURLSession.

use super::run::Runner;
use super::{Syntax, Target};
use crate::model::Request;

pub const TARGET: Target = Target {
    id: "nsurlsession",
    language: "Objective-C",
    client: "Objective-C with NSURLSession",
    label: "Objective-C - NSURLSession",
    fence: "objectivec",
    extension: "m",
    house_tab: false,
    template: include_str!("../../templates/nsurlsession.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_objc::LANGUAGE),
    runner: Runner::None {
        reason: "Debian's GNUstep base is built without NSURLSession (GS_HAVE_NSURLSESSION is 0: it needs blocks and libdispatch, which GCC's Objective-C lacks) and no clang-built Foundation installs from the registries this project's machines reach",
    },
    known_gap,
};

fn known_gap(request: &Request) -> Option<&'static str> {
    request
        .get_with_body()
        .then_some("NSURLSession refuses a body with GET: the sample says so and sends nothing")
}
