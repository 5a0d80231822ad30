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
        .filter(|op| place(document, &op.path, &op.method).is_none())
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

/// Where in `document` the operation `method` on `path` is, as the keys leading to it: under
/// its path item, or where that path item's same-document `$ref` leads (OpenAPI 3.1's
/// `components.pathItems`), as the importer read it.
pub fn place(document: &Value, path: &str, method: &str) -> Option<Vec<String>> {
    PATH_SECTIONS.into_iter().find_map(|section| {
        let mut keys = vec![section.to_string(), path.to_string()];
        let mut item = document.get(section)?.get(path)?;
        // a chain of references ends within as many steps as the document has path items
        for _ in 0..64 {
            let Some(reference) = item.get("$ref").and_then(Value::as_str) else {
                break;
            };
            let pointer = reference.strip_prefix('#')?;
            keys = crate::diagnostic::pointer_segments(pointer)?;
            item = document.pointer(pointer)?;
        }
        let op = item.get(method)?;
        keys.push(method.to_string());
        op.is_object().then_some(keys)
    })
}

/// Pairs of `METHOD /path` that lead to one operation through a shared path item but whose
/// samples differ: written there, one path's samples would stand for the other's.
pub fn shared_operations(
    document: &Value,
    operations: &[OperationSamples],
) -> Vec<(String, String)> {
    let mut seen: Vec<(Vec<String>, &OperationSamples)> = Vec::new();
    let mut shared = Vec::new();
    let shown = |op: &OperationSamples| format!("{} {}", op.method.to_ascii_uppercase(), op.path);
    for op in operations {
        let Some(keys) = place(document, &op.path, &op.method) else {
            continue;
        };
        match seen.iter().find(|(other, _)| *other == keys) {
            Some((_, first)) if first.samples != op.samples => {
                shared.push((shown(first), shown(op)))
            }
            Some(_) => {}
            None => seen.push((keys, op)),
        }
    }
    shared
}

/// `document` with `x-codeSamples` set (replaced) on every operation of `operations`; the
/// operations must all be there (see [`missing`]).
pub fn with_code_samples(mut document: Value, operations: &[OperationSamples]) -> Value {
    for op in operations {
        let Some(keys) = place(&document, &op.path, &op.method) else {
            continue;
        };
        let target = keys
            .iter()
            .try_fold(&mut document, |value, key| value.get_mut(key.as_str()));
        if let Some(Value::Object(target)) = target {
            target.insert("x-codeSamples".into(), code_samples(&op.samples));
        }
    }
    document
}

/// An OpenAPI Overlay 1.0 document that adds `x-codeSamples` to every operation of
/// `operations` of the document named `document` (read as `read`): each targeted where
/// [`place`] finds it, or under `paths` when it is not in this file (a path item in another
/// file, there once the document is bundled).
pub fn overlay(
    document: &str,
    read: &Value,
    title: &str,
    operations: &[OperationSamples],
) -> Value {
    let actions: Vec<Value> = operations
        .iter()
        .map(|op| {
            let keys = place(read, &op.path, &op.method)
                .unwrap_or_else(|| vec!["paths".into(), op.path.clone(), op.method.clone()]);
            let mut update = Map::new();
            update.insert("x-codeSamples".into(), code_samples(&op.samples));
            json!({
                "target": json_path(&keys),
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

/// The JSONPath (RFC 9535) of the member `keys` lead to: a key that is a name as written
/// (`.get`), any other in brackets (`['/pets/{petId}']`).
fn json_path(keys: &[String]) -> String {
    let mut out = String::from("$");
    for key in keys {
        let mut chars = key.chars();
        let shorthand = chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || !c.is_ascii())
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || !c.is_ascii());
        if shorthand {
            out.push('.');
            out.push_str(key);
        } else {
            out.push('[');
            out.push_str(&json_path_string(key));
            out.push(']');
        }
    }
    out
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
        let document = json!({ "paths": { "/pets/{petId}": { "get": {} } } });
        let overlay = overlay("pets.yaml", &document, "Pets", &pets());
        assert_eq!(overlay["overlay"], "1.0.0");
        assert_eq!(overlay["extends"], "pets.yaml");
        assert_eq!(
            overlay["actions"][0]["target"],
            "$.paths['/pets/{petId}'].get"
        );
        assert_eq!(json_path_string(r"/a'b\c"), r"'/a\'b\\c'");
    }

    // OpenAPI 3.1 keeps path items in `components.pathItems`; a path item that is a `$ref`
    // there has its operations where the reference leads
    #[test]
    fn samples_go_where_a_path_items_reference_leads() {
        let document = json!({
            "openapi": "3.1.0",
            "paths": { "/pets/{petId}": { "$ref": "#/components/pathItems/Pet~1Item" } },
            "components": { "pathItems": { "Pet/Item": { "get": {} } } }
        });
        assert!(missing(&document, &pets()).is_empty());
        let exported = with_code_samples(document.clone(), &pets());
        assert_eq!(
            exported["components"]["pathItems"]["Pet/Item"]["get"]["x-codeSamples"][0]["label"],
            "cURL"
        );
        assert_eq!(
            exported["paths"]["/pets/{petId}"],
            json!({ "$ref": "#/components/pathItems/Pet~1Item" })
        );
        let overlay = overlay("pets.yaml", &document, "Pets", &pets());
        assert_eq!(
            overlay["actions"][0]["target"],
            "$.components.pathItems['Pet/Item'].get"
        );
    }

    #[test]
    fn the_overlay_targets_an_operation_in_x_ms_paths_there() {
        let document = json!({ "paths": {}, "x-ms-paths": { "/pets/{petId}": { "get": {} } } });
        let overlay = overlay("pets.yaml", &document, "Pets", &pets());
        assert_eq!(
            overlay["actions"][0]["target"],
            "$['x-ms-paths']['/pets/{petId}'].get"
        );
    }

    #[test]
    fn a_path_item_two_paths_share_takes_samples_only_when_they_agree() {
        let document = json!({
            "paths": {
                "/cats": { "$ref": "#/components/pathItems/Animals" },
                "/dogs": { "$ref": "#/components/pathItems/Animals" }
            },
            "components": { "pathItems": { "Animals": { "get": {} } } }
        });
        let mut operations = pets();
        operations[0].path = "/cats".into();
        let mut dogs = operations[0].clone();
        dogs.path = "/dogs".into();
        operations.push(dogs.clone());
        assert!(shared_operations(&document, &operations).is_empty());
        operations[1].samples[0].source = "curl y\n".into();
        assert_eq!(
            shared_operations(&document, &operations),
            [("GET /cats".to_string(), "GET /dogs".to_string())]
        );
    }

    #[test]
    fn a_reference_leading_nowhere_or_elsewhere_is_no_place() {
        for reference in ["#/components/pathItems/Gone", "other.yaml#/Item", "#broken"] {
            let document = json!({ "paths": { "/pets/{petId}": { "$ref": reference } } });
            assert_eq!(
                missing(&document, &pets()),
                ["GET /pets/{petId}"],
                "{reference}"
            );
        }
    }
}
