//! Python string literals, for the Python (requests) sample.

use super::{c_family_literal, json_control};

/// A double-quoted Python string literal, control characters escaped as JSON escapes them
/// (`\u0001`), as the house style writes them.
pub fn python_string(s: &str) -> String {
    c_family_literal(s, '"', json_control)
}

/// A single-quoted Python string literal.
pub fn python_single_string(s: &str) -> String {
    c_family_literal(s, '\'', json_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals() {
        assert_eq!(python_string("{{authPath}}/x"), "\"{{authPath}}/x\"");
        assert_eq!(python_string("a\"b'c\\d\ne"), r#""a\"b'c\\d\ne""#);
        assert_eq!(python_single_string("a\"b'c"), r#"'a"b\'c'"#);
        assert_eq!(python_single_string("\u{1b}{x}%s"), r"'\u001b{x}%s'");
    }
}
