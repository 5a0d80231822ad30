//! Dart string literals, for the Dart samples (package:http, dio).

use super::c_family_literal;

/// A single-quoted Dart string literal: `$` escaped (it interpolates), control characters as
/// `\xNN` (each is below U+00A0, so two hex digits always hold it).
pub fn dart_string(s: &str) -> String {
    c_family_literal(s, '\'', |c| match c {
        '$' => Some(r"\$".to_string()),
        c if c.is_control() => Some(format!("\\x{:02x}", c as u32)),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Reads a single-quoted Dart string literal back (the escapes Dart defines), or why not.
    fn read_dart(literal: &str) -> Result<String, String> {
        let inner = literal
            .strip_prefix('\'')
            .and_then(|s| s.strip_suffix('\''))
            .ok_or("not single-quoted")?;
        let mut out = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    let escaped = chars.next().ok_or("a lone backslash")?;
                    match escaped {
                        'n' => out.push('\n'),
                        'r' => out.push('\r'),
                        't' => out.push('\t'),
                        'b' => out.push('\u{8}'),
                        'f' => out.push('\u{c}'),
                        'v' => out.push('\u{b}'),
                        'x' => {
                            let hex: String = chars.by_ref().take(2).collect();
                            let code = u32::from_str_radix(&hex, 16).map_err(|e| e.to_string())?;
                            out.push(char::from_u32(code).ok_or("bad \\x")?);
                        }
                        'u' => return Err("\\u is not written".into()),
                        // any other escaped character is itself
                        other => out.push(other),
                    }
                }
                '$' => return Err("an unescaped `$` interpolates".into()),
                '\'' => return Err("an unescaped quote ends the literal".into()),
                '\n' | '\r' => return Err("a line break in a single-line literal".into()),
                c => out.push(c),
            }
        }
        Ok(out)
    }

    #[test]
    fn literals() {
        assert_eq!(dart_string("a $b 'c' \"d\" \\"), r#"'a \$b \'c\' "d" \\'"#);
        assert_eq!(
            dart_string("x\ny\r\t\u{1}\u{7f}\u{85}"),
            r"'x\ny\r\t\x01\x7f\x85'"
        );
        assert_eq!(dart_string("${x} 🚀 Zoë {{id}}"), r"'\${x} 🚀 Zoë {{id}}'");
    }

    proptest! {
        // any text, read back as Dart reads the literal, is the text written
        #[test]
        fn dart_string_reads_back(text in any::<String>()) {
            prop_assert_eq!(read_dart(&dart_string(&text)), Ok(text));
        }
    }
}
