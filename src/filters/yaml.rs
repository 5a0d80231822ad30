//! YAML for the page's front matter: the house style's hand-quoted scalars, and whole front
//! matter written by samplegen's YAML emitter for every other page preset.

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

/// `fields` (a map) as the lines of a YAML front matter that every YAML parser reads back as
/// the same strings, written by the emitter that writes specs (in its portable form). Empty and null fields are left
/// out, so a template can list a field that some pages do not have.
pub fn yaml_front_matter(fields: &serde_json::Value) -> Result<String, String> {
    let serde_json::Value::Object(map) = fields else {
        return Err("`yaml_front_matter` takes a map: `{\"title\": title}`".into());
    };
    let kept: serde_json::Map<String, serde_json::Value> = map
        .iter()
        .filter(|(_, value)| !matches!(value, serde_json::Value::Null))
        .filter(|(_, value)| value.as_str() != Some(""))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    if kept.is_empty() {
        return Ok(String::new());
    }
    Ok(crate::yaml::to_portable_string(&serde_json::Value::Object(
        kept,
    )))
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
    use proptest::prelude::*;

    fn front_matter(pairs: &[(&str, &str)]) -> String {
        let map = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), serde_json::Value::from(*v)))
            .collect();
        yaml_front_matter(&serde_json::Value::Object(map)).unwrap()
    }

    #[test]
    fn front_matter_is_valid_where_the_house_quoting_is_not() {
        let text = front_matter(&[
            ("title", "a: b.yaml"),
            ("description", "ends in Note:"),
            ("component", "*x"),
            ("empty", ""),
        ]);
        assert_eq!(
            text,
            "title: 'a: b.yaml'\ndescription: 'ends in Note:'\ncomponent: '*x'\n"
        );
    }

    #[test]
    fn front_matter_quotes_what_yaml_1_1_reads_otherwise() {
        for text in [
            "yes", "No", "on", "OFF", "y", "1:20", "0x1F", "1_000", "<<", "=", "+.5",
        ] {
            assert_eq!(
                front_matter(&[("title", text)]),
                format!("title: '{text}'\n"),
                "{text}"
            );
        }
        assert_eq!(
            front_matter(&[("title", "yesterday")]),
            "title: yesterday\n"
        );
    }

    proptest! {
        // any text, read back by a YAML parser, is the text written
        #[test]
        fn front_matter_reads_back_as_written(title in any::<String>(), description in "\\PC*") {
            let text = front_matter(&[("title", &title), ("description", &description)]);
            let read: indexmap::IndexMap<String, String> = crate::yaml::from_str(&text)
                .unwrap_or_else(|error| panic!("{error:?} in {text}"));
            let mut expected = indexmap::IndexMap::new();
            for (key, value) in [("title", &title), ("description", &description)] {
                if !value.is_empty() {
                    expected.insert(key.to_string(), value.to_string());
                }
            }
            prop_assert_eq!(read, expected);
        }
    }

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
