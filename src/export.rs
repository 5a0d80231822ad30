//! Samples for OpenAPI renderers (Redocly, Mintlify, ReadMe, Scalar, Stoplight): the document a
//! site's specs were imported from, with `x-codeSamples` on each operation a spec came from, or
//! an OpenAPI Overlay 1.0 document that adds them.

use serde_json::{Map, Value, json};

use crate::config::Config;
use crate::model::Endpoint;
use crate::render::{RenderError, Renderer};

/// One code sample as `x-codeSamples` lists it: `source` is the text of the sample file
/// `build` writes, byte for byte.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeSample {
    pub lang: String,
    pub label: String,
    pub source: String,
}

/// The samples of one operation of the document.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationSamples {
    /// The OpenAPI method key (lower case) and the path as the document writes it.
    pub method: String,
    pub path: String,
    pub samples: Vec<CodeSample>,
}

/// The samples of every endpoint imported from the document named `document` (by file name), in
/// the order of `endpoints`, each with the site's targets in tab order.
pub fn samples_for(
    document: &str,
    endpoints: &[Endpoint],
    renderer: &Renderer,
    config: &Config,
) -> Result<Vec<OperationSamples>, RenderError> {
    let mut operations = Vec::new();
    for endpoint in endpoints {
        let Some(origin) = endpoint.origin.as_ref().filter(|o| o.openapi == document) else {
            continue;
        };
        let (method, path) = origin
            .method_and_path()
            .expect("a validated origin names `METHOD /path`");
        let mut samples = Vec::new();
        for target in &config.targets {
            let code = renderer.sample(endpoint, target)?;
            samples.push(CodeSample {
                lang: target.target.language.to_string(),
                label: target.label.clone(),
                // the sample file: the sample and its final line break
                source: format!("{code}\n"),
            });
        }
        operations.push(OperationSamples {
            method,
            path: path.to_string(),
            samples,
        });
    }
    Ok(operations)
}

fn code_samples(samples: &[CodeSample]) -> Value {
    Value::Array(
        samples
            .iter()
            .map(|s| json!({ "lang": s.lang, "label": s.label, "source": s.source }))
            .collect(),
    )
}

/// The operations of `operations` that `document` does not have, as `METHOD /path`.
pub fn missing(document: &Value, operations: &[OperationSamples]) -> Vec<String> {
    operations
        .iter()
        .filter(|op| operation(document, &op.path, &op.method).is_none())
        .map(|op| format!("{} {}", op.method.to_ascii_uppercase(), op.path))
        .collect()
}

/// The paths of `operations` whose path item `document` keeps in another file (`/users:
/// {$ref: ./paths/users.yaml}`), each with that reference: their operations are not in this
/// file to write samples into, but an Overlay's targets are there once the document is bundled.
pub fn in_other_files(document: &Value, operations: &[OperationSamples]) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = Vec::new();
    for op in operations {
        let reference = document
            .get("paths")
            .and_then(|paths| paths.get(&op.path))
            .and_then(|item| item.get("$ref"))
            .and_then(Value::as_str)
            .filter(|reference| !reference.starts_with('#'));
        if let Some(reference) = reference
            && !found.iter().any(|(path, _)| *path == op.path)
        {
            found.push((op.path.clone(), reference.to_string()));
        }
    }
    found
}

/// The sections of a document that hold path items: `paths`, and Azure's `x-ms-paths`, which
/// the importer reads as more of them.
const PATH_SECTIONS: [&str; 2] = ["paths", "x-ms-paths"];

/// The section of `document` that holds the operation, and the operation.
fn located<'d>(document: &'d Value, path: &str, method: &str) -> Option<(&'static str, &'d Value)> {
    PATH_SECTIONS.into_iter().find_map(|section| {
        let op = document.get(section)?.get(path)?.get(method)?;
        op.is_object().then_some((section, op))
    })
}

fn operation<'d>(document: &'d Value, path: &str, method: &str) -> Option<&'d Value> {
    located(document, path, method).map(|(_, op)| op)
}

/// `document` with `x-codeSamples` set (replaced) on every operation of `operations`; the
/// operations must all be there (see [`missing`]).
pub fn with_code_samples(mut document: Value, operations: &[OperationSamples]) -> Value {
    for op in operations {
        let Some((section, _)) = located(&document, &op.path, &op.method) else {
            continue;
        };
        if let Some(Value::Object(target)) = document
            .get_mut(section)
            .and_then(|paths| paths.get_mut(&op.path))
            .and_then(|item| item.get_mut(&op.method))
        {
            target.insert("x-codeSamples".into(), code_samples(&op.samples));
        }
    }
    document
}

/// An OpenAPI Overlay 1.0 document that adds `x-codeSamples` to every operation of
/// `operations` of the document named `document`.
pub fn overlay(document: &str, title: &str, operations: &[OperationSamples]) -> Value {
    let actions: Vec<Value> = operations
        .iter()
        .map(|op| {
            let mut update = Map::new();
            update.insert("x-codeSamples".into(), code_samples(&op.samples));
            json!({
                "target": format!("$.paths[{}].{}", json_path_string(&op.path), op.method),
                "update": Value::Object(update),
            })
        })
        .collect();
    json!({
        "overlay": "1.0.0",
        "info": { "title": format!("Code samples for {title}"), "version": "1.0.0" },
        "extends": document,
        "actions": actions,
    })
}

/// `s` as a single-quoted JSONPath (RFC 9535) string literal.
fn json_path_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pets() -> Vec<OperationSamples> {
        vec![OperationSamples {
            method: "get".into(),
            path: "/pets/{petId}".into(),
            samples: vec![CodeSample {
                lang: "Shell".into(),
                label: "cURL".into(),
                source: "curl x\n".into(),
            }],
        }]
    }

    #[test]
    fn code_samples_go_on_their_operation() {
        let document = json!({ "openapi": "3.1.0", "paths": { "/pets/{petId}": { "get": { "x-codeSamples": [1] }, "parameters": [] } } });
        let exported = with_code_samples(document, &pets());
        assert_eq!(
            exported["paths"]["/pets/{petId}"]["get"]["x-codeSamples"],
            json!([{ "lang": "Shell", "label": "cURL", "source": "curl x\n" }])
        );
        assert_eq!(exported["paths"]["/pets/{petId}"]["parameters"], json!([]));
    }

    // Azure's `x-ms-paths` hold operations the importer reads as `paths`' own
    #[test]
    fn code_samples_go_on_an_operation_in_x_ms_paths() {
        let document = json!({ "swagger": "2.0", "paths": {}, "x-ms-paths": { "/pets/{petId}": { "get": {} } } });
        assert!(missing(&document, &pets()).is_empty());
        let exported = with_code_samples(document, &pets());
        assert_eq!(
            exported["x-ms-paths"]["/pets/{petId}"]["get"]["x-codeSamples"][0]["label"],
            "cURL"
        );
        assert_eq!(exported["paths"], json!({}));
    }

    #[test]
    fn an_operation_the_document_lacks_is_named() {
        let document = json!({ "paths": { "/pets/{petId}": { "post": {} } } });
        assert_eq!(missing(&document, &pets()), ["GET /pets/{petId}"]);
    }

    #[test]
    fn the_overlay_targets_each_operation() {
        let overlay = overlay("pets.yaml", "Pets", &pets());
        assert_eq!(overlay["overlay"], "1.0.0");
        assert_eq!(overlay["extends"], "pets.yaml");
        assert_eq!(
            overlay["actions"][0]["target"],
            "$.paths['/pets/{petId}'].get"
        );
        assert_eq!(json_path_string(r"/a'b\c"), r"'/a\'b\\c'");
    }
}
