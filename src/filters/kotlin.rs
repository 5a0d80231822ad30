//! Kotlin string literals, for the Kotlin (OkHttp) sample.

use super::c_family_literal;

/// A Kotlin string literal `"…"`. `$` is escaped, so that `$name` and `${…}` stay text rather
/// than string templates; other control characters are `\uXXXX`, which Kotlin (unlike Java)
/// reads as an escape inside the string, never as a line break of the source.
pub fn kotlin_string(s: &str) -> String {
    c_family_literal(s, '"', |c| match c {
        '$' => Some(r"\$".into()),
        '\u{8}' => Some(r"\b".into()),
        c if c.is_control() => Some(format!("\\u{:04x}", c as u32)),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn literals() {
        assert_eq!(
            kotlin_string("{\n    \"otp\": \"xxxxxx\"\n}"),
            r#""{\n    \"otp\": \"xxxxxx\"\n}""#
        );
        assert_eq!(kotlin_string("$abc ${x}"), r#""\$abc \${x}""#);
        assert_eq!(kotlin_string("a\\u000a"), r#""a\\u000a""#);
        assert_eq!(
            kotlin_string("\u{1}\u{7f}\u{85}"),
            r#""\u0001\u007f\u0085""#
        );
        assert_eq!(
            kotlin_string("caf\u{e9} \u{1f600}"),
            "\"caf\u{e9} \u{1f600}\""
        );
    }

    /// Kotlin's reading of a literal this filter writes: the escapes of the Kotlin grammar
    /// (`\t \b \n \r \' \" \\ \$ \uXXXX`); `None` for a bare `$`, `"` or `\` (a template or the
    /// literal's end) or an unknown escape.
    fn read_back(literal: &str) -> Option<String> {
        let inner = literal.strip_prefix('"')?.strip_suffix('"')?;
        let mut out = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => out.push(match chars.next()? {
                    't' => '\t',
                    'b' => '\u{8}',
                    'n' => '\n',
                    'r' => '\r',
                    c @ ('\'' | '"' | '\\' | '$') => c,
                    'u' => {
                        let hex: String = chars.by_ref().take(4).collect();
                        char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?
                    }
                    _ => return None,
                }),
                '$' | '"' => return None,
                c => out.push(c),
            }
        }
        Some(out)
    }

    /// Strings a literal filter gets wrong most easily.
    const NASTY: &[&str] = &[
        "$x ${y} \"q\" \\ \\$z",
        "\n\r\t\u{0}\u{1}\u{8}\u{c}\u{1b}\u{7f}\u{85}",
        "caf\u{e9} \u{1f600} \u{2028} \\u000a",
        "",
    ];

    #[test]
    fn kotlinc_reads_back_nasty_strings() {
        let jar = std::path::Path::new("/usr/share/java/kotlin-stdlib.jar");
        if crate::targets::run::need(&["kotlinc", "java"]).is_err() || !jar.is_file() {
            eprintln!("SKIPPED: kotlinc is not installed (Debian: kotlin)");
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let literals: Vec<String> = NASTY.iter().map(|s| kotlin_string(s)).collect();
        let source = format!(
            "fun main(args: Array<String>) {{\n  System.out.write(listOf({}).joinToString(\"\\u0000\").toByteArray(Charsets.UTF_8))\n  System.out.flush()\n}}\n",
            literals.join(", ")
        );
        std::fs::write(dir.path().join("ReadBack.kt"), source).unwrap();
        let compiled = std::process::Command::new("kotlinc")
            .current_dir(dir.path())
            .args(["-nowarn", "-d", "out", "ReadBack.kt"])
            .output()
            .unwrap();
        assert!(compiled.status.success(), "{compiled:?}");
        let classpath = format!("out:{}", jar.display());
        let output = std::process::Command::new("java")
            .current_dir(dir.path())
            .args(["-cp", &classpath, "ReadBackKt"])
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        assert_eq!(String::from_utf8(output.stdout).unwrap(), NASTY.join("\0"));
    }

    proptest! {
        #[test]
        fn kotlin_reads_back_what_was_written(s in "\\PC*|[\\x00-\\x1f\\x7f$\"\\\\{}a-z]*") {
            prop_assert_eq!(read_back(&kotlin_string(&s)), Some(s));
        }
    }
}
