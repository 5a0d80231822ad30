//! Swagger 2.0 (OpenAPI 2) documents read as the OpenAPI 3.0 document each describes, so that one
//! importer serves both: the server from `host`, `basePath` and `schemes`; `body` and `formData`
//! parameters as the request body, in the media types `consumes` names; `type`, `items` and
//! `collectionFormat` as a schema with `style` and `explode`; `produces` and `examples` as the
//! responses' content; `definitions`, `parameters`, `responses` and `securityDefinitions` as
//! components. Every place that moved is remembered, so that a note names the place in the
//! document as written.

use serde_json::{Map, Value, json};

use super::document::{escape, scalar_text};
use crate::http::media_type;
use crate::import::Note;

/// A 2.0 document upgraded: the 3.0 document, where its moved places came from, and what the
/// upgrade could not say in 3.0.
pub(super) struct Upgraded {
    pub document: Value,
    moved: Vec<(String, String)>,
    pub notes: Vec<Note>,
}

impl Upgraded {
    /// `at` (a pointer into the 3.0 document) as the place the 2.0 document says it: the
    /// longest moved prefix replaced by where it came from.
    pub fn original(&self, at: &str) -> String {
        let found = self
            .moved
            .iter()
            .filter(|(new, _)| {
                at.strip_prefix(new.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            })
            .max_by_key(|(new, _)| new.len());
        match found {
            Some((new, old)) => format!("{old}{}", &at[new.len()..]),
            None => at.to_string(),
        }
    }
}

/// The parameter kinds that become the request body.
const BODY_KINDS: [&str; 2] = ["body", "formData"];

const METHODS: [&str; 7] = ["get", "put", "post", "delete", "options", "head", "patch"];

/// The schema keywords a 2.0 non-body parameter (and its `items`) carries beside `type`.
const SCHEMA_KEYWORDS: [&str; 16] = [
    "type",
    "format",
    "enum",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "multipleOf",
    "items",
];

/// Reads `document` (a `swagger: "2.0"` document) as OpenAPI 3.0.
pub(super) fn upgrade(document: &Value) -> Result<Upgraded, String> {
    let version = document.get("swagger").map(scalar_text).unwrap_or_default();
    if version != "2.0" {
        return Err(format!(
            "`swagger: {version}` is not supported: samplegen imports Swagger 2.0 and OpenAPI 3.0.x and 3.1.x documents"
        ));
    }
    let mut upgrade = Upgrade {
        root: document,
        moved: Vec::new(),
        notes: Vec::new(),
    };
    let mut out = Map::new();
    out.insert("openapi".into(), json!("3.0.3"));
    // what 3.0 says alike; the rest moves below
    for (key, value) in object(document) {
        let alike = ["info", "tags", "externalDocs", "security"].contains(&key.as_str());
        if alike || key.starts_with("x-") {
            out.insert(key.clone(), value.clone());
        }
    }
    if let Some(server) = upgrade.parameterized_host() {
        out.insert("servers".into(), json!([server]));
        upgrade.moved("/servers/0", "/x-ms-parameterized-host");
    } else if let Some(server) = upgrade.server() {
        out.insert("servers".into(), json!([{ "url": server }]));
        let from = if document.get("host").is_some() {
            "/host"
        } else {
            "/basePath"
        };
        upgrade.moved("/servers/0", from);
    }
    let consumes = media_list(document.get("consumes"));
    let produces = media_list(document.get("produces"));
    // Azure's `x-ms-paths` hold path items as `paths` do (see the walk)
    for section in ["paths", "x-ms-paths"] {
        let Some(paths) = document.get(section) else {
            continue;
        };
        let paths = match paths {
            Value::Object(paths) => {
                let mut out = Map::new();
                for (path, item) in paths {
                    let at = format!("/{section}/{}", escape(path));
                    let item = if path.starts_with("x-") {
                        item.clone()
                    } else {
                        upgrade.path_item(item, &at, &consumes, &produces)
                    };
                    out.insert(path.clone(), item);
                }
                Value::Object(out)
            }
            // not an object: the importer says so
            other => other.clone(),
        };
        out.insert(section.into(), paths);
    }
    let components = upgrade.components(&produces);
    if !components.is_empty() {
        out.insert("components".into(), Value::Object(components));
    }
    Ok(Upgraded {
        document: Value::Object(out),
        moved: upgrade.moved,
        notes: upgrade.notes,
    })
}

/// The members of `value` when it is an object, else none.
fn object(value: &Value) -> impl Iterator<Item = (&String, &Value)> {
    value.as_object().into_iter().flatten()
}

/// A `consumes` or `produces` list: its media types, trimmed, empty ones left out.
pub(super) fn media_list(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::trim)
        .filter(|media| !media.is_empty())
        .map(str::to_string)
        .collect()
}

/// An operation's own list when it has the key (an empty list overrides too), else the document's.
pub(super) fn own_or(value: &Value, key: &str, inherited: &[String]) -> Vec<String> {
    match value.get(key) {
        Some(list) => media_list(Some(list)),
        None => inherited.to_vec(),
    }
}

/// A 2.0 `$ref` as the 3.0 one: definitions, parameters and responses moved under components.
fn moved_ref(reference: &str) -> String {
    for (old, new) in [
        ("#/definitions/", "#/components/schemas/"),
        ("#/parameters/", "#/components/parameters/"),
        ("#/responses/", "#/components/responses/"),
    ] {
        if let Some(rest) = reference.strip_prefix(old) {
            return format!("{new}{rest}");
        }
    }
    reference.to_string()
}

/// A 2.0 schema as a 3.0 one: references moved, `x-nullable` as `nullable`, `type: file` as
/// binary, a `discriminator` name as a Discriminator object. Examples, defaults and enums are
/// values, left as they are.
fn schema(value: &Value) -> Value {
    let Value::Object(map) = value else {
        return value.clone();
    };
    let mut out = Map::new();
    for (key, value) in map {
        let converted = match key.as_str() {
            "$ref" => match value.as_str() {
                Some(reference) => Value::String(moved_ref(reference)),
                None => value.clone(),
            },
            "example" | "default" | "enum" => value.clone(),
            "x-nullable" => {
                out.insert("nullable".into(), value.clone());
                continue;
            }
            "type" if value.as_str() == Some("file") => {
                out.insert("type".into(), json!("string"));
                out.insert("format".into(), json!("binary"));
                continue;
            }
            "discriminator" if value.is_string() => json!({ "propertyName": value }),
            // a map of names to schemas
            "properties" | "definitions" | "patternProperties" => Value::Object(
                object(value)
                    .map(|(name, s)| (name.clone(), schema(s)))
                    .collect(),
            ),
            _ if key.starts_with("x-") => value.clone(),
            _ => match value {
                Value::Array(items) => Value::Array(items.iter().map(schema).collect()),
                Value::Object(_) => schema(value),
                _ => value.clone(),
            },
        };
        out.insert(key.clone(), converted);
    }
    Value::Object(out)
}

/// A non-body parameter's (or an `items`') own schema keywords as a schema.
fn parameter_schema(parameter: &Value) -> Value {
    let mut out = Map::new();
    for key in SCHEMA_KEYWORDS {
        let Some(value) = parameter.get(key) else {
            continue;
        };
        let value = match key {
            "items" => parameter_schema(value),
            _ => value.clone(),
        };
        out.insert(key.into(), value);
    }
    schema(&Value::Object(out))
}

/// How 3.0 says a 2.0 `collectionFormat` in `location` (`query`, `path`, `header`, or `form`
/// for a form body's field): its `style` and `explode`, or none when 3.0 has no such style.
fn style(collection_format: &str, location: &str) -> Option<(&'static str, bool)> {
    match (collection_format, location) {
        ("csv", "query" | "form") => Some(("form", false)),
        ("multi", "query" | "form") => Some(("form", true)),
        ("ssv", "query" | "form") => Some(("spaceDelimited", false)),
        ("pipes", "query" | "form") => Some(("pipeDelimited", false)),
        ("tsv", "query" | "form") => Some((super::parameters::TAB_DELIMITED, false)),
        ("csv", "path" | "header") => Some(("simple", false)),
        _ => None,
    }
}

struct Upgrade<'a> {
    root: &'a Value,
    moved: Vec<(String, String)>,
    notes: Vec<Note>,
}

impl<'a> Upgrade<'a> {
    fn moved(&mut self, new: impl Into<String>, old: impl Into<String>) {
        self.moved.push((new.into(), old.into()));
    }

    fn note(&mut self, kind: &'static str, at: impl Into<String>, message: impl Into<String>) {
        self.notes.push(Note::of_kind(kind, at, message));
    }

    /// The server's URL: the first of `schemes` (https when there are none: 2.0 then means the
    /// scheme the document was served with), `host` and `basePath`. Without a `host` (the host
    /// that served the document), `basePath` alone.
    fn server(&mut self) -> Option<String> {
        let text = |key: &str| {
            self.root
                .get(key)
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        let base_path = text("basePath").unwrap_or("");
        let Some(host) = text("host") else {
            return (!base_path.is_empty()).then(|| base_path.to_string());
        };
        let scheme = self.first_scheme();
        let base_path = match base_path {
            "" | "/" => "",
            path if path.starts_with('/') => path,
            path => return Some(format!("{scheme}://{host}/{path}")),
        };
        Some(format!("{scheme}://{host}{base_path}"))
    }

    /// The first of `schemes`, in lower case; `https` when none is given (the scheme the
    /// document was served with, taken to be https).
    fn first_scheme(&self) -> String {
        self.root
            .get("schemes")
            .and_then(Value::as_array)
            .and_then(|schemes| schemes.first())
            .and_then(Value::as_str)
            .unwrap_or("https")
            .to_ascii_lowercase()
    }

    /// The server of Azure's `x-ms-parameterized-host` (AutoRest): its `hostTemplate` after the
    /// first scheme unless `useSchemePrefix: false`, then the `basePath`; the template's
    /// parameters are the server's variables, with their defaults.
    fn parameterized_host(&self) -> Option<Value> {
        let host = self.root.get("x-ms-parameterized-host")?;
        let template = host.get("hostTemplate")?.as_str()?.trim();
        if template.is_empty() {
            return None;
        }
        let scheme = self.first_scheme();
        let prefix = match host.get("useSchemePrefix") {
            Some(Value::Bool(false)) => String::new(),
            _ => format!("{scheme}://"),
        };
        let base_path = self
            .root
            .get("basePath")
            .and_then(Value::as_str)
            .map(|path| path.trim().trim_end_matches('/'))
            .unwrap_or_default();
        let mut variables = Map::new();
        for parameter in host
            .get("parameters")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let Some(parameter) = self.parameter(parameter) else {
                continue;
            };
            let Some(name) = parameter.get("name").and_then(Value::as_str) else {
                continue;
            };
            // a default, or an `enum` of one value (TypeSpec writes Azure Maps' endpoint so),
            // which AutoRest takes for the default
            let default = parameter.get("default").or_else(|| {
                parameter
                    .get("enum")
                    .and_then(Value::as_array)
                    .filter(|values| values.len() == 1)
                    .and_then(|values| values.first())
            });
            if let Some(default) = default.map(scalar_text) {
                variables.insert(name.into(), json!({ "default": default }));
            }
        }
        let mut server = json!({ "url": format!("{prefix}{template}{base_path}") });
        if !variables.is_empty() {
            server["variables"] = Value::Object(variables);
        }
        Some(server)
    }

    /// A parameter as written, or the one its `$ref` names in the document's `parameters`.
    fn parameter<'v>(&self, value: &'v Value) -> Option<&'v Value>
    where
        'a: 'v,
    {
        let Some(reference) = value.get("$ref").and_then(Value::as_str) else {
            return Some(value);
        };
        let name = reference.strip_prefix("#/parameters/")?;
        let decoded = name.replace("~1", "/").replace("~0", "~");
        self.root.get("parameters")?.get(&decoded)
    }

    fn path_item(
        &mut self,
        item: &Value,
        at: &str,
        consumes: &[String],
        produces: &[String],
    ) -> Value {
        let Value::Object(map) = item else {
            return item.clone();
        };
        let shared = located_parameters(item, at);
        let mut out = Map::new();
        for (key, value) in map {
            match key.as_str() {
                "$ref" => {
                    out.insert(key.clone(), value.clone());
                }
                "parameters" => {
                    // the body ones go to each operation's request body
                    let kept = self.parameters(&shared, &format!("{at}/parameters"));
                    out.insert(key.clone(), Value::Array(kept));
                }
                method if METHODS.contains(&method) && value.is_object() => {
                    let op_at = format!("{at}/{method}");
                    let op = self.operation(value, &op_at, &shared, consumes, produces);
                    out.insert(key.clone(), op);
                }
                _ => {
                    out.insert(key.clone(), value.clone());
                }
            }
        }
        Value::Object(out)
    }

    /// The non-body parameters of `list` as 3.0 parameters, at `at` (`.../parameters`).
    fn parameters(&mut self, list: &[(&Value, String)], at: &str) -> Vec<Value> {
        let mut kept = Vec::new();
        for (parameter, from) in list {
            let resolved = self.parameter(parameter);
            let kind = resolved.and_then(|p| p.get("in")).and_then(Value::as_str);
            if kind.is_some_and(|kind| BODY_KINDS.contains(&kind)) {
                continue;
            }
            self.moved(format!("{at}/{}", kept.len()), from.as_str());
            kept.push(match parameter.get("$ref").and_then(Value::as_str) {
                Some(reference) => json!({ "$ref": moved_ref(reference) }),
                None => self.plain_parameter(parameter, from),
            });
        }
        kept
    }

    /// A query, path, header (or unknown) parameter: its type as a schema, its
    /// `collectionFormat` as style and explode, its `x-example` as its example. `from` is where
    /// the 2.0 document has it.
    fn plain_parameter(&mut self, parameter: &Value, from: &str) -> Value {
        let Value::Object(map) = parameter else {
            return parameter.clone();
        };
        let mut out = Map::new();
        for (key, value) in map {
            if !SCHEMA_KEYWORDS.contains(&key.as_str())
                && key != "collectionFormat"
                && key != "x-example"
                && key != "schema"
            {
                out.insert(key.clone(), value.clone());
            }
        }
        let location = parameter.get("in").and_then(Value::as_str).unwrap_or("");
        match parameter.get("schema") {
            Some(given) => {
                out.insert("schema".into(), schema(given));
            }
            None => {
                out.insert("schema".into(), parameter_schema(parameter));
            }
        }
        if parameter.get("type").and_then(Value::as_str) == Some("array") {
            let format = parameter
                .get("collectionFormat")
                .and_then(Value::as_str)
                .unwrap_or("csv");
            match style(format, location) {
                Some((style, explode)) => {
                    out.insert("style".into(), json!(style));
                    out.insert("explode".into(), json!(explode));
                }
                None => {
                    let written = if location == "query" {
                        "as repeated parameters (`multi`)"
                    } else {
                        "comma-separated (`csv`)"
                    };
                    self.note(
                        "parameter",
                        from,
                        format!(
                            "`collectionFormat: {format}` has no OpenAPI 3 style in a {location} parameter: its values are written {written}"
                        ),
                    )
                }
            }
        }
        if let Some(example) = parameter.get("x-example") {
            out.insert("example".into(), example.clone());
        }
        Value::Object(out)
    }

    fn operation(
        &mut self,
        op: &Value,
        at: &str,
        shared: &[(&Value, String)],
        consumes: &[String],
        produces: &[String],
    ) -> Value {
        let consumes = own_or(op, "consumes", consumes);
        let produces = own_or(op, "produces", produces);
        let own = located_parameters(op, at);
        let mut out = Map::new();
        for (key, value) in object(op) {
            match key.as_str() {
                "consumes" | "produces" | "schemes" => {}
                "parameters" => {
                    let kept = self.parameters(&own, &format!("{at}/parameters"));
                    out.insert(key.clone(), Value::Array(kept));
                }
                "responses" => {
                    let responses = object(value)
                        .map(|(code, response)| {
                            let response_at = format!("{at}/responses/{}", escape(code));
                            let converted = if code.starts_with("x-") {
                                response.clone()
                            } else {
                                self.response(response, &response_at, &produces)
                            };
                            (code.clone(), converted)
                        })
                        .collect();
                    out.insert(key.clone(), Value::Object(responses));
                }
                _ => {
                    out.insert(key.clone(), value.clone());
                }
            }
        }
        // an operation's own body parameters replace the path item's of the same name and kind
        let mut body: Vec<(&Value, String)> = Vec::new();
        for (parameter, from) in own.iter().chain(shared) {
            let Some(resolved) = self.parameter(parameter) else {
                continue;
            };
            let kind = resolved.get("in").and_then(Value::as_str).unwrap_or("");
            if !BODY_KINDS.contains(&kind) {
                continue;
            }
            let name = resolved.get("name");
            let duplicate = body
                .iter()
                .any(|(p, _)| p.get("in") == resolved.get("in") && p.get("name") == name);
            if !duplicate {
                body.push((resolved, from.clone()));
            }
        }
        // a `Content-Type` header parameter with a value (Docker's `/build`: `application/x-tar`)
        // says the body's media type: 2.0 has no rule ignoring it, as 3.0 has
        let given_type = own
            .iter()
            .chain(shared)
            .filter_map(|(parameter, from)| Some((self.parameter(parameter)?, from)))
            .find(|(p, _)| {
                p.get("in").and_then(Value::as_str) == Some("header")
                    && p.get("name")
                        .and_then(Value::as_str)
                        .is_some_and(|name| name.eq_ignore_ascii_case("content-type"))
            })
            .and_then(|(p, from)| {
                let value = p
                    .get("x-example")
                    .or_else(|| p.get("default"))
                    .or_else(|| p.get("enum").and_then(|e| e.get(0)))?
                    .as_str()?
                    .trim();
                (!value.is_empty() && !body.is_empty()).then(|| (value.to_string(), from.clone()))
            });
        let consumes = match given_type {
            Some((media, from)) => {
                // said by the body's media type now: not a header the 3.0 reading would ignore
                if let Some(Value::Array(parameters)) = out.get_mut("parameters") {
                    parameters.retain(|p| {
                        let p = self.parameter(p).unwrap_or(p);
                        !(p.get("in").and_then(Value::as_str) == Some("header")
                            && p.get("name")
                                .and_then(Value::as_str)
                                .is_some_and(|name| name.eq_ignore_ascii_case("content-type")))
                    });
                }
                self.note(
                    "body",
                    from,
                    format!(
                        "the `Content-Type` header parameter gives the body's media type: `{media}`"
                    ),
                );
                vec![media]
            }
            None => consumes,
        };
        if let Some(request_body) = self.request_body(&body, at, &consumes) {
            out.insert("requestBody".into(), request_body);
        }
        Value::Object(out)
    }

    /// The request body the `body` or `formData` parameters describe.
    fn request_body(
        &mut self,
        parameters: &[(&Value, String)],
        at: &str,
        consumes: &[String],
    ) -> Option<Value> {
        let body_at = format!("{at}/requestBody");
        if let Some((parameter, from)) = parameters
            .iter()
            .find(|(p, _)| p.get("in").and_then(Value::as_str) == Some("body"))
        {
            if parameters.len() > 1 {
                self.note(
                    "body",
                    from.clone(),
                    "an operation has one body: the `body` parameter is the request body, other `body` and `formData` parameters are left out",
                );
            }
            let media_types = if consumes.is_empty() {
                vec!["application/json".to_string()]
            } else {
                consumes.to_vec()
            };
            let examples = parameter.get("x-examples");
            let mut content = Map::new();
            for media in &media_types {
                let mut entry = Map::new();
                if let Some(given) = parameter.get("schema") {
                    entry.insert("schema".into(), schema(given));
                }
                if let Some(example) = examples.and_then(|e| e.get(media)) {
                    entry.insert("example".into(), example.clone());
                }
                let media_at = format!("{body_at}/content/{}", escape(media));
                self.moved(&media_at, from.as_str());
                self.moved(format!("{media_at}/schema"), format!("{from}/schema"));
                self.moved(
                    format!("{media_at}/example"),
                    format!("{from}/x-examples/{}", escape(media)),
                );
                content.insert(media.clone(), Value::Object(entry));
            }
            self.moved(&body_at, from.as_str());
            let mut out = Map::new();
            for key in ["description", "required"] {
                if let Some(value) = parameter.get(key) {
                    out.insert(key.into(), value.clone());
                }
            }
            out.insert("content".into(), Value::Object(content));
            return Some(Value::Object(out));
        }
        let (_, first) = parameters.first()?;
        self.moved(&body_at, first.as_str());
        let any_file = parameters
            .iter()
            .any(|(p, _)| p.get("type").and_then(Value::as_str) == Some("file"));
        let media = consumes
            .iter()
            .find(|m| {
                let m = m.to_ascii_lowercase();
                m.starts_with("multipart/form-data")
                    || (!any_file && m.starts_with("application/x-www-form-urlencoded"))
            })
            .cloned()
            .unwrap_or_else(|| {
                if any_file {
                    "multipart/form-data".into()
                } else {
                    "application/x-www-form-urlencoded".into()
                }
            });
        // Swagger 2.0 allows `formData` only with a form's media types: another `consumes`
        // (`application/json`) is the document's slip, and the form is what it describes
        if !consumes.is_empty() && !consumes.contains(&media) {
            self.note(
                "body",
                first.clone(),
                format!(
                    "`formData` parameters are sent as a form, `{media}`, though the operation consumes {} (Swagger 2.0 allows them only with `application/x-www-form-urlencoded` or `multipart/form-data`)",
                    consumes
                        .iter()
                        .map(|c| format!("`{c}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
        let media_at = format!("{body_at}/content/{}", escape(&media));
        self.moved(&media_at, first.as_str());
        let location = if media.to_ascii_lowercase().starts_with("multipart/") {
            "multipart"
        } else {
            "form"
        };
        let mut properties = Map::new();
        let mut required = Vec::new();
        let mut encoding = Map::new();
        for (parameter, from) in parameters {
            let Some(name) = parameter.get("name").and_then(Value::as_str) else {
                continue;
            };
            let property_at = format!("{media_at}/schema/properties/{}", escape(name));
            self.moved(&property_at, from.as_str());
            self.moved(
                format!("{media_at}/encoding/{}", escape(name)),
                from.as_str(),
            );
            let mut property = parameter_schema(parameter);
            if let Value::Object(map) = &mut property {
                for (from_key, to_key) in [("description", "description"), ("x-example", "example")]
                {
                    if let Some(value) = parameter.get(from_key) {
                        map.insert(to_key.into(), value.clone());
                    }
                }
            }
            properties.insert(name.to_string(), property);
            if parameter.get("required").and_then(Value::as_bool) == Some(true) {
                required.push(json!(name));
            }
            if parameter.get("type").and_then(Value::as_str) == Some("array") {
                let format = parameter
                    .get("collectionFormat")
                    .and_then(Value::as_str)
                    .unwrap_or("csv");
                match style(format, "form") {
                    Some((style, explode)) if location == "form" => {
                        encoding.insert(
                            name.to_string(),
                            json!({ "style": style, "explode": explode }),
                        );
                    }
                    // multipart: `multi` is a part per value, any other format one part
                    // holding the values joined, as a form field would
                    Some((_, true)) => {}
                    Some((style, false)) => {
                        let delimiter = super::parameters::delimiter_of(style);
                        encoding.insert(
                            name.to_string(),
                            json!({ (super::body::JOINED_WITH): delimiter }),
                        );
                    }
                    None => self.note(
                        "parameter",
                        from.clone(),
                        format!(
                            "`collectionFormat: {format}` has no OpenAPI 3 style: the values are sent as repeated fields"
                        ),
                    ),
                }
            }
        }
        let mut schema = Map::new();
        schema.insert("type".into(), json!("object"));
        schema.insert("properties".into(), Value::Object(properties));
        if !required.is_empty() {
            schema.insert("required".into(), Value::Array(required));
        }
        let mut entry = Map::new();
        entry.insert("schema".into(), Value::Object(schema));
        if !encoding.is_empty() {
            entry.insert("encoding".into(), Value::Object(encoding));
        }
        let required = parameters
            .iter()
            .any(|(p, _)| p.get("required").and_then(Value::as_bool) == Some(true));
        Some(json!({
            "required": required,
            "content": { media: Value::Object(entry) },
        }))
    }

    /// A response: its schema in each media type `produces` names (JSON when it names none),
    /// its `examples` as those media types' examples, its headers' types as schemas.
    fn response(&mut self, response: &Value, at: &str, produces: &[String]) -> Value {
        let Value::Object(map) = response else {
            return response.clone();
        };
        if let Some(reference) = map.get("$ref").and_then(Value::as_str) {
            return json!({ "$ref": moved_ref(reference) });
        }
        let mut out = Map::new();
        for (key, value) in map {
            match key.as_str() {
                "schema" | "examples" => {}
                "headers" => {
                    let headers = object(value)
                        .map(|(name, header)| {
                            let mut converted = Map::new();
                            if let Some(description) = header.get("description") {
                                converted.insert("description".into(), description.clone());
                            }
                            converted.insert("schema".into(), parameter_schema(header));
                            (name.clone(), Value::Object(converted))
                        })
                        .collect();
                    out.insert(key.clone(), Value::Object(headers));
                }
                _ => {
                    out.insert(key.clone(), value.clone());
                }
            }
        }
        let given = map.get("schema");
        let examples: Vec<(&String, &Value)> = map
            .get("examples")
            .map(|e| object(e).collect())
            .unwrap_or_default();
        let mut media_types: Vec<String> = if given.is_some() {
            if produces.is_empty() {
                vec!["application/json".to_string()]
            } else {
                produces.to_vec()
            }
        } else {
            Vec::new()
        };
        // an example goes with the media type it names, parameters aside
        // (`application/json` with `application/json; charset=utf-8`)
        let same = |a: &str, b: &str| media_type(a) == media_type(b);
        for (media, _) in &examples {
            if !media_types.iter().any(|m| same(m, media)) {
                media_types.push((*media).clone());
            }
        }
        if media_types.is_empty() {
            return Value::Object(out);
        }
        let mut content = Map::new();
        for media in media_types {
            let media_at = format!("{at}/content/{}", escape(&media));
            let mut entry = Map::new();
            if let Some(given) = given {
                entry.insert("schema".into(), schema(given));
                self.moved(format!("{media_at}/schema"), format!("{at}/schema"));
            }
            if let Some((named, example)) = examples.iter().find(|(m, _)| same(m, &media)) {
                entry.insert("example".into(), (*example).clone());
                self.moved(
                    format!("{media_at}/example"),
                    format!("{at}/examples/{}", escape(named)),
                );
            }
            content.insert(media, Value::Object(entry));
        }
        out.insert("content".into(), Value::Object(content));
        Value::Object(out)
    }

    /// `definitions`, the non-body `parameters`, `responses` and `securityDefinitions`, under
    /// the names 3.0 gives them.
    fn components(&mut self, produces: &[String]) -> Map<String, Value> {
        let root = self.root;
        let mut components = Map::new();
        if let Some(definitions) = root.get("definitions").filter(|d| d.is_object()) {
            let schemas = object(definitions)
                .map(|(name, s)| (name.clone(), schema(s)))
                .collect();
            components.insert("schemas".into(), Value::Object(schemas));
            self.moved("/components/schemas", "/definitions");
        }
        if let Some(parameters) = root.get("parameters").filter(|d| d.is_object()) {
            let mut kept = Map::new();
            for (name, parameter) in object(parameters) {
                let kind = parameter.get("in").and_then(Value::as_str).unwrap_or("");
                if BODY_KINDS.contains(&kind) {
                    continue;
                }
                let from = format!("/parameters/{}", escape(name));
                kept.insert(name.clone(), self.plain_parameter(parameter, &from));
            }
            components.insert("parameters".into(), Value::Object(kept));
            self.moved("/components/parameters", "/parameters");
        }
        if let Some(responses) = root.get("responses").filter(|d| d.is_object()) {
            let mut converted = Map::new();
            for (name, response) in object(responses) {
                let at = format!("/components/responses/{}", escape(name));
                let response = self.response(response, &at, produces);
                converted.insert(name.clone(), response);
            }
            components.insert("responses".into(), Value::Object(converted));
            self.moved("/components/responses", "/responses");
        }
        if let Some(schemes) = root.get("securityDefinitions").filter(|d| d.is_object()) {
            let converted = object(schemes)
                .map(|(name, scheme)| (name.clone(), security_scheme(scheme)))
                .collect();
            components.insert("securitySchemes".into(), Value::Object(converted));
            self.moved("/components/securitySchemes", "/securityDefinitions");
        }
        components
    }
}

/// The `parameters` of a path item or an operation at `at`, each with its own pointer.
fn located_parameters<'v>(holder: &'v Value, at: &str) -> Vec<(&'v Value, String)> {
    holder
        .get("parameters")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(index, p)| (p, format!("{at}/parameters/{index}")))
        .collect()
}

/// A 2.0 security scheme as 3.0's: `basic` as HTTP basic, OAuth 2's one `flow` as `flows`.
fn security_scheme(scheme: &Value) -> Value {
    let Value::Object(map) = scheme else {
        return scheme.clone();
    };
    let kind = map.get("type").and_then(Value::as_str).unwrap_or("");
    let mut out = Map::new();
    match kind {
        "basic" => {
            out.insert("type".into(), json!("http"));
            out.insert("scheme".into(), json!("basic"));
        }
        "oauth2" => {
            out.insert("type".into(), json!("oauth2"));
            let flow = match map.get("flow").and_then(Value::as_str).unwrap_or("") {
                "implicit" => "implicit",
                "password" => "password",
                "application" => "clientCredentials",
                "accessCode" => "authorizationCode",
                other => other,
            };
            let mut settings = Map::new();
            for key in ["authorizationUrl", "tokenUrl", "scopes"] {
                if let Some(value) = map.get(key) {
                    settings.insert(key.into(), value.clone());
                }
            }
            out.insert("flows".into(), json!({ flow: Value::Object(settings) }));
        }
        _ => {}
    }
    for (key, value) in map {
        let taken = match kind {
            "basic" => key == "type",
            "oauth2" => {
                ["type", "flow", "authorizationUrl", "tokenUrl", "scopes"].contains(&key.as_str())
            }
            _ => false,
        };
        if !taken {
            out.insert(key.clone(), value.clone());
        }
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Import;
    use crate::import::openapi::test_support::*;
    use crate::spec::AuthSpec;

    const HEAD: &str = "swagger: '2.0'\ninfo: {title: t, version: '1'}\n";

    fn swagger(rest: &str) -> Import {
        read(&format!("{HEAD}{rest}"))
    }

    #[test]
    fn the_server_is_host_base_path_and_the_first_scheme() {
        let base_url = |rest: &str| {
            swagger(&format!("{rest}\npaths: {{}}"))
                .variables
                .get("baseUrl")
                .cloned()
        };
        assert_eq!(
            base_url("host: api.example.com:8443\nbasePath: /v1\nschemes: [http, https]"),
            Some("http://api.example.com:8443/v1".into())
        );
        // no schemes: the scheme the document was served with, taken to be https
        assert_eq!(
            base_url("host: api.example.com\nbasePath: /"),
            Some("https://api.example.com".into())
        );
        // no host: the host that served the document, for the writer to set
        let import = swagger("basePath: /hub/api\npaths: {}");
        assert!(import.variables.is_empty());
        note(&import, "/basePath", "`baseUrl` is `/hub/api`");
        note(&import, "/swagger", "read as the OpenAPI 3.0 document");
        assert!(swagger("paths: {}").variables.is_empty());
    }

    // Azure's data-plane documents (Storage's queues): operations in `x-ms-paths`, told apart
    // by a query their parameters send, on a host a template with parameters gives
    #[test]
    fn azures_x_ms_paths_and_parameterized_host_are_read_as_autorest_reads_them() {
        let import = swagger(
            r#"host: localhost
schemes: [https]
x-ms-parameterized-host:
  hostTemplate: "{accountName}.{dnsSuffix}"
  parameters:
    - {name: accountName, in: path, required: true, type: string}
    - $ref: '#/parameters/DnsSuffix'
parameters:
  DnsSuffix: {name: dnsSuffix, in: path, required: true, type: string, default: queue.core.windows.net}
paths:
  /{queueName}:
    put:
      parameters: [{name: queueName, in: path, required: true, type: string}]
x-ms-paths:
  /?comp=list:
    get:
      parameters: [{name: comp, in: query, required: true, type: string, enum: [list]}]
"#,
        );
        let urls: Vec<(&str, &str)> = import
            .items
            .iter()
            .map(|i| (i.spec.request.method.as_str(), i.spec.request.url.as_str()))
            .collect();
        assert_eq!(
            urls,
            [
                ("PUT", "{{baseUrl}}/{{queueName}}"),
                ("GET", "{{baseUrl}}/")
            ]
        );
        assert_eq!(
            pairs(&import.items[1].spec.request.query),
            [pair("comp", "list")]
        );
        note(
            &import,
            "/x-ms-paths/~1?comp=list",
            "an `x-ms-paths` key's `?…` part only tells apart operations",
        );
        note(
            &import,
            "/x-ms-parameterized-host",
            "`baseUrl` is `https://{accountName}.queue.core.windows.net`",
        );
        // without the scheme prefix, the template is the whole base (`{url}`)
        let whole = swagger(
            "x-ms-parameterized-host:\n  hostTemplate: '{url}'\n  useSchemePrefix: false\n  parameters: [{name: url, in: path, required: true, type: string}]\npaths: {}\nx-ms-paths:\n  /?comp=list:\n    get: {}\n",
        );
        assert_eq!(whole.items[0].spec.request.url, "{{baseUrl}}/");
        note(&whole, "/x-ms-parameterized-host", "`baseUrl` is `{url}`");
        // an endpoint whose `enum` holds one value (TypeSpec's, Azure Maps') is that value
        let maps = swagger(
            "x-ms-parameterized-host:\n  hostTemplate: '{endpoint}'\n  useSchemePrefix: false\n  parameters: [{name: endpoint, in: path, required: true, type: string, enum: ['https://atlas.microsoft.com']}]\npaths:\n  /timezone: {get: {}}\n",
        );
        note(
            &maps,
            "/x-ms-parameterized-host",
            "`baseUrl` is `https://atlas.microsoft.com`",
        );
    }

    #[test]
    fn parameters_take_their_type_and_collection_format() {
        let import = swagger(
            r#"host: api.example.com
paths:
  /pets/{id}:
    parameters:
      - {name: id, in: path, required: true, type: integer, x-example: 7}
      - {name: shared, in: query, type: string, default: path-level}
    get:
      parameters:
        - {name: tags, in: query, type: array, items: {type: string}, x-example: [a, b]}
        - {name: status, in: query, type: array, collectionFormat: multi, items: {type: string, enum: [sold, new]}, x-example: [sold, new]}
        - {name: words, in: query, type: array, collectionFormat: ssv, items: {type: string}, x-example: [x, y]}
        - {name: pipes, in: query, type: array, collectionFormat: pipes, items: {type: string}, x-example: [x, y]}
        - {name: tabs, in: query, type: array, collectionFormat: tsv, items: {type: string}, x-example: [x, y]}
        - {name: limit, in: query, type: integer, default: 10}
        - {name: X-Trace, in: header, type: array, items: {type: string}, x-example: [p, q]}
        - $ref: '#/parameters/Page'
parameters:
  Page: {name: page, in: query, type: integer, minimum: 1, default: 1}
"#,
        );
        let spec = only(&import);
        assert_eq!(spec.request.url, "{{baseUrl}}/pets/{{id}}");
        assert_eq!(
            pairs(&spec.request.query),
            [
                pair("shared", "path-level"),
                pair("tags", "a,b"),
                pair("status", "sold"),
                pair("status", "new"),
                pair("words", "x%20y"),
                pair("pipes", "x|y"),
                pair("tabs", "x%09y"),
                pair("limit", "10"),
                pair("page", "1"),
            ]
        );
        assert_eq!(pairs(&spec.request.headers), [pair("X-Trace", "p,q")]);
        assert!(
            import.notes.iter().all(|n| n.kind != "parameter"),
            "{:?}",
            import.notes
        );
    }

    // Docker's `POST /build`: the archive's type is a header parameter's, not `consumes`'
    #[test]
    fn a_content_type_header_parameter_gives_the_body_its_media_type() {
        let import = swagger(
            r#"host: docker.local
consumes: [application/octet-stream]
paths:
  /build:
    post:
      parameters:
        - {name: inputStream, in: body, schema: {type: string, format: binary}}
        - {name: Content-type, in: header, type: string, enum: [application/x-tar], default: application/x-tar}
      responses: {'200': {description: ok}}
"#,
        );
        let build = &import.items[0].spec;
        assert_eq!(
            crate::import::test_support::pairs(&build.request.headers),
            [crate::import::test_support::pair(
                "Content-Type",
                "application/x-tar"
            )]
        );
        assert!(build.request.body.as_ref().unwrap().file().is_some());
        assert!(
            import
                .notes
                .iter()
                .any(|n| n.at == "/paths/~1build/post/parameters/1"
                    && n.message.contains("gives the body's media type")),
            "{:?}",
            import.notes
        );
        // and it is not also called a header OpenAPI ignores
        assert!(
            !import
                .notes
                .iter()
                .any(|n| n.message.contains("OpenAPI ignores")),
            "{:?}",
            import.notes
        );
    }

    // GitHub's 2.0 document has an `Accept` header parameter on each operation: 2.0 has no rule
    // ignoring it, as 3.0 has, so it is a header like any other
    #[test]
    fn swagger_2_header_parameters_named_as_3_0_ignores_are_ordinary_headers() {
        let import = swagger(
            r#"host: api.example.com
consumes: [application/json]
securityDefinitions: {key: {type: basic}}
paths:
  /emojis:
    get:
      parameters:
        - {name: Accept, in: header, type: string, required: true, x-example: application/vnd.github.v3+json}
        - {name: Content-Type, in: header, type: string, required: true, x-example: text/plain}
      responses: {'200': {description: ok}}
  /markdown:
    post:
      security: [{key: []}]
      parameters:
        - {name: body, in: body, schema: {type: object, properties: {text: {type: string, example: hi}}}}
        - {name: Content-Type, in: header, type: string, required: true}
        - {name: Authorization, in: header, type: string, required: true}
      responses: {'200': {description: ok}}
"#,
        );
        use crate::import::test_support::{pair, pairs};
        let emojis = &import.items[0].spec;
        // without a body, nothing else sends `Content-Type`
        assert_eq!(
            pairs(&emojis.request.headers),
            [
                pair("Accept", "application/vnd.github.v3+json"),
                pair("Content-Type", "text/plain")
            ]
        );
        let markdown = &import.items[1].spec;
        assert_eq!(
            pairs(&markdown.request.headers),
            [pair("Content-Type", "application/json")]
        );
        let said = |at: &str, words: &str| {
            import
                .notes
                .iter()
                .any(|n| n.at == at && n.message.contains(words))
        };
        assert!(
            said(
                "/paths/~1markdown/post/parameters/1",
                "the body's media type (`consumes`) sends the `Content-Type` header"
            ),
            "{:?}",
            import.notes
        );
        assert!(
            said(
                "/paths/~1markdown/post/parameters/2",
                "the operation's security scheme sends the `Authorization` header"
            ),
            "{:?}",
            import.notes
        );
        assert!(
            !import
                .notes
                .iter()
                .any(|n| n.message.contains("OpenAPI ignores")),
            "{:?}",
            import.notes
        );
    }

    #[test]
    fn a_body_parameter_is_the_request_body_in_what_the_operation_consumes() {
        let import = swagger(
            r#"host: api.example.com
consumes: [application/xml, application/json]
securityDefinitions:
  basic: {type: basic}
security: [{basic: []}]
paths:
  /pets:
    post:
      operationId: addPet
      parameters:
        - {name: pet, in: body, required: true, schema: {$ref: '#/definitions/Pet'}}
      produces: ['application/json; charset=utf-8']
      responses:
        '201':
          description: created
          schema: {$ref: '#/definitions/Pet'}
          examples:
            application/json: {id: 1, name: Rex}
    get:
      operationId: badBody
      parameters:
        - {name: pet, in: body, schema: {$ref: '#/definitions/Missing'}}
      responses:
        '200': {$ref: '#/responses/Error'}
responses:
  Error:
    description: error
    schema: {type: object, properties: {message: {type: string, example: oops}}}
definitions:
  Pet:
    type: object
    required: [name]
    discriminator: kind
    properties:
      id: {type: integer, x-nullable: true, readOnly: true}
      name: {type: string, example: Rex}
"#,
        );
        let add = &import.items[0].spec;
        assert_eq!(
            pairs(&add.request.headers),
            [pair("Content-Type", "application/json")]
        );
        assert_eq!(
            add.request.body.as_ref().unwrap().raw(),
            Some("{\n    \"name\": \"Rex\"\n}")
        );
        assert!(matches!(add.request.auth, Some(AuthSpec::Basic(_))));
        let response = add.response.as_ref().unwrap();
        assert_eq!(response.status, "201");
        assert_eq!(
            response.body.as_deref(),
            Some("{\n    \"id\": 1,\n    \"name\": \"Rex\"\n}")
        );
        // places in the 3.0 reading are named as the 2.0 document has them
        note(
            &import,
            "/paths/~1pets/get/parameters/0",
            "samplegen sends no optional body with `GET`",
        );
        let error = import.items[1].spec.response.as_ref().unwrap();
        assert_eq!(
            error.body.as_deref(),
            Some("{\n    \"message\": \"oops\"\n}")
        );
    }

    #[test]
    fn form_data_parameters_are_a_form_or_multipart_body() {
        let import = swagger(
            r#"host: api.example.com
paths:
  /form:
    post:
      parameters:
        - {name: name, in: formData, type: string, required: true, x-example: Rex}
        - {name: tags, in: formData, type: array, items: {type: string}, required: true, x-example: [a, b]}
        - {name: each, in: formData, type: array, collectionFormat: multi, items: {type: string}, required: true, x-example: [a, b]}
        - {name: note, in: formData, type: string}
        - {name: words, in: formData, type: array, collectionFormat: tsv, items: {type: string}, required: true, x-example: [a, b]}
  /upload:
    post:
      consumes: [multipart/form-data]
      parameters:
        - {name: file, in: formData, type: file, required: true}
        - {name: caption, in: formData, type: string, required: true, x-example: hi}
        - {name: tags, in: formData, type: array, items: {type: string}, required: true, x-example: [a, b]}
        - {name: words, in: formData, type: array, collectionFormat: tsv, items: {type: string}, required: true, x-example: [a, b]}
        - {name: each, in: formData, type: array, collectionFormat: multi, items: {type: string}, required: true, x-example: [a, b]}
  /empty:
    post:
      parameters:
        - {name: note, in: formData, type: string}
"#,
        );
        let form = &import.items[0].spec.request;
        assert_eq!(
            pairs(&form.headers),
            [pair("Content-Type", "application/x-www-form-urlencoded")]
        );
        assert_eq!(
            pairs(form.body.as_ref().unwrap().urlencoded().unwrap()),
            [
                pair("name", "Rex"),
                pair("tags", "a,b"),
                pair("each", "a"),
                pair("each", "b"),
                pair("words", "a\tb"),
                pair("note", "string"),
            ]
        );
        assert!(
            !import
                .notes
                .iter()
                .any(|n| n.message.contains("x-samplegen"))
        );
        let upload = &import.items[1].spec.request;
        let parts = upload.body.as_ref().unwrap().formdata().unwrap();
        // a list is one part of its values joined, but for `multi`, a part each
        assert_eq!(
            crate::yaml::to_string(parts),
            "- file:\n    file: /path/to/file\n- caption: hi\n- tags: a,b\n- words: \"a\\tb\"\n- each: a\n- each: b\n"
        );
        assert!(import.items[2].spec.request.body.is_some());
    }

    #[test]
    fn an_operation_overrides_the_path_items_body_and_formdata_needs_no_consumes() {
        let import = read_minimal(&format!(
            "{HEAD}{}",
            r#"host: api.example.com
paths:
  /a:
    parameters:
      - {name: body, in: body, schema: {type: object, required: [from], properties: {from: {type: string, example: path}}}}
    put:
      parameters:
        - {name: body, in: body, schema: {type: object, required: [from], properties: {from: {type: string, example: operation}}}}
    post: {}
  /b:
    post:
      parameters:
        - {name: note, in: formData, type: string}
"#
        ));
        assert_eq!(
            import.items[0].spec.request.body.as_ref().unwrap().raw(),
            Some("{\n    \"from\": \"operation\"\n}")
        );
        assert_eq!(
            import.items[1].spec.request.body.as_ref().unwrap().raw(),
            Some("{\n    \"from\": \"path\"\n}")
        );
        // the form's only field is optional: no body, noted at the field's parameter
        assert!(import.items[2].spec.request.body.is_none());
        note(
            &import,
            "/paths/~1b/post/parameters/0",
            "the form has no required fields",
        );
        // a form under `consumes: [application/json]`: sent as the form it is, noted
        let import = read_minimal(&format!(
            "{HEAD}{}",
            r#"host: api.example.com
consumes: [application/json]
paths:
  /c:
    post:
      parameters:
        - {name: note, in: formData, type: string, required: true, x-example: hi}
"#
        ));
        assert!(matches!(
            &import.items[0].spec.request.body,
            Some(crate::spec::BodySpec::Urlencoded(fields)) if fields[0]["note"].as_deref() == Some("hi")
        ));
        note(
            &import,
            "/paths/~1c/post/parameters/0",
            "sent as a form, `application/x-www-form-urlencoded`, though the operation consumes `application/json`",
        );
    }

    #[test]
    fn schemas_are_read_as_3_0_schemas() {
        let two = json!({
            "type": "object",
            "discriminator": "kind",
            "properties": {
                "pet": {"$ref": "#/definitions/Pet"},
                "photo": {"type": "file"},
                "owner": {"type": "string", "x-nullable": true},
                "list": {"type": "array", "items": {"$ref": "#/definitions/Pet"}},
                "either": {"allOf": [{"$ref": "#/definitions/Pet"}]},
            },
            "example": {"$ref": "#/definitions/NotAReference"},
            "x-vendor": {"$ref": "#/definitions/Kept"},
        });
        assert_eq!(
            schema(&two),
            json!({
                "type": "object",
                "discriminator": {"propertyName": "kind"},
                "properties": {
                    "pet": {"$ref": "#/components/schemas/Pet"},
                    "photo": {"type": "string", "format": "binary"},
                    "owner": {"type": "string", "nullable": true},
                    "list": {"type": "array", "items": {"$ref": "#/components/schemas/Pet"}},
                    "either": {"allOf": [{"$ref": "#/components/schemas/Pet"}]},
                },
                "example": {"$ref": "#/definitions/NotAReference"},
                "x-vendor": {"$ref": "#/definitions/Kept"},
            })
        );
    }

    #[test]
    fn security_definitions_become_security_schemes() {
        assert_eq!(
            security_scheme(&json!({"type": "basic", "description": "d"})),
            json!({"type": "http", "scheme": "basic", "description": "d"})
        );
        assert_eq!(
            security_scheme(&json!({"type": "apiKey", "name": "key", "in": "query"})),
            json!({"type": "apiKey", "name": "key", "in": "query"})
        );
        assert_eq!(
            security_scheme(
                &json!({"type": "oauth2", "flow": "application", "tokenUrl": "https://t", "scopes": {}})
            ),
            json!({"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "https://t", "scopes": {}}}})
        );
        assert_eq!(
            security_scheme(
                &json!({"type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://a", "tokenUrl": "https://t"})
            ),
            json!({"type": "oauth2", "flows": {"authorizationCode": {"authorizationUrl": "https://a", "tokenUrl": "https://t"}}})
        );
    }

    #[test]
    fn a_place_maps_back_by_its_longest_moved_prefix_at_a_segment_boundary() {
        let upgraded = Upgraded {
            document: Value::Null,
            moved: vec![
                (
                    "/paths/~1a/get/parameters/1".into(),
                    "/paths/~1a/get/parameters/3".into(),
                ),
                (
                    "/paths/~1a/get/requestBody".into(),
                    "/paths/~1a/get/parameters/0".into(),
                ),
                (
                    "/paths/~1a/get/requestBody/content/application~1json/schema".into(),
                    "/paths/~1a/get/parameters/0/schema".into(),
                ),
            ],
            notes: Vec::new(),
        };
        for (at, original) in [
            ("/paths/~1a/get/parameters/1", "/paths/~1a/get/parameters/3"),
            (
                "/paths/~1a/get/parameters/10",
                "/paths/~1a/get/parameters/10",
            ),
            (
                "/paths/~1a/get/parameters/1/schema",
                "/paths/~1a/get/parameters/3/schema",
            ),
            ("/paths/~1a/get/requestBody", "/paths/~1a/get/parameters/0"),
            (
                "/paths/~1a/get/requestBody/content/application~1json/schema/properties/x",
                "/paths/~1a/get/parameters/0/schema/properties/x",
            ),
            ("/info", "/info"),
        ] {
            assert_eq!(upgraded.original(at), original, "{at}");
        }
    }

    #[test]
    fn other_swagger_versions_are_refused() {
        let error = crate::import::openapi::import("swagger: '1.2'\napis: []", Default::default())
            .unwrap_err();
        assert!(error.contains("`swagger: 1.2` is not supported"), "{error}");
    }
}
