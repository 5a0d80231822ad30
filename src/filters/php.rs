//! PHP string literals, for the PHP (HTTP_Request2) sample.

use super::{lost_on_a_page, quote_with};

/// A single-quoted PHP string literal. Inside single quotes PHP reads only `\\` and `\'` as
/// escapes, so every other character, line breaks included, is written as itself: a `\n` there
/// would send a backslash and an `n`. A string holding a control character a page cannot carry
/// (a carriage return) is double-quoted instead, where PHP reads `\r` and `\x01`.
pub fn php_string(s: &str) -> String {
    if s.chars().any(lost_on_a_page) {
        return php_double_string(s);
    }
    quote_with(s, '\'', |c| match c {
        '\\' => Some(r"\\".into()),
        '\'' => Some(r"\'".into()),
        _ => None,
    })
}

/// A double-quoted PHP string literal: `\\`, `\"` and `\$` (so nothing interpolates), `\r`, and
/// `\xNN` or `\u{NN}` for the other control characters; line breaks and tabs as themselves.
fn php_double_string(s: &str) -> String {
    quote_with(s, '"', |c| match c {
        '\\' | '"' | '$' => Some(format!("\\{c}").into()),
        '\r' => Some(r"\r".into()),
        c if lost_on_a_page(c) && (c as u32) < 0x80 => Some(format!("\\x{:02x}", c as u32).into()),
        c if lost_on_a_page(c) => Some(format!("\\u{{{:x}}}", c as u32).into()),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals() {
        assert_eq!(php_string("{{authPath}}/x"), "'{{authPath}}/x'");
        assert_eq!(php_string("O'Brien $x \\n"), r"'O\'Brien $x \\n'");
        // a multi-line body keeps its line breaks, which PHP sends as line breaks
        assert_eq!(php_string("{\n  \"a\": 1\n}"), "'{\n  \"a\": 1\n}'");
        // a carriage return double-quotes the string, where it can be an escape
        assert_eq!(
            php_string("a\r\n\"$b\\\u{1}\u{85}"),
            "\"a\\r\n\\\"\\$b\\\\\\x01\\u{85}\""
        );
    }
}
