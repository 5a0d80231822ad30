//! Java string literals, for the Java (OkHttp) sample.

use super::c_family_literal;

/// A Java string literal `"…"`. Control characters are written as octal escapes, never as `\uXXXX`:
/// javac turns `\u000a` into a real line break before it reads the string, which breaks the literal.
pub fn java_string(s: &str) -> String {
    c_family_literal(s, '"', |c| match c {
        '\u{8}' => Some(r"\b".into()),
        '\u{c}' => Some(r"\f".into()),
        c if (c as u32) < 0x20 || c == '\u{7f}' => Some(format!("\\{:03o}", c as u32)),
        _ => None,
    })
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
        assert_eq!(java_string("\u{1}2"), r#""\0012""#);
        assert_eq!(java_string("caf\u{e9} $x"), "\"caf\u{e9} $x\"");
    }
}
