//! The request body: JSON, a form, multipart parts, text or a file, by the media type chosen.

use indexmap::IndexMap;
use serde_json::Value;

use super::Importer;
use super::document::{escape, scalar_text};
use super::media::{
    broken_json_text, choose_media, is_binary, is_encoded_as_text, is_json, json_text,
};
use super::parameters::{TAB_DELIMITED, form_fields, header_value_problem};
use super::schema::{Direction, is_any_value, own_value};
use crate::http::media_type;
use crate::import::shared::name_value;
use crate::model::FORM_URLENCODED;

/// An internal key of a multipart part's Encoding Object: the text its list's values are joined
/// with into one part, as a Swagger 2.0 `collectionFormat` other than `multi` sends a list.
pub(super) const JOINED_WITH: &str = "x-samplegen-joinedWith";
use crate::spec::{BodySpec, FileSpec, NameValueSpec, PartDetailSpec, PartSpec};

impl<'a> Importer<'a> {
    /// The request body, adding the `Content-Type` header it needs.
    pub(super) fn request_body(
        &mut self,
        op: &'a Value,
        op_at: &str,
        method: &str,
        headers: &mut Vec<NameValueSpec>,
    ) -> Option<BodySpec> {
        let body = op.get("requestBody")?;
        let at = format!("{op_at}/requestBody");
        // refused whatever it holds, so not resolved: its notes would be for nothing
        if let Some(why) = crate::model::body_refused_by_method(method) {
            self.note("body", at, format!("the request body is dropped: {why}"));
            return None;
        }
        let (body, body_at) = self.resolve(body, &at)?;
        // A `GET` body the API does not require is left out: the request is whole without it,
        // and the Java, jQuery and Swift samples (OkHttp, browsers, URLSession) could not send it.
        if method == "GET" && body.get("required").and_then(Value::as_bool) != Some(true) {
            self.note(
                "body",
                at,
                "samplegen sends no optional body with `GET` (OkHttp, browsers and URLSession cannot): the request body is left out; mark it `required: true` to keep it",
            );
            return None;
        }
        let Some(content) = body
            .get("content")
            .and_then(Value::as_object)
            .filter(|c| !c.is_empty())
        else {
            self.note(
                "body",
                body_at,
                "the request body has no `content`: no body",
            );
            return None;
        };
        let (key, media) = choose_media(content)?;
        if content.len() > 1 {
            self.note_once(
                "body",
                format!("{body_at}/content"),
                "a request body offered in several media types is sent in one of them: JSON, else a form, else the first listed; the others are left out".to_string(),
            );
        }
        let required = body.get("required").and_then(Value::as_bool) == Some(true);
        let key = key.trim();
        let media_at = format!("{body_at}/content/{}", escape(key));
        let media_name = media_type(key);
        if header_value_problem(key).is_some() || key.is_empty() {
            self.note(
                "body",
                media_at,
                format!("`{key}` cannot be a `Content-Type`: no body"),
            );
            return None;
        }
        // `*/*` (Kubernetes' every body) or `application/*` with an object or a list: JSON
        let any_media = media_name.contains('*') && self.structured(media, &media_at);
        if is_json(&media_name) || any_media {
            let Some(example) = self.media_example(media, &media_at, Direction::Request) else {
                // a schema that allows any value (Kubernetes' `Patch`, `{}`): the body is the
                // reader's own document, as a part of such a schema is a file
                if let Some(schema) = media.get("schema")
                    && self.allows_any_value(schema)
                {
                    let path = "/path/to/body.json";
                    self.note(
                        "body",
                        media_at,
                        format!(
                            "the body's schema allows any value and gives no example: sent from the file `{path}`, the reader's own document"
                        ),
                    );
                    headers.push(name_value("Content-Type", key));
                    return Some(BodySpec::File(FileSpec::Path(path.into())));
                }
                self.note(
                    "body",
                    media_at,
                    "no example and no schema to build one from: no body",
                );
                return None;
            };
            if any_media {
                self.note_once(
                    "body",
                    &media_at,
                    format!(
                        "`{key}` takes any media type, and the body is an object or a list: it is sent as JSON (`Content-Type: application/json`)"
                    ),
                );
                headers.push(name_value("Content-Type", "application/json"));
            } else {
                headers.push(name_value("Content-Type", key));
            }
            if let Some(why) = broken_json_text(&example) {
                self.note(
                    "body",
                    &media_at,
                    format!(
                        "the example is written as JSON but is none ({why}): it is sent as written"
                    ),
                );
            }
            return Some(BodySpec::Raw(json_text(&example)));
        }
        if media_name == FORM_URLENCODED {
            let Some(Value::Object(example)) = self.form_example(media, &media_at, required) else {
                self.note(
                    "body",
                    media_at,
                    "no example object and no object schema to build the form fields from: no body",
                );
                return None;
            };
            let mut fields = Vec::new();
            let encoding = media.get("encoding");
            for (name, value) in &example {
                let name = name.as_str();
                let encoding = encoding.and_then(|e| e.get(name));
                let field_at = format!("{media_at}/encoding/{}", escape(name));
                let mut written = self.form_property(name, value, encoding, &field_at);
                if written.is_empty()
                    && let Some(every) = self.every_field_of(media, &media_at, name, value)
                {
                    written = self.form_property(name, &every, encoding, &field_at);
                }
                for (field, value) in written {
                    fields.push(name_value(&field, value));
                }
            }
            if fields.is_empty() {
                self.note_no_fields(&media_at, "form", "fields");
                return None;
            }
            headers.push(name_value("Content-Type", key));
            return Some(BodySpec::Urlencoded(fields));
        }
        if media_name == "multipart/form-data" {
            return self.multipart(media, &media_at, required);
        }
        // any other media type: its example as text, or a file for bytes
        // (a body that may be null, `anyOf: [{format: binary}, {type: "null"}]`, is its one choice)
        let schema = match media.get("schema") {
            Some(schema) => {
                let (resolved, _) = self.resolve(schema, &format!("{media_at}/schema"))?;
                Some(self.without_null(resolved))
            }
            None => None,
        };
        let xml = crate::http::media::is_xml(&media_name);
        let explicit = self.explicit_example(media, &media_at);
        if let Some(example @ (Value::Object(_) | Value::Array(_))) = &explicit
            && let Some(text) = self.object_text(example, media, &media_name)
        {
            headers.push(name_value("Content-Type", key));
            return Some(BodySpec::Raw(text));
        }
        match explicit {
            Some(Value::Object(_) | Value::Array(_)) => {
                // Text whose schema says what it holds (GitHub's `/markdown/raw`, a string with
                // `{text: …}` as its example): the value the schema gives, as with no example.
                let built = if schema.is_some_and(|schema| !is_binary(schema))
                    && is_text(&media_name)
                {
                    self.schema_example(media, &media_at, Direction::Request)
                        .filter(|value| !value.is_object() && !value.is_array() && !value.is_null())
                } else {
                    None
                };
                let outcome = if built.is_some() {
                    "the body is the value its schema gives"
                } else {
                    "no body"
                };
                self.note(
                    "body",
                    media_at,
                    format!(
                        "an example given as an object cannot be written as `{key}`: {outcome}"
                    ),
                );
                let value = built?;
                headers.push(name_value("Content-Type", key));
                Some(BodySpec::Raw(scalar_text(&value)))
            }
            // bytes, whose example names them (GitHub's `@example.zip` for a release asset) or
            // writes them as text (Blockfrost's `application/cbor` as hex digits): a file, not
            // that text
            Some(example)
                if !is_text(&media_name)
                    && schema.is_some_and(|schema| {
                        is_binary(schema)
                            || is_string(schema)
                                && crate::http::media::is_bytes(&media_name)
                                && !is_encoded_as_text(schema)
                    }) =>
            {
                // a name: `@` before it, or a file's extension or folder in it
                let named = example
                    .as_str()
                    .filter(|name| name.starts_with('@') || name.contains(['.', '/']))
                    .map(|name| name.trim_start_matches('@'))
                    .filter(|name| !name.is_empty() && !name.contains(char::is_whitespace));
                let path = named.unwrap_or("/path/to/file");
                let why = if schema.is_some_and(is_binary) {
                    "`format: binary`".to_string()
                } else {
                    format!("`{media_name}`")
                };
                self.note(
                    "body",
                    media_at,
                    format!(
                        "the body is bytes ({why}): sent from the file `{path}`, not as its example's text"
                    ),
                );
                let content_type = if key.contains('*') {
                    "application/octet-stream"
                } else {
                    key
                };
                headers.push(name_value("Content-Type", content_type));
                Some(BodySpec::File(FileSpec::Path(path.into())))
            }
            Some(example) => {
                headers.push(name_value("Content-Type", key));
                Some(BodySpec::Raw(scalar_text(&example)))
            }
            None if schema.is_some_and(|schema| !is_binary(schema)) && {
                // a text body's value from its schema: its own example, `const`, default or
                // first `enum` value, else one for its type (`string`, or its `format`'s)
                is_text(&media_name)
                    || schema.is_some_and(|schema| {
                        own_value(schema).is_some() || is_encoded_as_text(schema)
                    })
            } =>
            {
                // no explicit example (above): the one built from the schema
                match self.media_example(media, &media_at, Direction::Request) {
                    Some(value) if !value.is_object() && !value.is_array() && !value.is_null() => {
                        headers.push(name_value("Content-Type", key));
                        Some(BodySpec::Raw(scalar_text(&value)))
                    }
                    Some(value)
                        if (value.is_object() || value.is_array())
                            && (xml || crate::http::media::is_json_lines(&media_name)) =>
                    {
                        headers.push(name_value("Content-Type", key));
                        self.object_text(&value, media, &media_name)
                            .map(BodySpec::Raw)
                    }
                    _ => {
                        self.note(
                            "body",
                            media_at,
                            format!("no example of the `{key}` body: no body"),
                        );
                        None
                    }
                }
            }
            // bytes: a schema that says so (`format: binary`, a `contentMediaType`), whatever
            // the media type (Azure's `text/plain` uploads); no schema, one that allows any
            // value (`{}`), or a string (`format: byte` or none) of a media type that is not
            // text (Docker's `application/x-tar`, an `image/jpeg` upload)
            None if match schema {
                Some(schema) if is_binary(schema) => true,
                Some(schema) => {
                    (is_string(schema) || is_any_value(schema)) && !is_text(&media_name)
                }
                None => !is_text(&media_name),
            } =>
            {
                let content_type = if key.contains('*') {
                    "application/octet-stream"
                } else {
                    key
                };
                headers.push(name_value("Content-Type", content_type));
                Some(BodySpec::File(FileSpec::Path("/path/to/file".into())))
            }
            None => {
                self.note(
                    "body",
                    media_at,
                    format!("no example of the `{key}` body: no body"),
                );
                None
            }
        }
    }

    /// An example that is an object or a list as the text of a media type that has one: XML by
    /// the schema's XML Object (see [`Importer::xml_body`]), YAML as a YAML document (LGTM's
    /// `lgtm.yml`), JSON Lines as a line per value; `None` for any other type.
    pub(super) fn object_text(
        &self,
        example: &Value,
        media: &'a Value,
        media_name: &str,
    ) -> Option<String> {
        if crate::http::media::is_xml(media_name) {
            Some(self.xml_body(example, media))
        } else if crate::http::media::is_yaml(media_name) {
            Some(crate::yaml::to_portable_string(example))
        } else if crate::http::media::is_json_lines(media_name) {
            // a list is its values, one a line; anything else is one line; each line ends
            // with a line feed, which Elasticsearch's `_bulk` asks of the last one too
            let values = match example {
                Value::Array(values) => values.as_slice(),
                value => std::slice::from_ref(value),
            };
            Some(
                values
                    .iter()
                    .map(|value| format!("{}\n", serde_json::to_string(value).unwrap_or_default()))
                    .collect(),
            )
        } else {
            None
        }
    }

    /// An XML media type's example (an object or a list) written as XML, by its schema's XML
    /// Object; the root element named by the schema's component when it names itself nothing.
    fn xml_body(&self, example: &Value, media: &'a Value) -> String {
        self.xml_document(example, media.get("schema").unwrap_or(&Value::Null), "root")
    }

    /// `example` as XML by `schema`, the root element named by the schema, its component, or
    /// else `fallback` (a multipart part's name for a part).
    fn xml_document(&self, example: &Value, schema: &Value, fallback: &str) -> String {
        let root = schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|reference| reference.rsplit('/').next())
            .filter(|name| !name.is_empty())
            .unwrap_or(fallback);
        let resolve = |schema: &Value| {
            self.lookup(schema)
                .map(|(target, _)| target.clone())
                .unwrap_or_else(|_| schema.clone())
        };
        super::xml::document(example, schema, root, &resolve)
    }

    /// Whether a media type's example, or else its schema, is an object or a list (so that
    /// JSON can say it), rather than text or bytes.
    fn structured(&mut self, media: &'a Value, at: &str) -> bool {
        if let Some(example) = self.explicit_example(media, at) {
            return example.is_object() || example.is_array();
        }
        let Some((schema, _)) = media
            .get("schema")
            .and_then(|schema| self.lookup(schema).ok())
        else {
            return false;
        };
        match schema.get("type").and_then(Value::as_str) {
            Some(kind) => kind == "object" || kind == "array",
            None => ["properties", "items", "allOf", "anyOf", "oneOf"]
                .iter()
                .any(|key| schema.get(key).is_some()),
        }
    }

    /// The fields of one property of a form, by its Encoding object (by default `style: form`,
    /// `explode: true`: a list as repeated fields, an object as its own fields).
    fn form_property(
        &mut self,
        name: &str,
        value: &Value,
        encoding: Option<&'a Value>,
        at: &str,
    ) -> Vec<(String, String)> {
        let style = encoding
            .and_then(|e| e.get("style"))
            .and_then(Value::as_str);
        let content_type = encoding
            .and_then(|e| e.get("contentType"))
            .and_then(Value::as_str);
        if style.is_none()
            && let Some(content_type) = content_type
            && (value.is_object() || value.is_array())
        {
            // the property is sent as a value of its own media type
            if !is_json(&media_type(content_type)) {
                self.note(
                    "body",
                    at,
                    format!("`{name}` is sent as JSON text, not as `{content_type}`"),
                );
            }
            return vec![(name.to_string(), scalar_text(value))];
        }
        let style = match style.unwrap_or("form") {
            // a Swagger 2.0 `collectionFormat: tsv` too
            style
            @ ("form" | "spaceDelimited" | "pipeDelimited" | "deepObject" | TAB_DELIMITED) => style,
            other => {
                self.note(
                    "body",
                    at,
                    format!("`style: {other}` is not a form style: `{name}` is written as `form`"),
                );
                "form"
            }
        };
        let explode = encoding
            .and_then(|e| e.get("explode"))
            .and_then(Value::as_bool)
            .unwrap_or(style == "form");
        let (fields, problem) = form_fields(name, value, style, explode);
        if let Some(problem) = problem {
            self.note("body", at, format!("`{name}`: {problem}"));
        }
        fields
    }

    /// Notes that a form (`what`) has no `fields`, so no body is sent: without `--all-params`,
    /// none of them is required.
    fn note_no_fields(&mut self, at: &str, what: &str, fields: &str) {
        let message = if self.all_params {
            format!("the {what} has no {fields}: no body")
        } else {
            format!(
                "the {what} has no required {fields} (`--all-params` writes the optional ones): no body"
            )
        };
        self.note("body", at, message);
    }

    /// A form's or multipart body's example: of its required fields, or of them all when the
    /// body is required and none of its fields is (an upload whose file is optional in the
    /// schema), since a request without the body would not be the request the API takes.
    fn form_example(&mut self, media: &'a Value, at: &str, required: bool) -> Option<Value> {
        let example = self.media_example(media, at, Direction::Request);
        let empty = example
            .as_ref()
            .and_then(Value::as_object)
            .is_some_and(|fields| fields.is_empty());
        if !(required && empty && !self.all_params) {
            return example;
        }
        let every =
            self.with_every_member(|this| this.media_example(media, at, Direction::Request));
        if every
            .as_ref()
            .and_then(Value::as_object)
            .is_some_and(|f| !f.is_empty())
        {
            self.note(
                "body",
                at,
                "the body is required and none of its fields is: every field is written",
            );
            return every;
        }
        example
    }

    /// What `build` gives with every optional member written, as `--all-params` writes them.
    fn with_every_member<T>(&mut self, build: impl FnOnce(&mut Self) -> T) -> T {
        let all_params = std::mem::replace(&mut self.all_params, true);
        let built = build(self);
        self.all_params = all_params;
        built
    }

    /// A form property that is an object or list writing no field (`{}`, `[{}]`: a form cannot
    /// send an object without fields), built again with its optional members: a required
    /// property whose own members are all optional (Stripe's `business_profile`) would
    /// otherwise be missing from the request.
    fn every_field_of(
        &mut self,
        media: &'a Value,
        at: &str,
        name: &str,
        value: &Value,
    ) -> Option<Value> {
        // an object or a list that writes no field: `{}`, `[]`, `[{}]`
        if !(value.is_object() || value.is_array()) || self.all_params {
            return None;
        }
        let schema_at = format!("{at}/schema");
        let property = *self
            .properties(media.get("schema")?, &schema_at, 0)
            .get(name)?;
        let property_at = format!("{schema_at}/properties/{}", escape(name));
        let every = self.with_every_member(|this| {
            this.budget = super::schema::MAX_BUILT_VALUES;
            this.build(
                property,
                &property_at,
                Direction::Request,
                1,
                &mut Vec::new(),
            )
        });
        let every = every.filter(|every| every != value)?;
        self.note(
            "body",
            property_at,
            format!("`{name}` is required and none of its members is: every member is written"),
        );
        Some(every)
    }

    /// The one choice of a schema that is it or null (`anyOf: [{type: string, format: binary},
    /// {type: "null"}]`, as FastAPI writes an optional file), else the schema itself.
    fn without_null(&self, schema: &'a Value) -> &'a Value {
        for key in ["anyOf", "oneOf"] {
            let Some(choices) = schema.get(key).and_then(Value::as_array) else {
                continue;
            };
            let mut others = choices.iter().filter_map(|choice| {
                let (choice, _) = self.lookup(choice).ok()?;
                (choice.get("type").and_then(Value::as_str) != Some("null")).then_some(choice)
            });
            if let (Some(only), None) = (others.next(), others.next()) {
                return only;
            }
        }
        schema
    }

    /// Whether every choice of a part's schema (`anyOf`, `oneOf`) is a file or a list of files,
    /// null aside: OpenAI's `image: {anyOf: [{format: binary}, {type: array, items: {format:
    /// binary}}]}`, one file or several, of which one file is sent.
    fn files_each_choice(&self, schema: &'a Value) -> bool {
        ["anyOf", "oneOf"].iter().any(|key| {
            let Some(choices) = schema.get(key).and_then(Value::as_array) else {
                return false;
            };
            let mut files = 0;
            let every = choices.iter().all(|choice| {
                let Ok((choice, _)) = self.lookup(choice) else {
                    return false;
                };
                if choice.get("type").and_then(Value::as_str) == Some("null") {
                    return true;
                }
                let items = choice
                    .get("items")
                    .and_then(|items| self.lookup(items).ok())
                    .map(|(items, _)| items);
                let file = is_binary(choice) || items.is_some_and(is_binary);
                files += usize::from(file);
                file
            });
            every && files > 0
        })
    }

    /// A `multipart/form-data` body: files for binary properties, text for the others.
    fn multipart(&mut self, media: &'a Value, at: &str, required: bool) -> Option<BodySpec> {
        let example = match self.form_example(media, at, required) {
            // an example of a file's content (Directus' import), no object of parts: the parts
            // are the schema's
            Some(other) if !other.is_object() => {
                let built = self.schema_example(media, at, Direction::Request);
                if built.as_ref().is_some_and(Value::is_object) {
                    self.note(
                        "body",
                        at,
                        "the example is no object of parts (a file's content, say): the parts are built from the schema",
                    );
                }
                built
            }
            example => example,
        };
        let Some(Value::Object(example)) = example else {
            self.note(
                "body",
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
            let name = name.as_str();
            if !crate::model::is_part_name(name) {
                self.note(
                    "body",
                    at,
                    format!("`{name}` cannot be a multipart part name: the part is dropped"),
                );
                continue;
            }
            if let Some(part_headers) = encoding
                .and_then(|e| e.get(name))
                .and_then(|e| e.get("headers"))
                .and_then(Value::as_object)
                .filter(|h| !h.is_empty())
            {
                let names: Vec<&str> = part_headers.keys().map(String::as_str).collect();
                self.note(
                    "body",
                    format!("{at}/encoding/{}/headers", escape(name)),
                    format!(
                        "a part's own headers cannot be said in a spec: `{name}` is sent without {}",
                        names.join(", ")
                    ),
                );
            }
            let given_type = encoding
                .and_then(|e| e.get(name))
                .and_then(|e| e.get("contentType"))
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|t| !t.is_empty());
            // a list of types (`image/png, image/jpeg`) or a wildcard is what the API takes, not
            // one type a part can be sent with
            let part_type = given_type
                .filter(|t| !t.contains([',', '*', '"']) && header_value_problem(t).is_none())
                .map(str::to_string);
            let schema = properties.get(name).map(|schema| self.without_null(schema));
            let items = schema
                .and_then(|s| s.get("items"))
                .and_then(|items| self.lookup(items).ok().map(|(items, _)| items));
            // a part any value may be (`file: {}`) is sent as bytes, as the Encoding Object's
            // default for other than primitives and objects
            let binary = schema.is_some_and(|s| is_binary(s) || is_any_value(s))
                || items.is_some_and(is_binary)
                || schema.is_some_and(|s| self.files_each_choice(s));
            let schema_media_type = schema
                .or(items)
                .and_then(|s| s.get("contentMediaType"))
                .and_then(Value::as_str)
                .filter(|t| header_value_problem(t).is_none() && !t.contains('"'))
                .map(str::to_string);
            if let Some(given) = given_type.filter(|_| part_type.is_none()) {
                let sent = match schema_media_type.as_deref().filter(|_| binary) {
                    Some(media_type) => {
                        format!("sent as `{media_type}`, its schema's `contentMediaType`")
                    }
                    None => "sent without its own".to_string(),
                };
                self.note(
                    "body",
                    format!("{at}/encoding/{}/contentType", escape(name)),
                    format!("`{given}` is not one content type: `{name}` is {sent}"),
                );
            }
            // OpenAPI 3.1 applies a part's `style` and `explode`, where given, as a form's (3.0
            // to forms only): the fields they make are the parts, text, without the part's
            // content type, which they override
            if let Some(styled) = encoding.and_then(|e| e.get(name)).filter(|e| {
                !binary
                    && (value.is_array() || value.is_object())
                    && (e.get("style").is_some() || e.get("explode").is_some())
                    && self.styles_multipart_parts()
            }) {
                let field_at = format!("{at}/encoding/{}", escape(name));
                for (field, text) in self.form_property(name, value, Some(styled), &field_at) {
                    if crate::model::is_part_name(&field) {
                        parts.push(IndexMap::from([(field, PartSpec::Text(Some(text)))]));
                    } else {
                        self.note(
                            "body",
                            &field_at,
                            format!(
                                "`{field}` cannot be a multipart part name: the part is dropped"
                            ),
                        );
                    }
                }
                continue;
            }
            let mut part = |spec: PartSpec| {
                let mut map = IndexMap::new();
                map.insert(name.to_string(), spec);
                parts.push(map);
            };
            if binary {
                // `images[]`, a list's name as PHP and Rails write it: the file is `images`
                let file: String = name
                    .trim_end_matches("[]")
                    .chars()
                    .map(|c| {
                        if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                            c
                        } else {
                            '-'
                        }
                    })
                    .collect();
                let content_type = part_type.or(schema_media_type);
                part(PartSpec::Detailed(PartDetailSpec {
                    file: Some(format!("/path/to/{file}")),
                    content_type,
                    ..PartDetailSpec::default()
                }));
                continue;
            }
            // a Swagger 2.0 list in one part, its values joined (`collectionFormat: csv`)
            let joined_with = encoding
                .and_then(|e| e.get(name))
                .and_then(|e| e.get(JOINED_WITH))
                .and_then(Value::as_str);
            match value {
                Value::Array(elements)
                    if elements.iter().all(|e| !e.is_object() && !e.is_array()) =>
                {
                    match joined_with {
                        Some(delimiter) => {
                            let texts: Vec<String> = elements.iter().map(scalar_text).collect();
                            part(text_part(texts.join(delimiter), part_type.clone()));
                        }
                        None => {
                            for element in elements {
                                part(text_part(scalar_text(element), part_type.clone()));
                            }
                        }
                    }
                }
                // an object or a list as the part's type writes it: XML or YAML by theirs,
                // else JSON, the Encoding Object's default
                Value::Array(_) | Value::Object(_) => {
                    let text = match part_type.as_deref() {
                        Some(media_type) if crate::http::media::is_xml(media_type) => {
                            let schema = properties.get(name).copied().unwrap_or(&Value::Null);
                            self.xml_document(value, schema, name)
                        }
                        Some(media_type) if crate::http::media::is_yaml(media_type) => {
                            crate::yaml::to_portable_string(value)
                        }
                        _ => scalar_text(value),
                    };
                    part(PartSpec::Detailed(PartDetailSpec {
                        value: Some(text),
                        content_type: part_type.or_else(|| Some("application/json".into())),
                        ..PartDetailSpec::default()
                    }))
                }
                scalar => part(text_part(scalar_text(scalar), part_type)),
            }
        }
        if parts.is_empty() {
            self.note_no_fields(at, "multipart body", "parts");
            return None;
        }
        Some(BodySpec::Formdata(parts))
    }
}

impl Importer<'_> {
    /// Whether the document is OpenAPI 3.1 or later, whose Encoding Object's `style` and
    /// `explode` apply to multipart parts too.
    fn styles_multipart_parts(&self) -> bool {
        self.root
            .get("openapi")
            .and_then(Value::as_str)
            .is_some_and(|version| !version.starts_with("3.0") && !version.starts_with('2'))
    }
}

/// Whether a media type is text a writer reads (`text/*`, XML, YAML), whose body an example
/// string can be, rather than bytes from a file.
fn is_text(media_type: &str) -> bool {
    media_type.starts_with("text/")
        || crate::http::media::is_xml(media_type)
        || crate::http::media::is_yaml(media_type)
        || crate::http::media::is_json_lines(media_type)
}

/// Whether a (resolved) schema is a string.
fn is_string(schema: &Value) -> bool {
    match schema.get("type") {
        Some(Value::String(kind)) => kind == "string",
        Some(Value::Array(kinds)) => kinds.iter().any(|kind| kind == "string"),
        _ => false,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::openapi::test_support::*;

    // a required upload whose schema makes no part required still sends its parts
    #[test]
    fn a_required_form_without_required_fields_writes_them_all() {
        let import = read_minimal(&format!(
            "{HEAD}{}",
            r#"
paths:
  /upload:
    post:
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema: {type: object, properties: {spec: {type: string, format: binary}}}
  /optional:
    post:
      requestBody:
        content:
          multipart/form-data:
            schema: {type: object, properties: {spec: {type: string, format: binary}}}
  /form:
    post:
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema: {type: object, properties: {name: {type: string, example: Rex}}}
"#
        ));
        let upload = import.items[0].spec.request.body.as_ref().unwrap();
        assert_eq!(upload.formdata().unwrap().len(), 1);
        note(
            &import,
            "/paths/~1upload/post/requestBody/content/multipart~1form-data",
            "every field is written",
        );
        assert!(import.items[1].spec.request.body.is_none());
        note(
            &import,
            "/paths/~1optional/post/requestBody/content/multipart~1form-data",
            "no required parts (`--all-params`",
        );
        let form = import.items[2].spec.request.body.as_ref().unwrap();
        assert_eq!(
            form.urlencoded().unwrap()[0]["name"].as_deref(),
            Some("Rex")
        );
    }

    #[test]
    fn a_required_form_member_whose_members_are_optional_writes_them() {
        // Stripe's `POST /v1/billing_portal/configurations`: an empty object writes no field
        let import = read_minimal(&format!(
            "{HEAD}{}",
            r#"
paths:
  /configurations:
    post:
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            encoding: {business_profile: {style: deepObject, explode: true}}
            schema:
              type: object
              required: [business_profile, name]
              properties:
                business_profile: {type: object, properties: {headline: {type: string, example: Hi}}}
                name: {type: string, example: portal}
                default_return_url: {type: string}
"#
        ));
        let form = only(&import)
            .request
            .body
            .as_ref()
            .unwrap()
            .urlencoded()
            .unwrap();
        let fields: Vec<_> = form
            .iter()
            .flat_map(|field| field.iter().map(|(k, v)| (k.as_str(), v.as_deref())))
            .collect();
        assert_eq!(
            fields,
            [
                ("business_profile[headline]", Some("Hi")),
                ("name", Some("portal"))
            ]
        );
        note(
            &import,
            "/paths/~1configurations/post/requestBody/content/application~1x-www-form-urlencoded/schema/properties/business_profile",
            "every member is written",
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
            a.request.body.as_ref().unwrap().raw(),
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
            b.request.body.as_ref().unwrap().raw(),
            Some(r#"{"kept": "as written"}"#)
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
            pairs(form.body.as_ref().unwrap().urlencoded().unwrap()),
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
        let parts = upload.body.as_ref().unwrap().formdata().unwrap();
        let yaml = crate::yaml::to_string(parts);
        assert_eq!(
            yaml,
            "- file:\n    file: /path/to/file\n- files:\n    file: /path/to/files\n- tags: a\n- tags: b\n- meta:\n    value: '{\"w\":1}'\n    content_type: application/vnd.meta+json\n- note: hello\n"
        );
    }

    /// The parts of the first request's multipart body, as YAML.
    fn first_parts(import: &crate::import::Import) -> String {
        let body = import.items[0].spec.request.body.as_ref().unwrap();
        crate::yaml::to_string(body.formdata().unwrap())
    }

    // FastAPI's optional file (`UploadFile | None`): a file or null is a file part
    #[test]
    fn a_file_or_null_is_a_file_part() {
        let import = run(r#"
paths:
  /uploadfile/:
    post:
      requestBody:
        content:
          multipart/form-data:
            schema: {$ref: '#/components/schemas/Body'}
components:
  schemas:
    Body:
      type: object
      properties:
        file:
          anyOf:
            - {type: string, contentMediaType: application/octet-stream}
            - {type: 'null'}
        note:
          anyOf: [{type: string}, {type: 'null'}]
"#);
        assert_eq!(
            first_parts(&import),
            "- file:\n    file: /path/to/file\n    content_type: application/octet-stream\n- note: string\n"
        );
    }

    // OpenAI's uploads: one file or a list of files, of which one file is sent; and a whole
    // body of bytes or null is a file
    #[test]
    fn a_file_or_files_is_a_file_part_and_bytes_or_null_a_file_body() {
        let import = run(r#"
paths:
  /up:
    post:
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              required: [image, video, model]
              properties:
                image:
                  anyOf:
                    - {type: string, format: binary}
                    - {type: array, items: {type: string, format: binary}}
                video:
                  oneOf: [{$ref: '#/components/schemas/File'}, {type: 'null'}]
                model:
                  anyOf: [{type: string, example: m1}, {type: string, format: binary}]
  /pdf:
    post:
      requestBody:
        required: true
        content:
          application/pdf:
            schema: {anyOf: [{type: string, format: binary}, {type: 'null'}]}
components:
  schemas:
    File: {type: string, format: binary}
"#);
        assert_eq!(
            first_parts(&import),
            "- image:\n    file: /path/to/image\n- video:\n    file: /path/to/video\n- model: m1\n"
        );
        let pdf = &import.items[1].spec.request;
        assert!(
            pdf.body.as_ref().unwrap().file().is_some(),
            "{:?}",
            pdf.body
        );
        assert_eq!(
            crate::import::test_support::pairs(&pdf.headers),
            [crate::import::test_support::pair(
                "Content-Type",
                "application/pdf"
            )]
        );
    }

    #[test]
    fn a_part_of_an_xml_type_is_xml() {
        let import = run(r#"
paths:
  /part:
    post:
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              properties:
                meta: {type: object, properties: {a: {type: integer, example: 1}}}
                settings: {type: object, properties: {b: {type: boolean}}}
                pic: {type: string, format: binary, contentMediaType: image/png}
            encoding:
              meta: {contentType: application/xml}
              settings: {contentType: application/yaml}
              pic: {contentType: 'image/png, image/jpeg'}
"#);
        assert_eq!(
            first_parts(&import),
            "- meta:\n    value: |-\n      <?xml version=\"1.0\" encoding=\"UTF-8\"?>\n      <meta>\n        <a>1</a>\n      </meta>\n    content_type: application/xml\n- settings:\n    value: |\n      b: true\n    content_type: application/yaml\n- pic:\n    file: /path/to/pic\n    content_type: image/png\n"
        );
        assert!(
            import.notes.iter().any(|n| n.message
                == "`image/png, image/jpeg` is not one content type: `pic` is sent as `image/png`, its schema's `contentMediaType`"),
            "{:#?}",
            import.notes
        );
    }

    // ReadMe's exports: a JSON body's example as text, with a comment or a trailing comma
    #[test]
    fn an_example_written_as_json_that_is_none_is_sent_as_written() {
        let import = run(r#"
paths:
  /a:
    post:
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {quantity: {type: integer}}}
            examples:
              request: {value: "{\n  \"quantity\": 3, // three\n}"}
"#);
        assert_eq!(
            import.items[0].spec.request.body.as_ref().unwrap().raw(),
            Some("{\n  \"quantity\": 3, // three\n}")
        );
        assert!(import.notes.iter().any(|n| {
            n.message
                .starts_with("the example is written as JSON but is none (")
        }));
    }

    // OpenAPI 3.1: a body whose content is encoded as base64 is that text, whatever its type
    #[test]
    fn a_body_encoded_as_text_is_that_text() {
        for (example, expected) in [("", "U3RyaW5n"), (", example: aGk=", "aGk=")] {
            let import = run(&format!(
                "paths:\n  /png:\n    post:\n      requestBody:\n        content:\n          image/png: {{schema: {{type: string, contentMediaType: image/png, contentEncoding: base64{example}}}}}\n"
            ));
            assert_eq!(
                import.items[0].spec.request.body.as_ref().unwrap().raw(),
                Some(expected),
                "{example}"
            );
        }
    }

    // OpenAPI 3.1's own example: an image encoded as base64 is a text part
    #[test]
    fn a_part_whose_content_is_encoded_as_text_is_that_text() {
        let import = run(r#"
paths:
  /profile:
    post:
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              properties:
                profileImage: {type: string, contentMediaType: image/png, contentEncoding: base64}
                logo: {type: string, contentEncoding: base64url, example: aGk}
                raw: {type: string, contentMediaType: image/png}
                packed: {type: string, contentEncoding: binary}
"#);
        assert_eq!(
            first_parts(&import),
            "- profileImage: U3RyaW5n\n- logo: aGk\n- raw:\n    file: /path/to/raw\n    content_type: image/png\n- packed:\n    file: /path/to/packed\n"
        );
    }

    // Directus' import: the example is the file's content, the parts are the schema's
    #[test]
    fn a_multipart_example_that_is_no_object_gives_way_to_the_schema() {
        let import = run(r#"
paths:
  /utils/import:
    post:
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              properties:
                file: {type: string, format: binary}
            example: [{collection: authors, items: []}]
"#);
        assert_eq!(first_parts(&import), "- file:\n    file: /path/to/file\n");
        assert!(
            import
                .notes
                .iter()
                .any(|n| n.message.starts_with("the example is no object of parts"))
        );
    }

    // in the style of Stripe's document: form bodies whose objects and lists are `deepObject`
    #[test]
    fn stripe_form_bodies_follow_their_encoding() {
        const STRIPE: &str = r#"
paths:
  /v1/customers:
    post:
      operationId: PostCustomers
      requestBody:
        content:
          application/x-www-form-urlencoded:
            encoding:
              address: {explode: true, style: deepObject}
              expand: {explode: true, style: deepObject}
              metadata: {explode: true, style: deepObject}
              preferred_locales: {explode: true, style: deepObject}
            schema:
              additionalProperties: false
              type: object
              properties:
                address:
                  anyOf:
                    - type: object
                      title: optional_fields_address
                      properties:
                        city: {maxLength: 5000, type: string}
                        country: {maxLength: 5000, type: string}
                    - {enum: [''], type: string}
                email: {maxLength: 512, type: string}
                expand: {type: array, items: {maxLength: 5000, type: string}}
                preferred_locales: {type: array, items: {maxLength: 5000, type: string}}
        required: false
  /v1/checkout/sessions:
    post:
      operationId: PostCheckoutSessions
      requestBody:
        content:
          application/x-www-form-urlencoded:
            encoding:
              line_items: {explode: true, style: deepObject}
            schema:
              type: object
              required: [mode, line_items]
              properties:
                mode: {type: string, enum: [payment, setup, subscription]}
                line_items:
                  type: array
                  items:
                    type: object
                    required: [price, quantity]
                    properties:
                      price: {type: string, example: price_1MotwRLkdIwHu7ixYcPLm5uZ}
                      quantity: {type: integer, example: 2}
                      adjustable_quantity: {type: object, properties: {enabled: {type: boolean}}}
                success_url: {type: string}
  /form-defaults:
    post:
      requestBody:
        content:
          application/x-www-form-urlencoded:
            example:
              tags: [a, b]
              point: {x: 1, y: 2}
              nested: {inner: {deep: 1}}
              pipes: [a, b]
              json: {a: 1}
            encoding:
              pipes: {style: pipeDelimited, explode: false}
              json: {contentType: application/json}
"#;
        let import = read_minimal(&format!("{HEAD}{STRIPE}"));
        let fields = |import: &crate::import::Import, i: usize| {
            pairs(
                import.items[i]
                    .spec
                    .request
                    .body
                    .as_ref()
                    .unwrap()
                    .urlencoded()
                    .unwrap(),
            )
        };
        // nothing is required of a customer: the minimal request has no body
        assert!(import.items[0].spec.request.body.is_none());
        note(
            &import,
            "/paths/~1v1~1customers/post/requestBody/content/application~1x-www-form-urlencoded",
            "no required fields",
        );
        assert_eq!(
            fields(&import, 1),
            [
                pair("mode", "payment"),
                pair("line_items[0][price]", "price_1MotwRLkdIwHu7ixYcPLm5uZ"),
                pair("line_items[0][quantity]", "2"),
            ]
        );
        let all = run(STRIPE);
        assert_eq!(
            fields(&all, 0),
            [
                pair("address[city]", "string"),
                pair("address[country]", "string"),
                pair("email", "string"),
                pair("expand[0]", "string"),
                pair("preferred_locales[0]", "string"),
            ]
        );
        // no `encoding`: `style: form`, `explode: true`, as the specification says
        assert_eq!(
            fields(&all, 2),
            [
                pair("tags", "a"),
                pair("tags", "b"),
                pair("x", "1"),
                pair("y", "2"),
                pair("inner", "{\"deep\":1}"),
                pair("pipes", "a|b"),
                pair("json", "{\"a\":1}"),
            ]
        );
        note(
            &all,
            "/paths/~1form-defaults/post/requestBody/content/application~1x-www-form-urlencoded/encoding/nested",
            "sent as JSON text",
        );
    }

    #[test]
    fn an_xml_body_is_built_from_its_schema() {
        let import = run(r#"
paths:
  /pets:
    post:
      requestBody:
        required: true
        content:
          application/xml: {schema: {$ref: '#/components/schemas/Pet'}}
components:
  schemas:
    Pet:
      type: object
      required: [name, photoUrls]
      properties:
        id: {type: integer, example: 10, xml: {attribute: true}}
        name: {type: string, example: doggie}
        photoUrls: {type: array, xml: {wrapped: true}, items: {type: string, example: a.png, xml: {name: photoUrl}}}
"#);
        let spec = only(&import);
        assert_eq!(
            spec.request.body.as_ref().unwrap().raw(),
            Some(concat!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
                "<Pet id=\"10\">\n",
                "  <name>doggie</name>\n",
                "  <photoUrls>\n",
                "    <photoUrl>a.png</photoUrl>\n",
                "  </photoUrls>\n",
                "</Pet>",
            ))
        );
        assert_eq!(
            pairs(&spec.request.headers),
            [pair("Content-Type", "application/xml")]
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
  /kubernetes:
    post:
      requestBody:
        content:
          '*/*': {schema: {$ref: '#/components/schemas/Namespace'}}
  /listed:
    post:
      requestBody:
        content:
          application/*: {example: [1, 2]}
  /csv:
    post:
      requestBody:
        content:
          text/csv: {schema: {type: string, example: hello schema}}
  /archive:
    put:
      requestBody:
        required: true
        content:
          application/x-tar: {schema: {type: string}}
  /asset:
    post:
      requestBody:
        content:
          application/octet-stream:
            schema: {type: string, format: binary}
            example: '@example.zip'
  /detect:
    post:
      requestBody:
        required: true
        content:
          application/octet-stream: {schema: {type: object, format: file}}
  /moderate:
    post:
      requestBody:
        content:
          text/plain: {schema: {type: object, format: file}}
  /tx/submit:
    post:
      requestBody:
        content:
          application/cbor:
            schema: {type: string}
            example: 83a40081825820
  /query:
    post:
      requestBody:
        content:
          application/graphql:
            schema: {type: string}
            example: '{ me { id } }'
components:
  schemas:
    Namespace: {properties: {kind: {type: string, example: Namespace}}}
"#);
        let body = |i: usize| import.items[i].spec.request.body.clone();
        let headers = |i: usize| pairs(&import.items[i].spec.request.headers);
        assert_eq!(body(0).unwrap().raw(), Some("hello world"));
        assert_eq!(headers(0), [pair("Content-Type", "text/plain")]);
        assert!(matches!(body(1).unwrap().file(), Some(FileSpec::Path(p)) if p == "/path/to/file"));
        assert_eq!(headers(1), [pair("Content-Type", "image/png")]);
        assert_eq!(
            headers(2),
            [pair("Content-Type", "application/octet-stream")]
        );
        // an XML body given as an object is written as XML
        assert_eq!(
            body(3).unwrap().raw(),
            Some("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<root>\n  <a>1</a>\n</root>")
        );
        assert_eq!(headers(3), [pair("Content-Type", "application/xml")]);
        // text takes its schema's value, else one for its type, as a JSON member would
        assert_eq!(body(4).unwrap().raw(), Some("string"));
        assert_eq!(body(7).unwrap().raw(), Some("hello schema"));
        assert_eq!(headers(7), [pair("Content-Type", "text/csv")]);
        // bytes a schema calls a string without `format: binary` (Docker's tar archives)
        assert!(matches!(body(8).unwrap().file(), Some(FileSpec::Path(p)) if p == "/path/to/file"));
        assert_eq!(headers(8), [pair("Content-Type", "application/x-tar")]);
        // bytes whose example names their file (GitHub's release assets): that file
        assert!(matches!(body(9).unwrap().file(), Some(FileSpec::Path(p)) if p == "example.zip"));
        assert_eq!(
            headers(9),
            [pair("Content-Type", "application/octet-stream")]
        );
        // Azure's streams, `{type: object, format: file}`, of any media type: a file
        for (index, media) in [(10, "application/octet-stream"), (11, "text/plain")] {
            assert!(
                matches!(body(index).unwrap().file(), Some(FileSpec::Path(p)) if p == "/path/to/file")
            );
            assert_eq!(headers(index), [pair("Content-Type", media)]);
        }
        // any media type, and an object or a list: JSON, which the API then takes
        assert_eq!(
            body(5).unwrap().raw(),
            Some("{\n    \"kind\": \"Namespace\"\n}")
        );
        assert_eq!(headers(5), [pair("Content-Type", "application/json")]);
        note(
            &import,
            "/paths/~1kubernetes/post/requestBody/content/*~1*",
            "it is sent as JSON (`Content-Type: application/json`)",
        );
        assert_eq!(body(6).unwrap().raw(), Some("[\n    1,\n    2\n]"));
        assert_eq!(headers(6), [pair("Content-Type", "application/json")]);
        // bytes written as text by their example (Blockfrost's CBOR as hex digits): a file,
        // noted; the text of a media type that is not bytes, as written
        assert!(
            matches!(body(12).unwrap().file(), Some(FileSpec::Path(p)) if p == "/path/to/file")
        );
        note(
            &import,
            "/paths/~1tx~1submit/post/requestBody/content/application~1cbor",
            "the body is bytes (`application/cbor`): sent from the file `/path/to/file`, not as its example's text",
        );
        assert_eq!(body(13).unwrap().raw(), Some("{ me { id } }"));
    }

    // Elasticsearch's `_bulk` and `_msearch`: JSON Lines, each value on a line of its own, the
    // last line ended too
    #[test]
    fn json_lines_bodies_are_a_value_a_line() {
        let import = run(r#"
paths:
  /_bulk:
    post:
      requestBody:
        required: true
        content:
          application/x-ndjson:
            schema: {type: array, items: {type: object, required: [index], properties: {index: {type: object}}}}
  /_msearch:
    post:
      requestBody:
        content:
          application/x-ndjson: {example: [{index: a}, {query: {match_all: {}}}]}
  /one:
    post:
      requestBody:
        content:
          application/jsonl: {schema: {type: object, required: [a], properties: {a: {type: integer}}}}
"#);
        let body = |i: usize| import.items[i].spec.request.body.clone().unwrap();
        assert_eq!(body(0).raw(), Some("{\"index\":{}}\n"));
        assert_eq!(
            pairs(&import.items[0].spec.request.headers),
            [pair("Content-Type", "application/x-ndjson")]
        );
        assert_eq!(
            body(1).raw(),
            Some("{\"index\":\"a\"}\n{\"query\":{\"match_all\":{}}}\n")
        );
        assert_eq!(body(2).raw(), Some("{\"a\":0}\n"));
    }

    // OpenAPI 3.1's Encoding Object: `style` and `explode` given for a multipart part make its
    // parts as a form's fields (3.0 applies them to forms only, so there the parts stay)
    #[test]
    fn a_3_1_multipart_parts_style_and_explode_make_its_parts() {
        let paths = r#"
paths:
  /styled:
    post:
      requestBody:
        content:
          multipart/form-data:
            schema:
              type: object
              required: [list, joined, pair, deep, plain]
              properties:
                list: {type: array, items: {type: string}, example: [a, b]}
                joined: {type: array, items: {type: string}, example: [a, b]}
                pair: {type: object, example: {foo: x, bar: y}}
                deep: {type: object, example: {foo: x}}
                plain: {type: object, example: {foo: x}}
            encoding:
              list: {style: form, explode: true}
              joined: {style: pipeDelimited, explode: false}
              pair: {style: form, explode: false, contentType: application/json}
              deep: {style: deepObject, explode: true}
"#;
        let parts = |version: &str| {
            let document = HEAD.replace("3.0.3", version) + paths;
            let import = read(&document);
            let Some(BodySpec::Formdata(parts)) = only(&import).request.body.clone() else {
                panic!("a multipart body: {:?}", only(&import).request.body)
            };
            parts
                .iter()
                .flat_map(|part| part.iter())
                .map(|(name, part)| match part {
                    PartSpec::Text(Some(text)) => format!("{name}={text}"),
                    PartSpec::Detailed(detail) => format!(
                        "{name}={}; {}",
                        detail.value.clone().unwrap_or_default(),
                        detail.content_type.clone().unwrap_or_default()
                    ),
                    other => panic!("{other:?}"),
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            parts("3.1.0"),
            [
                "list=a",
                "list=b",
                "joined=a|b",
                "pair=foo,x,bar,y",
                "deep[foo]=x",
                "plain={\"foo\":\"x\"}; application/json"
            ]
        );
        assert_eq!(
            parts("3.0.3"),
            [
                "list=a",
                "list=b",
                "joined=a",
                "joined=b",
                "pair={\"foo\":\"x\",\"bar\":\"y\"}; application/json",
                "deep={\"foo\":\"x\"}; application/json",
                "plain={\"foo\":\"x\"}; application/json"
            ]
        );
    }

    #[test]
    fn an_object_example_of_a_text_type_is_its_text_or_else_the_schema_value() {
        let import = run(r#"
paths:
  /projects:
    post:
      requestBody:
        content:
          application/x-yaml:
            schema: {type: string}
            examples:
              lgtm_yml: {value: {extraction: {java: {index: {build_command: ./build.sh}}}}}
  /markdown/raw:
    post:
      requestBody:
        content:
          text/plain:
            schema: {type: string, example: Hello **world**}
            examples:
              default: {value: {text: Hello **world**}}
  /objects:
    post:
      requestBody:
        content:
          text/plain:
            schema: {type: object}
            example: {text: hi}
"#);
        let body = |i: usize| import.items[i].spec.request.body.clone();
        let headers = |i: usize| pairs(&import.items[i].spec.request.headers);
        // a YAML document given as the object it holds is written as YAML
        assert_eq!(
            body(0).unwrap().raw(),
            Some("extraction:\n  java:\n    index:\n      build_command: ./build.sh\n")
        );
        assert_eq!(headers(0), [pair("Content-Type", "application/x-yaml")]);
        // text given an object its schema says it is not: the schema's value, noted
        assert_eq!(body(1).unwrap().raw(), Some("Hello **world**"));
        assert_eq!(headers(1), [pair("Content-Type", "text/plain")]);
        note(
            &import,
            "/paths/~1markdown~1raw/post/requestBody/content/text~1plain",
            "cannot be written as `text/plain`: the body is the value its schema gives",
        );
        // and with no text in the schema either, no body
        assert!(body(2).is_none());
        assert!(headers(2).is_empty());
        note(
            &import,
            "/paths/~1objects/post/requestBody/content/text~1plain",
            "cannot be written as `text/plain`: no body",
        );
    }

    #[test]
    fn optional_get_and_head_bodies_are_dropped() {
        let import = run(r#"
paths:
  /a:
    get:
      requestBody: {content: {application/json: {example: {a: 1}}}}
    head:
      requestBody: {content: {application/json: {example: {a: 1}}}}
  /search:
    get:
      requestBody: {required: true, content: {application/json: {example: {query: {}}}}}
"#);
        assert!(
            import.items[..2]
                .iter()
                .all(|i| i.spec.request.body.is_none() && i.spec.request.headers.is_empty())
        );
        note(
            &import,
            "/paths/~1a/get/requestBody",
            "no optional body with `GET`",
        );
        // a body the API requires is the request's: the samples that cannot send it say so
        let search = &import.items[2].spec.request;
        assert_eq!(search.method, "GET");
        assert!(search.body.is_some());
        note(
            &import,
            "/paths/~1a/head/requestBody",
            "dropped: a `HEAD` request with a body",
        );
    }
}
