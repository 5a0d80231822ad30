//! NodeJS with axios (and `form-data` for multipart bodies, `qs` for forms).

use super::run::NODE_PROGRAM;
use super::{Syntax, Target, no_known_gap};

pub const TARGET: Target = Target {
    id: "axios",
    language: "JavaScript",
    client: "NodeJS with axios",
    label: "NodeJS - Axios",
    fence: "javascript",
    extension: "js",
    house_tab: false,
    template: include_str!("../../templates/axios.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_javascript::LANGUAGE),
    runner: NODE_PROGRAM,
    known_gap: no_known_gap,
};
