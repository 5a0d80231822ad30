//! Secrets in string literals: a value holding a secret (see [`crate::sample_values`]) becomes
//! an expression, the literal text joined to each language's read of the environment variable.
//! A value without a secret is the language's plain literal, byte for byte.

use crate::sample_values::{Piece, expression, has_secret, pieces};

use super::{
    csharp, dart, go, java, javascript, kotlin, lost_on_a_page, ocaml, php, python, ruby, shell,
    swift,
};

/// A language's string-literal filter.
pub type Literal = fn(&str) -> String;

/// How a language reads an environment variable, and joins two strings.
pub struct EnvIdiom {
    pub read: fn(&str) -> String,
    pub join: &'static str,
}

pub const PYTHON: EnvIdiom = EnvIdiom {
    read: |env| format!("os.environ[{}]", python::python_string(env)),
    join: " + ",
};
/// Node's `process.env`; a browser sample reads the same name, which bundlers (webpack, esbuild,
/// Parcel) replace at build time.
pub const JAVASCRIPT: EnvIdiom = EnvIdiom {
    read: |env| format!("process.env.{env}"),
    join: " + ",
};
pub const GO: EnvIdiom = EnvIdiom {
    read: |env| format!("os.Getenv({})", go::go_string(env)),
    join: " + ",
};
pub const JAVA: EnvIdiom = EnvIdiom {
    read: |env| format!("System.getenv({})", java::java_string(env)),
    join: " + ",
};
pub const KOTLIN: EnvIdiom = EnvIdiom {
    read: |env| format!("System.getenv({})", kotlin::kotlin_string(env)),
    join: " + ",
};
pub const CSHARP: EnvIdiom = EnvIdiom {
    read: |env| {
        format!(
            "Environment.GetEnvironmentVariable({})",
            csharp::csharp_string(env)
        )
    },
    join: " + ",
};
pub const PHP: EnvIdiom = EnvIdiom {
    read: |env| format!("getenv({})", php::php_string(env)),
    join: " . ",
};
/// `ENV.fetch`, which stops with the variable's name when it is not set, rather than `ENV[…]`,
/// which gives `nil` and fails later.
pub const RUBY: EnvIdiom = EnvIdiom {
    read: |env| format!("ENV.fetch({})", ruby::ruby_string(env)),
    join: " + ",
};
pub const SWIFT: EnvIdiom = EnvIdiom {
    read: |env| {
        format!(
            "ProcessInfo.processInfo.environment[{}]!",
            swift::swift_string(env)
        )
    },
    join: " + ",
};

/// `Platform.environment` (from `dart:io`); `!` because a missing variable is `null`.
pub const DART: EnvIdiom = EnvIdiom {
    read: |env| format!("Platform.environment[{}]!", dart::dart_string(env)),
    join: " + ",
};
/// `Sys.getenv`, which raises `Not_found` when the variable is not set. (The `ocaml_string`
/// filter puts a joined expression in parentheses: it is often a function's argument.)
pub const OCAML: EnvIdiom = EnvIdiom {
    read: |env| format!("(Sys.getenv {})", ocaml::ocaml_string(env)),
    join: " ^ ",
};

/// `s` written by `literal`, each secret read as `idiom` says.
pub fn with_secrets(s: &str, literal: Literal, idiom: &EnvIdiom) -> String {
    expression(s, literal, idiom.read, idiom.join)
}

/// `s` as one shell word: single-quoted as the house style writes it, or, when it holds a secret,
/// double-quoted with each secret as `${ENV}` and `\`, `"`, `$` and `` ` `` escaped.
pub fn shell_value(s: &str) -> String {
    if !has_secret(s) {
        return shell::shell_quote(s);
    }
    let mut out = String::from("\"");
    for piece in pieces(s) {
        match piece {
            Piece::Text(text) => {
                for c in text.chars() {
                    if lost_on_a_page(c) {
                        out.push_str(&shell::printf_substitution(c.encode_utf8(&mut [0; 4])));
                        continue;
                    }
                    if matches!(c, '\\' | '"' | '$' | '`') {
                        out.push('\\');
                    }
                    out.push(c);
                }
            }
            Piece::Secret(env) => {
                out.push_str("${");
                out.push_str(env);
                out.push('}');
            }
        }
    }
    out.push('"');
    out
}

/// The string filters that take secrets: (filter name, literal, idiom).
pub const FILTERS: &[(&str, Literal, &EnvIdiom)] = &[
    ("csharp_string", csharp::csharp_string, &CSHARP),
    ("go_string", go::go_string, &GO),
    ("java_string", java::java_string, &JAVA),
    ("js_string", javascript::js_string, &JAVASCRIPT),
    (
        "js_single_string",
        javascript::js_single_string,
        &JAVASCRIPT,
    ),
    ("python_string", python::python_string, &PYTHON),
    (
        "python_single_string",
        python::python_single_string,
        &PYTHON,
    ),
    ("php_string", php::php_string, &PHP),
    ("ruby_string", ruby::ruby_string, &RUBY),
    ("ruby_single_string", ruby::ruby_single_string, &RUBY),
    ("swift_string", swift::swift_string, &SWIFT),
    ("kotlin_string", kotlin::kotlin_string, &KOTLIN),
    ("dart_string", dart::dart_string, &DART),
];

#[cfg(test)]
mod tests {
    use std::process::Command;

    use super::*;
    use crate::sample_values::marker;

    fn bearer() -> String {
        format!("Bearer {}", marker("API_TOKEN"))
    }

    #[test]
    fn a_value_without_a_secret_is_the_plain_literal() {
        for (name, literal, idiom) in FILTERS {
            let text = "a \"b\" {{c}} $d";
            assert_eq!(with_secrets(text, *literal, idiom), literal(text), "{name}");
        }
        assert_eq!(shell_value("it's"), shell::shell_quote("it's"));
    }

    #[test]
    fn each_language_reads_the_environment() {
        let cases = [
            (
                python::python_string as fn(&str) -> String,
                &PYTHON,
                r#""Bearer " + os.environ["API_TOKEN"]"#,
            ),
            (
                javascript::js_single_string,
                &JAVASCRIPT,
                "'Bearer ' + process.env.API_TOKEN",
            ),
            (go::go_string, &GO, r#""Bearer " + os.Getenv("API_TOKEN")"#),
            (
                java::java_string,
                &JAVA,
                r#""Bearer " + System.getenv("API_TOKEN")"#,
            ),
            (
                kotlin::kotlin_string,
                &KOTLIN,
                r#""Bearer " + System.getenv("API_TOKEN")"#,
            ),
            (
                csharp::csharp_string,
                &CSHARP,
                r#""Bearer " + Environment.GetEnvironmentVariable("API_TOKEN")"#,
            ),
            (php::php_string, &PHP, "'Bearer ' . getenv('API_TOKEN')"),
            (
                ruby::ruby_string,
                &RUBY,
                r#""Bearer " + ENV.fetch("API_TOKEN")"#,
            ),
            (
                swift::swift_string,
                &SWIFT,
                r#""Bearer " + ProcessInfo.processInfo.environment["API_TOKEN"]!"#,
            ),
            (
                dart::dart_string,
                &DART,
                "'Bearer ' + Platform.environment['API_TOKEN']!",
            ),
            (
                ocaml::ocaml_string,
                &OCAML,
                r#""Bearer " ^ (Sys.getenv "API_TOKEN")"#,
            ),
        ];
        for (literal, idiom, expected) in cases {
            assert_eq!(with_secrets(&bearer(), literal, idiom), expected);
        }
        // a value that is only the secret is only the read
        assert_eq!(
            with_secrets(&marker("K"), python::python_string, &PYTHON),
            r#"os.environ["K"]"#
        );
    }

    #[test]
    fn the_shell_word_expands_the_secret_and_nothing_else() {
        let word = shell_value(&format!("{}:\"$x`y`\\", marker("STRIPE_SECRET_KEY")));
        assert_eq!(word, r#""${STRIPE_SECRET_KEY}:\"\$x\`y\`\\""#);
        // read back by a real shell, with the variable set
        let Ok(output) = Command::new("sh")
            .arg("-c")
            .arg(format!("printf %s {word}"))
            .env("STRIPE_SECRET_KEY", "sk_test_1")
            .output()
        else {
            eprintln!("skipped: no `sh` to read the word back");
            return;
        };
        assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            "sk_test_1:\"$x`y`\\"
        );
    }
}
