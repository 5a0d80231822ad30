//! PHP with PEAR's HTTP_Request2 (`verify` runs it against a test double over PHP's curl
//! extension unless given the real library).

use super::run::{RunSetup, Runner, php_sample};
use super::{Syntax, Target};
use crate::model::Request;

pub const TARGET: Target = Target {
    id: "php",
    language: "PHP",
    client: "PHP with HTTP_Request2",
    label: "PHP",
    fence: "php",
    extension: "php",
    house_tab: true,
    template: include_str!("../../templates/php.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_php::LANGUAGE_PHP),
    runner: Runner::Program(run),
    known_gap,
};

fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    let include = format!("include_path={}", setup.support.join("php").display());
    php_sample(
        setup,
        &[include],
        "exit(function_exists('curl_init') ? 0 : 1);",
        "PHP's curl extension is not installed (Debian: php-curl)",
    )
}

fn known_gap(request: &Request) -> Option<&'static str> {
    (request.content_type().is_some()
        && request.sends_empty_body()
        && !matches!(request.method.as_str(), "POST" | "PUT"))
    .then_some(
        "HTTP_Request2 drops `Content-Type` from a request with no or an empty body, except for `POST` and `PUT`",
    )
}
