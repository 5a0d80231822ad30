//! PHP with Guzzle 7, as Postman's PHP Guzzle generator writes it (`verify` loads Debian's
//! php-guzzlehttp-guzzle through `tests/support/php/vendor/autoload.php`, or Composer's).

use super::run::{RunSetup, Runner, php_sample};
use super::{Syntax, Target, no_known_gap};

pub const TARGET: Target = Target {
    id: "guzzle",
    language: "PHP",
    client: "PHP with Guzzle",
    label: "PHP - Guzzle",
    fence: "php",
    extension: "php",
    house_tab: false,
    template: include_str!("../../templates/guzzle.tera"),
    syntax: Syntax::TreeSitter(tree_sitter_php::LANGUAGE_PHP),
    runner: Runner::Program(run),
    known_gap: no_known_gap,
};

/// `php` with the support directory's `php/` on the include path, where the sample's
/// `require 'vendor/autoload.php'` finds Guzzle.
fn run(setup: &RunSetup) -> Result<std::process::Command, String> {
    let include = format!("include_path={}", setup.support.join("php").display());
    php_sample(
        setup,
        &[include],
        "require 'vendor/autoload.php'; exit(class_exists('GuzzleHttp\\Client') ? 0 : 1);",
        "Guzzle is not installed (Debian: php-guzzlehttp-guzzle; or Composer's vendor/ in the support directory's php/)",
    )
}
