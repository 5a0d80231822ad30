//! `{{variable}}` names: those the validator refuses rewritten so that it accepts them.

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
