//! Swift string literals, for the Swift (URLSession) sample.

use super::c_family_literal;

/// A Swift string literal `"…"`. Escaping `\` also rules out `\(…)` interpolation.
pub fn swift_string(s: &str) -> String {
    c_family_literal(s, '"', |c| match c {
        '\0' => Some(r"\0".into()),
        c if c.is_control() => Some(format!("\\u{{{:x}}}", c as u32)),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals() {
        assert_eq!(
            swift_string("{\n    \"otp\": \"xxxxxx\"\n}"),
            r#""{\n    \"otp\": \"xxxxxx\"\n}""#
        );
        assert_eq!(swift_string("\\(x)"), r#""\\(x)""#);
        assert_eq!(swift_string("\u{1b}"), r#""\u{1b}""#);
    }
}
