//! Azure's documents (azure-rest-api-specs, AutoRest's input): the values an operation's
//! `x-ms-examples` give its parameters and body, and the `api-version` the document's
//! `info.version` is, written where the importer reads a parameter's example, so that a sample
//! sends what Azure's own examples send instead of a variable or a value built from a schema.

use serde_json::{Map, Value};

use super::swagger2::{media_list, own_or};
use crate::import::Note;

/// Writes into each operation's parameters the values its first `x-ms-examples` entry gives
/// (a Swagger 2.0 parameter's `x-example`, a body's `x-examples`; an OpenAPI 3 parameter's
/// `example`), unless the parameter has an example of its own, and `info.version` as the
/// `api-version` query parameter's, in a document that is Azure's. Notes how many operations
/// took values so.
pub(super) fn examples_in_place(document: &mut Value, notes: &mut Vec<Note>) {
    let swagger2 = document.get("swagger").is_some();
    let version = document
        .pointer("/info/version")
        .and_then(Value::as_str)
        .map(str::to_string);
    let operations = super::inline::operation_places(document);
    let azure = ["x-ms-paths", "x-ms-parameterized-host"]
        .iter()
        .any(|key| document.get(*key).is_some())
        || operations.iter().any(|at| {
            document
                .pointer(at)
                .is_some_and(|operation| operation.get("x-ms-examples").is_some())
        });
    if !azure {
        return;
    }
    let consumes = media_list(document.get("consumes"));
    // how many operations took values from their examples, and whether any took the version
    let mut from_examples = 0;
    let mut version_given = false;
    for at in operations {
        let Some(operation) = document.pointer(&at) else {
            continue;
        };
        let example = operation
            .get("x-ms-examples")
            .and_then(Value::as_object)
            .and_then(|examples| examples.values().next())
            .and_then(|example| followed(document, example))
            .and_then(|example| example.get("parameters"))
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        // the body's media types as the upgrade to 3.0 writes its content (JSON when none)
        let mut media_types = own_or(operation, "consumes", &consumes);
        if media_types.is_empty() {
            media_types.push("application/json".to_string());
        }
        let parameters: Vec<Value> = operation
            .get("parameters")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let mut changed = false;
        let mut from_example = false;
        let mut written = Vec::with_capacity(parameters.len());
        for parameter in parameters {
            let Some(Value::Object(mut own)) = followed(document, &parameter).cloned() else {
                written.push(parameter);
                continue;
            };
            let name = own.get("name").and_then(Value::as_str).unwrap_or_default();
            let location = own.get("in").and_then(Value::as_str).unwrap_or_default();
            let exemplified = example.get(name).cloned();
            let from_this_example = exemplified.is_some();
            let given = exemplified.or_else(|| {
                (name == "api-version" && location == "query")
                    .then(|| version.clone().map(Value::String))
                    .flatten()
            });
            let has_own = ["x-example", "example", "x-examples", "default"]
                .iter()
                .any(|key| own.contains_key(*key))
                || own
                    .get("enum")
                    .and_then(Value::as_array)
                    .is_some_and(|values| values.len() == 1);
            match given {
                Some(value) if !has_own => {
                    if location == "body" {
                        let by_media: Map<String, Value> = media_types
                            .iter()
                            .map(|media| (media.clone(), value.clone()))
                            .collect();
                        own.insert("x-examples".into(), Value::Object(by_media));
                    } else if swagger2 {
                        own.insert("x-example".into(), value);
                    } else {
                        own.insert("example".into(), value);
                    }
                    changed = true;
                    from_example |= from_this_example;
                    version_given |= !from_this_example;
                    written.push(Value::Object(own));
                }
                _ => written.push(parameter),
            }
        }
        if changed {
            from_examples += usize::from(from_example);
            if let Some(place) = document.pointer_mut(&format!("{at}/parameters")) {
                *place = Value::Array(written);
            }
        }
    }
    let mut said = Vec::new();
    if from_examples > 0 {
        said.push(format!(
            "the parameters and bodies of {from_examples} operation(s) take the values of their first `x-ms-examples` entry"
        ));
    }
    if version_given && let Some(version) = &version {
        said.push(format!("`api-version` is `info.version` (`{version}`)"));
    }
    if !said.is_empty() {
        notes.push(Note::of_kind(
            "example",
            "/paths",
            format!(
                "an Azure document: {}, where they give none of their own",
                said.join(", and ")
            ),
        ));
    }
}

/// What `value`'s `$ref`s into the document lead to; `None` when one leads nowhere.
fn followed<'d>(document: &'d Value, value: &'d Value) -> Option<&'d Value> {
    super::inline::followed(document, value, String::new()).map(|(value, _)| value)
}

#[cfg(test)]
mod tests {
    use crate::import::openapi::test_support::*;

    #[test]
    fn an_azure_operations_example_gives_its_parameters_and_body() {
        let root = r#"swagger: '2.0'
info: {title: t, version: '2021-04-01'}
host: management.azure.com
schemes: [https]
consumes: [application/json]
x-ms-paths: {}
paths:
  /subscriptions/{subscriptionId}/things/{name}:
    put:
      operationId: Things_Create
      parameters:
        - {name: subscriptionId, in: path, required: true, type: string}
        - {name: name, in: path, required: true, type: string, x-example: own}
        - $ref: '#/parameters/ApiVersion'
        - {name: thing, in: body, required: true, schema: {type: object, properties: {location: {type: string}}}}
      x-ms-examples:
        Create a thing: {$ref: ./examples/create.json}
      responses: {'200': {description: ok}}
    get:
      parameters:
        - $ref: '#/parameters/ApiVersion'
      responses: {'200': {description: ok}}
parameters:
  ApiVersion: {name: api-version, in: query, required: true, type: string}
"#;
        let import = split(&[
            ("api/openapi.yaml", root),
            (
                "api/examples/create.json",
                r#"{"parameters": {"subscriptionId": "0000-1111", "name": "from-example", "api-version": "2021-04-01", "thing": {"location": "westus", "tags": {"a": "b"}}}, "responses": {}}"#,
            ),
        ])
        .unwrap();
        let put = &import.items[0].spec.request;
        // a path's parameters stay variables, as every path's do
        assert_eq!(
            put.url,
            "{{baseUrl}}/subscriptions/{{subscriptionId}}/things/{{name}}"
        );
        assert_eq!(pairs(&put.query), [pair("api-version", "2021-04-01")]);
        assert_eq!(
            put.body.as_ref().unwrap().raw(),
            Some(
                "{\n    \"location\": \"westus\",\n    \"tags\": {\n        \"a\": \"b\"\n    }\n}"
            )
        );
        // an operation without examples still takes the document's version
        assert_eq!(
            pairs(&import.items[1].spec.request.query),
            [pair("api-version", "2021-04-01")]
        );
        note(
            &import,
            "/paths",
            "take the values of their first `x-ms-examples` entry",
        );
    }

    #[test]
    fn a_document_that_is_not_azures_is_left_as_it_is() {
        let import = read_minimal(&format!(
            "{HEAD}paths:\n  /a:\n    get:\n      parameters: [{{name: api-version, in: query, required: true, schema: {{type: string}}}}]\n"
        ));
        assert_eq!(
            pairs(&import.items[0].spec.request.query),
            [pair("api-version", "{{api-version}}")]
        );
    }
}
