//! R string literals, for the R samples (httr, RCurl).

use super::c_family_literal;
use super::secrets::{self, EnvIdiom};
use crate::sample_values::pieces;

/// A double-quoted R string literal.
pub fn r_string(s: &str) -> String {
    c_family_literal(s, '"', r_control)
}

/// A single-quoted R string literal.
pub fn r_single_string(s: &str) -> String {
    c_family_literal(s, '\'', r_control)
}

/// Control characters as `\u{NNNN}`: R's `\xNN` is a byte, which above 0x7F is not the character
/// and cannot share a literal with `\u` escapes. (R strings cannot hold NUL; specs cannot either.)
fn r_control(c: char) -> Option<String> {
    c.is_control().then(|| format!("\\u{{{:04x}}}", c as u32))
}

/// `Sys.getenv("K")`; strings are joined by `paste0(…)`, which [`with_secrets`] wraps around.
const R: EnvIdiom = EnvIdiom {
    read: |env| format!("Sys.getenv({})", r_string(env)),
    join: ", ",
};

/// `s` written by `literal`, each secret read from the environment; a value of several pieces
/// is `paste0(…)` of them (R has no string `+`).
pub fn with_secrets(s: &str, literal: secrets::Literal) -> String {
    let expression = secrets::with_secrets(s, literal, &R);
    if pieces(s).len() > 1 {
        format!("paste0({expression})")
    } else {
        expression
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample_values::marker;
    use proptest::prelude::*;

    /// Reads an R string literal back (the escapes R defines), or why not.
    fn read_r(literal: &str) -> Result<String, String> {
        let quote = literal.chars().next().ok_or("empty")?;
        let inner = literal
            .strip_prefix(quote)
            .and_then(|s| s.strip_suffix(quote))
            .filter(|_| quote == '"' || quote == '\'')
            .ok_or("not quoted")?;
        let mut out = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next().ok_or("a lone backslash")? {
                    'n' => out.push('\n'),
                    'r' => out.push('\r'),
                    't' => out.push('\t'),
                    'a' => out.push('\u{7}'),
                    'b' => out.push('\u{8}'),
                    'f' => out.push('\u{c}'),
                    'v' => out.push('\u{b}'),
                    '\\' => out.push('\\'),
                    '"' => out.push('"'),
                    '\'' => out.push('\''),
                    '`' => out.push('`'),
                    ' ' => out.push(' '),
                    'u' | 'U' => {
                        if chars.next() != Some('{') {
                            return Err("only \\u{…} is written".into());
                        }
                        let hex: String = chars.by_ref().take_while(|&c| c != '}').collect();
                        let code = u32::from_str_radix(&hex, 16).map_err(|e| e.to_string())?;
                        if code == 0 {
                            return Err("R strings cannot hold NUL".into());
                        }
                        out.push(char::from_u32(code).ok_or("not a scalar value")?);
                    }
                    other => return Err(format!("`\\{other}` is not an escape")),
                },
                c if c == quote => return Err("an unescaped quote ends the literal".into()),
                '\0' => return Err("R strings cannot hold NUL".into()),
                c => out.push(c),
            }
        }
        Ok(out)
    }

    #[test]
    fn literals() {
        assert_eq!(r_string("a $b \"c\" 'd' \\"), r#""a $b \"c\" 'd' \\""#);
        assert_eq!(r_single_string("it's"), r"'it\'s'");
        assert_eq!(
            r_string("x\ny\r\t\u{1}\u{7f}\u{85}"),
            r#""x\ny\r\t\u{0001}\u{007f}\u{0085}""#
        );
        assert_eq!(r_string("🚀 Zoë {{id}} %s"), "\"🚀 Zoë {{id}} %s\"");
    }

    #[test]
    fn secrets_are_pasted_to_the_text() {
        let token = marker("API_TOKEN");
        assert_eq!(with_secrets(&token, r_string), r#"Sys.getenv("API_TOKEN")"#);
        assert_eq!(
            with_secrets(&format!("Bearer {token}"), r_single_string),
            r#"paste0('Bearer ', Sys.getenv("API_TOKEN"))"#
        );
        assert_eq!(with_secrets("plain", r_string), "\"plain\"");
    }

    // nasty strings, read back by R itself (written to a file as UTF-8, byte for byte)
    #[test]
    fn rscript_reads_back_nasty_strings() {
        let texts = [
            "quotes ' \" ` and \\ backslash",
            "line\nbreak\r\ttab \u{1} \u{1b} \u{7f} \u{85}",
            "$HOME #{x} ${y} \\(z) %s {0} 🚀 Zoë",
        ];
        let dir = tempfile::tempdir().unwrap();
        let mut script = String::from("out <- file(commandArgs(TRUE)[1], 'wb')\n");
        for text in texts {
            for literal in [r_string(text), r_single_string(text)] {
                script.push_str(&format!(
                    "writeBin(c(charToRaw(enc2utf8({literal})), as.raw(0)), out)\n"
                ));
            }
        }
        script.push_str("close(out)\n");
        let source = dir.path().join("read.R");
        std::fs::write(&source, script).unwrap();
        let result = dir.path().join("out");
        let Ok(status) = std::process::Command::new("Rscript")
            .arg(&source)
            .arg(&result)
            .status()
        else {
            println!("SKIPPED: `Rscript` is not installed, so R did not read the literals back");
            return;
        };
        assert!(status.success());
        let bytes = std::fs::read(&result).unwrap();
        let read: Vec<&[u8]> = bytes.split(|&b| b == 0).filter(|s| !s.is_empty()).collect();
        let expected: Vec<&[u8]> = texts
            .iter()
            .flat_map(|t| [t.as_bytes(), t.as_bytes()])
            .collect();
        assert_eq!(read, expected);
    }

    proptest! {
        // any text without NUL, read back as R reads the literal, is the text written
        #[test]
        fn r_strings_read_back(text in "[^\\x00]*") {
            prop_assert_eq!(read_r(&r_string(&text)), Ok(text.clone()));
            prop_assert_eq!(read_r(&r_single_string(&text)), Ok(text));
        }
    }
}
