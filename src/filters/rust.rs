//! Rust string literals, for the reqwest sample.

use super::c::{Formatted, formatted};
use super::c_family_literal;

/// A Rust string literal `"…"`: the shared escapes, `\0`, and `\u{…}` for any other control
/// character (a bare CR is not allowed in a Rust string literal).
pub fn rust_string(s: &str) -> String {
    c_family_literal(s, '"', |c| match c {
        '\0' => Some(r"\0".into()),
        c if c.is_control() => Some(format!("\\u{{{:x}}}", c as u32)),
        _ => None,
    })
}

fn braces_doubled(text: &str) -> String {
    text.replace('{', "{{").replace('}', "}}")
}

/// `std::env::var`, its error returned with `?` (the sample's `main` returns a `Result`), and
/// text holding a secret through `format!`.
pub const RUST: Formatted = Formatted {
    literal: rust_string,
    placeholder: "{}",
    escape: braces_doubled,
    read: |env| format!("std::env::var({})?", rust_string(env)),
    call: |format, arguments| format!("format!({format}, {arguments})"),
};

/// `rust_string`, a secret read from the environment.
pub fn rust_value(s: &str) -> String {
    formatted(s, &RUST)
}

/// Whether `HeaderValue::from_str` (what `.parse()` calls) takes `s`: visible ASCII, spaces and
/// tabs only, a secret counted as such. Anything else (UTF-8, obs-text) needs `from_bytes`.
pub fn is_header_text(s: &str) -> bool {
    crate::sample_values::pieces(s)
        .iter()
        .all(|piece| match piece {
            crate::sample_values::Piece::Text(text) => text
                .bytes()
                .all(|b| b == b'\t' || (b' '..=b'~').contains(&b)),
            crate::sample_values::Piece::Secret(_) => true,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Reads a Rust string literal back as rustc does, panicking on what it would refuse.
    fn decode(literal: &str) -> String {
        let inner = literal
            .strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .expect("quoted");
        let mut out = String::new();
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            assert!(c != '"' && c != '\r', "raw {c:?} in {literal:?}");
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next().expect("an escape") {
                '\\' => out.push('\\'),
                '"' => out.push('"'),
                '\'' => out.push('\''),
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                't' => out.push('\t'),
                '0' => out.push('\0'),
                'u' => {
                    assert_eq!(chars.next(), Some('{'));
                    let digits: String = chars.by_ref().take_while(|&c| c != '}').collect();
                    let code = u32::from_str_radix(&digits, 16).expect("hex");
                    out.push(char::from_u32(code).expect("a char"));
                }
                other => panic!("unknown escape \\{other} in {literal:?}"),
            }
        }
        out
    }

    #[test]
    fn literals() {
        assert_eq!(rust_string("a\"b\\c\nd{x}"), r#""a\"b\\c\nd{x}""#);
        assert_eq!(rust_string("\u{0}1\u{1b}\r"), r#""\01\u{1b}\r""#);
    }

    #[test]
    fn header_text() {
        assert!(is_header_text("Bearer x\t!~"));
        assert!(!is_header_text("Zoë"));
        assert!(!is_header_text("a\u{7f}"));
    }

    #[test]
    fn secrets_are_formatted() {
        use crate::sample_values::marker;
        assert_eq!(
            rust_value(&format!("Bearer {{x}} {}", marker("K"))),
            r#"format!("Bearer {{x}} {}", std::env::var("K")?)"#
        );
        assert_eq!(rust_value(&marker("K")), r#"std::env::var("K")?"#);
        assert_eq!(rust_value("{x}"), r#""{x}""#);
    }

    proptest! {
        #[test]
        fn rust_string_reads_back(s in any::<String>()) {
            prop_assert_eq!(decode(&rust_string(&s)), s);
        }
    }

    // rustc reads the literals back
    #[test]
    fn rustc_reads_the_literals_back() {
        if crate::targets::run::need(&["rustc"]).is_err() {
            println!("SKIPPED: rustc is not installed");
            return;
        }
        let texts = [
            "plain",
            "a\"b\\c\nd\re\tf",
            "\u{0}1\u{1b}[0m{}",
            "héllo ☃ \u{85}\u{7f}",
        ];
        let dir = tempfile::tempdir().unwrap();
        let mut program = String::from("fn main() {\n");
        for text in texts {
            program.push_str(&format!(
                "    print!(\"{{}}\\u{{1}}\", {});\n",
                rust_string(text)
            ));
        }
        program.push_str("}\n");
        let source = dir.path().join("read.rs");
        std::fs::write(&source, program).unwrap();
        let binary = dir.path().join("read");
        let compiled = std::process::Command::new("rustc")
            .arg("-o")
            .arg(&binary)
            .arg(&source)
            .output()
            .unwrap();
        assert!(compiled.status.success(), "{compiled:?}");
        let output = std::process::Command::new(&binary).output().unwrap();
        let expected: String = texts.iter().map(|t| format!("{t}\u{1}")).collect();
        assert_eq!(String::from_utf8(output.stdout).unwrap(), expected);
    }
}
