//! PHP with its curl extension (`curl_setopt_array`), as Postman's PHP cURL generator writes it.

use super::run::{RunSetup, Runner, php_sample};
use super::{Syntax, Target, no_known_gap};

pub const TARGET: Target = Target {
    id: "php-curl",
    language: "PHP",
    client: "PHP with the curl extension",
    label: "PHP - cURL",
    fence: "php",
    extension: "php",
    house_tab: false,
    template: include_str!("../../templates/php-curl.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_php::LANGUAGE_PHP),
    runner: Runner::Program(run),
    known_gap: no_known_gap,
};

fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    php_sample(
        setup,
        &[],
        "exit(function_exists('curl_init') ? 0 : 1);",
        "PHP's curl extension is not installed (Debian: php-curl)",
    )
}
