//! The OpenAPI 3.0 and 3.1 importer: one spec per operation (path × method).
//!
//! Every URL is `{{baseUrl}}` followed by the path template, its `{parameters}` as `{{variables}}`,
//! so that writers set the server per environment. Parameters, the request body, the security
//! requirement and the first successful response become the spec's query items, headers, cookies,
//! body, auth and example response; examples come from the document or, failing that, are built
//! from the schemas. What a spec cannot say is reported as a [`Note`] with a JSON pointer into the
//! document.

use indexmap::IndexMap;
use percent_encoding::{AsciiSet, CONTROLS, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;
use serde_yaml::{Mapping, Value};

use super::{Import, Imported, Note, path_parameters_as_variables};
use crate::model::{FORM_URLENCODED, media_type, variable_problem};
use crate::spec::{
    ApiKeySpec, AuthSpec, BasicAuthSpec, BodySpec, FileSpec, NameValueSpec, PartDetailSpec,
    PartSpec, RequestSpec, ResponseSpec, Spec,
};

/// The path item keys that hold operations.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];
/// How deep an example is built from nested schemas.
const MAX_DEPTH: usize = 8;
/// How many `$ref`s in a row are followed before giving up.
const MAX_REF_HOPS: usize = 32;
/// How many values one example built from a schema may hold: wide schemas that refer to each
/// other would otherwise grow without bound within the depth limit.
const MAX_BUILT_VALUES: usize = 500;

/// What a query value keeps as written: the unreserved characters and the sub-delimiters a query
/// can hold without changing its meaning; `&`, `=`, `+`, `#`, `%`, spaces and the rest are encoded.
const QUERY: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'$')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b',')
    .remove(b';')
    .remove(b':')
    .remove(b'@')
    .remove(b'/')
    .remove(b'?')
    .remove(b'[')
    .remove(b']');
/// One element of a delimited array value: its commas are encoded, the delimiter is not.
const QUERY_ELEMENT: &AsciiSet = &QUERY.add(b',');
/// A value of an `allowReserved` parameter: reserved characters stay, except `&` and `#`, which
/// would end the item or the query.
const QUERY_RESERVED: &AsciiSet = &QUERY.remove(b'=').remove(b'+');
/// What a cookie value cannot hold (RFC 6265), and `%`, so that the encoding reads back.
const COOKIE: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b',')
    .add(b';')
    .add(b'\\')
    .add(b'%');

/// Reads an OpenAPI 3.0 or 3.1 document (YAML or JSON).
pub fn import(text: &str) -> Result<Import, String> {
    let mut document = parse(text)?;
    document
        .apply_merge()
        .map_err(|error| format!("the OpenAPI document is not valid YAML: {error}"))?;
    let document = normalize(document);
    if !document.is_mapping() {
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

/// The document as YAML values, JSON read as JSON (into the same ordered values) and anything
/// else as YAML.
fn parse(text: &str) -> Result<Value, String> {
    let yaml = || serde_yaml::from_str::<Value>(text);
    if text.trim_start().starts_with('{') {
        return serde_json::from_str::<Value>(text).or_else(|json_error| {
            // a YAML flow mapping also starts with `{`
            yaml().map_err(|_| format!("the OpenAPI document is not valid JSON: {json_error}"))
        });
    }
    yaml().map_err(|error| format!("the OpenAPI document is not valid YAML or JSON: {error}"))
}

fn check_version(document: &Value) -> Result<(), String> {
    if let Some(swagger) = document.get("swagger") {
        return Err(format!(
            "this is a Swagger {} (OpenAPI 2) document; samplegen imports OpenAPI 3.0 and 3.1: convert it first (e.g. with swagger2openapi)",
            scalar_text(swagger)
        ));
    }
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

/// The document with every map key as a string (YAML reads `200:` as a number), tags dropped and
/// numbers JSON cannot hold as strings.
fn normalize(value: Value) -> Value {
    match value {
        Value::Mapping(map) => Value::Mapping(
            map.into_iter()
                .map(|(key, value)| (Value::String(key_text(key)), normalize(value)))
                .collect(),
        ),
        Value::Sequence(items) => Value::Sequence(items.into_iter().map(normalize).collect()),
        Value::Tagged(tagged) => normalize(tagged.value),
        Value::Number(n) if n.as_f64().is_some_and(|f| !f.is_finite()) => {
            Value::String(n.to_string())
        }
        other => other,
    }
}

fn key_text(key: Value) -> String {
    match key {
        Value::String(s) => s,
        Value::Tagged(tagged) => key_text(tagged.value),
        Value::Mapping(_) | Value::Sequence(_) => serde_yaml::to_string(&key)
            .unwrap_or_default()
            .trim()
            .to_string(),
        scalar => scalar_text(&scalar),
    }
}

/// A scalar as text: strings as they are, numbers and booleans as written, null as nothing;
/// arrays and objects as compact JSON.
fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => String::new(),
        Value::Tagged(tagged) => scalar_text(&tagged.value),
        Value::Sequence(_) | Value::Mapping(_) => serde_json::to_string(value).unwrap_or_default(),
    }
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
fn json_text(example: &Value) -> String {
    if let Value::String(text) = example {
        let trimmed = text.trim();
        if (trimmed.starts_with('{') || trimmed.starts_with('['))
            && serde_json::from_str::<serde::de::IgnoredAny>(trimmed).is_ok()
        {
            return trimmed.to_string();
        }
    }
    pretty_json(example)
}

/// One segment of a JSON pointer.
fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
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
            Value::Mapping(map) => map.get(segment.as_str())?,
            Value::Sequence(items) => items.get(segment.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(current)
}

/// A `{{variable}}` name for an OpenAPI name: letters, digits, `_`, `-` and `.`, other runs as `_`.
fn variable_name(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.') {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    let out = out.trim_matches('_');
    if out.is_empty() {
        "value".into()
    } else {
        out.to_string()
    }
}

fn placeholder(name: &str) -> String {
    format!("{{{{{}}}}}", variable_name(name))
}

/// What keeps `value` from being sent as a header value, if anything.
fn header_value_problem(value: &str) -> Option<String> {
    if value.chars().any(|c| c.is_control() && c != '\t') {
        Some("holds a line break or another control character".into())
    } else if !value.is_ascii() {
        Some("holds non-ASCII characters, which clients refuse or re-encode in a header".into())
    } else {
        variable_problem(value)
    }
}

fn one(name: &str, value: impl Into<String>) -> NameValueSpec {
    let mut map = IndexMap::new();
    map.insert(name.to_string(), Some(value.into()));
    map
}

fn text_field(value: &Value, key: &str) -> Option<String> {
    value
        .get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_json(media: &str) -> bool {
    media == "application/json" || media.ends_with("+json") || media.ends_with("/json")
}

/// The code fence info string for a response body of `media`; `None` for JSON (the default).
fn fence(media: &str) -> Option<String> {
    if is_json(media) {
        return None;
    }
    let lang = if media.ends_with("xml") {
        "xml"
    } else if media == "text/html" {
        "html"
    } else if media.ends_with("yaml") {
        "yaml"
    } else if media == "text/csv" {
        "csv"
    } else {
        "text"
    };
    Some(lang.into())
}

/// The media type to use from a `content` map: JSON first, then forms, then the first one.
fn choose_media(content: &Mapping) -> Option<(&str, &Value)> {
    let entries: Vec<(&str, &Value)> = content
        .iter()
        .filter_map(|(key, value)| Some((key.as_str()?, value)))
        .collect();
    let rank = |key: &str| {
        let media = media_type(key);
        if media == "application/json" {
            0
        } else if is_json(&media) {
            1
        } else if media == FORM_URLENCODED {
            2
        } else if media == "multipart/form-data" {
            3
        } else {
            4
        }
    };
    entries.iter().copied().min_by_key(|(key, _)| rank(key))
}

/// Whether a (resolved) schema describes raw bytes rather than text.
fn is_binary(schema: &Value) -> bool {
    let format = schema.get("format").and_then(Value::as_str);
    matches!(format, Some("binary"))
        || schema.get("contentMediaType").is_some()
        || schema.get("contentEncoding").is_some()
}

/// Which way an example goes: `readOnly` properties are left out of requests, `writeOnly` ones out
/// of responses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Request,
    Response,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Location {
    Path,
    Query,
    Header,
    Cookie,
}

/// A parameter of an operation, resolved.
struct Param<'a> {
    name: String,
    location: Location,
    value: &'a Value,
    /// Where it is listed.
    at: String,
}

/// What a security requirement adds to a request.
#[derive(Debug, Default)]
struct Security {
    auth: Option<AuthSpec>,
    headers: Vec<(String, String)>,
    query: Vec<(String, String)>,
    cookies: Vec<(String, String)>,
}

struct Importer<'a> {
    root: &'a Value,
    notes: Vec<Note>,
    /// How many more values the example being built from a schema may hold.
    budget: usize,
}

impl<'a> Importer<'a> {
    fn note(&mut self, at: impl Into<String>, message: impl Into<String>) {
        self.notes.push(Note::new(at, message));
    }

    /// Follows the `$ref`s from `value`: the value they lead to and, when any was followed, the
    /// pointer of that value.
    fn lookup(&self, mut value: &'a Value) -> Result<(&'a Value, Option<String>), String> {
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
                return Err(format!(
                    "`{reference}` refers to another document, which is not followed"
                ));
            };
            if seen.contains(&reference) {
                return Err(format!("`{reference}` refers back to itself"));
            }
            seen.push(reference);
            let decoded = percent_encoding::percent_decode_str(fragment)
                .decode_utf8_lossy()
                .into_owned();
            value = pointer_get(self.root, &decoded)
                .ok_or_else(|| format!("`{reference}` points at nothing in this document"))?;
            pointer = Some(decoded);
        }
        Err("too many `$ref`s in a row".into())
    }

    /// [`Self::lookup`], noting at `at` why a reference cannot be followed.
    fn resolve(&mut self, value: &'a Value, at: &str) -> Option<(&'a Value, String)> {
        match self.lookup(value) {
            Ok((value, pointer)) => Some((value, pointer.unwrap_or_else(|| at.to_string()))),
            Err(message) => {
                self.note(at, message);
                None
            }
        }
    }

    /// Whether `schema` (or what its `$ref` leads to) sets `key: true`.
    fn flag(&self, schema: &'a Value, key: &str) -> bool {
        let set = |s: &Value| s.get(key).and_then(Value::as_bool) == Some(true);
        set(schema) || self.lookup(schema).is_ok_and(|(target, _)| set(target))
    }

    fn run(&mut self) -> Result<Vec<Imported>, String> {
        let root = self.root;
        let servers = root.get("servers").and_then(Value::as_sequence);
        if servers.is_none_or(|s| s.is_empty()) {
            self.note(
                "/servers",
                "the document has no `servers`: every URL starts with `{{baseUrl}}`, to be set per environment",
            );
        }
        if root
            .get("webhooks")
            .and_then(Value::as_mapping)
            .is_some_and(|w| !w.is_empty())
        {
            self.note(
                "/webhooks",
                "webhooks are requests the API sends, not ones it receives: they are not imported",
            );
        }
        let paths = match root.get("paths") {
            Some(Value::Mapping(paths)) => paths,
            None | Some(Value::Null) => {
                self.note("/paths", "the document has no `paths`: nothing to import");
                return Ok(Vec::new());
            }
            Some(_) => return Err("`paths` is not an object".into()),
        };
        let mut items = Vec::new();
        for (path, item) in paths {
            let Some(path) = path.as_str() else { continue };
            if path.starts_with("x-") {
                continue;
            }
            let item_at = format!("/paths/{}", escape(path));
            let Some((item, _)) = self.resolve(item, &item_at) else {
                continue;
            };
            let Some(map) = item.as_mapping() else {
                self.note(&item_at, "not a path item object");
                continue;
            };
            for (method, operation) in map {
                let Some(method) = method.as_str().filter(|m| METHODS.contains(m)) else {
                    continue;
                };
                let op_at = format!("{item_at}/{method}");
                if !operation.is_mapping() {
                    self.note(&op_at, "not an operation object");
                    continue;
                }
                items.push(self.operation(path, method, item, &item_at, operation, &op_at));
            }
        }
        Ok(items)
    }

    fn operation(
        &mut self,
        path: &str,
        method: &str,
        item: &'a Value,
        item_at: &str,
        op: &'a Value,
        op_at: &str,
    ) -> Imported {
        let method = method.to_ascii_uppercase();
        let summary = text_field(op, "summary");
        let operation_id = text_field(op, "operationId");
        let fallback = format!("{method} {path}");
        let title = one_line(
            summary
                .as_deref()
                .or(operation_id.as_deref())
                .unwrap_or(&fallback),
        );
        let name = operation_id
            .clone()
            .or_else(|| summary.clone())
            .unwrap_or_else(|| fallback.clone());
        let dirs: Vec<String> = op
            .get("tags")
            .and_then(Value::as_sequence)
            .and_then(|tags| tags.first())
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|tag| !tag.is_empty())
            .map(str::to_string)
            .into_iter()
            .collect();

        for (source, at) in [(item, item_at), (op, op_at)] {
            if source
                .get("servers")
                .and_then(Value::as_sequence)
                .is_some_and(|s| !s.is_empty())
            {
                self.note(
                    format!("{at}/servers"),
                    "these operations have servers of their own; their URLs still start with `{{baseUrl}}`",
                );
            }
        }
        if op.get("callbacks").is_some() {
            self.note(
                format!("{op_at}/callbacks"),
                "callbacks are requests the API sends: they are not imported",
            );
        }

        let params = self.parameters(item, item_at, op, op_at);
        let url = self.url(path, item_at);
        let security = self.security(op, op_at);

        let mut request = RequestSpec {
            method: method.clone(),
            url,
            ..RequestSpec::default()
        };
        let (auth_header, auth_query) = match security.auth.as_ref().and_then(|a| a.apikey.as_ref())
        {
            Some(key) if key.location.as_deref() == Some("query") => (None, Some(key.name.clone())),
            Some(key) => (Some(key.name.clone()), None),
            None => (None, None),
        };
        for param in &params {
            match param.location {
                Location::Path => self.path_parameter(param),
                Location::Query => {
                    let taken = auth_query
                        .iter()
                        .chain(security.query.iter().map(|(name, _)| name))
                        .any(|name| *name == param.name);
                    if taken {
                        self.note(
                            &param.at,
                            format!(
                                "the query parameter `{}` is sent by the security scheme: dropped",
                                param.name
                            ),
                        );
                        continue;
                    }
                    let items = self.query_parameter(param);
                    request.query.extend(items);
                }
                Location::Header => {
                    let taken = auth_header
                        .iter()
                        .chain(security.headers.iter().map(|(name, _)| name))
                        .any(|name| name.eq_ignore_ascii_case(&param.name));
                    if taken {
                        self.note(
                            &param.at,
                            format!(
                                "the header `{}` is sent by the security scheme: dropped",
                                param.name
                            ),
                        );
                        continue;
                    }
                    if let Some(header) = self.header_parameter(param) {
                        request.headers.push(header);
                    }
                }
                Location::Cookie => {
                    if security.cookies.iter().any(|(name, _)| *name == param.name) {
                        self.note(
                            &param.at,
                            format!(
                                "the cookie `{}` is sent by the security scheme: dropped",
                                param.name
                            ),
                        );
                        continue;
                    }
                    if let Some(cookie) = self.cookie_parameter(param) {
                        request.cookies.push(cookie);
                    }
                }
            }
        }
        request.auth = security.auth;
        for (name, value) in security.headers {
            request.headers.push(one(&name, value));
        }
        for (name, value) in security.query {
            request.query.push(one(&name, value));
        }
        for (name, value) in security.cookies {
            request.cookies.push(one(&name, value));
        }
        request.body = self.request_body(op, op_at, &method, &mut request.headers);
        let response = self.response(op, op_at);

        let mut prose = text_field(op, "description")
            .or(summary)
            .unwrap_or_default();
        if op.get("deprecated").and_then(Value::as_bool) == Some(true) {
            if !prose.is_empty() {
                prose.push_str("\n\n");
            }
            prose.push_str("**Deprecated.**");
        }

        Imported {
            dirs,
            name,
            spec: Spec {
                title,
                request,
                response,
                prose,
            },
        }
    }

    /// The path-level parameters, then the operation's; an operation's parameter replaces the
    /// path's of the same name and location.
    fn parameters(
        &mut self,
        item: &'a Value,
        item_at: &str,
        op: &'a Value,
        op_at: &str,
    ) -> Vec<Param<'a>> {
        let mut params: Vec<Param<'a>> = Vec::new();
        for (source, at) in [(item, item_at), (op, op_at)] {
            let Some(list) = source.get("parameters") else {
                continue;
            };
            let Some(list) = list.as_sequence() else {
                self.note(format!("{at}/parameters"), "`parameters` is not a list");
                continue;
            };
            for (index, param) in list.iter().enumerate() {
                let param_at = format!("{at}/parameters/{index}");
                let Some((param, _)) = self.resolve(param, &param_at) else {
                    continue;
                };
                let name = param.get("name").and_then(Value::as_str);
                let location = param.get("in").and_then(Value::as_str);
                let (Some(name), Some(location)) = (name, location) else {
                    self.note(&param_at, "a parameter needs a `name` and an `in`: skipped");
                    continue;
                };
                let location = match location {
                    "path" => Location::Path,
                    "query" => Location::Query,
                    "header" => Location::Header,
                    "cookie" => Location::Cookie,
                    other => {
                        self.note(
                            &param_at,
                            format!("`in: {other}` is not a parameter location: skipped"),
                        );
                        continue;
                    }
                };
                let same = |p: &Param| {
                    p.location == location
                        && if location == Location::Header {
                            p.name.eq_ignore_ascii_case(name)
                        } else {
                            p.name == name
                        }
                };
                let param = Param {
                    name: name.to_string(),
                    location,
                    value: param,
                    at: param_at,
                };
                match params.iter_mut().find(|p| same(p)) {
                    Some(existing) => *existing = param,
                    None => params.push(param),
                }
            }
        }
        params
    }

    /// `{{baseUrl}}` and the path, its `{parameters}` as `{{variables}}`.
    fn url(&mut self, path: &str, item_at: &str) -> String {
        let mut path = path.to_string();
        if !path.starts_with('/') {
            self.note(item_at, "a path starts with `/`: one was added");
            path.insert(0, '/');
        }
        let mut template = String::with_capacity(path.len());
        let mut rest = path.as_str();
        while let Some(start) = rest.find('{') {
            let Some(length) = rest[start..].find('}') else {
                break;
            };
            let name = &rest[start + 1..start + length];
            let variable = variable_name(name);
            if variable != name {
                self.note(
                    item_at,
                    format!("the path parameter `{{{name}}}` is written as the variable `{{{{{variable}}}}}`"),
                );
            }
            template.push_str(&rest[..start]);
            template.push('{');
            template.push_str(&variable);
            template.push('}');
            rest = &rest[start + length + 1..];
        }
        template.push_str(rest);
        path_parameters_as_variables(&format!("{{{{baseUrl}}}}{template}"))
    }

    fn path_parameter(&mut self, param: &Param) {
        let style = param.value.get("style").and_then(Value::as_str);
        if let Some(style @ ("matrix" | "label")) = style {
            self.note(
                &param.at,
                format!(
                    "`{}` has `style: {style}`: its variable stands for the whole serialized value ({})",
                    param.name,
                    if style == "matrix" { "`;name=value`" } else { "`.value`" }
                ),
            );
        }
    }

    /// A parameter's example value: `example`, the first of `examples`, the example of its
    /// `content`, or its schema's `example`, first `examples` or `default`.
    fn parameter_example(&mut self, param: &Param<'a>) -> Option<Value> {
        let p = param.value;
        if let Some(value) = p.get("example").filter(|v| !v.is_null()) {
            return Some(value.clone());
        }
        if let Some(value) = self.first_example(p, &param.at) {
            return Some(value);
        }
        if let Some(content) = p.get("content").and_then(Value::as_mapping)
            && let Some((key, media)) = choose_media(content)
        {
            let at = format!("{}/content/{}", param.at, escape(key));
            let example = self.media_example(media, &at, Direction::Request)?;
            // a parameter with `content` is sent serialized as its media type (JSON, in practice)
            return Some(match example {
                Value::String(s) => Value::String(s),
                other => Value::String(scalar_text(&other)),
            });
        }
        let schema = p.get("schema")?;
        let (schema, _) = self.resolve(schema, &format!("{}/schema", param.at))?;
        if let Some(value) = schema.get("example").filter(|v| !v.is_null()) {
            return Some(value.clone());
        }
        if let Some(value) = schema
            .get("examples")
            .and_then(Value::as_sequence)
            .and_then(|e| e.first())
        {
            return Some(value.clone());
        }
        schema.get("default").filter(|v| !v.is_null()).cloned()
    }

    /// The value of the first usable entry of an `examples` map (Example objects or their `$ref`s).
    fn first_example(&mut self, holder: &'a Value, at: &str) -> Option<Value> {
        let examples = holder.get("examples")?.as_mapping()?;
        for (name, example) in examples {
            let example_at = format!("{at}/examples/{}", escape(name.as_str().unwrap_or("")));
            let Some((example, example_at)) = self.resolve(example, &example_at) else {
                continue;
            };
            if let Some(value) = example.get("value") {
                return Some(value.clone());
            }
            if let Some(url) = example.get("externalValue").and_then(Value::as_str) {
                self.note(
                    example_at,
                    format!("the external example `{url}` is not fetched"),
                );
            }
        }
        None
    }

    /// A media type's example: its `example`, the first of its `examples`, else one built from
    /// its schema.
    fn media_example(&mut self, media: &'a Value, at: &str, direction: Direction) -> Option<Value> {
        if let Some(value) = media.get("example").filter(|v| !v.is_null()) {
            return Some(value.clone());
        }
        if let Some(value) = self.first_example(media, at) {
            return Some(value);
        }
        let schema = media.get("schema")?;
        self.budget = MAX_BUILT_VALUES;
        let built = self.build(
            schema,
            &format!("{at}/schema"),
            direction,
            0,
            &mut Vec::new(),
        );
        if self.budget == 0 {
            self.note(
                format!("{at}/schema"),
                format!("the example built from this schema stops at {MAX_BUILT_VALUES} values"),
            );
        }
        built
    }

    /// The explicit example of a media type (no schema-built one).
    fn explicit_example(&mut self, media: &'a Value, at: &str) -> Option<Value> {
        if let Some(value) = media.get("example").filter(|v| !v.is_null()) {
            return Some(value.clone());
        }
        self.first_example(media, at)
    }

    fn style(param: &Param) -> (String, bool) {
        let default = match param.location {
            Location::Query | Location::Cookie => "form",
            Location::Path | Location::Header => "simple",
        };
        let style = param
            .value
            .get("style")
            .and_then(Value::as_str)
            .unwrap_or(default)
            .to_string();
        let explode = param
            .value
            .get("explode")
            .and_then(Value::as_bool)
            .unwrap_or(style == "form");
        (style, explode)
    }

    fn query_parameter(&mut self, param: &Param<'a>) -> Vec<NameValueSpec> {
        let (mut style, explode) = Self::style(param);
        if !matches!(
            style.as_str(),
            "form" | "spaceDelimited" | "pipeDelimited" | "deepObject"
        ) {
            self.note(
                &param.at,
                format!(
                    "`style: {style}` is not a query style: `{}` is written as `form`",
                    param.name
                ),
            );
            style = "form".into();
        }
        let allow_reserved =
            param.value.get("allowReserved").and_then(Value::as_bool) == Some(true);
        let example = self.parameter_example(param);
        query_items(
            &param.name,
            example.as_ref(),
            &style,
            explode,
            allow_reserved,
        )
        .into_iter()
        .map(|(name, value)| one(&name, value))
        .collect()
    }

    fn header_parameter(&mut self, param: &Param<'a>) -> Option<NameValueSpec> {
        let name = param.name.as_str();
        if ["content-type", "accept", "authorization"]
            .iter()
            .any(|n| name.eq_ignore_ascii_case(n))
        {
            self.note(
                &param.at,
                format!(
                    "OpenAPI ignores a header parameter named `{name}` (the media types and the security schemes say it): not imported"
                ),
            );
            return None;
        }
        if !crate::model::is_token(name) {
            self.note(
                &param.at,
                format!("`{name}` is not a valid header name: the header is dropped"),
            );
            return None;
        }
        let (_, explode) = Self::style(param);
        let example = self.parameter_example(param);
        let value = match example.as_ref() {
            None => placeholder(name),
            Some(example) => {
                let value = header_value(example, explode);
                match header_value_problem(&value) {
                    None => value,
                    Some(problem) => {
                        self.note(
                            &param.at,
                            format!(
                                "the example of the header `{name}` {problem}: `{}` is sent instead",
                                placeholder(name)
                            ),
                        );
                        placeholder(name)
                    }
                }
            }
        };
        Some(one(name, value))
    }

    fn cookie_parameter(&mut self, param: &Param<'a>) -> Option<NameValueSpec> {
        let name = param.name.as_str();
        if !crate::model::is_token(name) {
            self.note(
                &param.at,
                format!("`{name}` is not a valid cookie name: the cookie is dropped"),
            );
            return None;
        }
        let example = self.parameter_example(param);
        let value = match example {
            None => placeholder(name),
            Some(Value::Sequence(items)) if !items.is_empty() => items
                .iter()
                .map(|item| utf8_percent_encode(&scalar_text(item), COOKIE).to_string())
                .collect::<Vec<_>>()
                .join("%2C"),
            Some(example) => utf8_percent_encode(&scalar_text(&example), COOKIE).to_string(),
        };
        Some(one(name, value))
    }

    /// The auth (and any further keys) of the first security requirement the samples can send.
    fn security(&mut self, op: &'a Value, op_at: &str) -> Security {
        let (requirements, at) = match op.get("security") {
            Some(requirements) => (requirements, format!("{op_at}/security")),
            None => match self.root.get("security") {
                Some(requirements) => (requirements, "/security".to_string()),
                None => return Security::default(),
            },
        };
        let Some(requirements) = requirements.as_sequence() else {
            self.note(&at, "`security` is not a list: no auth");
            return Security::default();
        };
        let mut refused = Vec::new();
        for (index, requirement) in requirements.iter().enumerate() {
            let requirement_at = format!("{at}/{index}");
            let Some(requirement) = requirement.as_mapping() else {
                refused.push(format!("{requirement_at}: not an object"));
                continue;
            };
            match self.requirement(requirement) {
                Ok((security, notes)) => {
                    self.notes.extend(notes);
                    if !refused.is_empty() {
                        self.note(
                            &requirement_at,
                            format!(
                                "the samples use this security requirement; the ones before it cannot be sent ({})",
                                refused.join("; ")
                            ),
                        );
                    }
                    return security;
                }
                Err(reason) => refused.push(reason),
            }
        }
        if !refused.is_empty() {
            self.note(
                &at,
                format!(
                    "no security requirement can be sent by the samples ({}): no auth",
                    refused.join("; ")
                ),
            );
        }
        Security::default()
    }

    /// One security requirement (all of its schemes), or why the samples cannot send it.
    fn requirement(&mut self, requirement: &'a Mapping) -> Result<(Security, Vec<Note>), String> {
        let mut security = Security::default();
        let mut notes = Vec::new();
        let mut schemes = Vec::new();
        for name in requirement.keys() {
            let name = name.as_str().unwrap_or_default();
            let at = format!("/components/securitySchemes/{}", escape(name));
            let scheme = self
                .root
                .get("components")
                .and_then(|c| c.get("securitySchemes"))
                .and_then(|s| s.get(name))
                .ok_or_else(|| format!("`{name}` is not in `components.securitySchemes`"))?;
            let (scheme, _) = self
                .lookup(scheme)
                .map_err(|problem| format!("`{name}`: {problem}"))?;
            let kind = scheme.get("type").and_then(Value::as_str).unwrap_or("");
            schemes.push((name, at, scheme, kind));
        }
        // the schemes that set `Authorization` first, then the keys, which can go anywhere
        schemes.sort_by_key(|(_, _, _, kind)| *kind == "apiKey");
        let mut keys = 0;
        for (name, at, scheme, kind) in schemes {
            match kind {
                "http" | "oauth2" | "openIdConnect" => {
                    let auth = if kind == "http" {
                        let http = scheme
                            .get("scheme")
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .to_ascii_lowercase();
                        match http.as_str() {
                            "basic" => AuthSpec {
                                basic: Some(BasicAuthSpec {
                                    username: "{{username}}".into(),
                                    password: "{{password}}".into(),
                                }),
                                ..AuthSpec::default()
                            },
                            "bearer" => AuthSpec {
                                bearer: Some("{{accessToken}}".into()),
                                ..AuthSpec::default()
                            },
                            other => {
                                return Err(format!(
                                    "`{name}` is HTTP `{other}` authentication; samplegen sends basic and bearer"
                                ));
                            }
                        }
                    } else {
                        notes.push(Note::new(
                            at,
                            format!(
                                "`{name}` ({kind}) is sent as the bearer token `{{{{accessToken}}}}`; getting the token is not part of the samples"
                            ),
                        ));
                        AuthSpec {
                            bearer: Some("{{accessToken}}".into()),
                            ..AuthSpec::default()
                        }
                    };
                    if security.auth.is_some() {
                        return Err(format!(
                            "`{name}` and another scheme would both send `Authorization`"
                        ));
                    }
                    security.auth = Some(auth);
                }
                "apiKey" => {
                    let key = scheme
                        .get("name")
                        .and_then(Value::as_str)
                        .ok_or_else(|| format!("the API key `{name}` has no `name`"))?;
                    let location = scheme.get("in").and_then(Value::as_str).unwrap_or("");
                    let value = if keys == 0 {
                        "{{apiKey}}".to_string()
                    } else {
                        placeholder(name)
                    };
                    keys += 1;
                    match location {
                        "header" => {
                            if !crate::model::is_token(key) {
                                return Err(format!("`{key}` is not a valid header name"));
                            }
                            let sets_authorization = security
                                .auth
                                .as_ref()
                                .is_some_and(|a| a.basic.is_some() || a.bearer.is_some());
                            if sets_authorization && key.eq_ignore_ascii_case("authorization") {
                                return Err(format!(
                                    "`{name}` and another scheme would both send `Authorization`"
                                ));
                            }
                            if security.auth.is_none() {
                                security.auth = Some(AuthSpec {
                                    apikey: Some(ApiKeySpec {
                                        name: key.into(),
                                        value,
                                        location: Some("header".into()),
                                    }),
                                    ..AuthSpec::default()
                                });
                            } else {
                                security.headers.push((key.into(), value));
                            }
                        }
                        "query" => {
                            if key.is_empty() || key.contains(['&', '#', '=']) {
                                return Err(format!("`{key}` cannot be a query item name"));
                            }
                            let key = utf8_percent_encode(key, QUERY).to_string();
                            if security.auth.is_none() {
                                security.auth = Some(AuthSpec {
                                    apikey: Some(ApiKeySpec {
                                        name: key,
                                        value,
                                        location: Some("query".into()),
                                    }),
                                    ..AuthSpec::default()
                                });
                            } else {
                                security.query.push((key, value));
                            }
                        }
                        "cookie" => {
                            if !crate::model::is_token(key) {
                                return Err(format!("`{key}` is not a valid cookie name"));
                            }
                            security.cookies.push((key.into(), value));
                        }
                        other => {
                            return Err(format!(
                                "the API key `{name}` has `in: {other}` (expected header, query or cookie)"
                            ));
                        }
                    }
                }
                "mutualTLS" => {
                    return Err(format!(
                        "`{name}` is mutual TLS, a client certificate the samples cannot show"
                    ));
                }
                other => {
                    return Err(format!(
                        "`{name}` has the unknown security scheme type `{other}`"
                    ));
                }
            }
        }
        Ok((security, notes))
    }

    /// The request body, adding the `Content-Type` header it needs.
    fn request_body(
        &mut self,
        op: &'a Value,
        op_at: &str,
        method: &str,
        headers: &mut Vec<NameValueSpec>,
    ) -> Option<BodySpec> {
        let body = op.get("requestBody")?;
        let at = format!("{op_at}/requestBody");
        if matches!(method, "GET" | "HEAD") {
            self.note(
                at,
                format!(
                    "samplegen sends no body with `{method}` (OkHttp, browsers and curl cannot): the request body is dropped"
                ),
            );
            return None;
        }
        let (body, body_at) = self.resolve(body, &at)?;
        let Some(content) = body
            .get("content")
            .and_then(Value::as_mapping)
            .filter(|c| !c.is_empty())
        else {
            self.note(body_at, "the request body has no `content`: no body");
            return None;
        };
        let (key, media) = choose_media(content)?;
        let key = key.trim();
        let media_at = format!("{body_at}/content/{}", escape(key));
        let media_name = media_type(key);
        if header_value_problem(key).is_some() || key.is_empty() {
            self.note(
                media_at,
                format!("`{key}` cannot be a `Content-Type`: no body"),
            );
            return None;
        }
        if is_json(&media_name) {
            let Some(example) = self.media_example(media, &media_at, Direction::Request) else {
                self.note(
                    media_at,
                    "no example and no schema to build one from: no body",
                );
                return None;
            };
            headers.push(one("Content-Type", key));
            return Some(BodySpec {
                raw: Some(json_text(&example)),
                ..BodySpec::default()
            });
        }
        if media_name == FORM_URLENCODED {
            let Some(Value::Mapping(example)) =
                self.media_example(media, &media_at, Direction::Request)
            else {
                self.note(
                    media_at,
                    "no example object and no object schema to build the form fields from: no body",
                );
                return None;
            };
            let mut fields = Vec::new();
            for (name, value) in &example {
                let name = name.as_str().unwrap_or_default();
                match value {
                    Value::Sequence(items) => {
                        fields.extend(items.iter().map(|item| one(name, scalar_text(item))));
                    }
                    other => fields.push(one(name, scalar_text(other))),
                }
            }
            if fields.is_empty() {
                self.note(media_at, "the form has no fields: no body");
                return None;
            }
            headers.push(one("Content-Type", key));
            return Some(BodySpec {
                urlencoded: Some(fields),
                ..BodySpec::default()
            });
        }
        if media_name == "multipart/form-data" {
            return self.multipart(media, &media_at);
        }
        // any other media type: its example as text, or a file for bytes
        let schema = match media.get("schema") {
            Some(schema) => Some(self.resolve(schema, &format!("{media_at}/schema"))?.0),
            None => None,
        };
        match self.explicit_example(media, &media_at) {
            Some(Value::Mapping(_) | Value::Sequence(_)) => {
                self.note(
                    media_at,
                    format!("an example given as an object cannot be written as `{key}`: no body"),
                );
                None
            }
            Some(example) => {
                headers.push(one("Content-Type", key));
                Some(BodySpec {
                    raw: Some(scalar_text(&example)),
                    ..BodySpec::default()
                })
            }
            None if schema.is_none_or(is_binary) && !media_name.starts_with("text/") => {
                let content_type = if key.contains('*') {
                    "application/octet-stream"
                } else {
                    key
                };
                headers.push(one("Content-Type", content_type));
                Some(BodySpec {
                    file: Some(FileSpec::Path("/path/to/file".into())),
                    ..BodySpec::default()
                })
            }
            None => {
                self.note(media_at, format!("no example of the `{key}` body: no body"));
                None
            }
        }
    }

    /// A `multipart/form-data` body: files for binary properties, text for the others.
    fn multipart(&mut self, media: &'a Value, at: &str) -> Option<BodySpec> {
        let Some(Value::Mapping(example)) = self.media_example(media, at, Direction::Request)
        else {
            self.note(
                at,
                "no example object and no object schema to build the parts from: no body",
            );
            return None;
        };
        let properties = match media.get("schema") {
            Some(schema) => self.properties(schema, &format!("{at}/schema"), 0),
            None => IndexMap::new(),
        };
        let encoding = media.get("encoding");
        let mut parts = Vec::new();
        for (name, value) in &example {
            let name = name.as_str().unwrap_or_default();
            if !crate::model::is_part_name(name) {
                self.note(
                    at,
                    format!("`{name}` cannot be a multipart part name: the part is dropped"),
                );
                continue;
            }
            let part_type = encoding
                .and_then(|e| e.get(name))
                .and_then(|e| e.get("contentType"))
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|t| {
                    !t.is_empty()
                        && !t.contains([',', '*', '"'])
                        && header_value_problem(t).is_none()
                })
                .map(str::to_string);
            let schema = properties.get(name).copied();
            let items = schema
                .and_then(|s| s.get("items"))
                .and_then(|items| self.lookup(items).ok().map(|(items, _)| items));
            let binary = schema.is_some_and(is_binary) || items.is_some_and(is_binary);
            let mut part = |spec: PartSpec| {
                let mut map = IndexMap::new();
                map.insert(name.to_string(), spec);
                parts.push(map);
            };
            if binary {
                let file: String = name
                    .chars()
                    .map(|c| {
                        if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                            c
                        } else {
                            '-'
                        }
                    })
                    .collect();
                let content_type = part_type.or_else(|| {
                    schema
                        .or(items)
                        .and_then(|s| s.get("contentMediaType"))
                        .and_then(Value::as_str)
                        .filter(|t| header_value_problem(t).is_none() && !t.contains('"'))
                        .map(str::to_string)
                });
                part(PartSpec::Detailed(PartDetailSpec {
                    file: Some(format!("/path/to/{file}")),
                    content_type,
                    ..PartDetailSpec::default()
                }));
                continue;
            }
            match value {
                Value::Sequence(elements)
                    if elements.iter().all(|e| !e.is_mapping() && !e.is_sequence()) =>
                {
                    for element in elements {
                        part(text_part(scalar_text(element), part_type.clone()));
                    }
                }
                Value::Sequence(_) | Value::Mapping(_) => {
                    part(PartSpec::Detailed(PartDetailSpec {
                        value: Some(scalar_text(value)),
                        content_type: part_type.or_else(|| Some("application/json".into())),
                        ..PartDetailSpec::default()
                    }))
                }
                scalar => part(text_part(scalar_text(scalar), part_type)),
            }
        }
        if parts.is_empty() {
            self.note(at, "the multipart body has no parts: no body");
            return None;
        }
        Some(BodySpec {
            formdata: Some(parts),
            ..BodySpec::default()
        })
    }

    /// The properties of an object schema, `allOf` included, each resolved.
    fn properties(
        &mut self,
        schema: &'a Value,
        at: &str,
        depth: usize,
    ) -> IndexMap<String, &'a Value> {
        let mut out = IndexMap::new();
        if depth > MAX_DEPTH {
            return out;
        }
        let Some((schema, at)) = self.resolve(schema, at) else {
            return out;
        };
        if let Some(all) = schema.get("allOf").and_then(Value::as_sequence) {
            for (index, sub) in all.iter().enumerate() {
                out.extend(self.properties(sub, &format!("{at}/allOf/{index}"), depth + 1));
            }
        }
        if let Some(properties) = schema.get("properties").and_then(Value::as_mapping) {
            for (name, property) in properties {
                let name = name.as_str().unwrap_or_default();
                let property_at = format!("{at}/properties/{}", escape(name));
                if let Some((property, _)) = self.resolve(property, &property_at) {
                    out.insert(name.to_string(), property);
                }
            }
        }
        out
    }

    /// The example response: the lowest 2xx response, with its JSON (or other) example.
    fn response(&mut self, op: &'a Value, op_at: &str) -> Option<ResponseSpec> {
        let responses = op.get("responses")?.as_mapping()?;
        let mut best: Option<(u16, String, &'a Value, String)> = None;
        for (code, response) in responses {
            let code = code.as_str().unwrap_or_default();
            let (rank, status) = if code.len() == 3
                && code.starts_with('2')
                && code.bytes().all(|b| b.is_ascii_digit())
            {
                (code.parse::<u16>().unwrap_or(299), code.to_string())
            } else if code.eq_ignore_ascii_case("2XX") {
                (300, "200".to_string())
            } else {
                continue;
            };
            if best.as_ref().is_none_or(|(r, ..)| rank < *r) {
                let at = format!("{op_at}/responses/{}", escape(code));
                best = Some((rank, status, response, at));
            }
        }
        let (_, status, response, at) = best?;
        let mut spec = ResponseSpec {
            status,
            body: None,
            lang: None,
        };
        let Some((response, at)) = self.resolve(response, &at) else {
            return Some(spec);
        };
        let Some(content) = response.get("content").and_then(Value::as_mapping) else {
            return Some(spec);
        };
        let json = content
            .iter()
            .filter_map(|(key, media)| Some((key.as_str()?, media)))
            .find(|(key, _)| is_json(&media_type(key)));
        if let Some((key, media)) = json {
            let media_at = format!("{at}/content/{}", escape(key));
            if let Some(example) = self.media_example(media, &media_at, Direction::Response) {
                spec.body = Some(json_text(&example));
            }
            return Some(spec);
        }
        for (key, media) in content {
            let key = key.as_str().unwrap_or_default();
            let media_at = format!("{at}/content/{}", escape(key));
            match self.explicit_example(media, &media_at) {
                Some(Value::Mapping(_) | Value::Sequence(_)) => {
                    self.note(
                        media_at,
                        format!("an example given as an object cannot be written as `{key}`"),
                    );
                }
                Some(example) => {
                    spec.body = Some(scalar_text(&example));
                    spec.lang = fence(&media_type(key));
                    return Some(spec);
                }
                None => {}
            }
        }
        Some(spec)
    }

    /// A minimal example of `schema`.
    fn build(
        &mut self,
        schema: &'a Value,
        at: &str,
        direction: Direction,
        depth: usize,
        stack: &mut Vec<String>,
    ) -> Option<Value> {
        if depth > MAX_DEPTH || self.budget == 0 {
            return None;
        }
        self.budget -= 1;
        if schema.get("$ref").is_none() {
            return self.build_resolved(schema, at, direction, depth, stack);
        }
        let (target, pointer) = self.resolve(schema, at)?;
        if stack.contains(&pointer) {
            // a recursive schema: the example stops here
            return None;
        }
        stack.push(pointer.clone());
        let built = self.build_resolved(target, &pointer, direction, depth, stack);
        stack.pop();
        built
    }

    fn build_resolved(
        &mut self,
        schema: &'a Value,
        at: &str,
        direction: Direction,
        depth: usize,
        stack: &mut Vec<String>,
    ) -> Option<Value> {
        if !schema.is_mapping() {
            return None;
        }
        for key in ["example", "const"] {
            if let Some(value) = schema.get(key).filter(|v| !v.is_null()) {
                return Some(value.clone());
            }
        }
        if let Some(first) = schema
            .get("examples")
            .and_then(Value::as_sequence)
            .and_then(|e| e.first())
        {
            return Some(first.clone());
        }
        if let Some(value) = schema.get("default").filter(|v| !v.is_null()) {
            return Some(value.clone());
        }
        if let Some(first) = schema
            .get("enum")
            .and_then(Value::as_sequence)
            .and_then(|e| e.iter().find(|v| !v.is_null()))
        {
            return Some(first.clone());
        }
        if let Some(all) = schema.get("allOf").and_then(Value::as_sequence) {
            let mut merged = Mapping::new();
            let mut other = None;
            for (index, sub) in all.iter().enumerate() {
                match self.build(
                    sub,
                    &format!("{at}/allOf/{index}"),
                    direction,
                    depth + 1,
                    stack,
                ) {
                    Some(Value::Mapping(map)) => merged.extend(map),
                    Some(value) => {
                        other.get_or_insert(value);
                    }
                    None => {}
                }
            }
            if schema.get("properties").is_some()
                && let Some(Value::Mapping(own)) =
                    self.build_object(schema, at, direction, depth, stack)
            {
                merged.extend(own);
            }
            if !merged.is_empty() || other.is_none() {
                return Some(Value::Mapping(merged));
            }
            return other;
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(choices) = schema.get(key).and_then(Value::as_sequence) {
                for (index, choice) in choices.iter().enumerate() {
                    let is_null = self
                        .lookup(choice)
                        .is_ok_and(|(c, _)| c.get("type").and_then(Value::as_str) == Some("null"));
                    if is_null {
                        continue;
                    }
                    let choice_at = format!("{at}/{key}/{index}");
                    if let Some(value) = self.build(choice, &choice_at, direction, depth + 1, stack)
                    {
                        return Some(value);
                    }
                }
            }
        }
        let declared = match schema.get("type") {
            Some(Value::String(t)) => Some(t.as_str()),
            // OpenAPI 3.1: `type: [string, "null"]`
            Some(Value::Sequence(types)) => types
                .iter()
                .filter_map(Value::as_str)
                .find(|t| *t != "null")
                .or_else(|| types.first().and_then(Value::as_str)),
            _ => None,
        };
        let kind = declared.or_else(|| {
            if schema.get("properties").is_some() || schema.get("additionalProperties").is_some() {
                Some("object")
            } else if schema.get("items").is_some() || schema.get("prefixItems").is_some() {
                Some("array")
            } else {
                None
            }
        })?;
        match kind {
            "object" => self.build_object(schema, at, direction, depth, stack),
            "array" => {
                if let Some(prefix) = schema.get("prefixItems").and_then(Value::as_sequence) {
                    let mut items = Vec::new();
                    for (index, item) in prefix.iter().enumerate() {
                        let item_at = format!("{at}/prefixItems/{index}");
                        items.extend(self.build(item, &item_at, direction, depth + 1, stack));
                    }
                    return Some(Value::Sequence(items));
                }
                let items = match schema.get("items") {
                    Some(items) => self
                        .build(items, &format!("{at}/items"), direction, depth + 1, stack)
                        .into_iter()
                        .collect(),
                    None => Vec::new(),
                };
                Some(Value::Sequence(items))
            }
            "string" => {
                let format = schema.get("format").and_then(Value::as_str);
                Some(Value::String(string_example(format).into()))
            }
            "integer" | "number" => {
                let minimum = schema
                    .get("minimum")
                    .filter(|m| m.as_f64().is_some_and(|m| m > 0.0));
                let maximum = schema
                    .get("maximum")
                    .filter(|m| m.as_f64().is_some_and(|m| m < 0.0));
                Some(
                    minimum
                        .or(maximum)
                        .cloned()
                        .unwrap_or(Value::Number(0.into())),
                )
            }
            "boolean" => Some(Value::Bool(true)),
            "null" => Some(Value::Null),
            _ => None,
        }
    }

    /// An object with every property, the required ones first.
    fn build_object(
        &mut self,
        schema: &'a Value,
        at: &str,
        direction: Direction,
        depth: usize,
        stack: &mut Vec<String>,
    ) -> Option<Value> {
        let mut out = Mapping::new();
        let required: Vec<&str> = schema
            .get("required")
            .and_then(Value::as_sequence)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        if let Some(properties) = schema.get("properties").and_then(Value::as_mapping) {
            let mut ordered: Vec<(&str, &'a Value)> = properties
                .iter()
                .filter_map(|(name, property)| Some((name.as_str()?, property)))
                .collect();
            ordered.sort_by_key(|(name, _)| !required.contains(name));
            for (name, property) in ordered {
                let skip = match direction {
                    Direction::Request => self.flag(property, "readOnly"),
                    Direction::Response => self.flag(property, "writeOnly"),
                };
                if skip {
                    continue;
                }
                let property_at = format!("{at}/properties/{}", escape(name));
                if let Some(value) = self.build(property, &property_at, direction, depth + 1, stack)
                {
                    out.insert(Value::String(name.into()), value);
                }
            }
        } else if let Some(additional) = schema
            .get("additionalProperties")
            .filter(|a| a.is_mapping())
        {
            let additional_at = format!("{at}/additionalProperties");
            if let Some(value) = self.build(additional, &additional_at, direction, depth + 1, stack)
            {
                out.insert(Value::String("key".into()), value);
            }
        }
        Some(Value::Mapping(out))
    }
}

fn text_part(value: String, content_type: Option<String>) -> PartSpec {
    match content_type {
        Some(content_type) => PartSpec::Detailed(PartDetailSpec {
            value: Some(value),
            content_type: Some(content_type),
            ..PartDetailSpec::default()
        }),
        None => PartSpec::Text(Some(value)),
    }
}

/// An example string for a `format`.
fn string_example(format: Option<&str>) -> &'static str {
    match format {
        Some("date") => "2024-01-01",
        Some("date-time") => "2024-01-01T00:00:00Z",
        Some("time") => "12:00:00",
        Some("duration") => "P1D",
        Some("email" | "idn-email") => "user@example.com",
        Some("uuid") => "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        Some("uri" | "url" | "iri" | "uri-reference" | "iri-reference") => "https://example.com",
        Some("hostname" | "idn-hostname") => "example.com",
        Some("ipv4") => "192.0.2.1",
        Some("ipv6") => "2001:db8::1",
        Some("byte") => "U3RyaW5n",
        _ => "string",
    }
}

/// The query items of a parameter `name` with the example `value` (`{{name}}` without one),
/// serialized by `style` and `explode` and written as they go in a URL.
fn query_items(
    name: &str,
    value: Option<&Value>,
    style: &str,
    explode: bool,
    allow_reserved: bool,
) -> Vec<(String, String)> {
    let set = if allow_reserved {
        QUERY_RESERVED
    } else {
        QUERY
    };
    let encode = |text: &str, set: &'static AsciiSet| utf8_percent_encode(text, set).to_string();
    let key = encode(name, QUERY);
    let element = |value: &Value| encode(&scalar_text(value), QUERY_ELEMENT);
    match value {
        None => vec![(key, placeholder(name))],
        Some(Value::Sequence(items)) if !items.is_empty() => {
            let delimiter = match style {
                "form" if explode => {
                    return items
                        .iter()
                        .map(|item| (key.clone(), encode(&scalar_text(item), set)))
                        .collect();
                }
                "spaceDelimited" => "%20",
                "pipeDelimited" => "|",
                _ => ",",
            };
            let joined = items
                .iter()
                .map(element)
                .collect::<Vec<_>>()
                .join(delimiter);
            vec![(key, joined)]
        }
        Some(Value::Mapping(map)) if !map.is_empty() => {
            let entries = map.iter().map(|(k, v)| (k.as_str().unwrap_or_default(), v));
            match style {
                "deepObject" => entries
                    .map(|(k, v)| {
                        (
                            encode(&format!("{name}[{k}]"), QUERY),
                            encode(&scalar_text(v), set),
                        )
                    })
                    .collect(),
                "form" if explode => entries
                    .map(|(k, v)| (encode(k, QUERY), encode(&scalar_text(v), set)))
                    .collect(),
                _ => {
                    let joined = entries
                        .flat_map(|(k, v)| [encode(k, QUERY_ELEMENT), element(v)])
                        .collect::<Vec<_>>()
                        .join(",");
                    vec![(key, joined)]
                }
            }
        }
        Some(Value::Sequence(_) | Value::Mapping(_)) => vec![(key, placeholder(name))],
        Some(scalar) => vec![(key, encode(&scalar_text(scalar), set))],
    }
}

/// A header value of the example `value`, `style: simple`.
fn header_value(value: &Value, explode: bool) -> String {
    match value {
        Value::Sequence(items) => items.iter().map(scalar_text).collect::<Vec<_>>().join(","),
        Value::Mapping(map) => map
            .iter()
            .map(|(k, v)| {
                let k = k.as_str().unwrap_or_default();
                if explode {
                    format!("{k}={}", scalar_text(v))
                } else {
                    format!("{k},{}", scalar_text(v))
                }
            })
            .collect::<Vec<_>>()
            .join(","),
        scalar => scalar_text(scalar),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{assert_valid, pair, pairs};
    use super::*;

    const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nservers: [{url: https://api.example.com}]\n";

    /// Reads `text`, and checks that every spec it gives writes, reads back and validates.
    fn read(text: &str) -> Import {
        let import = import(text).unwrap_or_else(|error| panic!("{error}"));
        for item in &import.items {
            assert_valid(&item.name, &item.spec);
        }
        import
    }

    /// Reads a 3.0 document made of [`HEAD`] and `rest`.
    fn run(rest: &str) -> Import {
        read(&format!("{HEAD}{rest}"))
    }

    fn only(import: &Import) -> &Spec {
        assert_eq!(import.items.len(), 1, "{:#?}", import.items);
        &import.items[0].spec
    }

    fn note<'i>(import: &'i Import, at: &str, containing: &str) -> &'i Note {
        import
            .notes
            .iter()
            .find(|n| n.at == at && n.message.contains(containing))
            .unwrap_or_else(|| panic!("no note at {at} with `{containing}`: {:#?}", import.notes))
    }

    #[test]
    fn what_is_not_openapi_3_is_refused() {
        for (text, message) in [
            ("openapi: [3.0", "not valid YAML or JSON"),
            ("[1, 2]", "not an OpenAPI document"),
            ("", "not an OpenAPI document"),
            ("info: {title: t}\npaths: {}", "no `openapi` field"),
            ("swagger: '2.0'\npaths: {}", "Swagger 2.0 (OpenAPI 2)"),
            (
                "openapi: 3.2.0\npaths: {}",
                "`openapi: 3.2.0` is not supported",
            ),
            ("openapi: 2.5\npaths: {}", "`openapi: 2.5` is not supported"),
            ("openapi: 3.0.3\npaths: [1]", "`paths` is not an object"),
        ] {
            let error = import(text).unwrap_err();
            assert!(error.contains(message), "{text:?}: {error}");
        }
        assert!(import("openapi: 3.1\npaths: {}").is_ok());
        // JSON (tabs and all), and YAML that starts like JSON
        assert!(import("{\n\t\"openapi\": \"3.0.0\",\n\t\"paths\": {}\n}").is_ok());
        assert!(import("{openapi: 3.1.0, paths: {}}").is_ok());
        let error = import("{\"openapi\": \"3.0.0\", \"paths\": {").unwrap_err();
        assert!(error.contains("not valid JSON"), "{error}");
        let empty = import("openapi: 3.1.0\ninfo: {title: t, version: '1'}").unwrap();
        assert!(empty.items.is_empty());
        note(&empty, "/paths", "no `paths`");
    }

    #[test]
    fn names_titles_and_folders() {
        let import = run(r#"
paths:
  /pets:
    get:
      tags: [pets, animals]
      operationId: listPets
      summary: "List   the
        pets"
    post:
      summary: Create a pet
      description: "Creates a **pet**.\n\nMore."
  /pets/{id}:
    delete: {}
"#);
        let shape: Vec<_> = import
            .items
            .iter()
            .map(|i| {
                (
                    i.dirs.clone(),
                    i.name.as_str(),
                    i.spec.title.as_str(),
                    i.spec.request.method.as_str(),
                )
            })
            .collect();
        assert_eq!(
            shape,
            [
                (vec!["pets".to_string()], "listPets", "List the pets", "GET"),
                (vec![], "Create a pet", "Create a pet", "POST"),
                (vec![], "DELETE /pets/{id}", "DELETE /pets/{id}", "DELETE"),
            ]
        );
        // the title is one line; the prose (only a summary here) is the summary as written
        assert_eq!(import.items[0].spec.prose, "List   the pets");
        assert_eq!(import.items[1].spec.prose, "Creates a **pet**.\n\nMore.");
        assert_eq!(import.items[2].spec.prose, "");
    }

    #[test]
    fn deprecated_operations_say_so() {
        let import = run("paths:\n  /a:\n    get: {summary: Old, deprecated: true}\n");
        assert_eq!(only(&import).prose, "Old\n\n**Deprecated.**");
    }

    #[test]
    fn urls_start_with_the_base_url_variable() {
        let import = run("paths:\n  /users/{userId}/items/{item id}:\n    get: {}\n");
        assert_eq!(
            only(&import).request.url,
            "{{baseUrl}}/users/{{userId}}/items/{{item_id}}"
        );
        note(
            &import,
            "/paths/~1users~1{userId}~1items~1{item id}",
            "`{{item_id}}`",
        );
        assert!(
            !import.notes.iter().any(|n| n.at == "/servers"),
            "servers are given: {:#?}",
            import.notes
        );
        let without_servers = read("openapi: 3.0.0\npaths:\n  /a:\n    get: {}\n");
        assert_eq!(only(&without_servers).request.url, "{{baseUrl}}/a");
        note(&without_servers, "/servers", "{{baseUrl}}");
    }

    #[test]
    fn query_values_follow_the_example_rules() {
        let import = run(r##"
paths:
  /search:
    parameters:
      - {name: limit, in: query, example: 5}
      - {name: kept, in: query, example: path-level}
    get:
      parameters:
        - {name: limit, in: query, example: 10}
        - name: chosen
          in: query
          examples:
            first: {$ref: '#/components/examples/First'}
            second: {value: second}
        - {name: fromSchema, in: query, schema: {type: string, example: schema example}}
        - {name: fromDefault, in: query, schema: {$ref: '#/components/schemas/Sort'}}
        - {name: 'filter[name]', in: query, schema: {type: string}}
        - {name: q, in: query, example: 'a b&c=d#e+f%g,h/i?j'}
        - {name: ids, in: query, schema: {type: array, items: {type: integer}}, example: [1, 2]}
        - {name: tags, in: query, explode: false, example: ['a,b', c]}
        - {name: words, in: query, style: spaceDelimited, example: [x, y]}
        - {name: path, in: query, allowReserved: true, example: 'a/b=c+d&e'}
        - {name: empty, in: query, example: ''}
        - {name: json, in: query, content: {application/json: {example: {a: 1}}}}
components:
  examples:
    First: {value: first one}
  schemas:
    Sort: {type: string, default: name}
"##);
        assert_eq!(
            pairs(&only(&import).request.query),
            [
                pair("limit", "10"),
                pair("kept", "path-level"),
                pair("chosen", "first%20one"),
                pair("fromSchema", "schema%20example"),
                pair("fromDefault", "name"),
                pair("filter[name]", "{{filter_name}}"),
                pair("q", "a%20b%26c%3Dd%23e%2Bf%25g,h/i?j"),
                pair("ids", "1"),
                pair("ids", "2"),
                pair("tags", "a%2Cb,c"),
                pair("words", "x%20y"),
                pair("path", "a/b=c+d%26e"),
                pair("empty", ""),
                pair("json", "%7B%22a%22:1%7D"),
            ]
        );
    }

    #[test]
    fn query_styles_for_objects() {
        let object: Value = serde_yaml::from_str("{color: brown, age: 3}").unwrap();
        let items = |style, explode| query_items("f", Some(&object), style, explode, false);
        assert_eq!(
            items("deepObject", true),
            [pair("f[color]", "brown"), pair("f[age]", "3")]
        );
        assert_eq!(
            items("form", true),
            [pair("color", "brown"), pair("age", "3")]
        );
        assert_eq!(items("form", false), [pair("f", "color,brown,age,3")]);
        let pipes: Value = serde_yaml::from_str("[a, 'b|c']").unwrap();
        assert_eq!(
            query_items("p", Some(&pipes), "pipeDelimited", false, false),
            [pair("p", "a|b%7Cc")]
        );
        let empty: Value = serde_yaml::from_str("[]").unwrap();
        assert_eq!(
            query_items("e", Some(&empty), "form", true, false),
            [pair("e", "{{e}}")]
        );
    }

    #[test]
    fn header_and_cookie_parameters() {
        let import = run(r#"
paths:
  /a:
    post:
      parameters:
        - {name: X-Request-ID, in: header, schema: {type: string, format: uuid}}
        - {name: X-Version, in: header, example: 2}
        - {name: X-List, in: header, example: [a, b]}
        - {name: X-Map, in: header, explode: true, example: {a: 1, b: 2}}
        - {name: Content-Type, in: header, example: text/plain}
        - {name: accept, in: header, example: text/plain}
        - {name: Authorization, in: header, example: Bearer x}
        - {name: 'Bad Name', in: header, example: x}
        - {name: X-City, in: header, example: Zürich}
        - {name: X-Open, in: header, example: '{{oops'}
        - {name: session, in: cookie, example: 'a b;c'}
        - {name: prefs, in: cookie, example: [x, 'y,z']}
        - {name: token, in: cookie}
        - {name: 'bad;cookie', in: cookie, example: x}
"#);
        let spec = only(&import);
        assert_eq!(
            pairs(&spec.request.headers),
            [
                pair("X-Request-ID", "{{X-Request-ID}}"),
                pair("X-Version", "2"),
                pair("X-List", "a,b"),
                pair("X-Map", "a=1,b=2"),
                pair("X-City", "{{X-City}}"),
                pair("X-Open", "{{X-Open}}"),
            ]
        );
        assert_eq!(
            pairs(&spec.request.cookies),
            [
                pair("session", "a%20b%3Bc"),
                pair("prefs", "x%2Cy%2Cz"),
                pair("token", "{{token}}"),
            ]
        );
        for index in [4, 5, 6] {
            note(
                &import,
                &format!("/paths/~1a/post/parameters/{index}"),
                "OpenAPI ignores",
            );
        }
        note(
            &import,
            "/paths/~1a/post/parameters/7",
            "not a valid header name",
        );
        note(&import, "/paths/~1a/post/parameters/8", "non-ASCII");
        note(&import, "/paths/~1a/post/parameters/9", "never closes");
        note(
            &import,
            "/paths/~1a/post/parameters/13",
            "not a valid cookie name",
        );
    }

    #[test]
    fn json_bodies_are_pretty_printed_with_four_spaces() {
        let import = run(r#"
paths:
  /a:
    post:
      requestBody:
        content:
          text/plain: {example: ignored}
          application/json:
            example: {name: Rex, tags: [a], nested: {ok: true, n: 1.5}}
  /b:
    put:
      requestBody:
        content:
          application/vnd.api+json:
            example: '{"kept": "as written"}'
"#);
        let a = &import.items[0].spec;
        assert_eq!(
            pairs(&a.request.headers),
            [pair("Content-Type", "application/json")]
        );
        assert_eq!(
            a.request.body.as_ref().unwrap().raw.as_deref(),
            Some(
                "{\n    \"name\": \"Rex\",\n    \"tags\": [\n        \"a\"\n    ],\n    \"nested\": {\n        \"ok\": true,\n        \"n\": 1.5\n    }\n}"
            )
        );
        let b = &import.items[1].spec;
        assert_eq!(
            pairs(&b.request.headers),
            [pair("Content-Type", "application/vnd.api+json")]
        );
        assert_eq!(
            b.request.body.as_ref().unwrap().raw.as_deref(),
            Some(r#"{"kept": "as written"}"#)
        );
    }

    #[test]
    fn examples_are_built_from_schemas() {
        let import = run(r#"
paths:
  /a:
    post:
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Thing'}
      responses:
        '200':
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
components:
  schemas:
    Thing:
      type: object
      required: [name, id]
      properties:
        created: {type: string, format: date-time, readOnly: true}
        secret: {type: string, writeOnly: true}
        day: {type: string, format: date}
        email: {type: string, format: email}
        uuid: {type: string, format: uuid}
        kind: {type: string, enum: [cat, dog]}
        count: {type: integer}
        page: {type: integer, minimum: 1}
        ratio: {type: number}
        on: {type: boolean}
        list: {type: array, items: {type: string}}
        label: {type: string, default: none}
        sample: {type: string, example: given}
        choice:
          oneOf:
            - {type: 'null'}
            - {type: integer}
        merged:
          allOf:
            - {type: object, properties: {a: {type: integer}}}
            - {type: object, properties: {b: {type: boolean}}}
        map: {type: object, additionalProperties: {type: string}}
        tree: {$ref: '#/components/schemas/Thing'}
        id: {type: integer, format: int64}
        name: {type: string}
"#);
        let spec = only(&import);
        let request = spec.request.body.as_ref().unwrap().raw.clone().unwrap();
        let request: serde_json::Value = serde_json::from_str(&request).unwrap();
        assert_eq!(
            request,
            serde_json::json!({
                "id": 0, "name": "string", "secret": "string", "day": "2024-01-01",
                "email": "user@example.com", "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
                "kind": "cat", "count": 0, "page": 1, "ratio": 0, "on": true, "list": ["string"],
                "label": "none", "sample": "given", "choice": 0,
                "merged": {"a": 0, "b": true}, "map": {"key": "string"}
            })
        );
        let raw = spec.request.body.as_ref().unwrap().raw.as_deref().unwrap();
        assert!(
            raw.starts_with("{\n    \"id\": 0,\n    \"name\": \"string\",\n    \"secret\""),
            "required first, in order: {raw}"
        );
        let response = spec.response.as_ref().unwrap().body.clone().unwrap();
        assert!(
            response.contains("\"created\": \"2024-01-01T00:00:00Z\""),
            "{response}"
        );
        assert!(!response.contains("secret"), "{response}");
        assert_eq!(spec.response.as_ref().unwrap().lang, None);
    }

    #[test]
    fn deep_schemas_stop() {
        let mut schema = String::from("{type: string}");
        for _ in 0..20 {
            schema = format!("{{type: object, properties: {{inner: {schema}}}}}");
        }
        let import = run(&format!(
            "paths:\n  /a:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: {schema}\n"
        ));
        let raw = only(&import)
            .request
            .body
            .as_ref()
            .unwrap()
            .raw
            .clone()
            .unwrap();
        assert!(raw.matches("inner").count() <= MAX_DEPTH + 1, "{raw}");
    }

    #[test]
    fn wide_schemas_stop() {
        let properties = |next: &str| {
            (0..30)
                .map(|i| format!("p{i}: {next}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let import = run(&format!(
            "paths:\n  /a:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: {{$ref: '#/components/schemas/A'}}\ncomponents:\n  schemas:\n    A: {{type: object, properties: {{{}}}}}\n    B: {{type: object, properties: {{{}}}}}\n    C: {{type: object, properties: {{{}}}}}\n",
            properties("{$ref: '#/components/schemas/B'}"),
            properties("{$ref: '#/components/schemas/C'}"),
            properties("{type: string}"),
        ));
        let raw = only(&import)
            .request
            .body
            .as_ref()
            .unwrap()
            .raw
            .clone()
            .unwrap();
        assert!(
            raw.matches("\"string\"").count() < MAX_BUILT_VALUES,
            "{raw}"
        );
        note(
            &import,
            "/paths/~1a/post/requestBody/content/application~1json/schema",
            "stops at",
        );
    }

    #[test]
    fn form_bodies() {
        let import = run(r#"
paths:
  /form:
    post:
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [grant_type]
              properties:
                scope: {type: array, items: {type: string, example: read}}
                grant_type: {type: string, enum: [client_credentials]}
                count: {type: integer, example: 2}
  /upload:
    post:
      requestBody:
        content:
          multipart/form-data:
            schema:
              allOf:
                - $ref: '#/components/schemas/Upload'
                - type: object
                  properties:
                    note: {type: string}
            example:
              file: ignored
              files: [x, y]
              tags: [a, b]
              meta: {w: 1}
              note: hello
            encoding:
              meta: {contentType: application/vnd.meta+json}
components:
  schemas:
    Upload:
      type: object
      properties:
        file: {type: string, format: binary}
        files: {type: array, items: {type: string, format: binary}}
        tags: {type: array, items: {type: string}}
        meta: {type: object}
"#);
        let form = &import.items[0].spec.request;
        assert_eq!(
            pairs(&form.headers),
            [pair("Content-Type", "application/x-www-form-urlencoded")]
        );
        assert_eq!(
            pairs(form.body.as_ref().unwrap().urlencoded.as_ref().unwrap()),
            [
                pair("grant_type", "client_credentials"),
                pair("scope", "read"),
                pair("count", "2")
            ]
        );
        let upload = &import.items[1].spec.request;
        assert!(
            upload.headers.is_empty(),
            "the client writes the multipart header"
        );
        let parts = upload.body.as_ref().unwrap().formdata.as_ref().unwrap();
        let yaml = serde_yaml::to_string(parts).unwrap();
        assert_eq!(
            yaml,
            "- file:\n    file: /path/to/file\n- files:\n    file: /path/to/files\n- tags: a\n- tags: b\n- meta:\n    value: '{\"w\":1}'\n    content_type: application/vnd.meta+json\n- note: hello\n"
        );
    }

    #[test]
    fn other_media_types() {
        let import = run(r#"
paths:
  /text:
    post:
      requestBody:
        content:
          text/plain: {example: hello world}
  /bytes:
    put:
      requestBody:
        content:
          image/png: {schema: {type: string, format: binary}}
  /anything:
    put:
      requestBody:
        content:
          '*/*': {}
  /xml:
    post:
      requestBody:
        content:
          application/xml: {example: {a: 1}}
  /plain:
    post:
      requestBody:
        content:
          text/plain: {schema: {type: string}}
"#);
        let body = |i: usize| import.items[i].spec.request.body.clone();
        let headers = |i: usize| pairs(&import.items[i].spec.request.headers);
        assert_eq!(body(0).unwrap().raw.as_deref(), Some("hello world"));
        assert_eq!(headers(0), [pair("Content-Type", "text/plain")]);
        assert!(matches!(body(1).unwrap().file, Some(FileSpec::Path(p)) if p == "/path/to/file"));
        assert_eq!(headers(1), [pair("Content-Type", "image/png")]);
        assert_eq!(
            headers(2),
            [pair("Content-Type", "application/octet-stream")]
        );
        assert!(body(3).is_none() && headers(3).is_empty());
        note(
            &import,
            "/paths/~1xml/post/requestBody/content/application~1xml",
            "cannot be written as `application/xml`",
        );
        assert!(body(4).is_none());
        note(
            &import,
            "/paths/~1plain/post/requestBody/content/text~1plain",
            "no example",
        );
    }

    #[test]
    fn get_and_head_bodies_are_dropped() {
        let import = run(r#"
paths:
  /a:
    get:
      requestBody: {content: {application/json: {example: {a: 1}}}}
    head:
      requestBody: {content: {application/json: {example: {a: 1}}}}
"#);
        assert!(
            import
                .items
                .iter()
                .all(|i| i.spec.request.body.is_none() && i.spec.request.headers.is_empty())
        );
        note(&import, "/paths/~1a/get/requestBody", "no body with `GET`");
        note(
            &import,
            "/paths/~1a/head/requestBody",
            "no body with `HEAD`",
        );
    }

    const SCHEMES: &str = r#"
components:
  securitySchemes:
    basic: {type: http, scheme: basic}
    bearer: {type: http, scheme: Bearer}
    digest: {type: http, scheme: digest}
    headerKey: {type: apiKey, in: header, name: X-API-Key}
    queryKey: {type: apiKey, in: query, name: api_key}
    cookieKey: {type: apiKey, in: cookie, name: SESSION}
    oauth: {type: oauth2, flows: {}}
    oidc: {type: openIdConnect, openIdConnectUrl: 'https://e.com/.well-known/openid-configuration'}
    shared: {$ref: '#/components/securitySchemes/basic'}
"#;

    fn auth_of(security: &str) -> (Import, serde_yaml::Value) {
        let import = run(&format!(
            "security: [{{bearer: []}}]\npaths:\n  /a:\n    get:\n      security: {security}\n      parameters:\n        - {{name: X-API-Key, in: header, example: k}}\n        - {{name: api_key, in: query, example: k}}\n{SCHEMES}"
        ));
        let spec = only(&import);
        let shown = serde_yaml::to_value(&spec.request).unwrap();
        (import, shown)
    }

    #[test]
    fn security_schemes_become_auth() {
        let yaml = |v: &Value| serde_yaml::to_string(v).unwrap();
        let (_, request) = auth_of("[{basic: []}]");
        assert_eq!(
            yaml(&request["auth"]),
            "basic:\n  username: '{{username}}'\n  password: '{{password}}'\n"
        );
        let (_, request) = auth_of("[{shared: []}]");
        assert!(request["auth"]["basic"].is_mapping());
        let (_, request) = auth_of("[{bearer: []}]");
        assert_eq!(yaml(&request["auth"]), "bearer: '{{accessToken}}'\n");
        let (import, request) = auth_of("[{headerKey: []}]");
        assert_eq!(
            yaml(&request["auth"]),
            "apikey:\n  name: X-API-Key\n  value: '{{apiKey}}'\n  in: header\n"
        );
        note(
            &import,
            "/paths/~1a/get/parameters/0",
            "sent by the security scheme",
        );
        assert_eq!(
            yaml(&request["headers"]),
            "null\n",
            "the header parameter is dropped"
        );
        let (import, request) = auth_of("[{queryKey: []}]");
        assert_eq!(
            yaml(&request["auth"]),
            "apikey:\n  name: api_key\n  value: '{{apiKey}}'\n  in: query\n"
        );
        note(
            &import,
            "/paths/~1a/get/parameters/1",
            "sent by the security scheme",
        );
        let (_, request) = auth_of("[{cookieKey: []}]");
        assert!(request.get("auth").is_none());
        assert_eq!(yaml(&request["cookies"]), "- SESSION: '{{apiKey}}'\n");
        for scheme in ["oauth", "oidc"] {
            let (import, request) = auth_of(&format!("[{{{scheme}: [read]}}]"));
            assert_eq!(yaml(&request["auth"]), "bearer: '{{accessToken}}'\n");
            note(
                &import,
                &format!("/components/securitySchemes/{scheme}"),
                "getting the token",
            );
        }
    }

    #[test]
    fn security_requirements() {
        // the document's requirement applies, an operation's replaces it, `[]` removes it
        let import = run(&format!(
            "security: [{{bearer: []}}]\npaths:\n  /a:\n    get: {{}}\n    post: {{security: []}}\n    put: {{security: [{{}}]}}\n{SCHEMES}"
        ));
        assert!(
            import.items[0]
                .spec
                .request
                .auth
                .as_ref()
                .unwrap()
                .bearer
                .is_some()
        );
        assert!(import.items[1].spec.request.auth.is_none());
        assert!(import.items[2].spec.request.auth.is_none());

        // the first requirement that can be sent is used
        let (import, request) = auth_of("[{digest: []}, {basic: []}]");
        assert!(request["auth"]["basic"].is_mapping());
        note(
            &import,
            "/paths/~1a/get/security/1",
            "`digest` is HTTP `digest`",
        );
        let (import, request) = auth_of("[{digest: []}, {missing: []}]");
        assert!(request.get("auth").is_none());
        note(
            &import,
            "/paths/~1a/get/security",
            "`missing` is not in `components.securitySchemes`",
        );

        // both schemes of one requirement
        let (_, request) = auth_of("[{headerKey: [], bearer: []}]");
        assert_eq!(request["auth"]["bearer"].as_str(), Some("{{accessToken}}"));
        assert_eq!(
            request["headers"][0]["X-API-Key"].as_str(),
            Some("{{apiKey}}")
        );
        let (_, request) = auth_of("[{queryKey: [], headerKey: []}]");
        assert_eq!(request["auth"]["apikey"]["name"].as_str(), Some("api_key"));
        assert_eq!(
            request["headers"][0]["X-API-Key"].as_str(),
            Some("{{headerKey}}")
        );
        let (import, request) = auth_of("[{basic: [], bearer: []}]");
        assert!(request.get("auth").is_none());
        note(
            &import,
            "/paths/~1a/get/security",
            "both send `Authorization`",
        );
    }

    #[test]
    fn responses_use_the_lowest_success() {
        let import = run(r#"
paths:
  /a:
    get:
      responses:
        '400': {content: {application/json: {example: {error: x}}}}
        201: {content: {application/json: {example: {created: true}}}}
        200:
          $ref: '#/components/responses/Ok'
  /b:
    get:
      responses:
        2XX: {description: any}
        default: {description: error}
  /c:
    get:
      responses:
        '200':
          content:
            application/xml: {example: '<a>1</a>'}
  /d:
    get:
      responses:
        '404': {description: none}
  /e:
    get:
      responses:
        '200':
          content:
            application/problem+json:
              examples:
                external: {externalValue: 'https://e.com/x.json'}
                inline: {value: [1]}
components:
  responses:
    Ok:
      description: ok
      content:
        application/xml: {example: '<ok/>'}
        application/json:
          examples:
            first: {value: {ok: true}}
"#);
        let response = |i: usize| import.items[i].spec.response.clone();
        let a = response(0).unwrap();
        assert_eq!(
            (a.status.as_str(), a.body.as_deref(), a.lang),
            ("200", Some("{\n    \"ok\": true\n}"), None)
        );
        let b = response(1).unwrap();
        assert_eq!((b.status.as_str(), b.body), ("200", None));
        let c = response(2).unwrap();
        assert_eq!(
            (c.body.as_deref(), c.lang.as_deref()),
            (Some("<a>1</a>"), Some("xml"))
        );
        assert!(response(3).is_none());
        assert_eq!(response(4).unwrap().body.as_deref(), Some("[\n    1\n]"));
        note(
            &import,
            "/paths/~1e/get/responses/200/content/application~1problem+json/examples/external",
            "not fetched",
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
            spec.request.body.as_ref().unwrap().raw.as_deref(),
            Some("{\n    \"value\": 0,\n    \"children\": []\n}")
        );
    }

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
            spec.request.body.as_ref().unwrap().raw.as_deref(),
            Some(
                "{\n    \"name\": \"string\",\n    \"nickname\": \"user@example.com\",\n    \"age\": 0,\n    \"kind\": \"dog\",\n    \"pair\": [\n        0,\n        true\n    ],\n    \"tags\": [\n        \"good\"\n    ],\n    \"nothing\": null\n}"
            )
        );
        assert_eq!(spec.response.as_ref().unwrap().status, "200");
        let photo = &import.items[1].spec.request;
        assert!(photo.body.as_ref().unwrap().file.is_some());
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
            .raw
            .clone()
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
        let request = json(&updated.request.body.as_ref().unwrap().raw);
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
