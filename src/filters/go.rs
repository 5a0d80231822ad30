//! Go string literals, for the Go sample.

use super::c_family_literal;

/// An interpreted Go string literal `"…"`.
pub fn go_string(s: &str) -> String {
    c_family_literal(s, '"', |c| {
        (c.is_control() || c == '\u{feff}').then(|| go_escape(c))
    })
}

/// How Go writes a character as an escape: `\xNN` is one byte, so only ASCII is written that
/// way; any other character is `\uNNNN`, its UTF-8 bytes.
fn go_escape(c: char) -> String {
    if c.is_ascii() {
        format!("\\x{:02x}", c as u32)
    } else {
        format!("\\u{:04x}", c as u32)
    }
}

/// A body as a Go raw string literal `` `…` ``, kept as written so the sample reads like the body.
/// What a raw literal cannot hold is spliced in as an interpreted literal: a backtick, and CR
/// (Go drops CR from raw literals), NUL and BOM (not allowed in Go source).
pub fn go_raw_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('`');
    for c in s.chars() {
        match c {
            '`' => out.push_str("`+\"`\"+`"),
            '\r' => out.push_str("`+\"\\r\"+`"),
            // a page cannot carry a control character (and Go drops a CR from a raw string)
            c if c == '\u{feff}' || super::lost_on_a_page(c) => {
                out.push_str("`+\"");
                out.push_str(&go_escape(c));
                out.push_str("\"+`");
            }
            _ => out.push(c),
        }
    }
    out.push('`');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interpreted_literals() {
        assert_eq!(go_string("{{authPath}}/x"), "\"{{authPath}}/x\"");
        assert_eq!(go_string("a\"b\\c\nd\re\u{1b}"), r#""a\"b\\c\nd\re\x1b""#);
        assert_eq!(go_string("caf\u{e9} `x` $y %d"), "\"caf\u{e9} `x` $y %d\"");
        // `\x85` would be the byte 0x85, not U+0085
        assert_eq!(go_string("\u{85}\u{7f}"), r#""\u0085\x7f""#);
    }

    #[test]
    fn raw_literals_splice_what_they_cannot_hold() {
        assert_eq!(go_raw_string("{\n  \"a\": 1\n}"), "`{\n  \"a\": 1\n}`");
        assert_eq!(go_raw_string("a`b"), "`a`+\"`\"+`b`");
        assert_eq!(go_raw_string("a\r\nb"), "`a`+\"\\r\"+`\nb`");
        assert_eq!(go_raw_string(""), "``");
        assert_eq!(go_raw_string("a\u{1}\tb"), "`a`+\"\\x01\"+`\tb`");
    }
}
