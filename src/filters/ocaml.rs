//! OCaml string literals, for the OCaml (cohttp) sample. An OCaml string is bytes: text is
//! written as its UTF-8, which the literal keeps as it is.

use super::c_family_literal;
use super::secrets::{OCAML, with_secrets};
use crate::sample_values::pieces;

/// `s` as an OCaml string expression: the literal, or with secrets the pieces joined by `^` in
/// parentheses (function application binds tighter than `^`, and the value is often an argument).
pub fn ocaml_value(s: &str) -> String {
    let expression = with_secrets(s, ocaml_string, &OCAML);
    if pieces(s).len() > 1 {
        format!("({expression})")
    } else {
        expression
    }
}

/// A double-quoted OCaml string literal: ASCII control characters as `\xNN`, the other control
/// characters as `\u{NNNN}` (OCaml 4.06 and later: their UTF-8 bytes).
pub fn ocaml_string(s: &str) -> String {
    c_family_literal(s, '"', |c| {
        if c.is_ascii_control() {
            Some(format!("\\x{:02x}", c as u32))
        } else if c.is_control() {
            Some(format!("\\u{{{:04x}}}", c as u32))
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Reads a double-quoted OCaml string literal back as the bytes OCaml gives it, or why not.
    fn read_ocaml(literal: &str) -> Result<Vec<u8>, String> {
        let inner = literal
            .strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .ok_or("not double-quoted")?;
        let mut out = Vec::new();
        let mut chars = inner.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next().ok_or("a lone backslash")? {
                    '\\' => out.push(b'\\'),
                    '"' => out.push(b'"'),
                    '\'' => out.push(b'\''),
                    ' ' => out.push(b' '),
                    'n' => out.push(b'\n'),
                    'r' => out.push(b'\r'),
                    't' => out.push(b'\t'),
                    'b' => out.push(8),
                    'x' => {
                        let hex: String = chars.by_ref().take(2).collect();
                        out.push(u8::from_str_radix(&hex, 16).map_err(|e| e.to_string())?);
                    }
                    'o' => {
                        let octal: String = chars.by_ref().take(3).collect();
                        out.push(u8::from_str_radix(&octal, 8).map_err(|e| e.to_string())?);
                    }
                    'u' => {
                        if chars.next() != Some('{') {
                            return Err("\\u without {".into());
                        }
                        let hex: String = chars.by_ref().take_while(|&c| c != '}').collect();
                        let code = u32::from_str_radix(&hex, 16).map_err(|e| e.to_string())?;
                        let c = char::from_u32(code).ok_or("not a scalar value")?;
                        out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                    }
                    d if d.is_ascii_digit() => {
                        let rest: String = chars.by_ref().take(2).collect();
                        let code: u16 = format!("{d}{rest}").parse().map_err(|_| "bad \\ddd")?;
                        out.push(u8::try_from(code).map_err(|_| "\\ddd above 255")?);
                    }
                    other => return Err(format!("`\\{other}` is not an escape")),
                },
                '"' => return Err("an unescaped quote ends the literal".into()),
                c => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
            }
        }
        Ok(out)
    }

    #[test]
    fn literals() {
        assert_eq!(
            ocaml_string("a \"b\" 'c' \\ $d %s"),
            r#""a \"b\" 'c' \\ $d %s""#
        );
        assert_eq!(
            ocaml_string("x\ny\r\t\u{1}\u{7f}\u{85}"),
            r#""x\ny\r\t\x01\x7f\u{0085}""#
        );
        assert_eq!(ocaml_string("🚀 Zoë {{id}}"), "\"🚀 Zoë {{id}}\"");
    }

    #[test]
    fn secrets_are_joined_in_parentheses() {
        let token = crate::sample_values::marker("API_TOKEN");
        assert_eq!(ocaml_value(&token), r#"(Sys.getenv "API_TOKEN")"#);
        assert_eq!(
            ocaml_value(&format!("Bearer {token}")),
            r#"("Bearer " ^ (Sys.getenv "API_TOKEN"))"#
        );
        assert_eq!(ocaml_value("plain"), "\"plain\"");
    }

    #[test]
    fn the_decoder_knows_every_escape() {
        assert_eq!(
            read_ocaml(r#""\065\o101\x41\u{41}\ ""#),
            Ok(b"AAAA ".to_vec())
        );
    }

    // nasty strings, read back by the OCaml toplevel itself
    #[test]
    fn ocaml_reads_back_nasty_strings() {
        let texts = [
            "quotes ' \" ` and \\ backslash",
            "line\nbreak\r\ttab \u{1} \u{1b} \u{7f} \u{85}",
            "$HOME #{x} ${y} \\(z) %s {0} 🚀 Zoë",
        ];
        let dir = tempfile::tempdir().unwrap();
        let script: String = texts
            .iter()
            .map(|text| {
                format!(
                    "let () = print_string {}; print_char '\\000';;\n",
                    ocaml_string(text)
                )
            })
            .collect();
        let source = dir.path().join("read.ml");
        std::fs::write(&source, script).unwrap();
        let Ok(output) = std::process::Command::new("ocaml").arg(&source).output() else {
            println!("SKIPPED: `ocaml` is not installed, so OCaml did not read the literals back");
            return;
        };
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let read: Vec<&[u8]> = output
            .stdout
            .split(|&b| b == 0)
            .filter(|s| !s.is_empty())
            .collect();
        let expected: Vec<&[u8]> = texts.iter().map(|t| t.as_bytes()).collect();
        assert_eq!(read, expected);
    }

    proptest! {
        // any text, read back as OCaml reads the literal, is the text's UTF-8
        #[test]
        fn ocaml_string_reads_back(text in any::<String>()) {
            prop_assert_eq!(read_ocaml(&ocaml_string(&text)), Ok(text.into_bytes()));
        }
    }
}
