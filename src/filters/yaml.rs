//! YAML scalars for the page's front matter.

/// `s` as a YAML scalar in the house style: plain where it reads unambiguously, otherwise in
/// double quotes. The seed pages quote a title holding `: ` and leave everything else plain.
pub fn yaml_scalar(s: &str) -> String {
    if needs_quotes(s) {
        let mut out = String::with_capacity(s.len() + 2);
        out.push('"');
        for c in s.chars() {
            match c {
                '\\' => out.push_str(r"\\"),
                '"' => out.push_str("\\\""),
                '\n' => out.push_str(r"\n"),
                '\t' => out.push_str(r"\t"),
                c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    } else {
        s.to_string()
    }
}

fn needs_quotes(s: &str) -> bool {
    const INDICATORS: &[char] = &[
        '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@',
        '`',
    ];
    const RESERVED: &[&str] = &[
        "null", "Null", "NULL", "~", "true", "True", "TRUE", "false", "False", "FALSE",
    ];
    s.is_empty()
        || s.starts_with(INDICATORS)
        || s.starts_with(char::is_whitespace)
        || s.ends_with(char::is_whitespace)
        || s.contains(": ")
        || s.contains(" #")
        || s.chars().any(char::is_control)
        || RESERVED.contains(&s)
        || s.parse::<f64>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn house_quoting() {
        assert_eq!(
            yaml_scalar("Step 1: Get a new PingOne access token"),
            "\"Step 1: Get a new PingOne access token\""
        );
        assert_eq!(
            yaml_scalar("Token Admin App (client_credentials)"),
            "Token Admin App (client_credentials)"
        );
        assert_eq!(yaml_scalar("you'll again call"), "you'll again call");
    }

    #[test]
    fn ambiguous_values_are_quoted() {
        assert_eq!(yaml_scalar(""), "\"\"");
        assert_eq!(yaml_scalar("true"), "\"true\"");
        assert_eq!(yaml_scalar("1.5"), "\"1.5\"");
        assert_eq!(yaml_scalar("- item"), "\"- item\"");
        assert_eq!(yaml_scalar("a \"b\" #c"), "\"a \\\"b\\\" #c\"");
        assert_eq!(yaml_scalar("{{var}} x"), "\"{{var}} x\"");
    }
}
