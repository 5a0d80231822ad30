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

/// `crystal` run with `args`: what it printed, or `None` (and a `SKIPPED:` line naming what went
/// unchecked) when Crystal is not installed. A failing `crystal` fails the test.
#[cfg(test)]
pub(crate) fn crystal_output(args: &[&std::ffi::OsStr], unchecked: &str) -> Option<Vec<u8>> {
    if crate::targets::run::need(&["crystal"]).is_err() {
        println!("SKIPPED: `crystal` is not installed, so {unchecked}");
        return None;
    }
    let output = std::process::Command::new("crystal")
        .args(args)
        .output()
        .expect("crystal starts");
    let printed = [output.stdout.as_slice(), &output.stderr].concat();
    assert!(
        output.status.success(),
        "crystal {args:?}:\n{}",
        String::from_utf8_lossy(&printed)
    );
    Some(output.stdout)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Crystal's one-character escapes in a double-quoted string, and the byte each stands for.
    const SIMPLE_ESCAPES: &[(char, u8)] = &[
        ('\\', b'\\'),
        ('"', b'"'),
        ('#', b'#'),
        ('a', 0x07),
        ('b', 0x08),
        ('t', b'\t'),
        ('n', b'\n'),
        ('v', 0x0b),
        ('f', 0x0c),
        ('r', b'\r'),
        ('e', 0x1b),
    ];

    /// A code point written in hex, as its UTF-8.
    fn code_point(hex: &str) -> Result<Vec<u8>, String> {
        let code = u32::from_str_radix(hex, 16).map_err(|e| format!("`{hex}`: {e}"))?;
        let c = char::from_u32(code).ok_or(format!("`{hex}` is not a scalar value"))?;
        Ok(c.to_string().into_bytes())
    }

    /// What Crystal's lexer makes of a double-quoted literal: its bytes (`\x` and octal escapes
    /// are single bytes), or why it is not plain text (an interpolation, an unknown escape, a NUL,
    /// which the lexer takes for the end of the source).
    fn read_crystal(literal: &str) -> Result<Vec<u8>, String> {
        let Some(mut rest) = literal.strip_prefix('"').and_then(|s| s.strip_suffix('"')) else {
            return Err(format!("{literal:?} is not in double quotes"));
        };
        let mut bytes = Vec::new();
        while let Some(c) = rest.chars().next() {
            rest = &rest[c.len_utf8()..];
            match c {
                '"' => return Err("a quote ends the literal early".into()),
                '\0' => return Err("a NUL ends the source".into()),
                '#' if rest.starts_with('{') => return Err("`#{` interpolates".into()),
                '\\' => {}
                c => {
                    bytes.extend_from_slice(c.to_string().as_bytes());
                    continue;
                }
            }
            let escape = rest.chars().next().ok_or("a backslash ends the literal")?;
            rest = &rest[escape.len_utf8()..];
            if let Some(&(_, byte)) = SIMPLE_ESCAPES.iter().find(|(e, _)| *e == escape) {
                bytes.push(byte);
            } else if escape == 'x' {
                let (hex, after) = rest.split_at_checked(2).ok_or("a short `\\x`")?;
                bytes.push(u8::from_str_radix(hex, 16).map_err(|e| e.to_string())?);
                rest = after;
            } else if escape == 'u' && rest.starts_with('{') {
                // `\u{41 42}` is two characters, each of one to six digits
                let (codes, after) = rest[1..].split_once('}').ok_or("an unclosed `\\u{`")?;
                for code in codes.split(' ') {
                    if !(1..=6).contains(&code.len()) {
                        return Err(format!("`\\u{{{codes}}}` is not an escape"));
                    }
                    bytes.extend(code_point(code)?);
                }
                rest = after;
            } else if escape == 'u' {
                let (hex, after) = rest.split_at_checked(4).ok_or("a short `\\u`")?;
                bytes.extend(code_point(hex)?);
                rest = after;
            } else if escape.is_digit(8) {
                // the first digit and up to three more
                let more = rest.chars().take(3).take_while(|d| d.is_digit(8)).count();
                let digits = format!("{escape}{}", &rest[..more]);
                let value = u32::from_str_radix(&digits, 8).map_err(|e| e.to_string())?;
                bytes.push(u8::try_from(value).map_err(|_| "an octal value above 255")?);
                rest = &rest[more..];
            } else {
                return Err(format!("`\\{escape}` is not an escape"));
            }
        }
        Ok(bytes)
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
        let cases = [
            (token.clone(), r#"ENV["API_TOKEN"]"#),
            (
                format!("Bearer #{token}"),
                r#""Bearer #" + ENV["API_TOKEN"]"#,
            ),
            ("#{plain}".to_string(), r#""\#{plain}""#),
        ];
        for (text, expected) in cases {
            assert_eq!(crystal_value(&text), expected, "{text:?}");
        }
    }

    #[test]
    fn the_decoder_knows_crystals_escapes() {
        assert_eq!(
            read_crystal(r#""\101\x41\u0041\u{41 42}\#\e\a\v\f\b\0010""#),
            Ok(b"AAAAB#\x1b\x07\x0b\x0c\x08\x08".to_vec())
        );
        assert!(read_crystal(r##""#{x}""##).is_err());
        assert!(read_crystal("\"\0\"").is_err());
        assert!(read_crystal(r#""\q""#).is_err());
        // up to four octal digits, as `crystal eval 'p "\0010".bytes'` prints `[8]`
        assert!(read_crystal(r#""\400""#).is_err());
        assert!(read_crystal(r#""\1234""#).is_err());
    }

    // nasty strings, read back by Crystal itself (one `crystal eval`)
    #[test]
    fn crystal_reads_back_nasty_strings() {
        let texts = [
            "quotes ' \" ` and \\ backslash \\#{not} \\",
            "line\nbreak\r\ttab \u{1} \u{1b} \u{7f} \u{85} nul \u{0}1 \u{0}",
            "$HOME #{x} ##{y} #$z #@w ${y} \\(z) %s %d {0} 🚀 Zoë #",
        ];
        let program: String = texts
            .iter()
            .map(|text| format!("print {}\nprint '\\u{{1}}'\n", crystal_string(text)))
            .collect();
        let unchecked = "Crystal did not read the literals back";
        let Some(printed) = crystal_output(&["eval".as_ref(), program.as_ref()], unchecked) else {
            return;
        };
        let expected: String = texts.iter().map(|t| format!("{t}\u{1}")).collect();
        assert_eq!(String::from_utf8_lossy(&printed), expected);
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
