//! Hugo content: Hugo reads `{{<` and `{{%` anywhere in a page, code included, as the start of
//! a shortcode, before any Markdown.

use tera::{Error, TeraResult};

/// The two openings of a Hugo shortcode.
const SHORTCODE_OPENINGS: [&str; 2] = ["{{<", "{{%"];

/// Markdown with every shortcode opening outside code broken by a Markdown escape (`{{\<`),
/// which shows as the same text; an error when one is inside a code span or block.
pub fn hugo_text(markdown: &str) -> TeraResult<String> {
    let mut out = String::with_capacity(markdown.len());
    let mut at = 0;
    for range in crate::filters::markdown::code_ranges(markdown) {
        if range.start < at {
            continue;
        }
        out.push_str(&break_openings(&markdown[at..range.start]));
        out.push_str(&hugo_code(&markdown[range.clone()])?);
        at = range.end;
    }
    out.push_str(&break_openings(&markdown[at..]));
    Ok(out)
}

fn break_openings(text: &str) -> String {
    text.replace("{{<", "{{\\<").replace("{{%", "{{\\%")
}

/// `code` unchanged, or an error when it holds a shortcode opening: Hugo offers no way to write
/// one inside code, and would fail the whole site.
pub fn hugo_code(code: &str) -> TeraResult<String> {
    match SHORTCODE_OPENINGS
        .iter()
        .find(|opening| code.contains(*opening))
    {
        Some(opening) => Err(Error::message(format!(
            "the hugo page preset cannot show `{opening}` inside code: Hugo reads it as a shortcode"
        ))),
        None => Ok(code.to_string()),
    }
}

/// A quoted shortcode argument that Hugo reads back as `s`.
pub fn hugo_argument(s: &str) -> String {
    crate::filters::quote_with(s, '"', |c| match c {
        '"' => Some("\\\"".into()),
        '\\' => Some("\\\\".into()),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcode_openings_are_broken_in_text() {
        assert_eq!(
            hugo_text("{{< x >}} {{% y %}} {{z}}").unwrap(),
            r"{{\< x >}} {{\% y %}} {{z}}"
        );
        assert!(hugo_text("see `{{< x >}}`").is_err());
    }

    #[test]
    fn shortcode_openings_in_code_are_an_error() {
        assert_eq!(hugo_code("{{token}}").unwrap(), "{{token}}");
        let error = hugo_code("x {{< y").unwrap_err().to_string();
        assert!(error.contains("cannot show `{{<` inside code"), "{error}");
    }

    #[test]
    fn arguments_are_quoted() {
        assert_eq!(hugo_argument(r#"C# "x" \"#), r#""C# \"x\" \\""#);
    }
}
