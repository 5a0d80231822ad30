//! The Postman Collection importer (v2.0 and v2.1, and v1 read as the v2.1 it stands for).
//! Folders become directories, requests become specs, and what a spec cannot say (scripts, other
//! auth schemes, settings, values the validator refuses) becomes a [`Note`] at a JSON pointer
//! into the collection.

mod auth;
mod body;
mod collection;
mod headers;
mod response;
mod url;
mod v1;
mod variables;
mod walk;

use std::collections::HashSet;

use indexmap::IndexMap;
use serde_json::Value;

use super::shared::push_once;
use super::{Import, Note};
use auth::{InForce, is_set};

/// Reads a Postman Collection (v2.0, v2.1 or v1, JSON): every request becomes a spec, in order,
/// below its folders.
pub fn import(text: &str) -> Result<Import, String> {
    import_with_pointers(text).map(|(mut import, pointers)| {
        for (item, pointer) in import.items.iter_mut().zip(pointers) {
            item.origin = pointer;
        }
        import
    })
}

/// [`import`], with the JSON pointer of each imported request's item.
fn import_with_pointers(text: &str) -> Result<(Import, Vec<String>), String> {
    let root: Value = serde_json::from_str(text)
        .map_err(|error| format!("not a Postman collection: the input is not JSON ({error})"))?;
    let Some(collection) = root.as_object() else {
        return Err("not a Postman collection: the input is not a JSON object".into());
    };
    if is_environment(collection) {
        return Err("a Postman environment, not a collection: its enabled `values` are what `variables:` in samplegen.yaml sets (`name: value`, one per line), and a collection's `{{name}}` takes them there".into());
    }
    // the Postman API's answer for a collection (`GET /collections/{uid}`) wraps it, as
    // READMEs paste it; newman reads it so too
    if let Some(wrapped) = collection
        .get("collection")
        .and_then(Value::as_object)
        .filter(|_| !collection.contains_key("info") && !collection.contains_key("item"))
    {
        let (mut import, pointers) = import_unwrapped(wrapped)?;
        let within = |at: &str| {
            if at.starts_with('/') {
                format!("/collection{at}")
            } else {
                at.to_string()
            }
        };
        for note in &mut import.notes {
            note.at = within(&note.at);
        }
        let pointers = pointers.iter().map(|at| within(at)).collect();
        return Ok((import, pointers));
    }
    import_unwrapped(collection)
}

/// Whether `root` is a Postman environment (or globals) export: `values`, and no requests.
fn is_environment(root: &serde_json::Map<String, Value>) -> bool {
    root.get("values").is_some_and(Value::is_array)
        && !root.contains_key("item")
        && !root.contains_key("requests")
        && !root.contains_key("collection")
}

/// [`import_with_pointers`] of a collection as it is, v1 or v2.
fn import_unwrapped(
    collection: &serde_json::Map<String, Value>,
) -> Result<(Import, Vec<String>), String> {
    if v1::is_v1(collection) {
        let converted = v1::convert(collection);
        let (mut import, pointers) = import_v2(
            converted
                .collection
                .as_object()
                .expect("a converted collection is an object"),
        )?;
        for note in &mut import.notes {
            note.at = converted.origin(&note.at);
        }
        let pointers = pointers.iter().map(|at| converted.origin(at)).collect();
        import.notes.extend(converted.notes);
        return Ok((import, pointers));
    }
    import_v2(collection)
}

/// Imports a v2.0 or v2.1 collection.
fn import_v2(collection: &serde_json::Map<String, Value>) -> Result<(Import, Vec<String>), String> {
    // The v2 schema requires `info`, but Postman's own runtime (and newman) run a collection
    // without it; only a schema that names another version is refused.
    let info = collection.get("info").and_then(Value::as_object);
    if info.is_none() && !collection.contains_key("item") {
        return Err("not a Postman collection: it has neither `info` nor `item`".into());
    }
    if let Some(schema) = info
        .and_then(|info| info.get("schema"))
        .and_then(Value::as_str)
        && schema.contains("/v1.")
    {
        return Err(format!(
            "the collection's schema is `{schema}`, but its `info` and `item` are v2's: export it again as v2.1"
        ));
    }
    let Some(items) = collection.get("item").and_then(Value::as_array) else {
        let near = ["items", "Item"]
            .into_iter()
            .find(|key| collection.contains_key(*key))
            .map(|key| format!(" (it has `{key}`: the list of requests is `item`)"))
            .unwrap_or_default();
        return Err(format!(
            "not a Postman collection: it has no `item` list{near}"
        ));
    };

    let mut importer = Importer::default();
    importer.import.variables = collection_variables(collection.get("variable"));
    // an empty value is one Postman sends (`{{prefix}}` as nothing), but not where a URL starts,
    // nor where it stands for a credential (Postman then sends no auth at all) or for what the
    // collection's scripts set as it runs: there the variable stays for the reader to set
    let mut unset = Vec::new();
    leading_url_variables(items, &mut unset);
    // a base without a scheme (`localhost:8080`), which Postman sends over http: offered with
    // `http://`, as a URL written so is imported, when nothing but URL starts write it
    for name in &unset {
        if let Some(value) = importer.import.variables.get_mut(name)
            && is_host_without_scheme(value)
            && !written_beyond_url_starts(items, name)
        {
            importer.import.notes.push(Note::of_kind(
                "variable",
                "/variable",
                format!(
                    "`{name}` is `{value}`, with no scheme, where URLs start; Postman sends them over http, so it is offered as `http://{value}`"
                ),
            ));
            value.insert_str(0, "http://");
        }
    }
    let mut scripted = Vec::new();
    credential_and_script_variables(collection, false, &mut unset, &mut scripted);
    importer.scripted = scripted.clone();
    importer
        .import
        .variables
        .retain(|name, value| !value.is_empty() || !unset.contains(name));
    // a value a script sets as the collection runs (a timestamp, a signature, a token from a
    // login's response) is one run's: sent by every sample, it would be stale
    for name in &scripted {
        if let Some(value) = importer.import.variables.shift_remove(name)
            && !value.is_empty()
        {
            importer.import.notes.push(Note::of_kind(
                "variable",
                "/variable",
                format!(
                    "`{name}` is set by the collection's scripts as it runs, so its saved value `{value}` is one run's: the samples write `{{{{{name}}}}}` for the reader to set"
                ),
            ));
        }
    }
    // after the variables: its note says which are offered
    let collection_changes = importer.ignored_settings(collection, "", "the collection's");
    importer.script_header_changes.push(collection_changes);
    importer.unkept_description(
        collection
            .get("info")
            .and_then(|info| info.get("description")),
        "/info/description",
        "the collection's",
    );
    let auth = collection
        .get("auth")
        .filter(|auth| is_set(auth))
        .map(|auth| InForce {
            auth,
            at: "/auth".into(),
        });
    if let Some(disabled) = body_pruning_disabled(collection) {
        importer.body_pruning_disabled.push(disabled);
    }
    importer.walk(items, "/item", &[], auth.as_ref());
    importer.scripted_uses_noted();
    if importer.import.items.is_empty() {
        // as an OpenAPI document without operations says: and its variables serve no spec
        importer.import.variables.clear();
        importer.import.notes.retain(|note| note.kind != "variable");
        importer.import.notes.push(Note::of_kind(
            "ignored",
            "/item",
            "the collection holds no request: nothing to import",
        ));
    }
    Ok((importer.import, importer.pointers))
}

/// The `disableBodyPruning` a collection, folder or request item sets, if it sets one.
fn body_pruning_disabled(item: &serde_json::Map<String, Value>) -> Option<bool> {
    item.get("protocolProfileBehavior")?
        .get("disableBodyPruning")?
        .as_bool()
}

/// The names of the variables that start a request's URL (`{{baseUrl}}/items`), in `items` and
/// the folders in them.
fn leading_url_variables(items: &[Value], out: &mut Vec<String>) {
    for item in items {
        if let Some(Value::Array(inner)) = item.get("item") {
            leading_url_variables(inner, out);
        }
        let url = item.get("request").and_then(|request| request.get("url"));
        let raw = match url {
            Some(Value::String(raw)) => raw.as_str(),
            Some(url) => url.get("raw").and_then(Value::as_str).unwrap_or_default(),
            None => "",
        };
        if let Some(name) = raw
            .trim_start()
            .strip_prefix("{{")
            .and_then(|rest| rest.split_once("}}"))
            .map(|(name, _)| variables::samplegen_name(name))
            && !out.contains(&name)
        {
            out.push(name);
        }
    }
}

/// Whether a value that starts URLs is a host with no scheme (`localhost:8080`,
/// `api.example.com/v1`), which Postman sends over http.
fn is_host_without_scheme(value: &str) -> bool {
    let host = value.split(['/', '?', '#']).next().unwrap_or_default();
    crate::import::shared::lacks_scheme(value)
        && host.starts_with(|c: char| c.is_ascii_alphanumeric())
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '_'))
}

/// Whether any request of `items` (or of the folders in them) writes `{{name}}` anywhere but
/// its URL (a header, the body, the auth).
fn written_beyond_url_starts(items: &[Value], name: &str) -> bool {
    let written = format!("{{{{{name}}}}}");
    items.iter().any(|item| {
        if let Some(Value::Array(inner)) = item.get("item")
            && written_beyond_url_starts(inner, name)
        {
            return true;
        }
        let Some(Value::Object(request)) = item.get("request") else {
            return false;
        };
        request
            .iter()
            .filter(|(key, _)| *key != "url")
            .any(|(_, value)| value.to_string().contains(&written))
            || item
                .get("auth")
                .is_some_and(|auth| auth.to_string().contains(&written))
    })
}

/// The names of the variables that a collection's auth (its own, a folder's, a request's)
/// writes in its values, and those its scripts set (`pm.collectionVariables.set("id", …)`,
/// `pm.environment.set('token', …)`, `postman.setEnvironmentVariable("id", …)`).
fn credential_and_script_variables(
    members: &serde_json::Map<String, Value>,
    in_auth: bool,
    out: &mut Vec<String>,
    scripted: &mut Vec<String>,
) {
    // an event turned off runs no script
    if members.contains_key("listen") && members.get("disabled") == Some(&Value::Bool(true)) {
        return;
    }
    for (key, value) in members {
        // a script's lines (`event[].script.exec`), its comments left out: Postman runs none
        if key == "exec" && !in_auth {
            if let Some(code) = script_code(value) {
                variables_of_value(&Value::String(code), false, out, scripted);
            }
            continue;
        }
        // an auth's values
        let reads = in_auth || key == "auth";
        if reads
            || matches!(
                key.as_str(),
                "event" | "script" | "exec" | "item" | "request"
            )
        {
            variables_of_value(value, reads, out, scripted);
        }
    }
}

/// A script's code as Postman runs it, from its `exec` (a text, or its lines), its comments left
/// out; `None` when its text is blank.
pub(super) fn script_code(exec: &Value) -> Option<String> {
    let code = match exec {
        Value::String(code) => code.clone(),
        Value::Array(lines) => lines
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("\n"),
        _ => return None,
    };
    (!code.trim().is_empty()).then(|| without_comments(&code))
}

/// JavaScript `code` without its comments (`// …` to the line's end, `/* … */`), what is in its
/// string literals kept (`"https://…"`).
fn without_comments(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut chars = code.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match quote {
            Some(open) => {
                out.push(c);
                if c == '\\' {
                    out.extend(chars.next());
                } else if c == open {
                    quote = None;
                }
            }
            None if c == '/' && chars.peek() == Some(&'/') => {
                while chars.next_if(|&next| next != '\n').is_some() {}
            }
            None if c == '/' && chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for next in chars.by_ref() {
                    if last == '*' && next == '/' {
                        break;
                    }
                    last = next;
                }
                out.push(' ');
            }
            None => {
                if matches!(c, '"' | '\'' | '`') {
                    quote = Some(c);
                }
                out.push(c);
            }
        }
    }
    out
}

/// [`credential_and_script_variables`] of one value of the collection's.
fn variables_of_value(
    value: &Value,
    in_auth: bool,
    out: &mut Vec<String>,
    scripted: &mut Vec<String>,
) {
    let mut add = |name: &str| push_once(out, variables::samplegen_name(name));
    match value {
        Value::String(text) if in_auth => {
            crate::sample_values::map_variables(text, |name| {
                add(name);
                None
            });
        }
        Value::String(line) => {
            for setter in [".set(", "setEnvironmentVariable(", "setGlobalVariable("] {
                for (at, _) in line.match_indices(setter) {
                    let rest = line[at + setter.len()..].trim_start();
                    let Some(quote) = rest
                        .chars()
                        .next()
                        .filter(|c| matches!(c, '"' | '\'' | '`'))
                    else {
                        continue;
                    };
                    if let Some((name, _)) = rest[1..].split_once(quote) {
                        add(name);
                        push_once(scripted, variables::samplegen_name(name));
                    }
                }
            }
        }
        Value::Array(values) => {
            for value in values {
                variables_of_value(value, in_auth, out, scripted);
            }
        }
        Value::Object(members) => credential_and_script_variables(members, in_auth, out, scripted),
        _ => {}
    }
}

/// The collection's variables that samplegen can set: enabled, a valid name, a value of one
/// printable line (empty too: Postman sends nothing in its place).
fn collection_variables(variables: Option<&Value>) -> IndexMap<String, String> {
    let Some(Value::Array(variables)) = variables else {
        return IndexMap::new();
    };
    let mut found: IndexMap<String, String> = variables
        .iter()
        .filter(|v| v.get("disabled").and_then(Value::as_bool) != Some(true))
        // a secret's value is not written into every page: the reader sets it
        .filter(|v| v.get("type").and_then(Value::as_str) != Some("secret"))
        .filter_map(|v| {
            // under the name the specs write it by (`{{access token}}` as `{{access_token}}`)
            let name = collection::variable_name(v);
            if name.is_empty() {
                return None;
            }
            let name = variables::samplegen_name(&name);
            let name = name.as_str();
            let value = match v.get("value")? {
                Value::String(text) => text.clone(),
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => b.to_string(),
                _ => return None,
            };
            let usable = crate::sample_values::is_variable_name(name)
                && !value.chars().any(char::is_control)
                && !crate::sample_values::holds_marker(&value);
            usable.then(|| (name.to_string(), value))
        })
        .collect();
    // a value that names other variables (`baseUrl: {{host}}/v2`) is what Postman sends: theirs
    // in their place, a few levels deep (a cycle stays as written)
    for _ in 0..8 {
        let mut changed = false;
        let resolved: Vec<String> = found
            .values()
            .map(|value| {
                crate::sample_values::map_variables(value, |name| {
                    found
                        .get(name)
                        .filter(|v| !v.contains(&format!("{{{{{name}}}}}")))
                        .cloned()
                })
            })
            .collect();
        for (value, resolved) in found.values_mut().zip(resolved) {
            if *value != resolved {
                *value = resolved;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    found
}

/// One import under way. Its methods live beside the concern they serve, in the submodules.
#[derive(Default)]
struct Importer {
    import: Import,
    /// The pointer of each item of `import.items`.
    pointers: Vec<String>,
    /// Notes already given, so that a collection-wide setting is reported once.
    noted: HashSet<(String, String)>,
    /// The `disableBodyPruning` of the collection and the folders being walked that set one,
    /// outermost first: a request without its own takes the innermost, as Postman does.
    body_pruning_disabled: Vec<bool>,
    /// The header changes of the `prerequest` scripts of the collection and the folders being
    /// walked, outermost first, which Postman runs before each request's own.
    script_header_changes: Vec<Vec<walk::HeaderChange>>,
    /// The variables the collection's scripts set as it runs (samplegen's names): a request
    /// that uses one is told that its reader sets it.
    scripted: Vec<String>,
    /// The requests using each of those: the first one's pointer, and how many.
    scripted_uses: IndexMap<String, (String, usize)>,
}

impl Importer {
    fn note(&mut self, kind: &'static str, at: impl Into<String>, message: impl Into<String>) {
        let note = Note::of_kind(kind, at, message);
        if self.noted.insert((note.at.clone(), note.message.clone())) {
            self.import.notes.push(note);
        }
    }
}

/// What the importer's tests share.
#[cfg(test)]
mod test_support {
    use super::*;
    use crate::import::test_support::assert_valid;
    pub(super) use crate::import::test_support::{pair, pairs};
    use crate::spec::Spec;
    use serde_json::json;

    pub(super) fn run(collection: Value) -> Import {
        import(&collection.to_string()).expect("a collection")
    }

    /// A v2.1 collection of the given items.
    pub(super) fn collection(items: Value) -> Value {
        json!({
            "info": {"name": "c", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": items,
        })
    }

    pub(super) fn one(request: Value) -> (Spec, Vec<Note>) {
        let import = run(collection(json!([{"name": "R", "request": request}])));
        assert_eq!(import.items.len(), 1);
        (import.items[0].spec.clone(), import.notes)
    }

    pub(super) fn headers(spec: &Spec) -> Vec<(String, String)> {
        pairs(&spec.request.headers)
    }

    pub(super) fn valid(spec: &Spec) {
        assert_valid("the spec", spec);
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::model::{self, PageId};

    // the Postman API's `GET /collections/{uid}` answers `{"collection": {…}}`, which newman
    // runs as the collection inside
    #[test]
    fn a_collection_the_postman_api_wraps_is_read_inside() {
        let import = import(
            r#"{"collection": {"info": {"name": "c"}, "item": [{"name": "R", "request": {"url": "https://e.com/r", "header": "oops"}}]}}"#,
        )
        .unwrap();
        assert_eq!(import.items.len(), 1);
        assert_eq!(import.items[0].spec.request.url, "https://e.com/r");
        assert_eq!(import.items[0].origin, "/collection/item/0");
        assert!(import.notes[0].at.starts_with("/collection/item/0"));
    }

    #[test]
    fn an_environment_is_told_apart_from_a_collection() {
        let error = import(
            r#"{"id": "e", "name": "Dev", "values": [{"key": "baseUrl", "value": "https://e.com", "enabled": true}], "_postman_variable_scope": "environment"}"#,
        )
        .unwrap_err();
        assert!(error.starts_with("a Postman environment"), "{error}");
        assert!(error.contains("`variables:` in samplegen.yaml"), "{error}");
    }

    /// Postman's runtime and newman run a collection without `info` (newman's own fixtures have
    /// `name`, `variable` and `item` at the top).
    #[test]
    fn a_collection_without_info_is_imported() {
        let import = import(
            r#"{"name": "c", "item": [{"name": "R", "request": {"url": "https://e.com/r"}}]}"#,
        )
        .unwrap();
        assert_eq!(import.items.len(), 1);
        assert_eq!(import.items[0].spec.request.url, "https://e.com/r");
    }

    // newman sends an empty variable as nothing; at a URL's start it would leave no URL
    #[test]
    fn an_empty_variable_is_offered_unless_it_starts_a_url() {
        let import = import(
            r#"{"info": {"name": "c"}, "variable": [{"key": "base", "value": ""}, {"key": "prefix", "value": ""}, {"key": "host", "value": "https://e.com"}],
                "item": [{"name": "R", "request": {"url": "{{base}}/a"}}, {"name": "S", "request": {"url": "{{host}}{{prefix}}/b"}}]}"#,
        )
        .unwrap();
        assert_eq!(
            offered(&import),
            [("prefix", ""), ("host", "https://e.com")]
        );
    }

    // `{{url}}` = `localhost:8080` is sent by Postman as `http://localhost:8080`; where the
    // value is written elsewhere too (a header), it is offered as it is
    #[test]
    fn a_base_without_a_scheme_is_offered_over_http_where_only_urls_start_with_it() {
        let import = import(
            r#"{"info": {"name": "c"}, "variable": [{"key": "url", "value": "localhost:8080"}, {"key": "api", "value": "api.example.com/v1"}, {"key": "site", "value": "localhost:3000"}, {"key": "path", "value": "v2"}],
                "item": [{"name": "R", "request": {"url": "{{url}}/a"}}, {"name": "S", "request": {"url": "{{api}}/b"}},
                         {"name": "F", "item": [{"name": "T", "request": {"url": "{{site}}/c", "header": [{"key": "Origin", "value": "{{site}}"}]}}]},
                         {"name": "U", "request": {"url": "https://e.com/{{path}}"}}]}"#,
        )
        .unwrap();
        let value = |name: &str| import.variables.get(name).map(String::as_str);
        assert_eq!(value("url"), Some("http://localhost:8080"));
        assert_eq!(value("api"), Some("http://api.example.com/v1"));
        assert_eq!(value("site"), Some("localhost:3000"));
        assert_eq!(value("path"), Some("v2"));
        assert!(import.notes.iter().any(|note| note.message
            == "`url` is `localhost:8080`, with no scheme, where URLs start; Postman sends them over http, so it is offered as `http://localhost:8080`"));
        assert!(!is_host_without_scheme("https://e.com"));
        assert!(!is_host_without_scheme("/api"));
        assert!(!is_host_without_scheme("{{host}}:8080"));
        assert!(!is_host_without_scheme("my host"));
    }

    #[test]
    fn a_collection_without_requests_says_so() {
        let import = import(
            r#"{"info": {"name": "c"}, "variable": [{"key": "a", "value": "1"}], "item": [{"name": "F", "item": []}]}"#,
        )
        .unwrap();
        assert!(import.items.is_empty());
        assert!(import.variables.is_empty());
        assert_eq!(import.notes.len(), 1, "{:?}", import.notes);
        assert!(import.notes[0].message.contains("nothing to import"));
    }

    /// The variables an import offers, with their values.
    fn offered(import: &Import) -> Vec<(&str, &str)> {
        import
            .variables
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
            .collect()
    }

    // Postman sends no auth when a credential is empty, and a script's value only as it runs:
    // the reader sets those
    #[test]
    fn an_empty_credential_or_script_set_variable_is_not_offered() {
        let import = import(
            r#"{"info": {"name": "c"},
                "variable": [{"key": "token", "value": ""}, {"key": "ownerId", "value": ""}, {"key": "user", "value": ""}, {"key": "key", "value": ""}, {"key": "tenant", "value": ""}, {"key": "named", "value": "x"}],
                "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}", "type": "string"}]},
                "item": [{"name": "F", "auth": {"type": "apikey", "apikey": [{"key": "value", "value": "k-{{key}}"}]},
                          "item": [{"name": "R", "event": [{"listen": "test", "script": {"exec": ["pm.collectionVariables.set(\"ownerId\", pm.response.json().id);"]}}],
                                    "request": {"url": "https://e.com/{{ownerId}}?t={{tenant}}"}},
                                   {"name": "S", "request": {"url": "https://e.com/s", "auth": {"type": "basic", "basic": [{"key": "username", "value": "{{user}}"}]}}}]}]}"#,
        )
        .unwrap();
        assert_eq!(offered(&import), [("tenant", ""), ("named", "x")]);
    }

    #[test]
    fn malformed_input_is_an_error() {
        assert!(import("not json").unwrap_err().contains("not JSON"));
        assert!(import("[]").unwrap_err().contains("not a JSON object"));
        assert!(import(r#"{"name": "x"}"#).unwrap_err().contains("`info`"));
        assert!(import(r#"{"info": {}}"#).unwrap_err().contains("`item`"));
        // a near miss is named
        let items = import(r#"{"info": {"name": "c"}, "items": []}"#).unwrap_err();
        assert!(items.contains("it has `items`"), "{items}");
        let v1 = r#"{"info": {"schema": "https://schema.getpostman.com/json/collection/v1.0.0/collection.json"}, "item": []}"#;
        assert!(import(v1).unwrap_err().contains("v2.1"));
    }

    /// A request without a URL sends nothing: it is left out with one note, not a spec that
    /// fails validation.
    #[test]
    fn a_request_without_a_url_is_left_out_with_one_note() {
        for url in [
            serde_json::json!(null),
            serde_json::json!(""),
            serde_json::json!({"raw": ""}),
        ] {
            let import = test_support::run(test_support::collection(serde_json::json!([
                {"name": "no URL", "request": {"method": "GET", "url": url}},
                {"name": "R", "request": {"url": "https://e.com/r"}},
            ])));
            assert_eq!(import.items.len(), 1, "{url}");
            assert_eq!(import.items[0].spec.title, "R");
            let notes: Vec<_> = import
                .notes
                .iter()
                .filter(|n| n.at.starts_with("/item/0"))
                .collect();
            assert_eq!(notes.len(), 1, "{url}: {notes:?}");
            assert!(notes[0].message.contains("has no URL"), "{notes:?}");
        }
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
