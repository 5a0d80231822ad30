//! PHP with pecl_http 4 (`http\Client`), as Postman's PHP pecl_http generator writes it.

use super::run::{RunSetup, Runner, php_sample};
use super::{Syntax, Target};
use crate::model::{PartContent, Request};

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
    if request
        .headers_with_auth()
        .iter()
        .any(|header| header.value.is_empty())
    {
        return Some("pecl_http does not send a header with an empty value");
    }
    // the template adds parts one by one unless `addForm` can send them (texts first, untyped,
    // names once); pecl_http then ends an empty part with no line break
    let by_add_form = !request.has_text_part_after_file()
        && !request.has_typed_text_part()
        && !request.repeats_a_part_name();
    let empty_text = request
        .parts()
        .iter()
        .any(|p| matches!(&p.content, PartContent::Text { value } if value.is_empty()));
    (!by_add_form && empty_text).then_some(
        "pecl_http ends an empty multipart part it is given as a message with no line break",
    )
}

#[cfg(test)]
mod tests {
    use super::known_gap;

    #[test]
    fn an_empty_part_added_as_a_message_is_a_gap_and_one_in_a_form_is_not() {
        let gap = |parts: &str| {
            known_gap(&crate::targets::request_of(&format!(
                "title: t\nrequest:\n  method: POST\n  url: https://e.com/a\n  body:\n    formdata:\n{parts}"
            )))
        };
        // texts first, untyped, names once: `addForm`, which sends an empty field right
        assert_eq!(gap("      - a: '1'\n      - note: ''\n"), None);
        assert!(gap("      - note: ''\n      - meta:\n          value: x\n          content_type: text/plain\n").is_some());
        assert_eq!(
            gap(
                "      - a: '1'\n      - meta:\n          value: x\n          content_type: text/plain\n"
            ),
            None
        );
    }
}
