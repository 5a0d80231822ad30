//! Clojure string literals and JSON bodies as Clojure data, for the clj-http sample.

use super::json::{Json, js_number};
use super::{c_family_literal, json_control};
use crate::sample_values::{expression, has_secret};

/// A Clojure string literal `"…"`. Clojure has no interpolation; control characters are
/// `\uXXXX`.
pub fn clojure_string(s: &str) -> String {
    c_family_literal(s, '"', json_control)
}

/// A string value as a Clojure expression: the literal, or, when it holds a secret,
/// `(str "text" (System/getenv "NAME") …)`, since Clojure joins strings with a call, not an
/// operator.
pub fn clojure_value(s: &str) -> String {
    let joined = expression(
        s,
        clojure_string,
        |env| format!("(System/getenv {})", clojure_string(env)),
        " ",
    );
    if has_secret(s) && !is_only_a_secret(s) {
        format!("(str {joined})")
    } else {
        joined
    }
}

/// `name` as a Clojure keyword: `:name` when the reader takes it as written, else
/// `(keyword "name")`, which makes a keyword of any string.
pub fn clojure_keyword(name: &str) -> String {
    let mut chars = name.chars();
    let readable = chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if readable {
        format!(":{name}")
    } else {
        format!("(keyword {})", clojure_string(name))
    }
}

/// Whether the whole value is one secret (then the read alone is the value).
fn is_only_a_secret(s: &str) -> bool {
    use crate::sample_values::{Piece, pieces};
    matches!(pieces(s).as_slice(), [Piece::Secret(_)])
}

/// A JSON value as Clojure data, which clj-http's `:form-params` with `:content-type :json`
/// encodes (through cheshire): objects as maps with string keys, arrays as vectors, `null` as
/// `nil`. A map's members go one per line, aligned under the first; `column` is where the value
/// starts on its line.
pub fn clojure_data(value: &Json, column: usize) -> String {
    let mut out = String::new();
    write_data(&mut out, value, column);
    out
}

fn write_data(out: &mut String, value: &Json, column: usize) {
    match value {
        Json::Null => out.push_str("nil"),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Number(n) => out.push_str(&js_number(*n)),
        Json::String(s) => out.push_str(&clojure_string(s)),
        Json::Array(items) => {
            out.push('[');
            let nested = items
                .iter()
                .any(|item| matches!(item, Json::Array(_) | Json::Object(_)));
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    if nested {
                        out.push('\n');
                        out.push_str(&" ".repeat(column + 1));
                    } else {
                        out.push(' ');
                    }
                }
                // a nested item starts its own line at `column + 1`; a scalar has no lines
                write_data(out, item, column + 1);
            }
            out.push(']');
        }
        Json::Object(members) => {
            out.push('{');
            for (index, (key, member)) in members.iter().enumerate() {
                if index > 0 {
                    out.push('\n');
                    out.push_str(&" ".repeat(column + 1));
                }
                let key = clojure_string(key);
                let at = column + 1 + key.chars().count() + 1;
                out.push_str(&key);
                out.push(' ');
                write_data(out, member, at);
            }
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::sample_values::marker;

    #[test]
    fn literals() {
        assert_eq!(
            clojure_string("{\n    \"otp\": \"x\"\n}"),
            r#""{\n    \"otp\": \"x\"\n}""#
        );
        assert_eq!(clojure_string("$a #{b} ~c"), r#""$a #{b} ~c""#);
        assert_eq!(clojure_string("\u{1}\u{c}\u{7f}"), r#""\u0001\f\u007f""#);
    }

    #[test]
    fn keywords() {
        assert_eq!(clojure_keyword("purge"), ":purge");
        assert_eq!(clojure_keyword("m-search"), ":m-search");
        assert_eq!(
            clojure_keyword("x-`id`$home|&'!#"),
            r#"(keyword "x-`id`$home|&'!#")"#
        );
        assert_eq!(clojure_keyword(""), r#"(keyword "")"#);
    }

    #[test]
    fn secrets_are_read_from_the_environment() {
        assert_eq!(
            clojure_value(&format!("Bearer {}", marker("API_TOKEN"))),
            r#"(str "Bearer " (System/getenv "API_TOKEN"))"#
        );
        assert_eq!(clojure_value(&marker("KEY")), r#"(System/getenv "KEY")"#);
        assert_eq!(clojure_value("plain"), r#""plain""#);
    }

    #[test]
    fn json_as_data() {
        let value = Json::Object(vec![
            ("a".into(), Json::Number(1.0)),
            (
                "b".into(),
                Json::Array(vec![Json::Bool(true), Json::Null, Json::String("x".into())]),
            ),
            (
                "c".into(),
                Json::Object(vec![("d".into(), Json::Number(1.5))]),
            ),
        ]);
        assert_eq!(
            clojure_data(&value, 2),
            "{\"a\" 1\n   \"b\" [true nil \"x\"]\n   \"c\" {\"d\" 1.5}}"
        );
        let list = Json::Array(vec![
            Json::Object(vec![("a".into(), Json::Null)]),
            Json::Object(vec![]),
        ]);
        assert_eq!(clojure_data(&list, 0), "[{\"a\" nil}\n {}]");
    }

    /// Clojure's reading of a string literal this filter writes (its escapes: `\t \b \n \f \r
    /// \" \\ \uXXXX`, octal not needed); `None` for a bare `"` or an escape it does not write.
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
                    'f' => '\u{c}',
                    'r' => '\r',
                    c @ ('"' | '\\') => c,
                    'u' => {
                        let hex: String = chars.by_ref().take(4).collect();
                        char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?
                    }
                    _ => return None,
                }),
                '"' => return None,
                c => out.push(c),
            }
        }
        Some(out)
    }

    #[test]
    fn clojure_reads_back_nasty_strings() {
        const NASTY: &[&str] = &[
            "$x ${y} #{z} ~@w \"q\" \\ ;c",
            "\n\r\t\u{0}\u{1}\u{8}\u{c}\u{1b}\u{7f}\u{85}",
            "caf\u{e9} \u{1f600} \u{2028} \\u000a",
            "",
        ];
        if crate::targets::run::need(&["clojure"]).is_err() {
            eprintln!("SKIPPED: clojure is not installed (Debian: clojure)");
            return;
        }
        let literals: Vec<String> = NASTY.iter().map(|s| clojure_string(s)).collect();
        let program = format!(
            "(do (.write System/out (.getBytes (clojure.string/join (str (char 0)) [{}]) \"UTF-8\")) (.flush System/out))",
            literals.join(" ")
        );
        let output = std::process::Command::new("clojure")
            .args(["-e", &program])
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        assert_eq!(String::from_utf8(output.stdout).unwrap(), NASTY.join("\0"));
    }

    proptest! {
        #[test]
        fn clojure_reads_back_what_was_written(s in "\\PC*|[\\x00-\\x1f\\x7f$\"\\\\#{}a-z]*") {
            prop_assert_eq!(read_back(&clojure_string(&s)), Some(s));
        }
    }
}
