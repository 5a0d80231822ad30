//! The request body in each of Postman's modes, and its `Content-Type` against the headers.

use indexmap::IndexMap;
use serde_json::{Map, Value};

use super::Importer;
use super::collection::{is_disabled, scalar, text};
use super::headers::{Header, content_type};
use crate::http::{is_json, media_type};
use crate::import::shared::{is_content_type, name_value};
use crate::model::FORM_URLENCODED;
use crate::spec::{BodySpec, FileSpec, GraphqlSpec, NameValueSpec, PartDetailSpec, PartSpec};

/// The file path written for a form-data or file body whose file was never chosen in Postman.
const NO_FILE: &str = "/path/to/file";

impl Importer {
    /// The body, and the `Content-Type` it needs when the headers give none.
    pub(super) fn body(
        &mut self,
        body: &Value,
        at: &str,
        method: &str,
        keep_body: bool,
        headers: &mut Vec<Header>,
    ) -> Option<BodySpec> {
        let Some(body) = body.as_object() else {
            self.note("body", at, "ignored: a body that is not an object");
            return None;
        };
        if body.get("disabled").and_then(Value::as_bool) == Some(true) {
            return None;
        }
        let mode = text(body.get("mode"));
        let (spec, needs) = match mode.as_str() {
            "" => return None,
            "raw" => {
                let raw = text(body.get("raw"));
                if raw.is_empty() {
                    // an empty body is a body only when a Content-Type says what it is
                    if content_type(headers).is_none() || matches!(method, "GET" | "HEAD") {
                        return None;
                    }
                }
                let language = body
                    .get("options")
                    .and_then(|o| o.get("raw"))
                    .and_then(|r| r.get("language"))
                    .and_then(Value::as_str)
                    .unwrap_or("text");
                // Postman's runtime takes comments out of a JSON body before sending it
                let raw = match json_without_comments(&raw) {
                    Some(plain)
                        if language == "json"
                            || content_type(headers).is_some_and(|header| {
                                crate::http::media::is_json(&crate::http::media::media_type(
                                    &header.value,
                                ))
                            }) =>
                    {
                        self.note(
                            "body",
                            format!("{at}/raw"),
                            "the JSON body's `//` and `/* */` comments are left out, as Postman's runtime sends it",
                        );
                        plain
                    }
                    _ => raw,
                };
                let needs = match language {
                    "json" => "application/json",
                    "xml" => "application/xml",
                    "javascript" => "application/javascript",
                    "html" => "text/html",
                    _ => "text/plain",
                };
                let spec = BodySpec::Raw(raw);
                (spec, Some(needs.to_string()))
            }
            "urlencoded" => {
                let fields: Vec<NameValueSpec> = body
                    .get("urlencoded")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter(|field| !is_disabled(field))
                    .map(|field| name_value(text(field.get("key")), text(field.get("value"))))
                    .collect();
                if fields.is_empty() {
                    return None;
                }
                let spec = BodySpec::Urlencoded(fields);
                (spec, None)
            }
            "formdata" => {
                let parts = self.form_parts(body.get("formdata"), &format!("{at}/formdata"));
                if parts.is_empty() {
                    return None;
                }
                let spec = BodySpec::Formdata(parts);
                (spec, None)
            }
            "file" => {
                let src = body
                    .get("file")
                    .and_then(|file| file.get("src"))
                    .and_then(Value::as_str)
                    .map(str::trim)
                    .unwrap_or_default();
                let path = if in_postman_cloud(src) {
                    self.note(
                        "body",
                        format!("{at}/file/src"),
                        format!("the file is kept in Postman's cloud (`{src}`), which the export does not hold; the spec sends `{NO_FILE}`"),
                    );
                    NO_FILE.to_string()
                } else if src.is_empty() || src.contains('"') || src.chars().any(char::is_control) {
                    self.note(
                        "body",
                        format!("{at}/file"),
                        format!("no usable file is chosen; the spec sends `{NO_FILE}`"),
                    );
                    NO_FILE.to_string()
                } else {
                    src.to_string()
                };
                // the type of the file's extension, as Postman's runtime sends a file
                let needs = crate::http::media::media_type_for_file(&path);
                (BodySpec::File(FileSpec::Path(path)), Some(needs))
            }
            "graphql" if let Some(variables) = variables_json_once_filled(body) => {
                // JSON only once Postman puts the values in (`"id": {{projectId}}`): the body
                // Postman's runtime sends, the variables written in as they are
                let query = text(body.get("graphql").and_then(|g| g.get("query")));
                let operation = operation_name(body)
                    .map(|name| {
                        format!(
                            ",\"operationName\":{}",
                            serde_json::to_string(&name).expect("a string serializes")
                        )
                    })
                    .unwrap_or_default();
                let body = format!(
                    "{{\"query\":{}{operation},\"variables\":{variables}}}",
                    serde_json::to_string(&query).expect("a string serializes")
                );
                (BodySpec::Raw(body), Some("application/json".to_string()))
            }
            "graphql" => {
                let graphql = body.get("graphql");
                let query = text(graphql.and_then(|g| g.get("query")));
                let variables = match graphql.and_then(|g| g.get("variables")) {
                    Some(Value::String(text)) if text.trim().is_empty() => None,
                    // (any number: an id beyond 2^53 is sent as written)
                    Some(Value::String(text)) if crate::filters::json::is_object_text(text) => {
                        Some(text.clone())
                    }
                    Some(object @ Value::Object(_)) => {
                        Some(serde_json::to_string_pretty(object).expect("JSON serializes"))
                    }
                    None | Some(Value::Null) => None,
                    Some(_) => {
                        self.note(
                            "body",
                            format!("{at}/graphql/variables"),
                            "dropped: the GraphQL variables are not a JSON object",
                        );
                        None
                    }
                };
                if query.trim().is_empty() && variables.is_none() {
                    return None;
                }
                let spec = BodySpec::Graphql(GraphqlSpec {
                    query,
                    variables,
                    operation_name: operation_name(body),
                });
                (spec, None)
            }
            other => {
                self.note(
                    "body",
                    format!("{at}/mode"),
                    format!("ignored: the body mode `{other}` is not one samplegen knows"),
                );
                return None;
            }
        };

        // Postman's runtime prunes these methods' bodies unless the request says not to
        if matches!(method, "GET" | "HEAD" | "COPY" | "PURGE" | "UNLOCK") && !keep_body {
            self.note(
                "body",
                at,
                format!("dropped: Postman sends no body with {method} (its `disableBodyPruning` is not set)"),
            );
            return None;
        }
        if let Some(why) = crate::model::body_problem(method, &spec) {
            self.note(
                "body",
                at,
                format!("dropped: this {method} request's body, which Postman sends (`disableBodyPruning`): {why}"),
            );
            // a multipart type names the boundary of a body that is no longer sent
            let before = headers.len();
            headers.retain(|h| {
                !(is_content_type(&h.name) && media_type(&h.value).starts_with("multipart/"))
            });
            if headers.len() < before {
                self.note(
                    "dropped-header",
                    at,
                    "the `Content-Type: multipart/…` header goes with the body",
                );
            }
            return None;
        }

        // the body against the Content-Type header
        let mode = match &spec {
            BodySpec::Urlencoded(_) => Some("urlencoded"),
            BodySpec::Formdata(_) => Some("formdata"),
            BodySpec::Graphql(_) => Some("graphql"),
            BodySpec::Raw(_) | BodySpec::File(_) => None,
        };
        if let Some(mode) = mode {
            let (dropped, kept): (Vec<Header>, Vec<Header>) =
                std::mem::take(headers).into_iter().partition(|h| {
                    is_content_type(&h.name) && !accepts_content_type(mode, &media_type(&h.value))
                });
            *headers = kept;
            for header in dropped {
                let why = if mode == "formdata" {
                    "samplegen writes the `multipart/form-data` header, with each client's boundary"
                } else {
                    "it contradicts the body"
                };
                self.note(
                    "body",
                    header.at,
                    format!(
                        "dropped: `{}: {}` ({why}) for the `{mode}` body",
                        header.name, header.value
                    ),
                );
            }
        }
        if let Some(needs) = needs
            && content_type(headers).is_none()
        {
            headers.push(Header {
                name: "Content-Type".into(),
                value: needs,
                at: at.into(),
            });
        }
        Some(spec)
    }

    fn form_parts(&mut self, fields: Option<&Value>, at: &str) -> Vec<IndexMap<String, PartSpec>> {
        let mut parts = Vec::new();
        let Some(fields) = fields.and_then(Value::as_array) else {
            return parts;
        };
        for (index, field) in fields.iter().enumerate() {
            if is_disabled(field) {
                continue;
            }
            let at = format!("{at}/{index}");
            let mut name = text(field.get("key"));
            if let Some(resolved) = self.with_collection_values(&name, "the part name", &at) {
                name = resolved;
            }
            if !crate::model::is_part_name(&name) {
                self.note(
                    "body",
                    at,
                    format!("dropped: `{name}` cannot be a part name (no quotes, `\\`, `=`, `;` or control characters)"),
                );
                continue;
            }
            let mut content_type = scalar(field.get("contentType"))
                .map(|ct| ct.trim().to_string())
                .filter(|ct| !ct.is_empty());
            if let Some(ct) = &content_type
                && let Some(resolved) =
                    self.with_collection_values(ct, "the part's content type", &at)
            {
                content_type = Some(resolved);
            }
            if let Some(ct) = &content_type
                && ct.contains(['\r', '\n', '"'])
            {
                self.note(
                    "body",
                    &at,
                    format!("dropped: `{ct}` is not a content type"),
                );
                content_type = None;
            }
            let is_file = match field.get("type").and_then(Value::as_str) {
                Some(kind) => kind == "file",
                None => field.get("src").is_some_and(|src| !src.is_null()),
            };
            if !is_file {
                let value = text(field.get("value"));
                let part = match content_type {
                    None => PartSpec::Text(Some(value)),
                    Some(ct) => PartSpec::Detailed(PartDetailSpec {
                        value: Some(value),
                        content_type: Some(ct),
                        ..PartDetailSpec::default()
                    }),
                };
                parts.push(IndexMap::from([(name, part)]));
                continue;
            }
            let mut files: Vec<String> = match field.get("src") {
                Some(Value::String(src)) => vec![src.clone()],
                Some(Value::Array(srcs)) => srcs.iter().map(|s| text(Some(s))).collect(),
                _ => Vec::new(),
            };
            files.retain(|path| !path.trim().is_empty());
            if files.is_empty() {
                self.note(
                    "body",
                    format!("{at}/src"),
                    format!("no file is chosen for the part `{name}`; the spec sends `{NO_FILE}`"),
                );
                files.push(NO_FILE.into());
            }
            for mut file in files {
                if in_postman_cloud(&file) {
                    self.note(
                        "body",
                        format!("{at}/src"),
                        format!("the file of the part `{name}` is kept in Postman's cloud (`{file}`), which the export does not hold; the spec sends `{NO_FILE}`"),
                    );
                    file = NO_FILE.into();
                }
                if file.contains('"') || file.chars().any(char::is_control) {
                    self.note(
                        "body",
                        format!("{at}/src"),
                        format!("dropped: the file `{file}` cannot be named in a sample (quotes or control characters)"),
                    );
                    continue;
                }
                let part = PartSpec::Detailed(PartDetailSpec {
                    file: Some(file),
                    content_type: content_type.clone(),
                    ..PartDetailSpec::default()
                });
                parts.push(IndexMap::from([(name.clone(), part)]));
            }
        }
        parts
    }
}

/// Whether a file's `src` names a file the Postman app keeps in its cloud
/// (`postman-cloud:///1f0d5ef7-…`, as its exports write an attached file), not one on disk.
fn in_postman_cloud(src: &str) -> bool {
    src.trim_start()
        .get(..14)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("postman-cloud:"))
}

/// Whether a body of `mode` can be sent with a `Content-Type` of `media_type`, as the validator
/// checks it (a multipart body takes none: each client writes its own boundary).
fn accepts_content_type(mode: &str, media_type: &str) -> bool {
    match mode {
        "urlencoded" => media_type == FORM_URLENCODED,
        "graphql" => is_json(media_type),
        _ => false,
    }
}

/// Which of a GraphQL body's operations runs (`operationName`, which the Postman app writes when
/// the query holds several).
fn operation_name(body: &Map<String, Value>) -> Option<String> {
    let name = body.get("graphql")?.get("operationName")?.as_str()?.trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// A GraphQL body's variables written as text that is no JSON object as it stands, but one once
/// each `{{variable}}` in it holds a value (`{"id": {{projectId}}}`).
fn variables_json_once_filled(body: &Map<String, Value>) -> Option<&str> {
    let text = body.get("graphql")?.get("variables")?.as_str()?;
    if !text.contains("{{") || serde_json::from_str::<Value>(text).is_ok() {
        return None;
    }
    let filled = crate::sample_values::map_variables(text, |_| Some("0".into()));
    matches!(serde_json::from_str::<Value>(&filled), Ok(Value::Object(_))).then_some(text)
}

/// `text` without the `//` and `/* */` comments outside its strings, when it has any.
fn json_without_comments(text: &str) -> Option<String> {
    if !text.contains("//") && !text.contains("/*") {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut in_string = false;
    let mut found = false;
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match c {
                '\\' => out.extend(chars.next()),
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match (c, chars.peek()) {
            ('"', _) => {
                in_string = true;
                out.push(c);
            }
            ('/', Some('/')) => {
                found = true;
                // up to the line's end, which stays
                while chars.peek().is_some_and(|&next| next != '\n') {
                    chars.next();
                }
            }
            ('/', Some('*')) => {
                found = true;
                chars.next();
                let mut previous = None;
                for next in chars.by_ref() {
                    if previous == Some('*') && next == '/' {
                        break;
                    }
                    previous = Some(next);
                }
            }
            _ => out.push(c),
        }
    }
    found.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::postman::test_support::*;
    use serde_json::json;

    #[test]
    fn bodies_postman_prunes_are_dropped_unless_pruning_is_disabled() {
        let items = json!([
            {"name": "copy", "request": {"method": "COPY", "url": "https://e.com/c",
                "header": [{"key": "Content-Type", "value": "application/json"}],
                "body": {"mode": "raw", "raw": "{\"a\":1}"}}},
            {"name": "unlock", "request": {"method": "UNLOCK", "url": "https://e.com/u",
                "body": {"mode": "urlencoded", "urlencoded": [{"key": "a", "value": "1"}]}}},
            {"name": "kept", "protocolProfileBehavior": {"disableBodyPruning": true},
             "request": {"method": "PURGE", "url": "https://e.com/p",
                "body": {"mode": "urlencoded", "urlencoded": [{"key": "a", "value": "1"}]}}}
        ]);
        let import = run(collection(items));
        let bodies: Vec<bool> = import
            .items
            .iter()
            .map(|item| item.spec.request.body.is_some())
            .collect();
        assert_eq!(bodies, [false, false, true]);
        let dropped = import
            .notes
            .iter()
            .filter(|n| n.message.contains("Postman sends no body"))
            .count();
        assert_eq!(dropped, 2, "{:?}", import.notes);
    }

    // openapi-to-postmanv2's multipart GET (Meshery): Postman sends it, no client here can
    #[test]
    fn a_get_multipart_body_goes_with_its_content_type() {
        let import = run(collection(json!([{"name": "run",
            "protocolProfileBehavior": {"disableBodyPruning": true},
            "request": {"method": "GET", "url": "https://e.com/run",
            "header": [{"key": "Content-Type", "value": "multipart/form-data"},
                       {"key": "Accept", "value": "application/json"}],
            "body": {"mode": "formdata", "formdata": [{"key": "a", "value": "1", "type": "text"}]}}}])));
        let (spec, notes) = (&import.items[0].spec, &import.notes);
        assert!(spec.request.body.is_none());
        assert_eq!(
            pairs(&spec.request.headers),
            [pair("Accept", "application/json")]
        );
        assert!(
            notes.iter().any(|n| n.kind == "dropped-header"),
            "{notes:?}"
        );
    }

    // the Music Forum collection's `"replyTo": "…" // Optional`
    #[test]
    fn a_json_bodys_comments_are_left_out_as_postman_sends_it() {
        assert_eq!(
            json_without_comments("{\n  \"a\": 1, // optional\n  /* b */ \"url\": \"http://x//y\", \"q\": \"\\\"//\"\n}").as_deref(),
            Some("{\n  \"a\": 1, \n   \"url\": \"http://x//y\", \"q\": \"\\\"//\"\n}")
        );
        assert_eq!(json_without_comments("{\"url\": \"http://x\"}"), None);
        let (spec, notes) = one(json!({"method": "POST", "url": "https://e.com/a",
            "body": {"mode": "raw", "raw": "{\"a\": 1 // optional\n}", "options": {"raw": {"language": "json"}}}}));
        assert_eq!(
            spec.request.body.as_ref().unwrap().raw(),
            Some("{\"a\": 1 \n}")
        );
        assert!(
            notes
                .iter()
                .any(|n| n.message.contains("comments are left out")),
            "{notes:?}"
        );
        // text that is no JSON keeps them
        let (spec, _) = one(json!({"method": "POST", "url": "https://e.com/a",
            "body": {"mode": "raw", "raw": "a // b"}}));
        assert_eq!(spec.request.body.as_ref().unwrap().raw(), Some("a // b"));
    }

    #[test]
    fn raw_body_gets_its_content_type() {
        let (spec, notes) = one(json!({
            "method": "POST", "url": "https://e.com",
            "body": {"mode": "raw", "raw": "{\"a\": 1}", "options": {"raw": {"language": "json"}}}
        }));
        assert_eq!(
            spec.request.body.as_ref().unwrap().raw(),
            Some("{\"a\": 1}")
        );
        assert_eq!(headers(&spec), [pair("Content-Type", "application/json")]);
        assert!(notes.is_empty());
        valid(&spec);

        let (spec, _) = one(json!({
            "method": "POST", "url": "https://e.com",
            "body": {"mode": "raw", "raw": "<a/>", "options": {"raw": {"language": "xml"}}}
        }));
        assert_eq!(headers(&spec), [pair("Content-Type", "application/xml")]);

        // no language: Postman sends text/plain; a Content-Type header given is kept
        let (spec, _) = one(
            json!({"method": "PUT", "url": "https://e.com", "body": {"mode": "raw", "raw": "hi"}}),
        );
        assert_eq!(headers(&spec), [pair("Content-Type", "text/plain")]);
        let (spec, _) = one(json!({
            "method": "PUT", "url": "https://e.com",
            "header": [{"key": "content-type", "value": "text/csv"}],
            "body": {"mode": "raw", "raw": "a,b", "options": {"raw": {"language": "json"}}}
        }));
        assert_eq!(headers(&spec), [pair("content-type", "text/csv")]);
    }

    #[test]
    fn empty_bodies() {
        for body in [
            json!({}),
            json!({"mode": "raw", "raw": ""}),
            json!({"mode": "urlencoded", "urlencoded": []}),
            json!({"mode": "formdata", "formdata": []}),
        ] {
            let (spec, notes) =
                one(json!({"method": "POST", "url": "https://e.com", "body": body}));
            assert!(spec.request.body.is_none(), "{body}");
            assert!(notes.is_empty());
        }
        // an empty raw body with a Content-Type is an empty body
        let (spec, _) = one(json!({
            "method": "POST", "url": "https://e.com",
            "header": [{"key": "Content-Type", "value": "application/json"}],
            "body": {"mode": "raw", "raw": ""}
        }));
        assert_eq!(spec.request.body.unwrap().raw(), Some(""));
    }

    #[test]
    fn get_with_a_body_drops_it() {
        let (spec, notes) = one(json!({
            "method": "GET", "url": "https://e.com",
            "body": {"mode": "raw", "raw": "x", "options": {"raw": {"language": "json"}}}
        }));
        assert!(spec.request.body.is_none());
        assert!(
            spec.request.headers.is_empty(),
            "no Content-Type for a dropped body"
        );
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].at, "/item/0/request/body");
        valid(&spec);
    }

    #[test]
    fn urlencoded_body() {
        let (spec, notes) = one(json!({
            "method": "POST", "url": "https://e.com",
            "header": [{"key": "Content-Type", "value": "application/json"}],
            "body": {"mode": "urlencoded", "urlencoded": [
                {"key": "a", "value": "1"}, {"key": "b", "value": "2", "disabled": true}, {"key": "a", "value": "3"}
            ]}
        }));
        let fields = spec.request.body.as_ref().unwrap().urlencoded().unwrap();
        assert_eq!(fields.len(), 2);
        assert_eq!(fields[1]["a"].as_deref(), Some("3"));
        assert!(
            spec.request.headers.is_empty(),
            "the contradicting header is dropped"
        );
        assert_eq!(notes[0].at, "/item/0/request/header/0");
        valid(&spec);
    }

    #[test]
    fn formdata_body() {
        let (spec, notes) = one(json!({
            "method": "POST", "url": "https://e.com",
            "header": [{"key": "Content-Type", "value": "multipart/form-data"}],
            "body": {"mode": "formdata", "formdata": [
                {"key": "text", "value": "v", "type": "text"},
                {"key": "json", "value": "{}", "type": "text", "contentType": "application/json"},
                {"key": "off", "value": "x", "type": "text", "disabled": true},
                {"key": "one", "type": "file", "src": "/tmp/a.txt", "contentType": "text/plain"},
                {"key": "many", "type": "file", "src": ["a.png", "b.png"]},
                {"key": "none", "type": "file", "src": null},
                {"key": "bad\"name", "value": "x"},
                {"key": "cloud", "type": "file", "src": "postman-cloud:///1f0d5ef7-8a2b-4c3d-9e1f-0a1b2c3d4e5f"}
            ]}
        }));
        let parts = spec.request.body.as_ref().unwrap().formdata().unwrap();
        let yaml = crate::yaml::to_string(&parts);
        assert_eq!(
            yaml,
            "- text: v\n- json:\n    value: '{}'\n    content_type: application/json\n- one:\n    file: /tmp/a.txt\n    content_type: text/plain\n- many:\n    file: a.png\n- many:\n    file: b.png\n- none:\n    file: /path/to/file\n- cloud:\n    file: /path/to/file\n"
        );
        assert!(spec.request.headers.is_empty());
        let at: Vec<&str> = notes.iter().map(|n| n.at.as_str()).collect();
        assert_eq!(
            at,
            [
                "/item/0/request/body/formdata/5/src",
                "/item/0/request/body/formdata/6",
                "/item/0/request/body/formdata/7/src",
                "/item/0/request/header/0"
            ]
        );
        assert!(notes[2].message.contains("kept in Postman's cloud"));
        valid(&spec);
    }

    #[test]
    fn file_body() {
        let (spec, notes) = one(json!({
            "method": "POST", "url": "https://e.com",
            "body": {"mode": "file", "file": {"src": "data.bin"}}
        }));
        assert!(
            matches!(spec.request.body.as_ref().unwrap().file(), Some(FileSpec::Path(p)) if p == "data.bin")
        );
        assert_eq!(
            headers(&spec),
            [pair("Content-Type", "application/octet-stream")]
        );
        assert!(notes.is_empty());
        // a known extension's type, as Postman's runtime sends the file
        let (spec, _) = one(json!({
            "method": "POST", "url": "https://e.com",
            "body": {"mode": "file", "file": {"src": "input.json"}}
        }));
        assert_eq!(headers(&spec), [pair("Content-Type", "application/json")]);
        valid(&spec);
        let (spec, notes) = one(
            json!({"method": "POST", "url": "https://e.com", "body": {"mode": "file", "file": {}}}),
        );
        assert!(
            matches!(spec.request.body.as_ref().unwrap().file(), Some(FileSpec::Path(p)) if p == NO_FILE)
        );
        assert_eq!(notes[0].at, "/item/0/request/body/file");
        let (spec, notes) = one(json!({"method": "POST", "url": "https://e.com",
            "body": {"mode": "file", "file": {"src": "postman-cloud:///1f0d5ef7-8a2b"}}}));
        assert!(
            matches!(spec.request.body.as_ref().unwrap().file(), Some(FileSpec::Path(p)) if p == NO_FILE)
        );
        assert!(notes[0].message.contains("kept in Postman's cloud"));
    }

    #[test]
    fn graphql_body() {
        let (spec, notes) = one(json!({
            "method": "POST", "url": "https://e.com",
            "body": {"mode": "graphql", "graphql": {"query": "{ me { id } }", "variables": "{\"a\": 1}"}}
        }));
        let graphql = spec.request.body.as_ref().unwrap().graphql().unwrap();
        assert_eq!(graphql.query, "{ me { id } }");
        assert_eq!(graphql.variables.as_deref(), Some("{\"a\": 1}"));
        assert_eq!(graphql.operation_name, None);
        assert!(notes.is_empty());
        valid(&spec);
        // the operation a query of several runs, as Postman's runtime sends it
        let (spec, _) = one(json!({
            "method": "POST", "url": "https://e.com",
            "body": {"mode": "graphql", "graphql": {"query": "query A { a } query B { b }", "operationName": "B"}}
        }));
        let graphql = spec.request.body.as_ref().unwrap().graphql().unwrap();
        assert_eq!(graphql.operation_name.as_deref(), Some("B"));
        let (spec, _) = one(json!({
            "method": "POST", "url": "https://e.com",
            "body": {"mode": "graphql", "graphql": {"query": "q", "operationName": "Q", "variables": "{\"id\": {{projectId}}}"}}
        }));
        assert_eq!(
            spec.request.body.as_ref().unwrap().raw(),
            Some("{\"query\":\"q\",\"operationName\":\"Q\",\"variables\":{\"id\": {{projectId}}}}")
        );
        // variables that are JSON only with their values in: the body Postman's runtime sends
        let (spec, notes) = one(json!({
            "method": "POST", "url": "https://e.com",
            "body": {"mode": "graphql", "graphql": {"query": "q($id: Int!)", "variables": "{\"id\": {{projectId}}}"}}
        }));
        assert_eq!(
            spec.request.body.as_ref().unwrap().raw(),
            Some("{\"query\":\"q($id: Int!)\",\"variables\":{\"id\": {{projectId}}}}")
        );
        assert_eq!(headers(&spec), [pair("Content-Type", "application/json")]);
        assert!(notes.is_empty(), "{notes:?}");
        valid(&spec);
        let (spec, notes) = one(json!({
            "method": "POST", "url": "https://e.com",
            "body": {"mode": "graphql", "graphql": {"query": "q", "variables": "[1]"}}
        }));
        assert!(
            spec.request
                .body
                .unwrap()
                .graphql()
                .unwrap()
                .variables
                .is_none()
        );
        assert_eq!(notes[0].at, "/item/0/request/body/graphql/variables");
    }
}
