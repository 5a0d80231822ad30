//! JavaScript string literals, for the jQuery and NodeJS samples.

use super::{c_family_literal, quote_with};

/// A double-quoted JavaScript string literal, written exactly as `JSON.stringify` writes a string
/// (so it is also a JSON string).
pub fn js_string(s: &str) -> String {
    c_family_literal(s, '"', js_control)
}

/// A single-quoted JavaScript string literal `'…'`, the NodeJS sample's quoting. As in the house
/// style, only what would end or change the literal is escaped (`\\`, `'`, LF, CR); a tab or
/// another control character is valid as it is.
pub fn js_single_string(s: &str) -> String {
    quote_with(s, '\'', |c| match c {
        '\\' => Some(r"\\".into()),
        '\'' => Some(r"\'".into()),
        '\n' => Some(r"\n".into()),
        '\r' => Some(r"\r".into()),
        _ => None,
    })
}

fn js_control(c: char) -> Option<String> {
    match c {
        '\u{8}' => Some(r"\b".into()),
        '\u{c}' => Some(r"\f".into()),
        c if (c as u32) < 0x20 => Some(format!("\\u{:04x}", c as u32)),
        _ => None,
    }
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
        assert_eq!(
            js_single_string("<xml>\n\tTest\n</xml>"),
            "'<xml>\\n\tTest\\n</xml>'"
        );
    }
}
