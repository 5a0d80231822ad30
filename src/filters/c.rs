//! C string literals, for the libcurl sample, and the Objective-C `@"…"` literal built on them.

use crate::sample_values::{Piece, pieces};

/// A C string literal `"…"`. Control characters are 3-digit octal escapes of their UTF-8 bytes:
/// an octal escape ends after three digits, where a hex escape would swallow the hex digits
/// that follow it. A `?` after a `?` is `\?`, so no `??=` trigraph forms where a compiler reads
/// them (`-std=c99`, `-trigraphs`).
pub fn c_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut previous = '\0';
    for c in s.chars() {
        match c {
            '\\' => out.push_str(r"\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str(r"\n"),
            '\r' => out.push_str(r"\r"),
            '\t' => out.push_str(r"\t"),
            '?' if previous == '?' => out.push_str(r"\?"),
            c if c.is_control() => {
                let mut bytes = [0; 4];
                for byte in c.encode_utf8(&mut bytes).bytes() {
                    out.push_str(&format!("\\{byte:03o}"));
                }
            }
            c => out.push(c),
        }
        previous = c;
    }
    out.push('"');
    out
}

/// An Objective-C `NSString` literal `@"…"`, escaped as a C string.
pub fn objc_string(s: &str) -> String {
    format!("@{}", c_string(s))
}

/// How a language without string concatenation writes text holding secrets: one formatting call
/// whose format string holds the text and a placeholder per secret.
pub struct Formatted {
    /// The format string's literal.
    pub literal: fn(&str) -> String,
    /// What stands for one argument in the format string.
    pub placeholder: &'static str,
    /// The text written so the formatting reads it back as itself (`%` as `%%`).
    pub escape: fn(&str) -> String,
    /// The read of an environment variable.
    pub read: fn(&str) -> String,
    /// The call, from the format literal and the arguments joined with `, `.
    pub call: fn(&str, &str) -> String,
}

/// `s` as an expression: the plain literal when it holds no secret, the environment read alone
/// when it is one secret, else a formatting call.
pub fn formatted(s: &str, how: &Formatted) -> String {
    let parts = pieces(s);
    match parts.as_slice() {
        [] | [Piece::Text(_)] => (how.literal)(s),
        [Piece::Secret(env)] => (how.read)(env),
        parts => {
            let mut format = String::new();
            let mut arguments = Vec::new();
            for piece in parts {
                match piece {
                    Piece::Text(text) => format.push_str(&(how.escape)(text)),
                    Piece::Secret(env) => {
                        format.push_str(how.placeholder);
                        arguments.push((how.read)(env));
                    }
                }
            }
            (how.call)(&(how.literal)(&format), &arguments.join(", "))
        }
    }
}

fn percent_doubled(text: &str) -> String {
    text.replace('%', "%%")
}

/// C's format arguments for `snprintf`: the format literal (`%` doubled), then a `getenv` per
/// secret, which the format reads as `%s`.
pub fn c_format(s: &str) -> String {
    let mut format = String::new();
    let mut arguments = String::new();
    for piece in pieces(s) {
        match piece {
            Piece::Text(text) => format.push_str(&percent_doubled(text)),
            Piece::Secret(env) => {
                format.push_str("%s");
                arguments.push_str(&format!(", getenv({})", c_string(env)));
            }
        }
    }
    format!("{}{arguments}", c_string(&format))
}

/// Whether `s` joins text to a secret, which C writes with `snprintf` (a secret alone is
/// `getenv`).
pub fn joins_text_to_secret(s: &str) -> bool {
    let parts = pieces(s);
    parts.len() > 1 && parts.iter().any(|p| matches!(p, Piece::Secret(_)))
}

/// `c_string`, or `getenv("K")` for a value that is one secret. C has no expression that joins
/// strings: text around a secret is written with `snprintf` and [`c_format`].
pub fn libcurl_string(s: &str) -> Result<String, String> {
    match pieces(s).as_slice() {
        [Piece::Secret(env)] => Ok(format!("getenv({})", c_string(env))),
        parts if parts.iter().any(|p| matches!(p, Piece::Secret(_))) => Err(
            "`c_string` cannot join text to a secret: write it with `snprintf(buffer, size, {{ value | c_format }})`".into(),
        ),
        _ => Ok(c_string(s)),
    }
}

/// Foundation's Objective-C: the process environment, and `stringWithFormat:`.
pub const OBJC: Formatted = Formatted {
    literal: objc_string,
    placeholder: "%@",
    escape: percent_doubled,
    read: |env| {
        format!(
            "[NSProcessInfo processInfo].environment[{}]",
            objc_string(env)
        )
    },
    call: |format, arguments| format!("[NSString stringWithFormat:{format}, {arguments}]"),
};

/// `objc_string`, a secret read from the process environment.
pub fn objc_value(s: &str) -> String {
    formatted(s, &OBJC)
}

/// Whether `s` holds a NUL character, which ends a C string: such a value is given with its
/// length.
pub fn has_nul(s: &str) -> bool {
    s.contains('\0')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Reads a C string literal back as C does, panicking on what C would read otherwise.
    fn decode(literal: &str) -> Vec<u8> {
        let inner = literal
            .strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .expect("quoted");
        let bytes = inner.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            assert!(
                b != b'"' && b != b'\n' && b != b'\r',
                "raw {b} in {literal:?}"
            );
            if b == b'?' && bytes.get(i + 1) == Some(&b'?') {
                panic!("a trigraph could form in {literal:?}");
            }
            if b != b'\\' {
                out.push(b);
                i += 1;
                continue;
            }
            let e = bytes[i + 1];
            i += 2;
            match e {
                b'\\' | b'"' | b'?' => out.push(e),
                b'n' => out.push(b'\n'),
                b'r' => out.push(b'\r'),
                b't' => out.push(b'\t'),
                b'0'..=b'7' => {
                    // up to three octal digits, as C reads them
                    let mut value = u32::from(e - b'0');
                    let mut taken = 1;
                    while taken < 3 && matches!(bytes.get(i), Some(b'0'..=b'7')) {
                        value = value * 8 + u32::from(bytes[i] - b'0');
                        i += 1;
                        taken += 1;
                    }
                    out.push(u8::try_from(value).expect("a byte"));
                }
                other => panic!("unknown escape \\{} in {literal:?}", other as char),
            }
        }
        out
    }

    #[test]
    fn literals() {
        assert_eq!(c_string("a\"b\\c\nd"), r#""a\"b\\c\nd""#);
        // octal escapes stop after three digits: the digit after NUL stays a digit
        assert_eq!(c_string("\u{0}1\u{1b}7"), r#""\0001\0337""#);
        assert_eq!(c_string("what??!"), r#""what?\?!""#);
        assert_eq!(c_string("h\u{85}"), r#""h\302\205""#);
        assert_eq!(c_string("héllo {{x}} %s"), "\"héllo {{x}} %s\"");
        assert_eq!(objc_string("a\"b"), r#"@"a\"b""#);
    }

    #[test]
    fn secrets_are_formatted() {
        use crate::sample_values::marker;
        let bearer = format!("Authorization: Bearer {}", marker("API_TOKEN"));
        assert_eq!(
            c_format(&bearer),
            r#""Authorization: Bearer %s", getenv("API_TOKEN")"#
        );
        assert!(libcurl_string(&bearer).is_err());
        assert!(joins_text_to_secret(&bearer));
        assert!(!joins_text_to_secret(&marker("K")));
        assert!(!joins_text_to_secret("text"));
        assert_eq!(libcurl_string(&marker("K")).unwrap(), r#"getenv("K")"#);
        assert_eq!(libcurl_string("100%").unwrap(), r#""100%""#);
        assert_eq!(c_format("100%"), r#""100%%""#);
        assert_eq!(
            c_format(&format!("100% {}", marker("K"))),
            r#""100%% %s", getenv("K")"#
        );
        assert_eq!(
            objc_value(&format!("Bearer {}", marker("K"))),
            r#"[NSString stringWithFormat:@"Bearer %@", [NSProcessInfo processInfo].environment[@"K"]]"#
        );
    }

    proptest! {
        #[test]
        fn c_string_reads_back(s in any::<String>()) {
            prop_assert_eq!(decode(&c_string(&s)), s.as_bytes());
        }

        #[test]
        fn c_string_reads_back_nasty(s in "[\\\\\"?\\x00-\\x1f0-9a-fA-F\u{80}-\u{9f}é]{0,20}") {
            prop_assert_eq!(decode(&c_string(&s)), s.as_bytes());
        }
    }

    // gcc reads the literals back: the bytes a compiled program prints are the text's
    #[test]
    fn gcc_reads_the_literals_back() {
        if crate::targets::run::need(&["gcc"]).is_err() {
            println!("SKIPPED: gcc is not installed");
            return;
        }
        let texts = [
            "plain",
            "a\"b\\c\nd\re\tf",
            "\u{1}2\u{1b}[0m9f",
            "what??=??/??'",
            "héllo ☃ \u{85}\u{7f}",
            "%d %s",
        ];
        let dir = tempfile::tempdir().unwrap();
        let mut program = String::from("#include <stdio.h>\nint main(void) {\n");
        for text in texts {
            program.push_str(&format!(
                "  fputs({}, stdout); putchar(0);\n",
                c_string(text)
            ));
        }
        program.push_str("  return 0;\n}\n");
        let source = dir.path().join("read.c");
        std::fs::write(&source, program).unwrap();
        let binary = dir.path().join("read");
        for standard in ["-std=gnu17", "-std=c99"] {
            let compiled = std::process::Command::new("gcc")
                .args([standard, "-o"])
                .arg(&binary)
                .arg(&source)
                .output()
                .unwrap();
            assert!(compiled.status.success(), "{compiled:?}");
            let output = std::process::Command::new(&binary).output().unwrap();
            let expected: Vec<u8> = texts.iter().flat_map(|t| t.bytes().chain([0])).collect();
            assert_eq!(output.stdout, expected, "{standard}");
        }
    }
}
