//! `{{variable}}` names: those the validator refuses rewritten so that it accepts them.

use super::Importer;

fn is_variable_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '$')
}

impl Importer {
    /// `{{names}}` the validator refuses (`{{Base URL}}`, `{{ id }}`), written so that it accepts
    /// them, with a note.
    pub(super) fn variables(&mut self, text: &str, at: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find("{{") {
            let after = &rest[start + 2..];
            let Some(end) = after.find("}}") else {
                break;
            };
            let name = &after[..end];
            out.push_str(&rest[..start]);
            out.push_str("{{");
            let fixed: String = name
                .trim()
                .chars()
                .map(|c| if is_variable_char(c) { c } else { '_' })
                .collect();
            if fixed == name || fixed.is_empty() {
                out.push_str(name);
            } else {
                self.note(
                    "variable",
                    at,
                    format!(
                        "`{{{{{name}}}}}` is written `{{{{{fixed}}}}}`: a samplegen variable name is letters, digits, `_`, `-`, `.`"
                    ),
                );
                out.push_str(&fixed);
            }
            out.push_str("}}");
            rest = &after[end + 2..];
        }
        out.push_str(rest);
        out
    }
}
