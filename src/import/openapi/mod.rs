//! The OpenAPI importer (3.0 and 3.1, and Swagger 2.0 read as 3.0): one spec per operation
//! (path × method).
//!
//! Every URL is `{{baseUrl}}` followed by the path template, its `{parameters}` as `{{variables}}`,
//! so that writers set the server per environment. Parameters, the request body, the security
//! requirement and the first successful response become the spec's query items, headers, cookies,
//! body, auth and example response; examples come from the document or, failing that, are built
//! from the schemas. What a spec cannot say is reported as a [`Note`] with a JSON pointer into the
//! document.

mod auth;
mod azure;
mod body;
mod document;
mod files;
mod inline;
mod media;
mod parameters;
mod response;
mod schema;
mod strings;
mod swagger2;
mod walk;
mod xml;

use std::collections::HashSet;

use indexmap::IndexMap;
use serde_json::Value;

use super::{Import, Note, Options};
use document::{check_version, parse};

/// Reads an OpenAPI 3.0 or 3.1 document, or a Swagger 2.0 one (YAML or JSON). By default a
/// sample holds what a docs page shows: the required parameters, and the body's example or one
/// built from the required properties; `options.all_params` writes every parameter and property.
pub fn import(text: &str, options: Options) -> Result<Import, String> {
    // merge keys (`<<: *base`) are applied as the YAML is read
    let mut document = parse(text)?;
    if !document.is_object() {
        return Err(
            "not an OpenAPI document: expected an object with an `openapi` field at the top level"
                .into(),
        );
    }
    let unfollowed = files::bring_in(
        &mut document,
        options.path.as_deref(),
        options.folder.as_deref(),
    )?;
    files::sections_in_place(&mut document);
    let sections_missing = files::sections_not_followed(&document, &unfollowed);
    // references OpenAPI reads in no such place, which documents write and mean: places in the
    // document as written, Swagger 2.0's too
    let mut references_followed = Vec::new();
    // (examples first: an operation brought in from a file carries its examples followed,
    // noted once, at their place in that file)
    inline::examples_in_place(&mut document, &mut references_followed);
    inline::operations_in_place(&mut document, &mut references_followed);
    azure::examples_in_place(&mut document, &mut references_followed);
    let upgraded = match document.get("swagger") {
        Some(_) => {
            // the upgrade reads path items, parameters and responses where they are used
            files::swagger_objects_in_place(&mut document);
            Some(swagger2::upgrade(&document)?)
        }
        None => {
            check_version(&document)?;
            None
        }
    };
    let root = upgraded.as_ref().map_or(&document, |u| &u.document);
    let mut importer = Importer {
        root,
        notes: Vec::new(),
        budget: 0,
        depth_cut: false,
        patterns: strings::Patterns::default(),
        unmet_strings: HashSet::new(),
        unmet_string_values: 0,
        all_params: options.all_params,
        document: options.document,
        left_out: 0,
        once: IndexMap::new(),
        base_url: None,
        server_query: Vec::new(),
        request_variables: HashSet::new(),
        unfollowed,
        swagger2: upgraded.is_some(),
    };
    let items = importer
        .run()
        .map_err(|error| match top_level_key_place(text, "paths") {
            // a structural error is found in the data, which keeps no places: the key's is told
            Some((line, column)) if error.starts_with("`paths`") => {
                format!("{error}, at line {line} column {column}")
            }
            _ => error,
        })?;
    for (index, count) in importer.once.values() {
        if *count > 1 {
            importer.notes[*index]
                .message
                .push_str(&format!(" ({count} operations)"));
        }
    }
    let mut notes: Vec<Note> = Vec::new();
    let mut found: Vec<Note> = sections_missing
        .into_iter()
        .map(|(place, reference, why)| {
            Note::of_kind(
                "document",
                place,
                format!(
                    "this section is `$ref: {reference}`, which is not followed: {why}; what it holds is missing from every request (its schemas, parameters, security schemes)"
                ),
            )
        })
        .collect();
    found.extend(importer.notes);
    if let Some(upgraded) = &upgraded {
        // the importer's places are in the 3.0 reading; a writer looks for them in the 2.0 text
        for note in &mut found {
            note.at = upgraded.original(&note.at);
        }
        let mut first = vec![Note::of_kind(
            "document",
            "/swagger",
            "a Swagger 2.0 document, read as the OpenAPI 3.0 document it describes (`host`, `basePath` and `schemes` as its server, `body` and `formData` parameters as its request body)",
        )];
        first.extend(upgraded.notes.iter().cloned());
        first.extend(found);
        found = first;
    }
    found.extend(references_followed);
    for mut note in found {
        note.at = files::shown_place(&note.at);
        if !notes.contains(&note) {
            notes.push(note);
        }
    }
    let variables = importer
        .base_url
        .into_iter()
        .map(|url| ("baseUrl".to_string(), url))
        .collect();
    Ok(Import {
        items,
        notes,
        variables,
        ..Import::default()
    })
}

/// Where the top-level `key` of a YAML or JSON document is written, as a line and a column from
/// 1: a line that starts with it (YAML), else the first `"key":` (JSON, where the top level is
/// not told by indentation).
fn top_level_key_place(text: &str, key: &str) -> Option<(usize, usize)> {
    let yaml = [
        format!("{key}:"),
        format!("\"{key}\":"),
        format!("'{key}':"),
    ];
    for (index, line) in text.lines().enumerate() {
        if yaml
            .iter()
            .any(|written| line.starts_with(written.as_str()))
        {
            return Some((index + 1, 1));
        }
    }
    let quoted = format!("\"{key}\"");
    let mut from = 0;
    while let Some(found) = text[from..].find(&quoted) {
        let start = from + found;
        from = start + quoted.len();
        if text[from..].trim_start().starts_with(':') {
            let line = text[..start].matches('\n').count() + 1;
            let column = text[..start]
                .rfind('\n')
                .map_or(start, |newline| start - newline - 1)
                + 1;
            return Some((line, column));
        }
    }
    None
}

/// An OpenAPI document (YAML or JSON) as data, for `samplegen export`.
pub fn parse_document(text: &str) -> Result<Value, String> {
    parse(text)
}

/// One import under way. Its methods live beside the concern they serve, in the submodules.
struct Importer<'a> {
    root: &'a Value,
    notes: Vec<Note>,
    /// How many more values the example being built from a schema may hold.
    budget: usize,
    /// Whether the example being built from a schema stopped at its depth limit somewhere.
    depth_cut: bool,
    /// The string patterns of the document's schemas, each compiled once.
    patterns: strings::Patterns,
    /// The notes already said of string schemas no example meets, by message.
    unmet_strings: HashSet<String>,
    /// How many string values built so far meet their schema's pattern or bounds nowhere.
    unmet_string_values: usize,
    /// Every optional parameter and request body property too (`--all-params`).
    all_params: bool,
    /// The document's file name, recorded in each spec's `origin` (none for standard input).
    document: Option<String>,
    /// How many operations had optional parameters left out.
    left_out: usize,
    /// The notes said once per import, by message: where in `notes`, and how many times.
    once: IndexMap<String, (usize, usize)>,
    /// The first server's URL, the value of `{{baseUrl}}`.
    base_url: Option<String>,
    /// The query items of the first server's URL (`…/v1?tenant=acme`), which every request
    /// sends before its own: `{{baseUrl}}` is the URL before the `?`, so that paths follow it.
    server_query: Vec<crate::spec::NameValueSpec>,
    /// The `{{variables}}` the requests use but for auth: in URLs, parameters and bodies.
    request_variables: HashSet<String>,
    /// The references to other documents that were not followed, and why.
    unfollowed: files::Unfollowed,
    /// Whether the document was Swagger 2.0, which has none of 3.0's ignored header parameters.
    swagger2: bool,
}

impl Importer<'_> {
    fn note(&mut self, kind: &'static str, at: impl Into<String>, message: impl Into<String>) {
        self.notes.push(Note::of_kind(kind, at, message));
    }

    /// A note said once per import however many operations it concerns; the first one's `at`,
    /// and how many there are.
    fn note_once(&mut self, kind: &'static str, at: impl Into<String>, message: String) {
        if let Some((_, count)) = self.once.get_mut(&message) {
            *count += 1;
            return;
        }
        self.once.insert(message.clone(), (self.notes.len(), 1));
        self.note(kind, at, message);
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

    /// Reads `text` with `--all-params` (the tests of how each parameter is written list
    /// optional ones), and checks that every spec it gives writes, reads back and validates.
    pub(super) fn read(text: &str) -> Import {
        read_with(text, all_params())
    }

    /// The options of `samplegen import openapi --all-params`.
    pub(super) fn all_params() -> Options {
        Options {
            all_params: true,
            ..Options::default()
        }
    }

    /// Reads `text` as `samplegen import` does by default: required parameters only.
    pub(super) fn read_minimal(text: &str) -> Import {
        read_with(text, Options::default())
    }

    /// Writes `files` (path, text) below a new folder, and imports its `api/openapi.yaml` with
    /// `api` as the folder references may not leave.
    pub(super) fn split(files: &[(&str, &str)]) -> Result<Import, String> {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let root = dir.path().join("api/openapi.yaml");
        import(
            &std::fs::read_to_string(&root).unwrap(),
            Options {
                path: Some(root),
                folder: Some(dir.path().join("api")),
                ..Options::default()
            },
        )
    }

    pub(super) fn read_with(text: &str, options: Options) -> Import {
        let import = import(text, options).unwrap_or_else(|error| panic!("{error}"));
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
                "/servers/0",
                // JSON and a form: the JSON is sent
                "/paths/~1pets~1{petId}/put/requestBody/content",
                "/paths/~1store~1orders/post/parameters/0",
                "/paths/~1users~1login/get/security/1",
                "/paths/~1users~1login/get/parameters/1",
                "/components/securitySchemes/oauth",
                "/paths/~1search/get/requestBody",
            ]
        );
    }
}

#[cfg(test)]
mod minimal_tests {
    use super::test_support::*;

    // in the style of GitHub's document: every query parameter optional, one required body field
    const GITHUB: &str = r##"openapi: 3.0.3
info: {title: GitHub v3 REST API, version: 1.1.4}
servers: [{url: https://api.github.com}]
paths:
  /repos/{owner}/{repo}/issues:
    get:
      operationId: issues/list-for-repo
      parameters:
        - {name: owner, in: path, required: true, schema: {type: string}}
        - {name: repo, in: path, required: true, schema: {type: string}}
        - {name: milestone, in: query, schema: {type: string}}
        - {name: state, in: query, schema: {type: string, enum: [open, closed, all], default: open}}
        - {name: labels, in: query, schema: {type: string}}
        - {name: per_page, in: query, schema: {type: integer, default: 30}}
        - {name: X-GitHub-Api-Version, in: header, schema: {type: string, default: '2022-11-28'}}
        - {name: since, in: query, required: true, schema: {type: string, format: date-time}}
    post:
      operationId: issues/create
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [title]
              properties:
                title: {type: string}
                body: {type: string}
                assignees: {type: array, items: {type: string}}
                milestone: {type: integer}
                meta:
                  type: object
                  required: [source]
                  properties: {source: {type: string}, extra: {type: string}}
  /repos/{owner}/{repo}/labels:
    post:
      operationId: issues/create-label
      requestBody:
        content:
          application/json:
            schema: {type: object, required: [name], properties: {name: {type: string}, color: {type: string}}}
            examples:
              default: {value: {name: bug, color: f29513, description: Something isn't working}}
              other: {value: {name: other}}
"##;

    #[test]
    fn samples_hold_what_a_docs_page_shows() {
        let import = read_minimal(GITHUB);
        let list = &import.items[0].spec.request;
        assert_eq!(list.url, "{{baseUrl}}/repos/{{owner}}/{{repo}}/issues");
        assert_eq!(pairs(&list.query), [pair("since", "{{since}}")]);
        assert!(list.headers.is_empty(), "{:?}", list.headers);
        let create = import.items[1].spec.request.body.as_ref().unwrap();
        assert_eq!(create.raw(), Some("{\n    \"title\": \"string\"\n}"));
        // the operation's own (first named) example is the body, whole
        let label = import.items[2].spec.request.body.as_ref().unwrap();
        assert!(label.raw().unwrap().contains("Something isn't working"));
        note(&import, "/paths", "`--all-params`");

        let all = read(GITHUB);
        let list = &all.items[0].spec.request;
        assert_eq!(
            pairs(&list.query),
            [
                pair("milestone", "{{milestone}}"),
                pair("state", "open"),
                pair("labels", "{{labels}}"),
                pair("per_page", "30"),
                pair("since", "{{since}}")
            ]
        );
        assert_eq!(
            pairs(&list.headers),
            [pair("X-GitHub-Api-Version", "2022-11-28")]
        );
        let create: serde_json::Value = serde_json::from_str(
            all.items[1]
                .spec
                .request
                .body
                .as_ref()
                .unwrap()
                .raw()
                .unwrap(),
        )
        .unwrap();
        assert_eq!(
            create,
            serde_json::json!({"title": "string", "body": "string", "assignees": ["string"],
                "milestone": 0, "meta": {"source": "string", "extra": "string"}})
        );
        assert!(!all.notes.iter().any(|n| n.message.contains("--all-params")));
    }
}
