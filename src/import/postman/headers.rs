//! Request headers: a list or one string, disabled and unsendable ones left out.

use serde_json::Value;

use super::Importer;
use super::collection::{is_disabled, text};
use crate::import::shared::{has_control_character, is_content_type, set_by_clients_note};

/// A header as it will be written, and where it came from.
pub(super) struct Header {
    pub(super) name: String,
    pub(super) value: String,
    pub(super) at: String,
}

pub(super) fn content_type(headers: &[Header]) -> Option<&Header> {
    headers.iter().find(|h| is_content_type(&h.name))
}

impl Importer {
    pub(super) fn headers(&mut self, headers: Option<&Value>, at: &str) -> Vec<Header> {
        let mut found: Vec<(String, String, String)> = Vec::new();
        match headers {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) => {
                for (index, item) in items.iter().enumerate() {
                    let at = format!("{at}/{index}");
                    match item {
                        Value::String(line) => {
                            if let Some((name, value)) = line.split_once(':') {
                                found.push((name.trim().into(), value.trim().into(), at));
                            } else {
                                self.note(
                                    "header",
                                    at,
                                    "dropped: a header that is not `Name: value`",
                                );
                            }
                        }
                        Value::Object(_) if is_disabled(item) => {}
                        Value::Object(header) => found.push((
                            text(header.get("key")).trim().to_string(),
                            text(header.get("value")),
                            at,
                        )),
                        _ => self.note("header", at, "dropped: a header that is not an object"),
                    }
                }
            }
            // v2.0 allows the headers as one string, a `Name: value` a line (`//` disables one)
            Some(Value::String(lines)) => {
                for line in lines.lines().map(str::trim) {
                    if line.is_empty() || line.starts_with("//") {
                        continue;
                    }
                    match line.split_once(':') {
                        Some((name, value)) => {
                            found.push((name.trim().into(), value.trim().into(), at.into()))
                        }
                        None => self.note(
                            "header",
                            at,
                            format!("dropped: `{line}` is not a `Name: value` header"),
                        ),
                    }
                }
            }
            Some(_) => self.note(
                "header",
                at,
                "dropped: the headers are neither a list nor a string",
            ),
        }

        let mut headers = Vec::with_capacity(found.len());
        for (mut name, value, at) in found {
            // a header named with a variable (`X-{{kind}}`) is named as Postman sends it, with
            // the collection's value; a spec cannot name a header with a variable
            if let Some(resolved) = self.with_collection_values(&name, "the header name", &at) {
                name = resolved;
            }
            if name.is_empty() {
                self.note("header", at, "dropped: a header without a name");
            } else if !crate::model::is_token(&name) {
                self.note(
                    "header",
                    at,
                    format!("dropped: `{name}` is not a valid header name"),
                );
            } else if let Some(note) = set_by_clients_note(&name) {
                self.note("header", at, note);
            } else if has_control_character(&value) {
                self.note(
                    "header",
                    at,
                    format!("dropped: the value of `{name}` holds a line break or another control character, which HTTP does not allow"),
                );
            } else if !value.is_ascii() {
                self.note(
                    "header",
                    at,
                    format!("dropped: the value of `{name}` holds non-ASCII characters, which browsers, .NET and Node refuse or re-encode (percent-encode them)"),
                );
            } else {
                let value = self.variables(&value, &at);
                headers.push(Header { name, value, at });
            }
        }
        headers
    }
}

#[cfg(test)]
mod tests {
    use crate::import::postman::test_support::*;
    use serde_json::json;

    #[test]
    fn headers_in_order_disabled_dropped_and_bad_ones_noted() {
        let (spec, notes) = one(json!({
            "method": "GET",
            "url": "https://e.com",
            "header": [
                {"key": "X-A", "value": "1"},
                {"key": "X-Off", "value": "0", "disabled": true},
                {"key": "X-A", "value": "2", "type": "text"},
                {"key": "", "value": "nameless"},
                {"key": "X-Line", "value": "a\nb"},
                {"key": "X-Accent", "value": "café"},
                {"key": "Bad Name", "value": "x"},
                "X-Str: three"
            ]
        }));
        assert_eq!(
            headers(&spec),
            [pair("X-A", "1"), pair("X-A", "2"), pair("X-Str", "three")]
        );
        let at: Vec<&str> = notes.iter().map(|n| n.at.as_str()).collect();
        assert_eq!(
            at,
            [
                "/item/0/request/header/3",
                "/item/0/request/header/4",
                "/item/0/request/header/5",
                "/item/0/request/header/6"
            ]
        );
        valid(&spec);
    }

    // Postman sends a header named with a variable under the variable's value
    #[test]
    fn a_header_named_with_a_variable_takes_its_value() {
        let mut c = collection(
            json!([{"name": "R", "request": {"url": "https://e.com", "header": [
                {"key": "X-{{kind}}", "value": "1"},
                {"key": "X-{{unset}}", "value": "2"}
            ]}}]),
        );
        c["variable"] = json!([{"key": "kind", "value": "Trace"}]);
        let import = run(c);
        assert_eq!(headers(&import.items[0].spec), [pair("X-Trace", "1")]);
        assert!(
            import
                .notes
                .iter()
                .any(|n| n.at == "/item/0/request/header/0" && n.message.contains("`X-Trace`"))
        );
        assert!(
            import
                .notes
                .iter()
                .any(|n| n.at == "/item/0/request/header/1"
                    && n.message.contains("not a valid header name"))
        );
    }

    #[test]
    fn headers_as_a_string() {
        let (spec, notes) = one(json!({
            "url": "https://e.com",
            "header": "Accept: application/json\n// X-Off: 1\nX-B: two: parts\n"
        }));
        assert_eq!(
            headers(&spec),
            [
                pair("Accept", "application/json"),
                pair("X-B", "two: parts")
            ]
        );
        assert!(notes.is_empty());
    }
}
