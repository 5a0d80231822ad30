//! How the collection's JSON values read: scalars as the text Postman sends, disabled entries,
//! descriptions.

use serde_json::Value;

/// A JSON scalar as the text Postman sends; `null` and missing are `None`.
pub(super) fn scalar(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::Null => None,
        Value::String(text) => Some(text.clone()),
        other => Some(other.to_string()),
    }
}

pub(super) fn text(value: Option<&Value>) -> String {
    scalar(value).unwrap_or_default()
}

/// A variable's name: its `key`, or in a v2.0 collection its `id` (which Postman's own reader
/// falls back on, `{"id": "userId", "value": "42"}`).
pub(super) fn variable_name(variable: &Value) -> String {
    match text(variable.get("key")) {
        key if key.is_empty() => text(variable.get("id")),
        key => key,
    }
}

pub(super) fn is_disabled(value: &Value) -> bool {
    value.get("disabled").and_then(Value::as_bool) == Some(true)
}

/// A description: a string, or `{content, type}`.
pub(super) fn description(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(text)) => text.clone(),
        Some(Value::Object(object)) => text(object.get("content")),
        _ => String::new(),
    }
}
