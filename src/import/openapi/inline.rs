//! References where OpenAPI reads none, followed as documents mean them: an operation written
//! as a `$ref` to another file (Woosmap's split source, which bundlers join), and an example's
//! value that is only a `$ref` (`value: {$ref: ./requests/matrix.yml}`), which OpenAPI reads as
//! literal but documentation tools (Redoc, Swagger UI) and bundlers follow, and which its
//! writer's own samples send as the file's content.
//!
//! Both run on the document once its files are brought in (see [`super::files`]), so that every
//! reference they meet is a pointer into it.

use serde_json::{Map, Value};

use super::document::{Step, escape, pointer_of, walk};
use super::files::shown_reference;
use crate::import::Note;

/// How many `$ref`s in a row are followed before giving up (a loop of them).
const MAX_HOPS: usize = 8;

/// The operations of `document`'s paths written as `$ref`s, each replaced by what it leads to,
/// with the members written beside the `$ref` (a `summary`, an `operationId`) over that
/// operation's own. A reference that leads nowhere is noted, and its operation keeps the
/// members beside it.
pub(super) fn operations_in_place(document: &mut Value, notes: &mut Vec<Note>) {
    let places: Vec<String> = operation_places(document)
        .into_iter()
        .filter(|at| {
            document
                .pointer(at)
                .is_some_and(|op| op.get("$ref").is_some())
        })
        .collect();
    for at in places {
        let Some(operation) = document.pointer(&at) else {
            continue;
        };
        let reference = operation["$ref"].as_str().unwrap_or_default().to_string();
        match followed(document, operation, at.clone()) {
            Some((Value::Object(target), _)) => {
                let mut merged: Map<String, Value> = target.clone();
                let written = operation.as_object().expect("a `$ref` is in an object");
                for (key, value) in written {
                    if key != "$ref" {
                        merged.insert(key.clone(), value.clone());
                    }
                }
                if let Some(place) = document.pointer_mut(&at) {
                    *place = Value::Object(merged);
                }
            }
            _ => {
                notes.push(Note::of_kind(
                    "reference",
                    format!("{at}/$ref"),
                    format!(
                        "the operation is `$ref: {}`, which leads to no operation this import can read: its parameters and body are missing from the request",
                        shown_reference(&reference)
                    ),
                ));
                if let Some(Value::Object(members)) = document.pointer_mut(&at) {
                    members.remove("$ref");
                }
            }
        }
    }
}

/// The pointer of each operation of `document`'s paths (and Azure's `x-ms-paths`), where its
/// path item is when that is a `$ref` into the document.
pub(super) fn operation_places(document: &Value) -> Vec<String> {
    let mut places = Vec::new();
    for section in ["paths", "x-ms-paths"] {
        let Some(paths) = document.get(section).and_then(Value::as_object) else {
            continue;
        };
        for (path, item) in paths {
            if path.starts_with("x-") {
                continue;
            }
            let item_at = format!("/{section}/{}", escape(path));
            // a path item may itself be a `$ref`: its operations are where that leads
            let Some((item, item_at)) = followed(document, item, item_at) else {
                continue;
            };
            for (method, operation) in item.as_object().into_iter().flatten() {
                if super::walk::METHODS.contains(&method.as_str()) && operation.is_object() {
                    places.push(format!("{item_at}/{}", escape(method)));
                }
            }
        }
    }
    places
}

/// Every example value of `document` that is only a `$ref` (an `example`, `x-example`, or an
/// Example object's `value`), replaced by what it leads to, noted; one that leads nowhere
/// keeps the reference as its writer wrote it, noted too.
pub(super) fn examples_in_place(document: &mut Value, notes: &mut Vec<Note>) {
    for pointer in example_references(document) {
        let Some(example) = document.pointer(&pointer) else {
            continue;
        };
        let reference = example["$ref"].as_str().unwrap_or_default().to_string();
        let shown = shown_reference(&reference);
        let (replacement, message) = match followed(document, example, pointer.clone()) {
            Some((target, _)) => (
                target.clone(),
                format!(
                    "the example is `$ref: {shown}`, which OpenAPI reads as the text it is; it is sent as what it refers to, as documentation tools show it"
                ),
            ),
            None => (
                serde_json::json!({ "$ref": shown }),
                format!(
                    "the example is `$ref: {shown}`, which leads to nothing this import can read: it is sent as written"
                ),
            ),
        };
        notes.push(Note::of_kind("example", pointer.clone(), message));
        if let Some(place) = document.pointer_mut(&pointer) {
            *place = replacement;
        }
    }
}

/// The pointers of the example values under `value` that are only a `$ref`.
fn example_references(value: &Value) -> Vec<String> {
    let mut found = Vec::new();
    walk(value, &mut |at, member| {
        let key = |back: usize| match at.len().checked_sub(back).map(|i| &at[i]) {
            Some(Step::Key(key)) => Some(*key),
            _ => None,
        };
        // a schema's properties are named by the API: one may be called `example`
        let in_properties = matches!(key(2), Some("properties" | "patternProperties"));
        // an Example object is an entry of an `examples` map: `examples: {name: {value}}`
        let example = !in_properties
            && (matches!(key(1), Some("example" | "x-example"))
                || (key(1) == Some("value") && key(3) == Some("examples")));
        if example && is_only_a_reference(member) {
            found.push(pointer_of(at));
            return false;
        }
        true
    });
    found
}

/// Whether `value` is `{$ref: "…"}` and nothing else.
fn is_only_a_reference(value: &Value) -> bool {
    value.as_object().is_some_and(|members| {
        members.len() == 1 && members.get("$ref").is_some_and(Value::is_string)
    })
}

/// What `value`'s `$ref`s into `document` lead to, and its pointer (`at` when it is none); `None`
/// when one leads nowhere or they loop.
pub(super) fn followed<'d>(
    document: &'d Value,
    mut value: &'d Value,
    mut at: String,
) -> Option<(&'d Value, String)> {
    for _ in 0..MAX_HOPS {
        let Some(reference) = value.get("$ref") else {
            return Some((value, at));
        };
        let fragment = reference.as_str()?.strip_prefix('#')?;
        let pointer = percent_encoding::percent_decode_str(fragment)
            .decode_utf8_lossy()
            .into_owned();
        value = document.pointer(&pointer)?;
        at = pointer;
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::import::openapi::test_support::*;

    const ROOT: &str =
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nservers: [{url: https://e.com}]\n";

    #[test]
    fn an_operation_written_as_a_reference_to_a_file_is_that_operation() {
        // Woosmap's split source: the members beside the `$ref` over the file's own
        let root = format!(
            "{ROOT}paths:\n  /matrix:\n    get:\n      summary: Matrix\n      operationId: getMatrix\n      $ref: ./paths/matrix.yaml\n    post:\n      $ref: ./paths/missing.yaml\n"
        );
        let import = split(&[
            ("api/openapi.yaml", &root),
            (
                "api/paths/matrix.yaml",
                "operationId: fromFile\ntags: [Distance]\nparameters:\n  - {name: origins, in: query, required: true, schema: {type: string}, example: '48.7,2.4'}\nresponses: {'200': {description: ok}}\n",
            ),
        ])
        .unwrap();
        assert_eq!(import.items.len(), 2);
        let get = &import.items[0];
        assert_eq!(
            (get.name.as_str(), get.spec.title.as_str()),
            ("getMatrix", "Matrix")
        );
        assert_eq!(get.dirs, ["Distance"]);
        assert_eq!(
            pairs(&get.spec.request.query),
            [pair("origins", "48.7,2.4")]
        );
        // one that leads nowhere says so: what the file holds is missing
        note(
            &import,
            "/paths/~1matrix/post/$ref",
            "missing from the request",
        );
    }

    #[test]
    fn an_example_that_is_only_a_reference_is_what_it_refers_to() {
        let root = format!(
            "{ROOT}paths:\n  /a:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: {{type: object, properties: {{example: {{$ref: '#/components/schemas/Id'}}}}}}\n            examples:\n              default:\n                value: {{$ref: ./requests/a.json}}\n      responses: {{'200': {{description: ok}}}}\n  /b:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema:\n              type: object\n              properties: {{x: {{type: string}}}}\n              example: {{$ref: '#/components/examples/B/value'}}\n      responses: {{'200': {{description: ok}}}}\n  /c:\n    post:\n      requestBody:\n        content:\n          application/json:\n            example: {{$ref: 'https://e.com/c.json'}}\n      responses: {{'200': {{description: ok}}}}\ncomponents:\n  schemas:\n    Id: {{type: integer}}\n  examples:\n    B: {{value: {{x: from-components}}}}\n"
        );
        let import = split(&[
            ("api/openapi.yaml", &root),
            ("api/requests/a.json", "{\"example\": 7}"),
        ])
        .unwrap();
        let body = |index: usize| {
            import.items[index]
                .spec
                .request
                .body
                .as_ref()
                .unwrap()
                .raw()
                .unwrap()
                .to_string()
        };
        assert_eq!(body(0), "{\n    \"example\": 7\n}");
        assert_eq!(body(1), "{\n    \"x\": \"from-components\"\n}");
        note(
            &import,
            "/paths/~1a/post/requestBody/content/application~1json/examples/default/value",
            "is `$ref: requests/a.json`, which OpenAPI reads as the text it is; it is sent as what it refers to",
        );
        // a reference that leads nowhere is sent as its writer wrote it, not as the importer's
        // own pointer
        assert_eq!(body(2), "{\n    \"$ref\": \"https://e.com/c.json\"\n}");
        note(
            &import,
            "/paths/~1c/post/requestBody/content/application~1json/example",
            "sent as written",
        );
        // a property named `example` is the API's own, not an example
        assert!(
            import.notes.iter().all(|n| !n.at.contains("properties")),
            "{:#?}",
            import.notes
        );
    }
}
