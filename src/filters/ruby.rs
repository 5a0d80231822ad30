//! Ruby string literals and Net::HTTP names, for the Ruby sample.

use super::{c_family_literal, json_control};

/// A double-quoted Ruby string literal. `#` is escaped so `#{…}`, `#$x` and `#@x` never
/// interpolate; `$`, `` ` `` and `!` are escaped as the house style escapes them (harmless in Ruby),
/// and control characters as JSON escapes them (`\u0001`).
pub fn ruby_string(s: &str) -> String {
    c_family_literal(s, '"', |c| match c {
        '#' | '$' | '`' | '!' => Some(format!("\\{c}")),
        c => json_control(c),
    })
}

/// A single-quoted Ruby string literal, where only `\\` and `\'` are escapes: the house style's
/// quoting for form parts. Ruby reads a CR LF in its source as LF, so a text holding a control
/// character other than LF and tab is written as a double-quoted [`ruby_string`] instead.
pub fn ruby_single_string(s: &str) -> String {
    if s.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        ruby_string(s)
    } else {
        super::php::php_string(s)
    }
}

/// A query name or value as written in a URL, as the Ruby string it means: `+` a space and
/// `%XX` a byte, as a form decoder reads it (bytes that are not UTF-8 become U+FFFD). For
/// Faraday, whose `params` take decoded values and encode them again.
pub fn ruby_form_decoded(component: &str) -> String {
    let spaced = component.replace('+', " ");
    ruby_string(&percent_encoding::percent_decode_str(&spaced).decode_utf8_lossy())
}

/// The `Net::HTTP` request class for a method token: `POST` → `Post`.
pub fn ruby_request_class(method: &str) -> String {
    super::csharp::csharp_method(method)
}

/// Whether a method token can name a `Net::HTTP` request class: [`ruby_request_class`] gives a
/// Ruby constant name (`PURGE` → `Purge`; not `M-SEARCH` or `` X`ID` ``).
pub fn is_class_method(method: &str) -> bool {
    let class = ruby_request_class(method);
    class.starts_with(|c: char| c.is_ascii_uppercase())
        && class.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_constant_names_become_classes() {
        assert!(is_class_method("PURGE"));
        assert!(is_class_method("LINK"));
        assert!(!is_class_method("M-SEARCH"));
        assert!(!is_class_method("X`ID`"));
        assert!(!is_class_method("M-'`$!#"));
        assert!(!is_class_method("1X"));
        assert!(!is_class_method(""));
    }

    #[test]
    fn query_components_are_decoded() {
        assert_eq!(ruby_form_decoded("a+b%20c"), r#""a b c""#);
        assert_eq!(ruby_form_decoded("%23{x}$y"), r#""\#{x}\$y""#);
        assert_eq!(ruby_form_decoded("100%"), r#""100%""#);
        assert_eq!(ruby_form_decoded("%F0%9F%9A%80"), "\"🚀\"");
    }

    proptest::proptest! {
        // whatever a form encoder writes, the literal holds the text it was encoded from
        #[test]
        fn a_decoded_component_reads_back_as_its_text(text in "\\PC*") {
            let encoded = crate::http::encoding::uri_component(&text);
            proptest::prop_assert_eq!(ruby_form_decoded(&encoded), ruby_string(&text));
        }
    }

    #[test]
    fn literals() {
        assert_eq!(ruby_string("{{authPath}}/x"), "\"{{authPath}}/x\"");
        assert_eq!(ruby_string("#{x} $y `z` !"), r#""\#{x} \$y \`z\` \!""#);
        assert_eq!(ruby_string("a\"b\\c\nd"), r#""a\"b\\c\nd""#);
        assert_eq!(ruby_string("\u{1}\u{1b}\u{c}"), r#""\u0001\u001b\f""#);
    }

    // Ruby read the CR LF of a form value in a single-quoted literal as LF
    #[test]
    fn single_quoted_unless_a_control_character_needs_an_escape() {
        assert_eq!(ruby_single_string("it's"), r"'it\'s'");
        assert_eq!(ruby_single_string("a\nb\tc"), "'a\nb\tc'");
        assert_eq!(ruby_single_string("a\r\nb"), r#""a\r\nb""#);
        let script = format!("print {}", ruby_single_string("a\r\nb\u{1}#{x}"));
        let out = std::process::Command::new("ruby")
            .arg("-e")
            .arg(&script)
            .output();
        if let Ok(out) = out {
            assert_eq!(out.stdout, b"a\r\nb\x01#{x}", "{script}");
        }
    }
}
