//! Python string literals, for the Python (requests) sample.

use super::quote_with;

/// A double-quoted Python string literal.
pub fn python_string(s: &str) -> String {
    quote_with(s, "\"", "\"", |c| match c {
        '"' => Some("\\\"".into()),
        _ => python_common_escape(c),
    })
}

/// A single-quoted Python string literal.
pub fn python_single_string(s: &str) -> String {
    quote_with(s, "'", "'", |c| match c {
        '\'' => Some(r"\'".into()),
        _ => python_common_escape(c),
    })
}

fn python_common_escape(c: char) -> Option<String> {
    Some(match c {
        '\\' => r"\\".into(),
        '\n' => r"\n".into(),
        '\r' => r"\r".into(),
        '\t' => r"\t".into(),
        c if c.is_control() => {
            if (c as u32) < 0x100 {
                format!("\\x{:02x}", c as u32)
            } else {
                format!("\\u{:04x}", c as u32)
            }
        }
        _ => return None,
    })
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
