//! NodeJS with the `unirest` package, in the shape of Postman's nodejs/Unirest generator.

use super::run::NODE_PROGRAM;
use super::{Syntax, Target};
use crate::model::Request;

pub const TARGET: Target = Target {
    id: "node-unirest",
    language: "JavaScript",
    client: "NodeJS with unirest",
    label: "NodeJS - Unirest",
    fence: "javascript",
    extension: "js",
    house_tab: false,
    template: include_str!("../../templates/node-unirest.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_javascript::LANGUAGE),
    runner: NODE_PROGRAM,
    known_gap,
};

fn known_gap(request: &Request) -> Option<&'static str> {
    if request.has_typed_text_part() {
        // unirest sends multipart bodies with form-data 0.2, which types file parts only
        Some("unirest gives a multipart text part no content type")
    } else {
        None
    }
}
