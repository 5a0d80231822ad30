//! Python string literals, for the Python (requests) sample.

use super::{c_family_literal, hex_escape};

/// A double-quoted Python string literal.
pub fn python_string(s: &str) -> String {
    c_family_literal(s, '"', python_control)
}

/// A single-quoted Python string literal.
pub fn python_single_string(s: &str) -> String {
    c_family_literal(s, '\'', python_control)
}

fn python_control(c: char) -> Option<String> {
    c.is_control().then(|| hex_escape(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals() {
        assert_eq!(python_string("{{authPath}}/x"), "\"{{authPath}}/x\"");
        assert_eq!(python_string("a\"b'c\\d\ne"), r#""a\"b'c\\d\ne""#);
        assert_eq!(python_single_string("a\"b'c"), r#"'a"b\'c'"#);
        assert_eq!(python_single_string("\u{1b}{x}%s"), r"'\x1b{x}%s'");
    }
}
