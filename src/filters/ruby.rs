//! Ruby string literals and Net::HTTP names, for the Ruby sample.

use super::c_family_literal;

/// A double-quoted Ruby string literal. `#` is escaped so `#{…}`, `#$x` and `#@x` never
/// interpolate; `$`, `` ` `` and `!` are escaped as the house style escapes them (harmless in Ruby).
pub fn ruby_string(s: &str) -> String {
    c_family_literal(s, '"', |c| match c {
        '#' | '$' | '`' | '!' => Some(format!("\\{c}")),
        '\u{1b}' => Some(r"\e".into()),
        c if c.is_control() => Some(format!("\\u{{{:x}}}", c as u32)),
        _ => None,
    })
}

/// A single-quoted Ruby string literal, where only `\\` and `\'` are escapes: the house style's
/// quoting for form parts.
pub fn ruby_single_string(s: &str) -> String {
    super::php::php_string(s)
}

/// The `Net::HTTP` request class for a method token: `POST` → `Post`.
pub fn ruby_request_class(method: &str) -> String {
    super::csharp::csharp_method(method)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals() {
        assert_eq!(ruby_string("{{authPath}}/x"), "\"{{authPath}}/x\"");
        assert_eq!(ruby_string("#{x} $y `z` !"), r#""\#{x} \$y \`z\` \!""#);
        assert_eq!(ruby_string("a\"b\\c\nd"), r#""a\"b\\c\nd""#);
        assert_eq!(ruby_string("\u{1}"), r#""\u{1}""#);
    }
}
