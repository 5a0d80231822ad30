//! The Postman Collection v2.0 / v2.1 importer. Folders become directories, requests become
//! specs, and what a spec cannot say (scripts, other auth schemes, settings, values the
//! validator refuses) becomes a [`Note`] at a JSON pointer into the collection.

use std::collections::HashSet;
use std::path::Path;

use indexmap::IndexMap;
use serde_json::{Map, Value};

use super::{Import, Imported, Note};
use crate::model::{self, FORM_URLENCODED, PageId, media_type};
use crate::spec::{
    ApiKeySpec, AuthSpec, BasicAuthSpec, BodySpec, FileSpec, GraphqlSpec, NameValueSpec,
    PartDetailSpec, PartSpec, RequestSpec, ResponseSpec, Spec,
};

/// The file path written for a form-data or file body whose file was never chosen in Postman.
const NO_FILE: &str = "/path/to/file";

/// Reads a Postman Collection (v2.0 or v2.1, JSON): every request becomes a spec, in order,
/// below its folders.
pub fn import(text: &str) -> Result<Import, String> {
    import_with_pointers(text).map(|(import, _)| import)
}

/// [`import`], with the JSON pointer of each imported request's item.
fn import_with_pointers(text: &str) -> Result<(Import, Vec<String>), String> {
    let root: Value = serde_json::from_str(text)
        .map_err(|error| format!("not a Postman collection: the input is not JSON ({error})"))?;
    let Some(collection) = root.as_object() else {
        return Err("not a Postman collection: the input is not a JSON object".into());
    };
    if !collection.contains_key("info")
        && (collection.contains_key("requests") || collection.contains_key("order"))
    {
        return Err(
            "this is a Postman Collection v1 (it has `requests` rather than `info` and `item`); export it again from Postman as Collection v2.1".into(),
        );
    }
    let Some(info) = collection.get("info").and_then(Value::as_object) else {
        return Err("not a Postman collection: it has no `info` object".into());
    };
    if let Some(schema) = info.get("schema").and_then(Value::as_str)
        && schema.contains("/v1.")
    {
        return Err(format!(
            "the collection's schema is `{schema}`; only Postman Collection v2.0 and v2.1 can be imported (export it again as v2.1)"
        ));
    }
    let Some(items) = collection.get("item").and_then(Value::as_array) else {
        return Err("not a Postman collection: it has no `item` list".into());
    };

    let mut importer = Importer::default();
    importer.ignored_settings(collection, "", "the collection's");
    let auth = collection
        .get("auth")
        .filter(|auth| is_set(auth))
        .map(|auth| InForce {
            auth,
            at: "/auth".into(),
        });
    importer.walk(items, "/item", &[], auth.as_ref());
    Ok((importer.import, importer.pointers))
}

#[derive(Default)]
struct Importer {
    import: Import,
    /// The pointer of each item of `import.items`.
    pointers: Vec<String>,
    /// Notes already given, so that a collection-wide setting is reported once.
    noted: HashSet<(String, String)>,
}

/// The auth a request inherits: the nearest folder's, or the collection's.
struct InForce<'a> {
    auth: &'a Value,
    at: String,
}

/// A header as it will be written, and where it came from.
struct Header {
    name: String,
    value: String,
    at: String,
}

/// An `auth` that says something: not `null` and not Postman's "inherit from parent".
fn is_set(auth: &Value) -> bool {
    auth.is_object() && auth.get("type").and_then(Value::as_str) != Some("inherit")
}

/// A JSON scalar as the text Postman sends; `null` and missing are `None`.
fn scalar(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::Null => None,
        Value::String(text) => Some(text.clone()),
        other => Some(other.to_string()),
    }
}

fn text(value: Option<&Value>) -> String {
    scalar(value).unwrap_or_default()
}

fn is_disabled(value: &Value) -> bool {
    value.get("disabled").and_then(Value::as_bool) == Some(true)
}

/// A description: a string, or `{content, type}`.
fn description(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(text)) => text.clone(),
        Some(Value::Object(object)) => text(object.get("content")),
        _ => String::new(),
    }
}

fn is_variable_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '$')
}

fn content_type(headers: &[Header]) -> Option<&Header> {
    headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("content-type"))
}

/// Postman path variables (`/users/:id`) as `{{id}}`, in the part of `url` before its query.
fn path_variables(url: &str) -> (String, Vec<String>) {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    let (path, rest) = url.split_at(end);
    let mut names = Vec::new();
    let segments: Vec<String> = path
        .split('/')
        .map(|segment| match segment.strip_prefix(':') {
            Some(name) if !name.is_empty() => {
                names.push(name.to_string());
                format!("{{{{{name}}}}}")
            }
            _ => segment.to_string(),
        })
        .collect();
    (segments.join("/") + rest, names)
}

/// A query string (with its `?`) from Postman query items, disabled ones left out; a `null`
/// value is a bare key.
fn query_string(items: &[Value]) -> String {
    let mut out = String::new();
    for item in items.iter().filter(|item| !is_disabled(item)) {
        out.push(if out.is_empty() { '?' } else { '&' });
        out.push_str(&text(item.get("key")));
        if let Some(value) = scalar(item.get("value")) {
            out.push('=');
            out.push_str(&value);
        }
    }
    out
}

/// A URL object without `raw`, put together from its parts.
fn url_from_parts(url: &Map<String, Value>) -> String {
    let mut out = String::new();
    if let Some(protocol) = scalar(url.get("protocol")).filter(|p| !p.is_empty()) {
        out.push_str(protocol.trim_end_matches("://").trim_end_matches(':'));
        out.push_str("://");
    }
    match url.get("host") {
        Some(Value::Array(parts)) => {
            out.push_str(
                &parts
                    .iter()
                    .map(|part| text(Some(part)))
                    .collect::<Vec<_>>()
                    .join("."),
            );
        }
        other => out.push_str(&text(other)),
    }
    if let Some(port) = scalar(url.get("port")).filter(|p| !p.is_empty()) {
        out.push(':');
        out.push_str(&port);
    }
    let path = match url.get("path") {
        Some(Value::Array(segments)) => segments
            .iter()
            .map(|segment| match segment {
                // v2.0 allows `{type, value}` segments
                Value::Object(object) => text(object.get("value")),
                other => text(Some(other)),
            })
            .collect::<Vec<_>>()
            .join("/"),
        other => text(other),
    };
    if !path.is_empty() {
        if !path.starts_with('/') {
            out.push('/');
        }
        out.push_str(&path);
    }
    if let Some(Value::Array(items)) = url.get("query") {
        out.push_str(&query_string(items));
    }
    if let Some(hash) = scalar(url.get("hash")).filter(|h| !h.is_empty()) {
        out.push('#');
        out.push_str(&hash);
    }
    out
}

impl Importer {
    fn note(&mut self, at: impl Into<String>, message: impl Into<String>) {
        let note = Note::new(at, message);
        if self.noted.insert((note.at.clone(), note.message.clone())) {
            self.import.notes.push(note);
        }
    }

    fn walk<'a>(
        &mut self,
        items: &'a [Value],
        at: &str,
        dirs: &[String],
        inherited: Option<&InForce<'a>>,
    ) {
        for (index, item) in items.iter().enumerate() {
            let at = format!("{at}/{index}");
            let Some(object) = item.as_object() else {
                self.note(at, "ignored: an item that is not an object");
                continue;
            };
            if let Some(children) = object.get("item") {
                let Some(children) = children.as_array() else {
                    self.note(
                        format!("{at}/item"),
                        "ignored: a folder whose `item` is not a list",
                    );
                    continue;
                };
                self.ignored_settings(object, &at, "the folder's");
                let name = text(object.get("name")).trim().replace(['\r', '\n'], " ");
                let mut dirs = dirs.to_vec();
                dirs.push(if name.is_empty() {
                    "folder".into()
                } else {
                    name
                });
                let own = object
                    .get("auth")
                    .filter(|auth| is_set(auth))
                    .map(|auth| InForce {
                        auth,
                        at: format!("{at}/auth"),
                    });
                self.walk(
                    children,
                    &format!("{at}/item"),
                    &dirs,
                    own.as_ref().or(inherited),
                );
            } else if object.contains_key("request") {
                self.request(object, &at, dirs, inherited);
            } else {
                self.note(at, "ignored: an item with neither `request` nor `item`");
            }
        }
    }

    /// Notes on the settings of a collection, folder or request item that do not change the
    /// request a sample sends.
    fn ignored_settings(&mut self, object: &Map<String, Value>, at: &str, whose: &str) {
        if let Some(Value::Array(events)) = object.get("event") {
            for (index, event) in events.iter().enumerate() {
                let exec = event.get("script").and_then(|s| s.get("exec"));
                let has_code = match exec {
                    Some(Value::String(code)) => !code.trim().is_empty(),
                    Some(Value::Array(lines)) => {
                        lines.iter().any(|line| !text(Some(line)).trim().is_empty())
                    }
                    _ => false,
                };
                if has_code && !is_disabled(event) {
                    let listen = text(event.get("listen"));
                    self.note(
                        format!("{at}/event/{index}"),
                        format!(
                            "ignored: {whose} `{listen}` script (samples only send the request)"
                        ),
                    );
                }
            }
        }
        if let Some(Value::Object(behavior)) = object.get("protocolProfileBehavior")
            && !behavior.is_empty()
        {
            let keys: Vec<String> = behavior.keys().map(|k| format!("`{k}`")).collect();
            self.note(
                format!("{at}/protocolProfileBehavior"),
                format!(
                    "ignored: {whose} protocolProfileBehavior ({})",
                    keys.join(", ")
                ),
            );
        }
        if let Some(Value::Array(variables)) = object.get("variable")
            && !variables.is_empty()
        {
            let names: Vec<String> = variables
                .iter()
                .map(|v| format!("`{}`", text(v.get("key"))))
                .collect();
            self.note(
                format!("{at}/variable"),
                format!(
                    "ignored: {whose} variable values ({}); the specs keep `{{{{name}}}}` as written",
                    names.join(", ")
                ),
            );
        }
    }

    fn request(
        &mut self,
        item: &Map<String, Value>,
        at: &str,
        dirs: &[String],
        inherited: Option<&InForce>,
    ) {
        self.ignored_settings(item, at, "the request's");
        let request_at = format!("{at}/request");
        let empty = Map::new();
        let (request, url, url_at) = match item.get("request") {
            Some(Value::Object(request)) => {
                (request, request.get("url"), format!("{request_at}/url"))
            }
            // v2.x allows a request that is only its URL
            Some(url @ Value::String(_)) => (&empty, Some(url), request_at.clone()),
            _ => {
                self.note(
                    request_at,
                    "ignored: a request that is neither an object nor a URL",
                );
                return;
            }
        };
        for setting in ["proxy", "certificate"] {
            if request.get(setting).is_some_and(|v| !v.is_null()) {
                self.note(
                    format!("{request_at}/{setting}"),
                    format!("ignored: the request's `{setting}` setting"),
                );
            }
        }

        let method = text(request.get("method")).trim().to_ascii_uppercase();
        let method = if method.is_empty() {
            "GET".into()
        } else {
            method
        };
        let url = self.url(url, &url_at);
        let mut headers = self.headers(request.get("header"), &format!("{request_at}/header"));
        let auth = self.auth_in_force(request, &request_at, inherited, &mut headers);
        let body = match request.get("body") {
            Some(body) if !body.is_null() => {
                self.body(body, &format!("{request_at}/body"), &method, &mut headers)
            }
            _ => None,
        };

        let mut prose = description(request.get("description")).trim().to_string();
        let item_description = description(item.get("description")).trim().to_string();
        if !item_description.is_empty() && item_description != prose {
            if !prose.is_empty() {
                prose.push_str("\n\n");
            }
            prose.push_str(&item_description);
        }
        let response = self.response(item.get("response"), at);

        let name = text(item.get("name"));
        let mut title = name.split_whitespace().collect::<Vec<_>>().join(" ");
        if title.is_empty() {
            title = format!("{method} {url}");
        }
        let spec = Spec {
            title: title.clone(),
            request: RequestSpec {
                method,
                url,
                auth,
                query: Vec::new(),
                headers: headers
                    .into_iter()
                    .map(|h| NameValueSpec::from([(h.name, Some(h.value))]))
                    .collect(),
                cookies: Vec::new(),
                body,
            },
            response,
            prose,
        };
        self.check(&spec, at);
        self.import.items.push(Imported {
            dirs: dirs.to_vec(),
            name: if name.trim().is_empty() { title } else { name },
            spec,
        });
        self.pointers.push(at.to_string());
    }

    /// `{{names}}` the validator refuses (`{{Base URL}}`, `{{ id }}`), written so that it accepts
    /// them, with a note.
    fn variables(&mut self, text: &str, at: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find("{{") {
            let after = &rest[start + 2..];
            let Some(end) = after.find("}}") else {
                break;
            };
            let name = &after[..end];
            out.push_str(&rest[..start]);
            out.push_str("{{");
            let fixed: String = name
                .trim()
                .chars()
                .map(|c| if is_variable_char(c) { c } else { '_' })
                .collect();
            if fixed == name || fixed.is_empty() {
                out.push_str(name);
            } else {
                self.note(
                    at,
                    format!(
                        "`{{{{{name}}}}}` is written `{{{{{fixed}}}}}`: a samplegen variable name is letters, digits, `_`, `-`, `.`"
                    ),
                );
                out.push_str(&fixed);
            }
            out.push_str("}}");
            rest = &after[end + 2..];
        }
        out.push_str(rest);
        out
    }

    fn url(&mut self, url: Option<&Value>, at: &str) -> String {
        let (written, values) = match url {
            Some(Value::String(url)) => (url.trim().to_string(), None),
            Some(Value::Object(url)) => {
                let raw = url
                    .get("raw")
                    .and_then(Value::as_str)
                    .map(str::trim)
                    .filter(|raw| !raw.is_empty());
                let query = url.get("query").and_then(Value::as_array);
                let written = match (raw, query) {
                    // rebuild the query when some of its items are disabled
                    (Some(raw), Some(items)) if items.iter().any(is_disabled) => {
                        let (before_hash, hash) = match raw.find('#') {
                            Some(i) => raw.split_at(i),
                            None => (raw, ""),
                        };
                        let base = before_hash.split('?').next().unwrap_or_default();
                        format!("{base}{}{hash}", query_string(items))
                    }
                    (Some(raw), _) => raw.to_string(),
                    (None, _) => url_from_parts(url),
                };
                // Postman's runtime sends the parts; they differ from `raw` only when edited by hand
                if raw.is_some() && (url.contains_key("host") || url.contains_key("path")) {
                    let parts = url_from_parts(url);
                    if parts != written {
                        self.note(
                            format!("{at}/raw"),
                            format!("the URL's `raw` is used, but its parts say `{parts}`, which is what Postman sends"),
                        );
                    }
                }
                (written, url.get("variable").and_then(Value::as_array))
            }
            None | Some(Value::Null) => {
                self.note(at, "the request has no URL");
                (String::new(), None)
            }
            Some(_) => {
                self.note(at, "the URL is neither a string nor an object");
                (String::new(), None)
            }
        };
        let (mut url, names) = path_variables(&written);
        if let Some(values) = values {
            let given: Vec<String> = values
                .iter()
                .filter_map(|v| {
                    let key = text(v.get("key"));
                    let value = text(v.get("value"));
                    (names.contains(&key) && !value.is_empty())
                        .then(|| format!("`{key}` = `{value}`"))
                })
                .collect();
            if !given.is_empty() {
                self.note(
                    format!("{at}/variable"),
                    format!(
                        "path variable values are not kept, the URL keeps the variables: {}",
                        given.join(", ")
                    ),
                );
            }
        }
        if !url.is_empty() && !url.starts_with("{{") && !url.contains("://") {
            self.note(
                at,
                format!("`{url}` has no scheme; Postman sends it over http, so it is written `http://{url}`"),
            );
            url = format!("http://{url}");
        }
        self.variables(&url, at)
    }

    fn headers(&mut self, headers: Option<&Value>, at: &str) -> Vec<Header> {
        let mut found: Vec<(String, String, String)> = Vec::new();
        match headers {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) => {
                for (index, item) in items.iter().enumerate() {
                    let at = format!("{at}/{index}");
                    match item {
                        Value::String(line) => {
                            if let Some((name, value)) = line.split_once(':') {
                                found.push((name.trim().into(), value.trim().into(), at));
                            } else {
                                self.note(at, "dropped: a header that is not `Name: value`");
                            }
                        }
                        Value::Object(_) if is_disabled(item) => {}
                        Value::Object(header) => found.push((
                            text(header.get("key")).trim().to_string(),
                            text(header.get("value")),
                            at,
                        )),
                        _ => self.note(at, "dropped: a header that is not an object"),
                    }
                }
            }
            // v2.0 allows the headers as one string, a `Name: value` a line (`//` disables one)
            Some(Value::String(lines)) => {
                for line in lines.lines().map(str::trim) {
                    if line.is_empty() || line.starts_with("//") {
                        continue;
                    }
                    match line.split_once(':') {
                        Some((name, value)) => {
                            found.push((name.trim().into(), value.trim().into(), at.into()))
                        }
                        None => self.note(
                            at,
                            format!("dropped: `{line}` is not a `Name: value` header"),
                        ),
                    }
                }
            }
            Some(_) => self.note(at, "dropped: the headers are neither a list nor a string"),
        }

        let mut headers = Vec::with_capacity(found.len());
        for (name, value, at) in found {
            if name.is_empty() {
                self.note(at, "dropped: a header without a name");
            } else if !crate::model::is_token(&name) {
                self.note(at, format!("dropped: `{name}` is not a valid header name"));
            } else if value.chars().any(|c| c.is_control() && c != '\t') {
                self.note(
                    at,
                    format!("dropped: the value of `{name}` holds a line break or another control character, which HTTP does not allow"),
                );
            } else if !value.is_ascii() {
                self.note(
                    at,
                    format!("dropped: the value of `{name}` holds non-ASCII characters, which browsers, .NET and Node refuse or re-encode (percent-encode them)"),
                );
            } else {
                let value = self.variables(&value, &at);
                headers.push(Header { name, value, at });
            }
        }
        headers
    }

    /// The request's auth, else the inherited one; when an explicit header says the same as
    /// the auth, the request's own auth wins over the header, the header over inherited auth.
    fn auth_in_force(
        &mut self,
        request: &Map<String, Value>,
        request_at: &str,
        inherited: Option<&InForce>,
        headers: &mut Vec<Header>,
    ) -> Option<AuthSpec> {
        let (auth, at, own) = match request.get("auth").filter(|auth| is_set(auth)) {
            Some(auth) => (auth, format!("{request_at}/auth"), true),
            None => {
                let inherited = inherited?;
                (inherited.auth, inherited.at.clone(), false)
            }
        };
        let auth = self.auth(auth, &at)?;
        let header = match (&auth.apikey, &auth.basic, &auth.bearer) {
            (Some(key), _, _) if key.location.as_deref() == Some("query") => None,
            (Some(key), _, _) => Some(key.name.clone()),
            _ => Some("Authorization".to_string()),
        };
        let Some(header) = header else {
            return Some(auth);
        };
        if !headers.iter().any(|h| h.name.eq_ignore_ascii_case(&header)) {
            return Some(auth);
        }
        if own {
            let (dropped, kept): (Vec<Header>, Vec<Header>) = std::mem::take(headers)
                .into_iter()
                .partition(|h| h.name.eq_ignore_ascii_case(&header));
            *headers = kept;
            for dropped in dropped {
                self.note(
                    dropped.at,
                    format!("dropped: the request's auth sends `{header}` itself"),
                );
            }
            Some(auth)
        } else {
            let clash = headers
                .iter()
                .find(|h| h.name.eq_ignore_ascii_case(&header))
                .expect("a clashing header");
            let message = format!(
                "the request's `{}` header is kept, and the auth it inherits from {at} is dropped (samplegen sends one or the other)",
                clash.name
            );
            let clash_at = clash.at.clone();
            self.note(clash_at, message);
            None
        }
    }

    fn auth(&mut self, auth: &Value, at: &str) -> Option<AuthSpec> {
        let kind = text(auth.get("type"));
        // v2.1: `basic: [{key, value}]`; v2.0: `basic: {username, password}`
        let attribute = |key: &str| -> String {
            match auth.get(&kind) {
                Some(Value::Array(attributes)) => attributes
                    .iter()
                    .find(|a| a.get("key").and_then(Value::as_str) == Some(key))
                    .map(|a| text(a.get("value")))
                    .unwrap_or_default(),
                Some(Value::Object(attributes)) => text(attributes.get(key)),
                _ => String::new(),
            }
        };
        let spec = match kind.as_str() {
            "noauth" => return None,
            "basic" => AuthSpec {
                basic: Some(BasicAuthSpec {
                    username: attribute("username"),
                    password: attribute("password"),
                }),
                ..AuthSpec::default()
            },
            "bearer" => AuthSpec {
                bearer: Some(attribute("token")),
                ..AuthSpec::default()
            },
            "apikey" => {
                let name = attribute("key");
                if !crate::model::is_token(&name) {
                    self.note(
                        at,
                        format!("dropped: the API key's name `{name}` is not a valid header or query item name"),
                    );
                    return None;
                }
                let location = match attribute("in").as_str() {
                    "" | "header" => None,
                    "query" => Some("query".to_string()),
                    other => {
                        self.note(
                            at,
                            format!("the API key is sent `in: {other}`, which samplegen does not know; it is sent as a header"),
                        );
                        None
                    }
                };
                AuthSpec {
                    apikey: Some(ApiKeySpec {
                        name,
                        value: attribute("value"),
                        location,
                    }),
                    ..AuthSpec::default()
                }
            }
            "" => {
                self.note(at, "ignored: an auth without a `type`");
                return None;
            }
            other => {
                self.note(
                    at,
                    format!("`{other}` auth cannot be written in a spec (basic, bearer and apikey can); requests using it are imported without auth"),
                );
                return None;
            }
        };
        Some(AuthSpec {
            basic: spec.basic.map(|basic| BasicAuthSpec {
                username: self.variables(&basic.username, at),
                password: self.variables(&basic.password, at),
            }),
            bearer: spec.bearer.map(|token| self.variables(&token, at)),
            apikey: spec.apikey.map(|key| ApiKeySpec {
                value: self.variables(&key.value, at),
                ..key
            }),
        })
    }

    /// The body, and the `Content-Type` it needs when the headers give none.
    fn body(
        &mut self,
        body: &Value,
        at: &str,
        method: &str,
        headers: &mut Vec<Header>,
    ) -> Option<BodySpec> {
        let Some(body) = body.as_object() else {
            self.note(at, "ignored: a body that is not an object");
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
                let needs = match language {
                    "json" => "application/json",
                    "xml" => "application/xml",
                    "javascript" => "application/javascript",
                    "html" => "text/html",
                    _ => "text/plain",
                };
                let spec = BodySpec {
                    raw: Some(raw),
                    ..BodySpec::default()
                };
                (spec, Some(needs))
            }
            "urlencoded" => {
                let fields: Vec<NameValueSpec> = body
                    .get("urlencoded")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter(|field| !is_disabled(field))
                    .map(|field| {
                        NameValueSpec::from([(
                            text(field.get("key")),
                            Some(text(field.get("value"))),
                        )])
                    })
                    .collect();
                if fields.is_empty() {
                    return None;
                }
                let spec = BodySpec {
                    urlencoded: Some(fields),
                    ..BodySpec::default()
                };
                (spec, None)
            }
            "formdata" => {
                let parts = self.form_parts(body.get("formdata"), &format!("{at}/formdata"));
                if parts.is_empty() {
                    return None;
                }
                let spec = BodySpec {
                    formdata: Some(parts),
                    ..BodySpec::default()
                };
                (spec, None)
            }
            "file" => {
                let src = body
                    .get("file")
                    .and_then(|file| file.get("src"))
                    .and_then(Value::as_str)
                    .map(str::trim)
                    .unwrap_or_default();
                let path =
                    if src.is_empty() || src.contains('"') || src.chars().any(char::is_control) {
                        self.note(
                            format!("{at}/file"),
                            format!("no usable file is chosen; the spec sends `{NO_FILE}`"),
                        );
                        NO_FILE.to_string()
                    } else {
                        src.to_string()
                    };
                let spec = BodySpec {
                    file: Some(FileSpec::Path(path)),
                    ..BodySpec::default()
                };
                (spec, Some("application/octet-stream"))
            }
            "graphql" => {
                let graphql = body.get("graphql");
                let query = text(graphql.and_then(|g| g.get("query")));
                let variables = match graphql.and_then(|g| g.get("variables")) {
                    Some(Value::String(text)) if text.trim().is_empty() => None,
                    Some(Value::String(text)) => match serde_json::from_str::<Value>(text) {
                        Ok(Value::Object(_)) => Some(text.clone()),
                        _ => {
                            self.note(
                                format!("{at}/graphql/variables"),
                                "dropped: the GraphQL variables are not a JSON object",
                            );
                            None
                        }
                    },
                    Some(object @ Value::Object(_)) => {
                        Some(serde_json::to_string_pretty(object).expect("JSON serializes"))
                    }
                    None | Some(Value::Null) => None,
                    Some(_) => {
                        self.note(
                            format!("{at}/graphql/variables"),
                            "dropped: the GraphQL variables are not a JSON object",
                        );
                        None
                    }
                };
                if query.trim().is_empty() && variables.is_none() {
                    return None;
                }
                let spec = BodySpec {
                    graphql: Some(GraphqlSpec { query, variables }),
                    ..BodySpec::default()
                };
                (spec, None)
            }
            other => {
                self.note(
                    format!("{at}/mode"),
                    format!("ignored: the body mode `{other}` is not one samplegen knows"),
                );
                return None;
            }
        };

        if matches!(method, "GET" | "HEAD") {
            self.note(
                at,
                format!("dropped: a {method} request's body (OkHttp, browsers and curl cannot send one, so samplegen refuses it)"),
            );
            return None;
        }

        // the body against the Content-Type header
        let mode = if spec.urlencoded.is_some() {
            Some("urlencoded")
        } else if spec.formdata.is_some() {
            Some("formdata")
        } else if spec.graphql.is_some() {
            Some("graphql")
        } else {
            None
        };
        if let Some(mode) = mode {
            let (dropped, kept): (Vec<Header>, Vec<Header>) =
                std::mem::take(headers).into_iter().partition(|h| {
                    h.name.eq_ignore_ascii_case("content-type")
                        && !accepts_content_type(mode, &media_type(&h.value))
                });
            *headers = kept;
            for header in dropped {
                let why = if mode == "formdata" {
                    "samplegen writes the `multipart/form-data` header, with each client's boundary"
                } else {
                    "it contradicts the body"
                };
                self.note(
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
                value: needs.into(),
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
            let name = text(field.get("key"));
            if !crate::model::is_part_name(&name) {
                self.note(
                    at,
                    format!("dropped: `{name}` cannot be a part name (no quotes, `\\`, `=`, `;` or control characters)"),
                );
                continue;
            }
            let mut content_type = scalar(field.get("contentType"))
                .map(|ct| ct.trim().to_string())
                .filter(|ct| !ct.is_empty());
            if let Some(ct) = &content_type
                && ct.contains(['\r', '\n', '"'])
            {
                self.note(&at, format!("dropped: `{ct}` is not a content type"));
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
                    format!("{at}/src"),
                    format!("no file is chosen for the part `{name}`; the spec sends `{NO_FILE}`"),
                );
                files.push(NO_FILE.into());
            }
            for file in files {
                if file.contains('"') || file.chars().any(char::is_control) {
                    self.note(
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

    /// The first saved example response.
    fn response(&mut self, responses: Option<&Value>, at: &str) -> Option<ResponseSpec> {
        let responses = responses?.as_array()?;
        let first = responses.first()?;
        let at = format!("{at}/response");
        if responses.len() > 1 {
            self.note(
                &at,
                format!(
                    "only the first saved example response is imported ({} more)",
                    responses.len() - 1
                ),
            );
        }
        let code = match first.get("code") {
            Some(Value::Number(code)) => code.as_u64(),
            Some(Value::String(code)) => code.trim().parse().ok(),
            _ => None,
        };
        let Some(code) = code.filter(|code| (100..=599).contains(code)) else {
            self.note(
                format!("{at}/0"),
                "ignored: a saved example response without a status code",
            );
            return None;
        };
        let reason = text(first.get("status")).trim().replace(['\r', '\n'], " ");
        let status = if reason.is_empty() {
            code.to_string()
        } else {
            format!("{code} {reason}")
        };
        let body = scalar(first.get("body")).filter(|body| !body.trim().is_empty());
        let lang = body.as_ref().and_then(|body| response_lang(first, body));
        Some(ResponseSpec { status, body, lang })
    }

    /// Checks that `spec` will be written, noting why not.
    fn check(&mut self, spec: &Spec, at: &str) {
        let text = super::to_yaml(spec);
        let path = Path::new("imported.yaml");
        let id = PageId {
            module: "imported".into(),
            page: "request".into(),
        };
        let problems: Vec<String> = match crate::spec::parse(&text) {
            Err(error) => vec![error.to_string()],
            Ok(parsed) => match model::validate(parsed, id, path, &text) {
                Ok(_) => Vec::new(),
                Err(problems) => problems.into_iter().map(|d| d.message).collect(),
            },
        };
        if !problems.is_empty() {
            self.note(
                at,
                format!(
                    "the imported spec is not valid, so it will not be written: {}",
                    problems.join("; ")
                ),
            );
        }
    }
}

/// Whether a body of `mode` can be sent with a `Content-Type` of `media_type`, as the validator
/// checks it (a multipart body takes none: each client writes its own boundary).
fn accepts_content_type(mode: &str, media_type: &str) -> bool {
    match mode {
        "urlencoded" => media_type == FORM_URLENCODED,
        "graphql" => media_type == "application/json" || media_type.ends_with("+json"),
        _ => false,
    }
}

/// The fence info string of an example response body; `None` for JSON, the default.
fn response_lang(response: &Value, body: &str) -> Option<String> {
    let preview = text(response.get("_postman_previewlanguage"));
    let lang = match preview.as_str() {
        "json" => "json",
        "xml" => "xml",
        "html" => "html",
        "text" | "plain" | "raw" => "text",
        _ => {
            let content_type = response
                .get("header")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .find(|h| text(h.get("key")).eq_ignore_ascii_case("content-type"))
                .map(|h| media_type(&text(h.get("value"))))
                .unwrap_or_default();
            if content_type.contains("json") {
                "json"
            } else if content_type.contains("xml") {
                "xml"
            } else if content_type.contains("html") {
                "html"
            } else if serde_json::from_str::<Value>(body).is_ok() {
                "json"
            } else {
                "text"
            }
        }
    };
    (lang != "json").then(|| lang.to_string())
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{assert_valid, pair, pairs};
    use super::*;
    use serde_json::json;

    fn run(collection: Value) -> Import {
        import(&collection.to_string()).expect("a collection")
    }

    /// A v2.1 collection of the given items.
    fn collection(items: Value) -> Value {
        json!({
            "info": {"name": "c", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": items,
        })
    }

    fn one(request: Value) -> (Spec, Vec<Note>) {
        let import = run(collection(json!([{"name": "R", "request": request}])));
        assert_eq!(import.items.len(), 1);
        (import.items[0].spec.clone(), import.notes)
    }

    fn headers(spec: &Spec) -> Vec<(String, String)> {
        pairs(&spec.request.headers)
    }

    fn valid(spec: &Spec) {
        assert_valid("the spec", spec);
    }

    #[test]
    fn malformed_input_is_an_error() {
        assert!(import("not json").unwrap_err().contains("not JSON"));
        assert!(import("[]").unwrap_err().contains("not a JSON object"));
        assert!(import(r#"{"item": []}"#).unwrap_err().contains("`info`"));
        assert!(import(r#"{"info": {}}"#).unwrap_err().contains("`item`"));
        assert!(
            import(r#"{"requests": [], "order": []}"#)
                .unwrap_err()
                .contains("v1")
        );
        let v1 = r#"{"info": {"schema": "https://schema.getpostman.com/json/collection/v1.0.0/collection.json"}, "item": []}"#;
        assert!(import(v1).unwrap_err().contains("v2.1"));
    }

    #[test]
    fn folders_become_dirs_and_names_titles() {
        let import = run(collection(json!([
            {"name": "Users", "item": [
                {"name": "Devices", "item": [
                    {"name": "Read  Device", "request": {"method": "get", "url": "https://e.com/d"}}
                ]},
                {"name": "List", "request": {"url": "https://e.com/u"}}
            ]},
            {"name": "Top", "request": "https://e.com/top"}
        ])));
        let names: Vec<_> = import
            .items
            .iter()
            .map(|i| {
                (
                    i.dirs.join("/"),
                    i.name.as_str(),
                    i.spec.title.as_str(),
                    i.spec.request.method.as_str(),
                )
            })
            .collect();
        assert_eq!(
            names,
            [
                (
                    "Users/Devices".to_string(),
                    "Read  Device",
                    "Read Device",
                    "GET"
                ),
                ("Users".to_string(), "List", "List", "GET"),
                (String::new(), "Top", "Top", "GET"),
            ]
        );
        assert_eq!(import.items[2].spec.request.url, "https://e.com/top");
        assert!(import.notes.is_empty(), "{:?}", import.notes);
        for item in &import.items {
            valid(&item.spec);
        }
    }

    #[test]
    fn url_raw_with_disabled_query_and_path_variables() {
        let (spec, notes) = one(json!({
            "method": "GET",
            "url": {
                "raw": "{{baseUrl}}/users/:userId/devices?limit=10&flag&off=1#top",
                "host": ["{{baseUrl}}"],
                "path": ["users", ":userId", "devices"],
                "query": [
                    {"key": "limit", "value": "10"},
                    {"key": "flag", "value": null},
                    {"key": "off", "value": "1", "disabled": true}
                ],
                "hash": "top",
                "variable": [{"key": "userId", "value": "42"}]
            }
        }));
        assert_eq!(
            spec.request.url,
            "{{baseUrl}}/users/{{userId}}/devices?limit=10&flag#top"
        );
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert_eq!(notes[0].at, "/item/0/request/url/variable");
        assert!(notes[0].message.contains("`userId` = `42`"));
        valid(&spec);
    }

    #[test]
    fn raw_differing_from_the_parts_is_noted() {
        let (spec, notes) = one(json!({"url": {
            "raw": "https://e.com/query=1",
            "host": ["https://e.com"],
            "path": ["get"],
            "query": [{"key": "query", "value": "1"}]
        }}));
        assert_eq!(spec.request.url, "https://e.com/query=1");
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].at, "/item/0/request/url/raw");
        assert!(notes[0].message.contains("`https://e.com/get?query=1`"));
    }

    #[test]
    fn url_from_parts_without_raw() {
        let (spec, _) = one(json!({
            "url": {
                "protocol": "https",
                "host": ["api", "example", "com"],
                "port": "8443",
                "path": ["v1", ":id"],
                "query": [{"key": "a", "value": "1"}, {"key": "b", "value": ""}, {"key": "c", "value": null}],
                "hash": "frag"
            }
        }));
        assert_eq!(
            spec.request.url,
            "https://api.example.com:8443/v1/{{id}}?a=1&b=&c#frag"
        );
        let (spec, _) = one(json!({"url": {"host": "{{host}}", "path": "/x/y"}}));
        assert_eq!(spec.request.url, "{{host}}/x/y");
    }

    #[test]
    fn url_without_scheme_and_bad_variable_names() {
        let (spec, notes) = one(json!({"url": "postman-echo.com/get?x={{ my var }}"}));
        assert_eq!(spec.request.url, "http://postman-echo.com/get?x={{my_var}}");
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(notes[0].message.contains("no scheme"));
        assert!(
            notes[1]
                .message
                .contains("`{{ my var }}` is written `{{my_var}}`")
        );
        valid(&spec);
    }

    #[test]
    fn headers_in_order_disabled_dropped_and_bad_ones_noted() {
        let (spec, notes) = one(json!({
            "method": "GET",
            "url": "https://e.com",
            "header": [
                {"key": "X-A", "value": "1"},
                {"key": "X-Off", "value": "0", "disabled": true},
                {"key": "X-A", "value": "2", "type": "text"},
                {"key": "", "value": "nameless"},
                {"key": "X-Line", "value": "a\nb"},
                {"key": "X-Accent", "value": "café"},
                {"key": "Bad Name", "value": "x"},
                "X-Str: three"
            ]
        }));
        assert_eq!(
            headers(&spec),
            [pair("X-A", "1"), pair("X-A", "2"), pair("X-Str", "three")]
        );
        let at: Vec<&str> = notes.iter().map(|n| n.at.as_str()).collect();
        assert_eq!(
            at,
            [
                "/item/0/request/header/3",
                "/item/0/request/header/4",
                "/item/0/request/header/5",
                "/item/0/request/header/6"
            ]
        );
        valid(&spec);
    }

    #[test]
    fn headers_as_a_string() {
        let (spec, notes) = one(json!({
            "url": "https://e.com",
            "header": "Accept: application/json\n// X-Off: 1\nX-B: two: parts\n"
        }));
        assert_eq!(
            headers(&spec),
            [
                pair("Accept", "application/json"),
                pair("X-B", "two: parts")
            ]
        );
        assert!(notes.is_empty());
    }

    #[test]
    fn auth_kinds_v21_and_v20() {
        let (spec, _) = one(
            json!({"url": "https://e.com", "auth": {"type": "basic", "basic": [
                {"key": "password", "value": "{{secret}}"}, {"key": "username", "value": "{{id}}"}
            ]}}),
        );
        let basic = spec.request.auth.clone().unwrap().basic.unwrap();
        assert_eq!(
            (basic.username.as_str(), basic.password.as_str()),
            ("{{id}}", "{{secret}}")
        );
        valid(&spec);

        let (spec, _) = one(
            json!({"url": "https://e.com", "auth": {"type": "basic", "basic": {"username": "u", "password": "p"}}}),
        );
        assert_eq!(spec.request.auth.unwrap().basic.unwrap().username, "u");

        let (spec, _) = one(
            json!({"url": "https://e.com", "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}"}]}}),
        );
        assert_eq!(
            spec.request.auth.unwrap().bearer.as_deref(),
            Some("{{token}}")
        );

        let (spec, _) = one(
            json!({"url": "https://e.com", "auth": {"type": "bearer", "bearer": {"token": "t"}}}),
        );
        assert_eq!(spec.request.auth.unwrap().bearer.as_deref(), Some("t"));

        let (spec, _) = one(
            json!({"url": "https://e.com", "auth": {"type": "apikey", "apikey": [
                {"key": "value", "value": "{{key}}"}, {"key": "key", "value": "X-API-Key"}
            ]}}),
        );
        let key = spec.request.auth.clone().unwrap().apikey.unwrap();
        assert_eq!(
            (key.name.as_str(), key.value.as_str(), key.location),
            ("X-API-Key", "{{key}}", None)
        );
        valid(&spec);

        let (spec, _) = one(
            json!({"url": "https://e.com", "auth": {"type": "apikey", "apikey": [
                {"key": "value", "value": "v"}, {"key": "key", "value": "api_key"}, {"key": "in", "value": "query"}
            ]}}),
        );
        assert_eq!(
            spec.request
                .auth
                .clone()
                .unwrap()
                .apikey
                .unwrap()
                .location
                .as_deref(),
            Some("query")
        );
        valid(&spec);
    }

    #[test]
    fn other_auth_kinds_are_noted_once() {
        let mut c = collection(json!([
            {"name": "A", "request": {"url": "https://e.com/a"}},
            {"name": "B", "request": {"url": "https://e.com/b"}},
            {"name": "C", "request": {"url": "https://e.com/c", "auth": {"type": "digest", "digest": []}}}
        ]));
        c["auth"] = json!({"type": "oauth2", "oauth2": [{"key": "accessToken", "value": "x"}]});
        let import = run(c);
        assert!(import.items.iter().all(|i| i.spec.request.auth.is_none()));
        let at: Vec<&str> = import.notes.iter().map(|n| n.at.as_str()).collect();
        assert_eq!(at, ["/auth", "/item/2/request/auth"]);
        assert!(import.notes[0].message.contains("`oauth2` auth"));
    }

    #[test]
    fn auth_is_inherited_from_the_nearest_folder() {
        let mut c = collection(json!([
            {"name": "F", "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "folder"}]}, "item": [
                {"name": "G", "auth": null, "item": [
                    {"name": "Inherits folder", "request": {"url": "https://e.com/1"}},
                    {"name": "Own", "request": {"url": "https://e.com/2", "auth": {"type": "basic", "basic": [{"key": "username", "value": "u"}]}}},
                    {"name": "None", "request": {"url": "https://e.com/3", "auth": {"type": "noauth"}}}
                ]}
            ]},
            {"name": "NoAuthFolder", "auth": {"type": "noauth"}, "item": [
                {"name": "Nothing", "request": {"url": "https://e.com/4"}}
            ]},
            {"name": "Inherits collection", "request": {"url": "https://e.com/5"}}
        ]));
        c["auth"] = json!({"type": "bearer", "bearer": [{"key": "token", "value": "collection"}]});
        let import = run(c);
        let auths: Vec<String> = import
            .items
            .iter()
            .map(|i| match &i.spec.request.auth {
                None => "none".into(),
                Some(a) => a.bearer.clone().unwrap_or_else(|| "basic".into()),
            })
            .collect();
        assert_eq!(auths, ["folder", "basic", "none", "none", "collection"]);
        assert!(import.notes.is_empty(), "{:?}", import.notes);
    }

    #[test]
    fn explicit_authorization_header_against_auth() {
        // inherited auth: the request's own header wins
        let mut c = collection(json!([{"name": "R", "request": {
            "method": "GET", "url": "https://e.com",
            "header": [{"key": "authorization", "value": "Bearer {{mine}}"}]
        }}]));
        c["auth"] = json!({"type": "bearer", "bearer": [{"key": "token", "value": "t"}]});
        let import = run(c);
        let spec = &import.items[0].spec;
        assert!(spec.request.auth.is_none());
        assert_eq!(headers(spec), [pair("authorization", "Bearer {{mine}}")]);
        assert_eq!(import.notes.len(), 1);
        assert_eq!(import.notes[0].at, "/item/0/request/header/0");
        assert!(import.notes[0].message.contains("inherits from /auth"));
        valid(spec);

        // the request's own auth: the auth wins
        let (spec, notes) = one(json!({
            "url": "https://e.com",
            "auth": {"type": "basic", "basic": [{"key": "username", "value": "u"}]},
            "header": [{"key": "Authorization", "value": "Basic x"}, {"key": "X", "value": "y"}]
        }));
        assert!(spec.request.auth.is_some());
        assert_eq!(headers(&spec), [pair("X", "y")]);
        assert_eq!(notes[0].at, "/item/0/request/header/0");
        valid(&spec);
    }

    #[test]
    fn raw_body_gets_its_content_type() {
        let (spec, notes) = one(json!({
            "method": "POST", "url": "https://e.com",
            "body": {"mode": "raw", "raw": "{\"a\": 1}", "options": {"raw": {"language": "json"}}}
        }));
        assert_eq!(
            spec.request.body.as_ref().unwrap().raw.as_deref(),
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
        assert_eq!(spec.request.body.unwrap().raw.as_deref(), Some(""));
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
        let fields = spec
            .request
            .body
            .as_ref()
            .unwrap()
            .urlencoded
            .clone()
            .unwrap();
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
                {"key": "bad\"name", "value": "x"}
            ]}
        }));
        let parts = spec
            .request
            .body
            .as_ref()
            .unwrap()
            .formdata
            .clone()
            .unwrap();
        let yaml = serde_yaml::to_string(&parts).unwrap();
        assert_eq!(
            yaml,
            "- text: v\n- json:\n    value: '{}'\n    content_type: application/json\n- one:\n    file: /tmp/a.txt\n    content_type: text/plain\n- many:\n    file: a.png\n- many:\n    file: b.png\n- none:\n    file: /path/to/file\n"
        );
        assert!(spec.request.headers.is_empty());
        let at: Vec<&str> = notes.iter().map(|n| n.at.as_str()).collect();
        assert_eq!(
            at,
            [
                "/item/0/request/body/formdata/5/src",
                "/item/0/request/body/formdata/6",
                "/item/0/request/header/0"
            ]
        );
        valid(&spec);
    }

    #[test]
    fn file_body() {
        let (spec, notes) = one(json!({
            "method": "POST", "url": "https://e.com",
            "body": {"mode": "file", "file": {"src": "data.bin"}}
        }));
        assert!(
            matches!(&spec.request.body.as_ref().unwrap().file, Some(FileSpec::Path(p)) if p == "data.bin")
        );
        assert_eq!(
            headers(&spec),
            [pair("Content-Type", "application/octet-stream")]
        );
        assert!(notes.is_empty());
        valid(&spec);
        let (spec, notes) = one(
            json!({"method": "POST", "url": "https://e.com", "body": {"mode": "file", "file": {}}}),
        );
        assert!(
            matches!(&spec.request.body.as_ref().unwrap().file, Some(FileSpec::Path(p)) if p == NO_FILE)
        );
        assert_eq!(notes[0].at, "/item/0/request/body/file");
    }

    #[test]
    fn graphql_body() {
        let (spec, notes) = one(json!({
            "method": "POST", "url": "https://e.com",
            "body": {"mode": "graphql", "graphql": {"query": "{ me { id } }", "variables": "{\"a\": 1}"}}
        }));
        let graphql = spec.request.body.as_ref().unwrap().graphql.clone().unwrap();
        assert_eq!(graphql.query, "{ me { id } }");
        assert_eq!(graphql.variables.as_deref(), Some("{\"a\": 1}"));
        assert!(notes.is_empty());
        valid(&spec);
        let (spec, notes) = one(json!({
            "method": "POST", "url": "https://e.com",
            "body": {"mode": "graphql", "graphql": {"query": "q", "variables": "[1]"}}
        }));
        assert!(
            spec.request
                .body
                .unwrap()
                .graphql
                .unwrap()
                .variables
                .is_none()
        );
        assert_eq!(notes[0].at, "/item/0/request/body/graphql/variables");
    }

    #[test]
    fn descriptions_become_prose() {
        let import = run(collection(json!([
            {"name": "A", "request": {"url": "https://e.com", "description": "Some *Markdown*."}},
            {"name": "B", "description": "Item text.", "request": {"url": "https://e.com", "description": {"content": "Object text.", "type": "text/markdown"}}}
        ])));
        assert_eq!(import.items[0].spec.prose, "Some *Markdown*.");
        assert_eq!(import.items[1].spec.prose, "Object text.\n\nItem text.");
    }

    #[test]
    fn first_example_response() {
        let import = run(collection(json!([
            {"name": "A", "request": {"url": "https://e.com"}, "response": [
                {"name": "ok", "code": 200, "status": "OK", "_postman_previewlanguage": "json", "body": "{\"a\": 1}"},
                {"name": "other", "code": 404, "status": "Not Found"}
            ]},
            {"name": "B", "request": {"url": "https://e.com"}, "response": [
                {"code": 201, "status": "", "_postman_previewlanguage": "xml", "body": "<a/>"}
            ]},
            {"name": "C", "request": {"url": "https://e.com"}, "response": [{"name": "no code", "body": "x"}]},
            {"name": "D", "request": {"url": "https://e.com"}, "response": [
                {"code": 200, "status": "OK", "header": [{"key": "Content-Type", "value": "text/html; charset=utf-8"}], "body": "<p>hi</p>"}
            ]}
        ])));
        let responses: Vec<_> = import
            .items
            .iter()
            .map(|i| i.spec.response.clone())
            .collect();
        let a = responses[0].as_ref().unwrap();
        assert_eq!(
            (a.status.as_str(), a.body.as_deref(), a.lang.as_deref()),
            ("200 OK", Some("{\"a\": 1}"), None)
        );
        let b = responses[1].as_ref().unwrap();
        assert_eq!((b.status.as_str(), b.lang.as_deref()), ("201", Some("xml")));
        assert!(responses[2].is_none());
        assert_eq!(responses[3].as_ref().unwrap().lang.as_deref(), Some("html"));
        let at: Vec<&str> = import.notes.iter().map(|n| n.at.as_str()).collect();
        assert_eq!(at, ["/item/0/response", "/item/2/response/0"]);
        for item in &import.items {
            valid(&item.spec);
        }
    }

    #[test]
    fn ignored_settings_are_noted() {
        let mut c = collection(
            json!([{"name": "F", "event": [{"listen": "test", "script": {"exec": [""]}}], "item": [
                {"name": "R",
                 "event": [{"listen": "prerequest", "script": {"exec": ["pm.environment.set('a', 1)"]}}],
                 "protocolProfileBehavior": {"disableBodyPruning": true},
                 "request": {"url": "https://e.com"}}
            ]}]),
        );
        c["variable"] = json!([{"key": "baseUrl", "value": "https://e.com"}]);
        c["protocolProfileBehavior"] = json!({});
        let import = run(c);
        let at: Vec<&str> = import.notes.iter().map(|n| n.at.as_str()).collect();
        assert_eq!(
            at,
            [
                "/variable",
                "/item/0/item/0/event/0",
                "/item/0/item/0/protocolProfileBehavior"
            ]
        );
        assert!(
            import
                .notes
                .iter()
                .all(|n| n.message.starts_with("ignored: "))
        );
    }

    #[test]
    fn an_invalid_spec_is_explained() {
        let (_, notes) = one(json!({"method": "G T", "url": "https://e.com"}));
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].at, "/item/0");
        assert!(notes[0].message.contains("not valid"), "{notes:?}");
    }

    /// Every collection of the peer fixtures imports into specs that are valid, or are explained
    /// by a note.
    #[test]
    fn peer_fixtures() {
        let root = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/peer-fixtures/postman"
        ));
        if !root.is_dir() {
            eprintln!("skipped: {} is absent", root.display());
            return;
        }
        let mut files = Vec::new();
        let mut dirs = vec![root.to_path_buf()];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "json") {
                    files.push(path);
                }
            }
        }
        files.sort();
        let mut requests = 0;
        for file in &files {
            let name = file.strip_prefix(root).unwrap().display().to_string();
            let text = std::fs::read_to_string(file).unwrap();
            let (import, pointers) = match import_with_pointers(&text) {
                Ok(result) => result,
                Err(error) => {
                    let value: Value = serde_json::from_str(&text).unwrap();
                    assert!(value.get("item").is_none(), "{name}: {error}");
                    eprintln!("{name}: not a collection: {error}");
                    continue;
                }
            };
            for (item, at) in import.items.iter().zip(&pointers) {
                requests += 1;
                let yaml = super::super::to_yaml(&item.spec);
                let parsed = crate::spec::parse(&yaml).map_err(|e| e.to_string());
                let checked = parsed.and_then(|spec| {
                    let id = PageId {
                        module: "m".into(),
                        page: "p".into(),
                    };
                    model::validate(spec, id, Path::new("x.yaml"), &yaml)
                        .map(|_| ())
                        .map_err(|p| format!("{p:?}"))
                });
                if let Err(problem) = checked {
                    let prefix = format!("{at}/");
                    assert!(
                        import
                            .notes
                            .iter()
                            .any(|n| n.at == *at || n.at.starts_with(&prefix)),
                        "{name} {at}: {problem}\n{yaml}"
                    );
                    eprintln!("{name} {at}: invalid, explained: {problem}");
                }
            }
            eprintln!(
                "{name}: {} requests, {} notes",
                import.items.len(),
                import.notes.len()
            );
            for note in &import.notes {
                eprintln!("  {}: {}", note.at, note.message);
            }
        }
        assert!(requests > 200, "{requests} requests");
    }
}
