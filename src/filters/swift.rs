//! Swift string literals, for the Swift (URLSession) sample.

use super::quote_with;

/// A Swift string literal `"…"`. Escaping `\` also rules out `\(…)` interpolation.
pub fn swift_string(s: &str) -> String {
    quote_with(s, "\"", "\"", |c| {
        Some(match c {
            '\\' => r"\\".into(),
            '"' => "\\\"".into(),
            '\n' => r"\n".into(),
            '\r' => r"\r".into(),
            '\t' => r"\t".into(),
            '\0' => r"\0".into(),
            c if c.is_control() => format!("\\u{{{:x}}}", c as u32),
            _ => return None,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals() {
        assert_eq!(
            swift_string("{\n    \"otp\": \"xxxxxx\"\n}"),
            r#""{\n    \"otp\": \"xxxxxx\"\n}""#
        );
        assert_eq!(swift_string("\\(x)"), r#""\\(x)""#);
        assert_eq!(swift_string("\u{1b}"), r#""\u{1b}""#);
    }
}
