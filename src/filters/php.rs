//! PHP string literals, for the PHP (HTTP_Request2) sample.

use super::quote_with;

/// A single-quoted PHP string literal. Inside single quotes PHP reads only `\\` and `\'` as
/// escapes, so every other character, line breaks included, is written as itself: a `\n` there
/// would send a backslash and an `n`.
pub fn php_string(s: &str) -> String {
    quote_with(s, '\'', |c| match c {
        '\\' => Some(r"\\".into()),
        '\'' => Some(r"\'".into()),
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
    }
}
