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
    let content_type = request.content_type()?;
    if request.sends_empty_body() && !matches!(request.method.as_str(), "POST" | "PUT") {
        Some(
            "HTTP_Request2 drops `Content-Type` from a request with no or an empty body, except for `POST` and `PUT`",
        )
    } else if content_type.trim().is_empty() {
        Some("HTTP_Request2 sends its own `Content-Type` in place of an empty one")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(method: &str, content_type: &str, body: &str) -> Request {
        crate::targets::request_of(&format!(
            "title: t\nrequest:\n  method: {method}\n  url: https://x.example/\n  headers:\n    - Content-Type: '{content_type}'\n{body}"
        ))
    }

    #[test]
    fn http_request2_replaces_or_drops_some_content_types() {
        let raw = "  body:\n    raw: hello\n";
        assert!(known_gap(&request("PATCH", "text/plain", "")).is_some());
        assert_eq!(known_gap(&request("POST", "text/plain", "")), None);
        assert!(known_gap(&request("POST", "", raw)).is_some());
        assert!(known_gap(&request("PATCH", "", raw)).is_some());
        assert_eq!(known_gap(&request("PATCH", "text/plain", raw)), None);
    }
}
