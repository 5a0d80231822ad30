//! `{{variable}}` names: those the validator refuses rewritten so that it accepts them, and
//! Postman's dynamic variables (`{{$guid}}`) noted.

use super::Importer;
use crate::sample_values::map_variables;

fn is_variable_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '$')
}

impl Importer {
    /// `{{names}}` the validator refuses (`{{Base URL}}`, `{{ id }}`), written so that it accepts
    /// them, with a note.
    pub(super) fn variables(&mut self, text: &str, at: &str) -> String {
        map_variables(text, |name| {
            if name.starts_with('$') {
                // one note per collection: they are in every request of some
                self.note(
                    "variable",
                    "/",
                    format!(
                        "`{{{{{name}}}}}` is a Postman dynamic variable, a new value on every request: the samples send the text `{{{{{name}}}}}`; write a value there, or a variable samplegen.yaml sets"
                    ),
                );
                return None;
            }
            let fixed: String = name
                .trim()
                .chars()
                .map(|c| if is_variable_char(c) { c } else { '_' })
                .collect();
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
}
