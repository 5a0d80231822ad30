//! Java with Unirest (kong.unirest): syntax-checked only, since no registry these machines reach
//! has Unirest (see the README's verify table).

use super::run::Runner;
use super::{Syntax, Target, no_known_gap};

pub const TARGET: Target = Target {
    id: "unirest-java",
    language: "Java",
    client: "Java with Unirest",
    label: "Java - Unirest",
    fence: "java",
    extension: "java",
    house_tab: false,
    template: include_str!("../../templates/unirest-java.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_java::LANGUAGE),
    runner: Runner::None {
        reason: "Unirest is in neither Debian nor any registry this machine reaches (Maven Central is not), and a test double would prove only itself",
    },
    known_gap: no_known_gap,
};
