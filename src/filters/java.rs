//! Java string literals, for the Java (OkHttp) sample.

use super::{c_family_literal, json_control};

/// A Java string literal `"…"`, control characters escaped as JSON escapes them (`\u0001`), as
/// the house style writes them. javac reads a `\uXXXX` before it reads the string, so one that
/// means a line break, `"` or `\` would break the literal: those three have escapes of their own
/// and never come to [`json_control`].
///
/// A string longer than a class file can hold as one constant (a 229 KB JSON body from a
/// converter's example) is the join of literals that each fit: javac would fold `"a" + "b"` into
/// one constant and refuse it ("constant string too long").
pub fn java_string(s: &str) -> String {
    if modified_utf8_length(s) <= MAX_CONSTANT_BYTES {
        return c_family_literal(s, '"', json_control);
    }
    let pieces: Vec<String> = constant_sized_pieces(s)
        .map(|piece| c_family_literal(piece, '"', json_control))
        .collect();
    format!("String.join(\"\", {})", pieces.join(", "))
}

/// The most bytes of a string constant javac writes: a class file's constant holds 65,535 bytes
/// (its length is 16 bits, JVMS 4.4.7), and javac refuses a string of 65,535 characters.
const MAX_CONSTANT_BYTES: usize = 65_534;

/// How many bytes a class file takes to hold `c`: modified UTF-8 writes NUL in two bytes and a
/// character beyond the BMP as its two surrogates, three bytes each.
fn modified_utf8_bytes(c: char) -> usize {
    match c as u32 {
        0 => 2,
        0x01..=0x7f => 1,
        0x80..=0x7ff => 2,
        0x800..=0xffff => 3,
        _ => 6,
    }
}

fn modified_utf8_length(s: &str) -> usize {
    s.chars().map(modified_utf8_bytes).sum()
}

/// `s` cut, between characters, into pieces of at most [`MAX_CONSTANT_BYTES`].
fn constant_sized_pieces(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut bytes = 0;
        let end = rest
            .char_indices()
            .find(|&(_, c)| {
                bytes += modified_utf8_bytes(c);
                bytes > MAX_CONSTANT_BYTES
            })
            .map_or(rest.len(), |(index, _)| index);
        let (piece, after) = rest.split_at(end);
        rest = after;
        Some(piece)
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
        assert_eq!(java_string("\u{1}2\u{7f}\u{8}"), r#""\u00012\u007f\b""#);
        assert_eq!(java_string("caf\u{e9} $x"), "\"caf\u{e9} $x\"");
    }

    #[test]
    fn a_literal_too_long_for_one_constant_is_joined_from_pieces_that_fit() {
        let fits = "a".repeat(MAX_CONSTANT_BYTES);
        assert_eq!(java_string(&fits), format!("\"{fits}\""));
        // `é` takes two bytes: 40,000 of them are 80,000
        let long = format!("{}\n{}", "\u{e9}".repeat(40_000), "x".repeat(10));
        let written = java_string(&long);
        let pieces: Vec<&str> = constant_sized_pieces(&long).collect();
        assert_eq!(pieces.concat(), long);
        assert_eq!(pieces.len(), 2);
        assert!(
            pieces
                .iter()
                .all(|p| modified_utf8_length(p) <= MAX_CONSTANT_BYTES)
        );
        assert_eq!(
            written,
            format!(
                "String.join(\"\", {}, {})",
                java_string(pieces[0]),
                java_string(pieces[1])
            )
        );
        // NUL and a character beyond the BMP take more than their UTF-8
        assert_eq!(modified_utf8_length("\0\u{1f600}"), 8);
    }
}
