//! The OpenAPI 3.0 and 3.1 importer: one spec per operation (path × method).
//!
//! Every URL is `{{baseUrl}}` followed by the path template, its `{parameters}` as `{{variables}}`,
//! so that writers set the server per environment. Parameters, the request body, the security
//! requirement and the first successful response become the spec's query items, headers, cookies,
//! body, auth and example response; examples come from the document or, failing that, are built
//! from the schemas. What a spec cannot say is reported as a [`Note`] with a JSON pointer into the
//! document.

mod auth;
mod body;
mod document;
mod media;
mod parameters;
mod response;
mod schema;
mod walk;

use serde_json::Value;

use super::{Import, Note};
use document::{check_version, parse};

/// Reads an OpenAPI 3.0 or 3.1 document (YAML or JSON).
pub fn import(text: &str) -> Result<Import, String> {
    // merge keys (`<<: *base`) are applied as the YAML is read
    let document = parse(text)?;
    if !document.is_object() {
        return Err(
            "not an OpenAPI document: expected an object with an `openapi` field at the top level"
                .into(),
        );
    }
    check_version(&document)?;
    let mut importer = Importer {
        root: &document,
        notes: Vec::new(),
        budget: 0,
    };
    let items = importer.run()?;
    let mut notes: Vec<Note> = Vec::new();
    for note in importer.notes {
        if !notes.contains(&note) {
            notes.push(note);
        }
    }
    Ok(Import { items, notes })
}

/// One import under way. Its methods live beside the concern they serve, in the submodules.
struct Importer<'a> {
    root: &'a Value,
    notes: Vec<Note>,
    /// How many more values the example being built from a schema may hold.
    budget: usize,
}

impl Importer<'_> {
    fn note(&mut self, at: impl Into<String>, message: impl Into<String>) {
        self.notes.push(Note::new(at, message));
    }
}

/// What the importer's tests share.
#[cfg(test)]
mod test_support {
    use super::*;
    use crate::import::test_support::assert_valid;
    pub(super) use crate::import::test_support::{pair, pairs};
    use crate::spec::Spec;

    pub(super) const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nservers: [{url: https://api.example.com}]\n";

    /// Reads `text`, and checks that every spec it gives writes, reads back and validates.
    pub(super) fn read(text: &str) -> Import {
        let import = import(text).unwrap_or_else(|error| panic!("{error}"));
        for item in &import.items {
            assert_valid(&item.name, &item.spec);
        }
        import
    }

    /// Reads a 3.0 document made of [`HEAD`] and `rest`.
    pub(super) fn run(rest: &str) -> Import {
        read(&format!("{HEAD}{rest}"))
    }

    pub(super) fn only(import: &Import) -> &Spec {
        assert_eq!(import.items.len(), 1, "{:#?}", import.items);
        &import.items[0].spec
    }

    pub(super) fn note<'i>(import: &'i Import, at: &str, containing: &str) -> &'i Note {
        import
            .notes
            .iter()
            .find(|n| n.at == at && n.message.contains(containing))
            .unwrap_or_else(|| panic!("no note at {at} with `{containing}`: {:#?}", import.notes))
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::*;

    #[test]
    fn openapi_3_1_documents_in_json() {
        let import = read(
            r#"{
  "openapi": "3.1.0",
  "info": {"title": "t", "version": "1"},
  "servers": [{"url": "https://api.example.com"}],
  "webhooks": {"newPet": {"post": {}}},
  "paths": {
    "/pets/{id}": {
      "patch": {
        "operationId": "patchPet",
        "parameters": [
          {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
          {"name": "mode", "in": "query", "schema": {"type": ["string", "null"], "examples": ["fast"]}}
        ],
        "requestBody": {
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": ["name"],
                "properties": {
                  "name": {"type": ["string", "null"]},
                  "nickname": {"type": ["null", "string"], "format": "email"},
                  "age": {"type": ["integer", "null"]},
                  "kind": {"const": "dog"},
                  "pair": {"type": "array", "prefixItems": [{"type": "integer"}, {"type": "boolean"}]},
                  "tags": {"type": ["array", "null"], "items": {"type": "string", "examples": ["good"]}},
                  "nothing": {"type": "null"}
                }
              }
            }
          }
        },
        "responses": {"200": {"description": "ok"}}
      }
    },
    "/pets/{id}/photo": {
      "put": {
        "requestBody": {
          "content": {
            "application/octet-stream": {"schema": {"type": "string", "contentMediaType": "image/png"}}
          }
        }
      }
    }
  }
}"#,
        );
        let spec = &import.items[0].spec;
        assert_eq!(spec.request.url, "{{baseUrl}}/pets/{{id}}");
        assert_eq!(pairs(&spec.request.query), [pair("mode", "fast")]);
        assert_eq!(
            spec.request.body.as_ref().unwrap().raw(),
            Some(
                "{\n    \"name\": \"string\",\n    \"nickname\": \"user@example.com\",\n    \"age\": 0,\n    \"kind\": \"dog\",\n    \"pair\": [\n        0,\n        true\n    ],\n    \"tags\": [\n        \"good\"\n    ],\n    \"nothing\": null\n}"
            )
        );
        assert_eq!(spec.response.as_ref().unwrap().status, "200");
        let photo = &import.items[1].spec.request;
        assert!(photo.body.as_ref().unwrap().file().is_some());
        note(&import, "/webhooks", "not imported");
    }

    #[test]
    fn the_petstore_plus_fixture() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/openapi/petstore-plus.yaml"
        ))
        .unwrap();
        let import = read(&text);
        let names: Vec<String> = import
            .items
            .iter()
            .map(|i| format!("{} {}/{}", i.spec.request.method, i.dirs.join("/"), i.name))
            .collect();
        assert_eq!(
            names,
            [
                "GET pets/listPets",
                "POST pets/createPet",
                "GET pets/getPet",
                "PUT pets/updatePet",
                "DELETE pets/deletePet",
                "POST files/uploadPetPhoto",
                "POST pets/Update a pet with form data",
                "GET store/GET /store/inventory",
                "POST store/placeOrder",
                "GET users/loginUser",
                "GET users/getUserByName",
                "PATCH users/patchUser",
                "GET /searchPets",
                "PUT files/uploadFile",
                "POST /createReport",
            ]
        );
        let spec = |name: &str| &import.items.iter().find(|i| i.name == name).unwrap().spec;
        // the operation's header parameter replaces the path's
        assert_eq!(
            pairs(&spec("getPet").request.headers),
            [pair("X-Trace", "operation-level")]
        );
        assert!(spec("getPet").request.auth.is_none());
        assert!(spec("getPet").prose.ends_with("**Deprecated.**"));
        // an example by `$ref`, through a request body by `$ref`
        let created = spec("createPet")
            .request
            .body
            .as_ref()
            .unwrap()
            .raw()
            .unwrap();
        assert!(
            created.contains("\"photoUrls\": [\n        \"https://example.com/rex.png\"\n    ]"),
            "{created}"
        );
        // `readOnly` properties stay out of requests, not out of responses
        let updated = spec("updatePet");
        let json = |text: &Option<String>| -> serde_json::Value {
            serde_json::from_str(text.as_deref().unwrap()).unwrap()
        };
        let request = json(
            &updated
                .request
                .body
                .as_ref()
                .unwrap()
                .raw()
                .map(str::to_string),
        );
        let response = json(&updated.response.as_ref().unwrap().body);
        assert!(request.get("id").is_none(), "{request}");
        assert_eq!(response["id"], 0);
        // a recursive schema stops where it comes back
        assert_eq!(
            response["category"],
            serde_json::json!({"id": 0, "name": "Dogs"})
        );
        assert_eq!(
            pairs(&spec("searchPets").request.query),
            [
                pair("filter[color]", "brown"),
                pair("filter[age]", "3"),
                pair("fields", "id|name")
            ]
        );
        let notes: Vec<&str> = import.notes.iter().map(|n| n.at.as_str()).collect();
        assert_eq!(
            notes,
            [
                "/paths/~1store~1orders/post/parameters/0",
                "/paths/~1users~1login/get/security/1",
                "/paths/~1users~1login/get/parameters/1",
                "/components/securitySchemes/oauth",
                "/paths/~1search/get/requestBody",
            ]
        );
    }
}
