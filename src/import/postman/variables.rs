//! `{{variable}}` names: those the validator refuses rewritten so that it accepts them, and
//! Postman's dynamic variables (`{{$guid}}`) noted.

use super::Importer;
use crate::sample_values::map_variables;
use crate::spec::{BodySpec, PartSpec};

fn is_variable_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '$')
}

/// The name samplegen gives a Postman variable: its blanks and other characters a samplegen
/// name cannot hold as `_` (`{{access token}}` is `{{access_token}}`).
pub(super) fn samplegen_name(name: &str) -> String {
    name.trim()
        .chars()
        .map(|c| if is_variable_char(c) { c } else { '_' })
        .collect()
}

impl Importer {
    /// `{{names}}` the validator refuses (`{{Base URL}}`, `{{ id }}`), written so that it accepts
    /// them, with a note.
    pub(super) fn variables(&mut self, text: &str, at: &str) -> String {
        let text = self.nested_resolved(text, at);
        if nested_variable(&text).is_some() {
            // left as written, noted: a name fixed inside it would be another name
            return text;
        }
        map_variables(&text, |name| {
            if name.starts_with('$') {
                self.dynamic_variable(name);
                return None;
            }
            let fixed = samplegen_name(name);
            if fixed == name || fixed.is_empty() {
                return None;
            }
            self.note(
                "variable",
                at,
                format!(
                    "`{{{{{name}}}}}` is written `{{{{{fixed}}}}}`: a samplegen variable name is letters, digits, `_`, `-`, `.`"
                ),
            );
            Some(format!("{{{{{fixed}}}}}"))
        })
    }

    /// `{{name{{i}}}}`, a variable named by another's value, which Postman reads inside out: the
    /// inner one written with the collection's value (`{{name1}}`), noted. Without a value the
    /// text stays as written, noted: a sample cannot name its variable by another.
    fn nested_resolved(&mut self, text: &str, at: &str) -> String {
        let mut text = text.to_string();
        while let Some((inner, name)) = nested_variable(&text) {
            let name = name.to_string();
            let Some(value) = self.import.variables.get(&name).cloned() else {
                self.nested_left(&text, at);
                break;
            };
            let written = text.clone();
            text.replace_range(inner, &value);
            self.note(
                "variable",
                at,
                format!(
                    "`{written}` names a variable by the value of `{{{{{name}}}}}`, as Postman reads it inside out: written `{text}`, with the collection's value"
                ),
            );
        }
        text
    }

    /// The note of a variable named by another whose value the collection does not set.
    fn nested_left(&mut self, text: &str, at: &str) {
        self.note(
            "variable",
            at,
            format!(
                "`{text}` names a variable by another's value, which Postman reads inside out and a spec cannot: the samples send it as written; write the variable's name there"
            ),
        );
    }

    /// What names a header, a part or an API key, or gives a part's content type (`X-{{kind}}`,
    /// `{{contentType}}`), with the collection's values of its variables, as Postman sends it
    /// (a spec cannot name a header or a part by a variable), noted; `None` when it names none
    /// the collection sets.
    pub(super) fn with_collection_values(
        &mut self,
        text: &str,
        what: &str,
        at: &str,
    ) -> Option<String> {
        if !text.contains("{{") {
            return None;
        }
        let variables = &self.import.variables;
        let resolved = map_variables(text, |n| variables.get(n).cloned());
        if resolved == text {
            return None;
        }
        self.note(
            "variable",
            at,
            format!("{what} `{text}` is written with the collection's variables, as Postman sends it: `{resolved}`"),
        );
        Some(resolved)
    }

    /// Notes the dynamic variables (`{{$randomInt}}`) a body holds. A body's `{{name}}`s are left
    /// as written (samplegen's variables fill those it sets, as Postman's fill theirs).
    pub(super) fn body_variables(&mut self, body: &BodySpec) {
        let mut texts: Vec<&str> = Vec::new();
        match body {
            BodySpec::Raw(text) => texts.push(text),
            BodySpec::Urlencoded(fields) => texts.extend(
                fields
                    .iter()
                    .flat_map(|f| f.values().flatten().map(String::as_str)),
            ),
            BodySpec::Formdata(parts) => texts.extend(parts.iter().flat_map(|part| {
                part.values().filter_map(|spec| match spec {
                    PartSpec::Text(text) => text.as_deref(),
                    PartSpec::Detailed(detail) => detail.value.as_deref(),
                })
            })),
            BodySpec::Graphql(graphql) => {
                texts.push(&graphql.query);
                texts.extend(graphql.variables.as_deref());
            }
            BodySpec::File(_) => {}
        }
        let nested: Vec<String> = texts
            .iter()
            .filter(|text| nested_variable(text).is_some())
            .map(|text| text.to_string())
            .collect();
        for text in nested {
            self.nested_left(&text, "body");
        }
        for text in texts {
            map_variables(text, |name| {
                if name.starts_with('$') {
                    self.dynamic_variable(name);
                }
                None
            });
        }
    }

    /// One note per dynamic variable and collection: some are in every request.
    fn dynamic_variable(&mut self, name: &str) {
        self.note(
            "variable",
            "/",
            format!(
                "`{{{{{name}}}}}` is a Postman dynamic variable, a new value on every request: the samples send the text `{{{{{name}}}}}`; write a value there, or a variable samplegen.yaml sets"
            ),
        );
    }
}

/// The first `{{inner}}` inside another variable's braces (`{{name{{i}}}}`): where it is in
/// `text`, and its name.
fn nested_variable(text: &str) -> Option<(std::ops::Range<usize>, &str)> {
    let bytes = text.as_bytes();
    // whether a `{{` is open, not yet closed by `}}`
    let mut open = false;
    let mut at = 0;
    while at + 1 < bytes.len() {
        match &bytes[at..at + 2] {
            b"{{" => {
                if open {
                    let close = at + 2 + text[at + 2..].find("}}")?;
                    let name = &text[at + 2..close];
                    if !name.is_empty() && !name.contains(['{', '}']) {
                        return Some((at..close + 2, name));
                    }
                }
                open = true;
                at += 2;
            }
            b"}}" => {
                open = false;
                at += 2;
            }
            _ => at += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::import::postman::test_support::*;
    use serde_json::json;

    #[test]
    fn dynamic_variables_are_noted_and_names_fixed() {
        let (spec, notes) = one(json!({
            "url": "https://e.com/{{ id }}",
            "header": [{"key": "X-Request-Id", "value": "{{$guid}}"}]
        }));
        assert_eq!(spec.request.url, "https://e.com/{{id}}");
        assert_eq!(headers(&spec), [pair("X-Request-Id", "{{$guid}}")]);
        assert!(
            notes.iter().any(|n| n
                .message
                .contains("`{{$guid}}` is a Postman dynamic variable")),
            "{notes:?}"
        );
    }

    /// Postman reads `{{name{{i}}}}` inside out: with the collection's `i`, the spec names the
    /// variable `{{name1}}`; without one, or in a body, the text stays as written, noted.
    #[test]
    fn a_variable_named_by_another_is_read_inside_out() {
        let collection = json!({
            "info": {"name": "c", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "variable": [{"key": "i", "value": "1"}, {"key": "name1", "value": "sampleName"}],
            "item": [{"name": "r", "request": {
                "method": "POST",
                "url": "https://e.com/get?a={{name{{i}}}}&b={{x{{j}}}}",
                "header": [{"key": "X-N", "value": "{{name{{i}}}}"}],
                "body": {"mode": "raw", "raw": "a={{name{{i}}}}"}
            }}]
        });
        let import = crate::import::postman::import(&collection.to_string()).unwrap();
        let spec = &import.items[0].spec;
        assert_eq!(
            spec.request.url,
            "https://e.com/get?a={{name1}}&b={{x{{j}}}}"
        );
        assert_eq!(headers(spec)[0], pair("X-N", "{{name1}}"));
        let said = |text: &str| import.notes.iter().any(|n| n.message.contains(text));
        assert!(
            said("written `{{name1}}`, with the collection's value"),
            "{:?}",
            import.notes
        );
        assert!(said(
            "`https://e.com/get?a={{name1}}&b={{x{{j}}}}` names a variable by another's value"
        ));
        assert!(said(
            "`a={{name{{i}}}}` names a variable by another's value"
        ));
        assert_eq!(super::nested_variable("{{a}}{{b}}"), None);
        assert_eq!(super::nested_variable("{{a{{b}}}}"), Some((3..8, "b")));
    }

    #[test]
    fn dynamic_variables_in_a_body_are_noted_and_sent_as_written() {
        let (spec, notes) = one(json!({
            "method": "POST",
            "url": "https://e.com/a",
            "body": {"mode": "urlencoded", "urlencoded": [
                {"key": "n", "value": "{{$randomInt}}"},
                {"key": "t", "value": "{{ id }}"}
            ]}
        }));
        let Some(crate::spec::BodySpec::Urlencoded(fields)) = &spec.request.body else {
            panic!("{:?}", spec.request.body)
        };
        assert_eq!(fields[0]["n"].as_deref(), Some("{{$randomInt}}"));
        assert_eq!(fields[1]["t"].as_deref(), Some("{{ id }}"));
        assert!(
            notes.iter().any(|n| n
                .message
                .contains("`{{$randomInt}}` is a Postman dynamic variable")),
            "{notes:?}"
        );
    }
}
