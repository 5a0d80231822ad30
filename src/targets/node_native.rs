//! NodeJS with its own `http`/`https` module, in the shape of Postman's nodejs/Native generator
//! (whose default wraps the module in the `follow-redirects` package; the sample uses the module
//! itself, which sends the same request and needs nothing installed).

use super::run::NODE_PROGRAM;
use super::{Syntax, Target, no_known_gap};

pub const TARGET: Target = Target {
    id: "node-native",
    language: "JavaScript",
    client: "NodeJS with http/https",
    label: "NodeJS - Native",
    fence: "javascript",
    extension: "js",
    house_tab: false,
    template: include_str!("../../templates/node-native.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_javascript::LANGUAGE),
    runner: NODE_PROGRAM,
    known_gap: no_known_gap,
};
