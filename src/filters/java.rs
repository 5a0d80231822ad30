//! Java string literals, for the Java (OkHttp) sample.

use super::{c_family_literal, json_control};

/// A Java string literal `"…"`, control characters escaped as JSON escapes them (`\u0001`), as
/// the house style writes them. javac reads a `\uXXXX` before it reads the string, so one that
/// means a line break, `"` or `\` would break the literal: those three have escapes of their own
/// and never come to [`json_control`].
pub fn java_string(s: &str) -> String {
    c_family_literal(s, '"', json_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals() {
        assert_eq!(
            java_string("{\n    \"otp\": \"xxxxxx\"\n}"),
            r#""{\n    \"otp\": \"xxxxxx\"\n}""#
        );
        assert_eq!(java_string("a\\u000a"), r#""a\\u000a""#);
        assert_eq!(java_string("\u{1}2\u{7f}\u{8}"), r#""\u00012\u007f\b""#);
        assert_eq!(java_string("caf\u{e9} $x"), "\"caf\u{e9} $x\"");
    }
}
