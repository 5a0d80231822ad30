//! Crystal string literals, for the Crystal (`HTTP::Client`) sample.

use super::c_family_literal;
use super::secrets::{EnvIdiom, with_secrets};

/// A double-quoted Crystal string literal. `#` is escaped only where `{` follows, the one place
/// Crystal interpolates (it has no `#$x` or `#@x`). Control characters are escapes: Crystal's
/// lexer reads a NUL in the source as the end of the file, and `\0` would run on into a digit
/// after it (`\01` is an octal escape), so every control character but the named ones is
/// `\u{…}`, braced so that nothing after it can extend it.
pub fn crystal_string(s: &str) -> String {
    c_family_literal(s, '"', |c| match c {
        '\u{1b}' => Some(r"\e".into()),
        c if c.is_control() => Some(format!("\\u{{{:x}}}", c as u32)),
        _ => None,
    })
    // no escape ends in `#` or starts with `{`, so every `#{` left is a `#` and a `{` as written
    .replace("#{", r"\#{")
}

/// `ENV["K"]`, which raises `KeyError` naming the variable when it is not set (Crystal's `ENV[]`
/// never gives `nil`), joined to text with `+`.
pub const CRYSTAL: EnvIdiom = EnvIdiom {
    read: |env| format!("ENV[{}]", crystal_string(env)),
    join: " + ",
};

/// `crystal_string`, a secret read from the environment.
pub fn crystal_value(s: &str) -> String {
    with_secrets(s, crystal_string, &CRYSTAL)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Reads a double-quoted Crystal string literal back as the bytes Crystal's lexer gives it
    /// (`\x` and octal escapes are bytes), or why the lexer would not read it as plain text.
    fn read_crystal(literal: &str) -> Result<Vec<u8>, String> {
        let inner = literal
            .strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .ok_or("not double-quoted")?;
        let mut out = Vec::new();
        let mut chars = inner.chars().peekable();
        let push = |out: &mut Vec<u8>, c: char| {
            out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes())
        };
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next().ok_or("a lone backslash")? {
                    '\\' => out.push(b'\\'),
                    '"' => out.push(b'"'),
                    '#' => out.push(b'#'),
                    'a' => out.push(7),
                    'b' => out.push(8),
                    'n' => out.push(b'\n'),
                    'r' => out.push(b'\r'),
                    't' => out.push(b'\t'),
                    'v' => out.push(11),
                    'f' => out.push(12),
                    'e' => out.push(27),
                    'x' => {
                        let hex: String = chars.by_ref().take(2).collect();
                        out.push(u8::from_str_radix(&hex, 16).map_err(|e| e.to_string())?);
                    }
                    'u' => {
                        if chars.peek() == Some(&'{') {
                            chars.next();
                            let hex: String = chars.by_ref().take_while(|&c| c != '}').collect();
                            // `\u{41 42}` is two characters
                            for code in hex.split(' ') {
                                if code.is_empty() || code.len() > 6 {
                                    return Err(format!("`\\u{{{hex}}}` is not an escape"));
                                }
                                let code =
                                    u32::from_str_radix(code, 16).map_err(|e| e.to_string())?;
                                push(&mut out, char::from_u32(code).ok_or("not a scalar")?);
                            }
                        } else {
                            let hex: String = chars.by_ref().take(4).collect();
                            let code = u32::from_str_radix(&hex, 16).map_err(|e| e.to_string())?;
                            push(&mut out, char::from_u32(code).ok_or("not a scalar")?);
                        }
                    }
                    d @ '0'..='7' => {
                        let mut value = d as u32 - '0' as u32;
                        for _ in 0..3 {
                            match chars.peek() {
                                Some(&o @ '0'..='7') => {
                                    value = value * 8 + (o as u32 - '0' as u32);
                                    chars.next();
                                }
                                _ => break,
                            }
                        }
                        out.push(u8::try_from(value).map_err(|_| "octal value too big")?);
                    }
                    '\n' | '\r' => return Err("a line continuation".into()),
                    other => return Err(format!("`\\{other}` is not an escape")),
                },
                '"' => return Err("an unescaped quote ends the literal".into()),
                '#' if chars.peek() == Some(&'{') => return Err("`#{` interpolates".into()),
                '\0' => return Err("a NUL ends Crystal's source".into()),
                c => push(&mut out, c),
            }
        }
        Ok(out)
    }

    #[test]
    fn literals() {
        assert_eq!(
            crystal_string("a \"b\" 'c' \\ $d #e #$f #@g %s"),
            r#""a \"b\" 'c' \\ $d #e #$f #@g %s""#
        );
        assert_eq!(
            crystal_string("#{x} ##{y} \\#{z}"),
            r#""\#{x} #\#{y} \\\#{z}""#
        );
        assert_eq!(
            crystal_string("x\ny\r\t\u{0}1\u{1}\u{1b}\u{7f}\u{85}"),
            r#""x\ny\r\t\u{0}1\u{1}\e\u{7f}\u{85}""#
        );
        assert_eq!(crystal_string("🚀 Zoë {{id}} {0}"), "\"🚀 Zoë {{id}} {0}\"");
    }

    #[test]
    fn secrets_are_read_from_env() {
        let token = crate::sample_values::marker("API_TOKEN");
        assert_eq!(crystal_value(&token), r#"ENV["API_TOKEN"]"#);
        assert_eq!(
            crystal_value(&format!("Bearer #{token}")),
            r#""Bearer #" + ENV["API_TOKEN"]"#
        );
        assert_eq!(crystal_value("#{plain}"), r#""\#{plain}""#);
    }

    #[test]
    fn the_decoder_knows_crystals_escapes() {
        assert_eq!(
            read_crystal(r#""\101\x41\u0041\u{41 42}\#\e\a\v\f\b""#),
            Ok(b"AAAAB#\x1b\x07\x0b\x0c\x08".to_vec())
        );
        assert!(read_crystal(r##""#{x}""##).is_err());
        assert!(read_crystal("\"\0\"").is_err());
        assert!(read_crystal(r#""\q""#).is_err());
    }

    // nasty strings, read back by the Crystal compiler itself (one `crystal eval`)
    #[test]
    fn crystal_reads_back_nasty_strings() {
        if crate::targets::run::need(&["crystal"]).is_err() {
            println!(
                "SKIPPED: `crystal` is not installed, so Crystal did not read the literals back"
            );
            return;
        }
        let texts = [
            "quotes ' \" ` and \\ backslash \\#{not} \\",
            "line\nbreak\r\ttab \u{1} \u{1b} \u{7f} \u{85} nul \u{0}1 \u{0}",
            "$HOME #{x} ##{y} #$z #@w ${y} \\(z) %s %d {0} 🚀 Zoë #",
        ];
        let program: String = texts
            .iter()
            .map(|text| format!("print {}\nprint '\\u{{1}}'\n", crystal_string(text)))
            .collect();
        let output = std::process::Command::new("crystal")
            .arg("eval")
            .arg(&program)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let expected: String = texts.iter().map(|t| format!("{t}\u{1}")).collect();
        assert_eq!(String::from_utf8_lossy(&output.stdout), expected);
    }

    proptest! {
        // any text, read back as Crystal reads the literal, is the text's UTF-8
        #[test]
        fn crystal_string_reads_back(text in any::<String>()) {
            prop_assert_eq!(read_crystal(&crystal_string(&text)), Ok(text.into_bytes()));
        }

        // text around `#` and `{`, which `any::<String>()` rarely puts side by side
        #[test]
        fn interpolation_never_starts(text in "[#{}\\\\\"a]*") {
            prop_assert_eq!(read_crystal(&crystal_string(&text)), Ok(text.into_bytes()));
        }
    }
}
