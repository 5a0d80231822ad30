//! JavaScript string literals, for the jQuery and NodeJS samples.

use super::quote_with;

/// A double-quoted JavaScript string literal, written exactly as `JSON.stringify` writes a string
/// (so it is also a JSON string).
pub fn js_string(s: &str) -> String {
    quote_with(s, "\"", "\"", |c| match c {
        '"' => Some("\\\"".into()),
        _ => js_common_escape(c),
    })
}

/// A single-quoted JavaScript string literal `'…'`, the NodeJS sample's quoting.
pub fn js_single_string(s: &str) -> String {
    quote_with(s, "'", "'", |c| match c {
        '\'' => Some(r"\'".into()),
        _ => js_common_escape(c),
    })
}

fn js_common_escape(c: char) -> Option<String> {
    Some(match c {
        '\\' => r"\\".into(),
        '\n' => r"\n".into(),
        '\r' => r"\r".into(),
        '\t' => r"\t".into(),
        '\u{8}' => r"\b".into(),
        '\u{c}' => r"\f".into(),
        c if (c as u32) < 0x20 => format!("\\u{:04x}", c as u32),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn double_quoted_matches_json_stringify() {
        assert_eq!(
            js_string("line1\nline2 \"q\" 'a'"),
            r#""line1\nline2 \"q\" 'a'""#
        );
        assert_eq!(js_string("\u{1b}\\"), r#""\u001b\\""#);
        assert_eq!(js_string("${x} `y` \u{2028}"), "\"${x} `y` \u{2028}\"");
        for s in [
            "",
            "a\"b",
            "\u{0}\u{1f}\u{7f}",
            "caf\u{e9} \u{1F600}",
            "\\u0041",
        ] {
            let decoded: String = serde_json::from_str(&js_string(s)).unwrap();
            assert_eq!(decoded, s);
        }
    }

    #[test]
    fn single_quoted() {
        assert_eq!(js_single_string("line2 \"q\" 'a'"), r#"'line2 "q" \'a\''"#);
        assert_eq!(js_single_string("a\\b\nc"), r"'a\\b\nc'");
    }
}
