//! Media type objects: which one to use, its example, and JSON written in the house style.

use serde::Serialize;
use serde_json::{Map, Value};

use super::Importer;
use super::document::escape;
use super::schema::{Direction, MAX_BUILT_VALUES};
pub(super) use crate::http::is_json;
use crate::http::media_type;
use crate::model::FORM_URLENCODED;

/// The media type to use from a `content` map: JSON first, then forms, then the first one. A
/// JSON Patch (`application/json-patch+json`, a list of operations, RFC 6902) comes after the
/// other JSON types: Kubernetes lists it first for a `Patch` object, which only the merge
/// patches beside it take.
pub(super) fn choose_media(content: &Map<String, Value>) -> Option<(&str, &Value)> {
    let entries: Vec<(&str, &Value)> = content
        .iter()
        .map(|(key, value)| (key.as_str(), value))
        .collect();
    let rank = |key: &str| {
        let media = media_type(key);
        if media == "application/json" {
            0
        } else if media == "application/json-patch+json" {
            2
        } else if is_json(&media) {
            1
        } else if media == FORM_URLENCODED {
            3
        } else if media == "multipart/form-data" {
            4
        } else {
            5
        }
    };
    entries.iter().copied().min_by_key(|(key, _)| rank(key))
}

/// Whether a (resolved) schema describes raw bytes rather than text: `format: binary`, or
/// Swagger's `file` as Azure's documents write it in OpenAPI 3 too (`{type: object, format:
/// file}`, `type: file`), or 3.1's `contentMediaType` or a `contentEncoding` that is not text.
/// Content encoded as text (`contentEncoding: base64`, 3.0's `format: byte`) is that text, even
/// of an image: OpenAPI 3.1's own multipart example sends a `contentMediaType: image/png`
/// property with `contentEncoding: base64` as a `text/plain` part.
pub(super) fn is_binary(schema: &Value) -> bool {
    let format = schema.get("format").and_then(Value::as_str);
    let encoding = schema.get("contentEncoding");
    !is_encoded_as_text(schema)
        && (matches!(format, Some("binary" | "file"))
            || schema.get("type").and_then(Value::as_str) == Some("file")
            || schema.get("contentMediaType").is_some()
            || encoding.is_some())
}

/// Whether a schema's `contentEncoding` writes its content as text (`base64`): the value is that
/// text, of whatever media type.
pub(super) fn is_encoded_as_text(schema: &Value) -> bool {
    schema
        .get("contentEncoding")
        .and_then(Value::as_str)
        .is_some_and(is_text_encoding)
}

/// Whether a JSON Schema `contentEncoding` (RFC 2045's and RFC 4648's names) writes its content
/// as text.
fn is_text_encoding(encoding: &str) -> bool {
    [
        "base64",
        "base64url",
        "base32",
        "base16",
        "quoted-printable",
        "7bit",
        "8bit",
    ]
    .iter()
    .any(|text| encoding.eq_ignore_ascii_case(text))
}

/// `value` as JSON with the house style's four-space indent.
fn pretty_json(value: &Value) -> String {
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    match value.serialize(&mut serializer) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// A JSON body or response for `example`: a string that already holds a JSON object or array is
/// kept as written, anything else is pretty-printed.
pub(super) fn json_text(example: &Value) -> String {
    if let Value::String(text) = example {
        let trimmed = text.trim();
        if (trimmed.starts_with('{') || trimmed.starts_with('['))
            && serde_json::from_str::<serde::de::IgnoredAny>(trimmed).is_ok()
            || broken_json_text(example).is_some()
        {
            return trimmed.to_string();
        }
    }
    pretty_json(example)
}

/// Why a string example that is written as a JSON object or list (`{` to `}`, `[` to `]`) is no
/// JSON, when it is not (ReadMe's examples keep `// comments` and trailing commas): it is still
/// the text its writer meant as the body, not a JSON string holding it.
pub(super) fn broken_json_text(example: &Value) -> Option<String> {
    let text = example.as_str()?.trim();
    let whole = text.starts_with('{') && text.ends_with('}')
        || text.starts_with('[') && text.ends_with(']');
    if !whole {
        return None;
    }
    serde_json::from_str::<serde::de::IgnoredAny>(text)
        .err()
        .map(|error| error.to_string())
}

impl<'a> Importer<'a> {
    /// The value of the first usable entry of an `examples` map (Example objects or their `$ref`s).
    pub(super) fn first_example(&mut self, holder: &'a Value, at: &str) -> Option<Value> {
        let examples = holder.get("examples")?.as_object()?;
        for (name, example) in examples {
            let example_at = format!("{at}/examples/{}", escape(name.as_str()));
            let Some((example, example_at)) = self.resolve(example, &example_at) else {
                continue;
            };
            if let Some(value) = example.get("value") {
                return Some(value.clone());
            }
            if let Some(url) = example.get("externalValue").and_then(Value::as_str) {
                self.note(
                    "example",
                    example_at,
                    format!("the external example `{url}` is not fetched"),
                );
            }
        }
        None
    }

    /// A media type's example: its `example`, the first of its `examples`, else one built from
    /// its schema.
    pub(super) fn media_example(
        &mut self,
        media: &'a Value,
        at: &str,
        direction: Direction,
    ) -> Option<Value> {
        if let Some(value) = media.get("example").filter(|v| !v.is_null()) {
            return Some(value.clone());
        }
        if let Some(value) = self.first_example(media, at) {
            return Some(value);
        }
        self.schema_example(media, at, direction)
    }

    /// The example built from a media type's schema, whatever examples it gives.
    pub(super) fn schema_example(
        &mut self,
        media: &'a Value,
        at: &str,
        direction: Direction,
    ) -> Option<Value> {
        let schema = media.get("schema")?;
        self.budget = MAX_BUILT_VALUES;
        self.depth_cut = false;
        let built = self.build(
            schema,
            &format!("{at}/schema"),
            direction,
            0,
            &mut Vec::new(),
        );
        if self.budget == 0 {
            self.note(
                "example",
                format!("{at}/schema"),
                format!("the example built from this schema stops at {MAX_BUILT_VALUES} values"),
            );
        } else if self.depth_cut {
            self.note(
                "example",
                format!("{at}/schema"),
                format!(
                    "the example built from this schema stops {} objects and lists deep; what lies deeper is left out",
                    super::schema::MAX_DEPTH
                ),
            );
        }
        built
    }

    /// The explicit example of a media type (no schema-built one).
    pub(super) fn explicit_example(&mut self, media: &'a Value, at: &str) -> Option<Value> {
        if let Some(value) = media.get("example").filter(|v| !v.is_null()) {
            return Some(value.clone());
        }
        self.first_example(media, at)
    }
}

#[cfg(test)]
mod tests {
    use super::choose_media;
    use serde_json::{Map, Value, json};

    fn chosen(types: &[&str]) -> String {
        let content: Map<String, Value> =
            types.iter().map(|t| (t.to_string(), json!({}))).collect();
        choose_media(&content).unwrap().0.to_string()
    }

    #[test]
    fn json_is_chosen_and_a_json_patch_after_other_json() {
        assert_eq!(
            chosen(&["text/plain", "application/json"]),
            "application/json"
        );
        // Kubernetes' PATCH: a `Patch` object, which a JSON Patch (a list) is not
        assert_eq!(
            chosen(&[
                "application/json-patch+json",
                "application/merge-patch+json",
                "application/strategic-merge-patch+json"
            ]),
            "application/merge-patch+json"
        );
        assert_eq!(
            chosen(&["application/json-patch+json", "multipart/form-data"]),
            "application/json-patch+json"
        );
        assert_eq!(
            chosen(&["multipart/form-data", "application/x-www-form-urlencoded"]),
            "application/x-www-form-urlencoded"
        );
    }
}
