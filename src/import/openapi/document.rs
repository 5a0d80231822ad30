//! The document as values: reading it (YAML or JSON, OpenAPI 3.0 or 3.1), JSON pointers
//! into it and following its `$ref`s.

use serde_json::Value;

use super::Importer;
use super::files::shown_reference;

/// How many `$ref`s in a row are followed before giving up.
const MAX_REF_HOPS: usize = 32;

/// The document as ordered JSON values: JSON read as JSON and anything else as YAML (whose
/// map keys all become strings, `200:` the key `"200"`).
pub(super) fn parse(text: &str) -> Result<Value, String> {
    let yaml = || crate::yaml::from_str_large::<Value>(text);
    if text.trim_start().starts_with('{') {
        return crate::import::strict_json::from_str(text).or_else(|json_error| {
            // a YAML flow mapping also starts with `{` (and YAML takes a trailing comma); but
            // JSON with a `//` comment is read by YAML as a document of other keys, so the JSON
            // error, which says where, is the one that helps unless YAML finds a document
            let invalid = || format!("the OpenAPI document is not valid JSON: {json_error}");
            match yaml() {
                Ok(document)
                    if document
                        .get("openapi")
                        .or(document.get("swagger"))
                        .is_some() =>
                {
                    Ok(document)
                }
                _ => Err(invalid()),
            }
        });
    }
    yaml().map_err(|error| format!("the OpenAPI document is not valid YAML or JSON: {error}"))
}

/// Whether `document` (one without a `swagger` field) is OpenAPI 3.0 or 3.1.
pub(super) fn check_version(document: &Value) -> Result<(), String> {
    let Some(version) = document.get("openapi") else {
        return Err(
            "not an OpenAPI document: no `openapi` field (expected `openapi: 3.0.x` or `openapi: 3.1.x`)"
                .into(),
        );
    };
    let version = scalar_text(version);
    let supported = ["3.0", "3.1"]
        .iter()
        .any(|v| version == *v || version.starts_with(&format!("{v}.")));
    if !supported {
        return Err(format!(
            "`openapi: {version}` is not supported: samplegen imports OpenAPI 3.0.x and 3.1.x documents"
        ));
    }
    Ok(())
}

/// A scalar as text: strings as they are, numbers and booleans as written, null as nothing;
/// arrays and objects as compact JSON.
pub(super) fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => String::new(),
        Value::Array(_) | Value::Object(_) => serde_json::to_string(value).unwrap_or_default(),
    }
}

/// One segment of a JSON pointer.
pub(super) fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// A step of a walk down from the document's root: a member's key or an item's index. A walk
/// keeps its steps and makes a pointer of them only for what it finds (a large document holds
/// hundreds of thousands of values, and few of what a walk looks for).
pub(super) enum Step<'d> {
    Key(&'d str),
    Index(usize),
}

/// The JSON pointer the steps lead to (`/paths/~1pets/get`).
pub(super) fn pointer_of(steps: &[Step]) -> String {
    steps
        .iter()
        .map(|step| match step {
            Step::Key(key) => format!("/{}", escape(key)),
            Step::Index(index) => format!("/{index}"),
        })
        .collect()
}

/// Walks every value under `value`, calling `visit` with the steps to it (none for `value`
/// itself) and the value; a value `visit` answers `false` for is not walked into.
pub(super) fn walk<'d>(value: &'d Value, visit: &mut impl FnMut(&[Step<'d>], &'d Value) -> bool) {
    fn down<'d>(
        value: &'d Value,
        at: &mut Vec<Step<'d>>,
        visit: &mut impl FnMut(&[Step<'d>], &'d Value) -> bool,
    ) {
        if !visit(at, value) {
            return;
        }
        match value {
            Value::Object(members) => {
                for (key, member) in members {
                    at.push(Step::Key(key));
                    down(member, at, visit);
                    at.pop();
                }
            }
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    at.push(Step::Index(index));
                    down(item, at, visit);
                    at.pop();
                }
            }
            _ => {}
        }
    }
    down(value, &mut Vec::new(), visit);
}

/// The value at a JSON pointer (`/components/schemas/Pet`), already percent-decoded.
fn pointer_get<'a>(root: &'a Value, pointer: &str) -> Option<&'a Value> {
    if pointer.is_empty() {
        return Some(root);
    }
    let mut current = root;
    for segment in pointer.strip_prefix('/')?.split('/') {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        current = match current {
            Value::Object(map) => map.get(segment.as_str())?,
            Value::Array(items) => items.get(segment.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(current)
}

pub(super) fn text_field(value: &Value, key: &str) -> Option<String> {
    value
        .get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

impl<'a> Importer<'a> {
    /// Follows the `$ref`s from `value`: the value they lead to and, when any was followed, the
    /// pointer of that value.
    pub(super) fn lookup(
        &self,
        mut value: &'a Value,
    ) -> Result<(&'a Value, Option<String>), String> {
        let mut seen: Vec<&str> = Vec::new();
        let mut pointer = None;
        for _ in 0..MAX_REF_HOPS {
            let Some(reference) = value.get("$ref") else {
                return Ok((value, pointer));
            };
            let Some(reference) = reference.as_str() else {
                return Err("`$ref` is not a string".into());
            };
            let Some(fragment) = reference.strip_prefix('#') else {
                let why = self
                    .unfollowed
                    .get(reference)
                    .map(|why| format!(": {why}"))
                    .unwrap_or_default();
                return Err(format!(
                    "`{reference}` refers to another document, which is not followed{why}"
                ));
            };
            if seen.contains(&reference) {
                return Err(format!(
                    "`{}` refers back to itself",
                    shown_reference(reference)
                ));
            }
            seen.push(reference);
            let decoded = percent_encoding::percent_decode_str(fragment)
                .decode_utf8_lossy()
                .into_owned();
            value = pointer_get(self.root, &decoded).ok_or_else(|| {
                format!(
                    "`{}` points at nothing in this document",
                    shown_reference(reference)
                )
            })?;
            pointer = Some(decoded);
        }
        Err("too many `$ref`s in a row".into())
    }

    /// The schema a discriminator's `mapping` value names, and its pointer: a reference into
    /// this document (`#/components/schemas/Dog`) or a schema's name (`Dog`).
    pub(super) fn mapped_schema(&self, mapped: &str) -> Option<(&'a Value, String)> {
        let pointer = match mapped.strip_prefix('#') {
            Some(fragment) => percent_encoding::percent_decode_str(fragment)
                .decode_utf8_lossy()
                .into_owned(),
            None if !mapped.contains('/') => format!("/components/schemas/{}", escape(mapped)),
            None => return None,
        };
        Some((pointer_get(self.root, &pointer)?, pointer))
    }

    /// [`Self::lookup`], noting at `at` why a reference cannot be followed.
    pub(super) fn resolve(&mut self, value: &'a Value, at: &str) -> Option<(&'a Value, String)> {
        match self.lookup(value) {
            Ok((value, pointer)) => Some((value, pointer.unwrap_or_else(|| at.to_string()))),
            Err(message) => {
                self.note("reference", at, message);
                None
            }
        }
    }

    /// Whether `schema` (or what its `$ref` leads to) sets `key: true`.
    pub(super) fn flag(&self, schema: &'a Value, key: &str) -> bool {
        self.flag_within(schema, key, 0)
    }

    /// [`Importer::flag`] through `$ref`s and `allOf` members (each of which applies), as
    /// `userid: {allOf: [{$ref: UserID.yaml}]}` makes a property `readOnly`; a few levels deep.
    fn flag_within(&self, schema: &'a Value, key: &str, depth: usize) -> bool {
        let set = |s: &Value| s.get(key).and_then(Value::as_bool) == Some(true);
        if set(schema) {
            return true;
        }
        let Ok((target, _)) = self.lookup(schema) else {
            return false;
        };
        set(target)
            || (depth < 8
                && target
                    .get("allOf")
                    .and_then(Value::as_array)
                    .is_some_and(|members| {
                        members
                            .iter()
                            .any(|member| self.flag_within(member, key, depth + 1))
                    }))
    }
}

#[cfg(test)]
mod tests {
    use crate::import::openapi::import;
    use crate::import::openapi::test_support::*;

    #[test]
    fn what_is_not_openapi_3_is_refused() {
        for (text, message) in [
            ("openapi: [3.0", "not valid YAML or JSON"),
            ("[1, 2]", "not an OpenAPI document"),
            ("", "not an OpenAPI document"),
            ("info: {title: t}\npaths: {}", "no `openapi` field"),
            // JSON with a comment: where, not what YAML makes of it
            (
                "{\n  // by hand\n  \"openapi\": \"3.0.0\", \"paths\": {}\n}",
                "not valid JSON: key must be a string at line 2 column 3",
            ),
            (
                "swagger: '1.2'\npaths: {}",
                "`swagger: 1.2` is not supported",
            ),
            (
                "openapi: 3.2.0\npaths: {}",
                "`openapi: 3.2.0` is not supported",
            ),
            ("openapi: 2.5\npaths: {}", "`openapi: 2.5` is not supported"),
            (
                "openapi: 3.0.3\npaths: [1]",
                "`paths` is not an object, at line 2 column 1",
            ),
            (
                "{\n  \"openapi\": \"3.0.3\",\n  \"paths\": []\n}",
                "`paths` is not an object, at line 3 column 3",
            ),
        ] {
            let error = import(text, Default::default()).unwrap_err();
            assert!(error.contains(message), "{text:?}: {error}");
        }
        assert!(import("openapi: 3.1\npaths: {}", Default::default()).is_ok());
        // JSON (tabs and all), and YAML that starts like JSON
        assert!(
            import(
                "{\n\t\"openapi\": \"3.0.0\",\n\t\"paths\": {}\n}",
                Default::default()
            )
            .is_ok()
        );
        assert!(import("{openapi: 3.1.0, paths: {}}", Default::default()).is_ok());
        let error =
            import("{\"openapi\": \"3.0.0\", \"paths\": {", Default::default()).unwrap_err();
        assert!(error.contains("not valid JSON"), "{error}");
        let empty = import(
            "openapi: 3.1.0\ninfo: {title: t, version: '1'}",
            Default::default(),
        )
        .unwrap();
        assert!(empty.items.is_empty());
        note(&empty, "/paths", "no `paths`");
    }

    // JSON Schema 2020-12 (OpenAPI 3.1): a `$ref` may name a schema by its `$id`
    #[test]
    fn a_reference_to_a_schemas_id_is_to_that_schema() {
        let import = run(r#"
paths:
  /t:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: 'https://example.com/schemas/thing'}
  /u:
    post:
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: 'https://example.com/schemas/thing#/properties/size'}
components:
  schemas:
    Thing:
      $id: https://example.com/schemas/thing
      type: object
      required: [thingName]
      properties: {thingName: {type: string, examples: [widget]}, size: {type: integer, example: 3}}
"#);
        let bodies: Vec<&str> = import
            .items
            .iter()
            .map(|item| item.spec.request.body.as_ref().unwrap().raw().unwrap())
            .collect();
        assert_eq!(
            bodies,
            ["{\n    \"thingName\": \"widget\",\n    \"size\": 3\n}", "3"]
        );
        assert!(
            import
                .notes
                .iter()
                .all(|n| !n.message.contains("another document"))
        );
    }

    #[test]
    fn references_that_cannot_be_followed_are_noted() {
        let import = run(r#"
paths:
  /a:
    post:
      parameters:
        - $ref: 'common.yaml#/components/parameters/Limit'
        - $ref: '#/components/parameters/Missing'
        - $ref: '#/components/parameters/Loop'
        - $ref: '#/components/parameters/Encoded~1Name'
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Node'}
components:
  parameters:
    Loop: {$ref: '#/components/parameters/Loop'}
    Encoded/Name: {name: found, in: query, example: 1}
  schemas:
    Node:
      type: object
      properties:
        value: {type: integer}
        children: {type: array, items: {$ref: '#/components/schemas/Node'}}
"#);
        let spec = only(&import);
        assert_eq!(pairs(&spec.request.query), [pair("found", "1")]);
        note(
            &import,
            "/paths/~1a/post/parameters/0",
            "refers to another document",
        );
        note(&import, "/paths/~1a/post/parameters/1", "points at nothing");
        note(
            &import,
            "/paths/~1a/post/parameters/2",
            "refers back to itself",
        );
        assert_eq!(
            spec.request.body.as_ref().unwrap().raw(),
            Some("{\n    \"value\": 0,\n    \"children\": []\n}")
        );
    }
}
