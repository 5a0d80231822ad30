//! PHP with pecl_http 4 (`http\Client`), as Postman's PHP pecl_http generator writes it.

use super::run::{RunSetup, Runner, php_sample};
use super::{Syntax, Target};
use crate::model::Request;

pub const TARGET: Target = Target {
    id: "pecl-http",
    language: "PHP",
    client: "PHP with pecl_http",
    label: "PHP - pecl_http",
    fence: "php",
    extension: "php",
    house_tab: false,
    template: include_str!("../../templates/pecl-http.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_php::LANGUAGE_PHP),
    runner: Runner::Program(run),
    known_gap,
};

fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    php_sample(
        setup,
        &[],
        "exit(extension_loaded('http') ? 0 : 1);",
        "PHP's pecl_http extension is not loaded (Debian: php-http, which needs php-raphf)",
    )
}

fn known_gap(request: &Request) -> Option<&'static str> {
    request
        .headers_with_auth()
        .iter()
        .any(|header| header.value.is_empty())
        .then_some("pecl_http does not send a header with an empty value")
}
