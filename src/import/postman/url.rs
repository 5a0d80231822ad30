//! The request URL: `raw` or put together from its parts, path variables as `{{variables}}`.

use serde_json::{Map, Value};

use super::Importer;
use super::collection::{is_disabled, scalar, text};
use super::variables::samplegen_name;
use crate::import::shared::lacks_scheme;
use crate::url::escaped;

/// Postman path variables (`/users/:id`) as `{{id}}`, in the part of `url` before its query.
/// As in Postman's runtime, a name ends at a segment's first `.`, whose rest follows the value
/// (`:id.json`, a Rails format, is `{{id}}.json`).
fn path_variables(url: &str) -> (String, Vec<String>) {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    let (path, rest) = url.split_at(end);
    let mut names = Vec::new();
    let segments: Vec<String> = path
        .split('/')
        .map(|segment| {
            let variable = segment.strip_prefix(':').map(|after| {
                let (name, suffix) = after.split_at(after.find('.').unwrap_or(after.len()));
                (name, suffix)
            });
            match variable {
                Some((name, suffix)) if !name.is_empty() => {
                    names.push(name.to_string());
                    format!("{{{{{name}}}}}{suffix}")
                }
                _ => segment.to_string(),
            }
        })
        .collect();
    (segments.join("/") + rest, names)
}

/// `url` with the path variable `{{name}}` replaced by `with` in its path (before its query).
fn in_path(url: &str, name: &str, with: &str) -> String {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    url[..end].replace(&format!("{{{{{name}}}}}"), with) + &url[end..]
}

/// A path variable's value as Postman's runtime puts it in the path: what a path cannot hold
/// as it is (a blank, `?`, `#`, non-ASCII…) percent-encoded, `{{variables}}` kept.
fn path_value(value: &str) -> String {
    crate::url::strict(&escaped(value, &['#', '?']))
}

/// Whether a path variable's value is a placeholder (`<long>`, as OpenAPI converters write one)
/// rather than a value: the URL then keeps the variable for the reader to set.
fn is_placeholder(value: &str) -> bool {
    value.len() > 2 && value.starts_with('<') && value.ends_with('>')
}

/// A query string (with its `?`) from Postman query items, disabled ones left out; a `null`
/// value is a bare key. Each item is one item, as Postman's runtime encodes it: a `#` or `&` in
/// it, and a `=` in its key, are escaped (`channel=%23general`), where written as they are they
/// would end the query or the item.
fn query_string(items: &[Value]) -> String {
    let mut out = String::new();
    for item in items.iter().filter(|item| !is_disabled(item)) {
        out.push(if out.is_empty() { '?' } else { '&' });
        out.push_str(&escaped(&text(item.get("key")), &['#', '&', '=']));
        if let Some(value) = scalar(item.get("value")) {
            out.push('=');
            out.push_str(&escaped(&value, &['#', '&']));
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
            // a `#` or `?` in a segment is part of it, as Postman's runtime sends it
            .map(|segment| escaped(&segment, &['#', '?']))
            .collect::<Vec<_>>()
            .join("/"),
        other => text(other),
    };
    // Postman's runtime puts a `/` before the segments, even before an empty first one
    // (`["", "v1"]` is `//v1`)
    let segments = matches!(url.get("path"), Some(Value::Array(s)) if !s.is_empty());
    if !path.is_empty() || segments {
        if segments || !path.starts_with('/') {
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
    pub(super) fn url(&mut self, url: Option<&Value>, at: &str) -> String {
        let (written, values) = match url {
            Some(Value::String(url)) => (url.trim().to_string(), None),
            Some(Value::Object(url)) => {
                let raw = url
                    .get("raw")
                    .and_then(Value::as_str)
                    .map(str::trim)
                    .filter(|raw| !raw.is_empty());
                let query = url.get("query").and_then(Value::as_array);
                let mut written = match (raw, query) {
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
                if let Some(raw) = raw
                    && (url.contains_key("host") || url.contains_key("path"))
                {
                    let mut parts = url_from_parts(url);
                    // parts without a protocol take the one `raw` gives
                    if lacks_scheme(&parts)
                        && let Some(scheme_end) = raw.find("://")
                    {
                        parts = format!("{}{parts}", &raw[..scheme_end + 3]);
                    }
                    if parts != written {
                        self.note(
                            "url",
                            format!("{at}/raw"),
                            format!(
                                "the URL's `raw` says `{raw}`, but its parts say `{parts}`, which is what Postman sends: the parts are imported"
                            ),
                        );
                        written = parts;
                    }
                }
                (written, url.get("variable").and_then(Value::as_array))
            }
            // the request is left out, with its own note
            None | Some(Value::Null) => (String::new(), None),
            Some(_) => {
                self.note("url", at, "the URL is neither a string nor an object");
                (String::new(), None)
            }
        };
        let (mut url, names) = path_variables(&written);
        let mut kept = names.clone();
        if let Some(values) = values {
            let mut placeholders = Vec::new();
            for variable in values {
                let key = super::collection::variable_name(variable);
                let value = text(variable.get("value"));
                if !names.contains(&key) || value.is_empty() {
                    continue;
                }
                // Postman sends the value in the variable's place; a placeholder (`<long>`)
                // stays a variable for the reader to set
                if !is_placeholder(&value) {
                    if value.contains(['?', '#']) {
                        // Postman's runtime puts them in as they are, where they end the path
                        self.note(
                            "url",
                            format!("{at}/variable"),
                            format!(
                                "the value of `{key}`, `{value}`, holds `?` or `#`: the spec sends them in the path, encoded, where Postman would start the query or the fragment with them"
                            ),
                        );
                    }
                    url = in_path(&url, &key, &path_value(&value));
                    kept.retain(|name| *name != key);
                } else {
                    placeholders.push(format!("`{key}` = `{value}`"));
                }
            }
            if !placeholders.is_empty() {
                self.note(
                    "url",
                    format!("{at}/variable"),
                    format!(
                        "path variable values that are placeholders are not kept, the URL keeps the variables: {}",
                        placeholders.join(", ")
                    ),
                );
            }
        }
        // A path variable left a variable is Postman's `:name`, which its runtime never takes
        // from a collection variable of the same name: named apart from it, the build leaves it
        // for the reader (OpenAPI converters write a path's `:id` beside a collection's `id`).
        for name in kept {
            if !self.import.variables.contains_key(&samplegen_name(&name)) {
                continue;
            }
            let apart = (0..)
                .map(|n| match n {
                    0 => format!("{name}_path"),
                    n => format!("{name}_path{n}"),
                })
                .find(|candidate| {
                    !self
                        .import
                        .variables
                        .contains_key(&samplegen_name(candidate))
                })
                .expect("a free name");
            url = in_path(&url, &name, &format!("{{{{{apart}}}}}"));
            self.note(
                "url",
                format!("{at}/variable"),
                format!(
                    "the path variable `:{name}` has no value of its own, and the collection's `{name}` is not it (Postman does not put it in the path): the URL writes it `{{{{{apart}}}}}`"
                ),
            );
        }
        if !url.is_empty() && lacks_scheme(&url) {
            self.note(
                "url",
                at,
                format!("`{url}` has no scheme; Postman sends it over http, so it is written `http://{url}`"),
            );
            url = format!("http://{url}");
        }
        // `/a/../b`: newman sends it as written, but every client the samples use resolves it
        // (curl too, without `--path-as-is`): the path they send, said
        if crate::url::has_dot_segments(&url) {
            let resolved = crate::url::remove_dot_segments(&url);
            self.note(
                "url",
                at,
                format!("`{url}` has `.` or `..` segments, which newman sends as written and every sample's client resolves: the URL is `{resolved}`"),
            );
            url = resolved;
        }
        // a blank that ends the URL (a path part `item `) is sent encoded by Postman's runtime,
        // `/item%20`; a spec's URL is read without blanks around it, as most clients read one
        let kept = url.trim_end().len();
        if kept < url.len() {
            let blanks = url.split_off(kept);
            url.push_str(&crate::url::strict(&blanks));
        }
        self.variables(&url, at)
    }
}

#[cfg(test)]
mod tests {
    use crate::import::postman::test_support::*;
    use serde_json::json;

    // newman sends a path part's last blank encoded; a spec's URL is read trimmed
    #[test]
    fn a_blank_that_ends_the_url_is_sent_encoded() {
        let import = run(collection(json!([
            {"name": "g", "request": {"method": "GET", "url": {
                "raw": "https://e.com/sp/item ", "host": ["https://e.com"], "path": ["sp", "item "]}}}
        ])));
        assert_eq!(import.items[0].spec.request.url, "https://e.com/sp/item%20");
    }

    // openapi-to-postmanv2's Discourse collection: a path's `:id` (`<string>`) beside the
    // collection's `id` (`<integer>`), which Postman's runtime does not put in the path
    #[test]
    fn a_path_variable_left_a_variable_is_named_apart_from_a_collection_variable() {
        let mut with_id = collection(json!([
            {"name": "g", "request": {"method": "GET", "url": {
                "raw": "{{baseUrl}}/groups/:id/members/:user?id={{id}}",
                "variable": [{"key": "id", "value": "<string>"}, {"key": "user", "value": ""}]}}}
        ]));
        with_id["variable"] = json!([
            {"key": "baseUrl", "value": "https://e.com"},
            {"key": "id", "value": "<integer>"},
            {"key": "id_path", "value": "1"},
            {"key": "user", "value": "42"}
        ]);
        let import = run(with_id);
        let spec = &import.items[0].spec;
        assert_eq!(
            spec.request.url,
            "{{baseUrl}}/groups/{{id_path1}}/members/{{user_path}}?id={{id}}"
        );
        let apart: Vec<_> = import
            .notes
            .iter()
            .filter(|n| n.message.contains("is not it"))
            .collect();
        assert_eq!(apart.len(), 2, "{:#?}", import.notes);
        // without a collection variable of its name, the path variable keeps its name
        let (spec, _) = one(json!({"method": "GET", "url": {
            "raw": "https://e.com/groups/:id", "variable": [{"key": "id", "value": "<string>"}]}}));
        assert_eq!(spec.request.url, "https://e.com/groups/{{id}}");
    }

    // v2.0 collections (API Evangelist's) name a variable by `id`, as Postman's reader allows
    #[test]
    fn a_variable_named_by_id_gives_its_value() {
        let mut by_id = collection(json!([
            {"name": "g", "request": {"method": "GET", "url": {
                "host": ["{{default}}"], "path": ["api", "apps", ":appId"],
                "variable": [{"id": "appId", "value": "42"}]}}}
        ]));
        by_id["variable"] = json!([{"id": "default", "value": "https://e.com"}]);
        let import = run(by_id);
        assert_eq!(import.items[0].spec.request.url, "{{default}}/api/apps/42");
        assert_eq!(import.variables["default"], "https://e.com");
    }

    // Postman's runtime ends a path variable's name at the first `.` (a Rails format, a file's
    // extensions), the rest kept after its value
    #[test]
    fn dot_segments_are_resolved_as_every_client_does() {
        let (spec, notes) = one(json!({"method": "GET", "url": "https://e.com/a/./b/../c"}));
        assert_eq!(spec.request.url, "https://e.com/a/c");
        assert!(
            notes
                .iter()
                .any(|n| n.message.contains("`.` or `..` segments")),
            "{notes:?}"
        );
        valid(&spec);
    }

    #[test]
    fn a_path_variables_name_ends_at_a_dot() {
        let (spec, _) = one(json!({
            "method": "GET",
            "url": {
                "raw": "https://e.com/users/:id.json/files/:file.tar.gz/:other.x",
                "variable": [{"key": "id", "value": "5"}, {"key": "file", "value": "f"}, {"key": "other.x", "value": "no"}]
            }
        }));
        assert_eq!(
            spec.request.url,
            "https://e.com/users/5.json/files/f.tar.gz/{{other}}.x"
        );
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
        // Postman sends the path variable's value
        assert_eq!(
            spec.request.url,
            "{{baseUrl}}/users/42/devices?limit=10&flag#top"
        );
        assert!(notes.is_empty(), "{notes:?}");
        valid(&spec);
        // a placeholder value stays a variable, noted; a variable value is that variable; a
        // variable of the same name in the query is not the path's
        let (spec, notes) = one(json!({
            "method": "GET",
            "url": {
                "raw": "https://e.com/pets/:petId/owners/:ownerId/:none?p={{petId}}",
                "variable": [
                    {"key": "petId", "value": "<long>"},
                    {"key": "ownerId", "value": "{{owner}}"},
                    {"key": "none", "value": ""}
                ]
            }
        }));
        assert_eq!(
            spec.request.url,
            "https://e.com/pets/{{petId}}/owners/{{owner}}/{{none}}?p={{petId}}"
        );
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert_eq!(notes[0].at, "/item/0/request/url/variable");
        assert!(notes[0].message.contains("`petId` = `<long>`"));
        // any other value is sent as Postman's runtime sends it, encoded where a path needs it
        let (spec, notes) = one(json!({
            "method": "GET",
            "url": {
                "raw": "https://e.com/u/:name/:city/:q",
                "variable": [
                    {"key": "name", "value": "John Smith"},
                    {"key": "city", "value": "café"},
                    {"key": "q", "value": "a?b#c/d"}
                ]
            }
        }));
        assert_eq!(
            spec.request.url,
            "https://e.com/u/John%20Smith/caf%C3%A9/a%3Fb%23c/d"
        );
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].message.contains("`a?b#c/d`"), "{notes:?}");
        valid(&spec);
        // a path whose first segment is empty starts with two slashes, as Postman sends it
        let (spec, _) = one(json!({
            "method": "GET",
            "url": {"raw": "{{baseUrl}}/v1/Credentials", "host": ["{{baseUrl}}"], "path": ["", "v1", "Credentials"]}
        }));
        assert_eq!(spec.request.url, "{{baseUrl}}//v1/Credentials");
    }

    #[test]
    fn raw_differing_from_the_parts_gives_way_to_them() {
        let (spec, notes) = one(json!({"url": {
            "raw": "https://e.com/query=1",
            "host": ["https://e.com"],
            "path": ["get"],
            "query": [{"key": "query", "value": "1"}]
        }}));
        assert_eq!(
            spec.request.url, "https://e.com/get?query=1",
            "what Postman sends"
        );
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].at, "/item/0/request/url/raw");
        assert!(notes[0].message.contains("`https://e.com/get?query=1`"));
        // parts without a protocol take raw's, as they are otherwise the same URL
        let (spec, notes) = one(json!({"url": {
            "raw": "https://e.com/a?b=1",
            "host": ["e", "com"],
            "path": ["a"],
            "query": [{"key": "b", "value": "1"}]
        }}));
        assert_eq!(spec.request.url, "https://e.com/a?b=1");
        assert!(notes.is_empty(), "{notes:?}");
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
        // each item and segment is one, as Postman's runtime encodes it
        let (spec, _) = one(json!({"url": {
            "raw": "https://e.com/r#1?channel=#general&cb=https://a/?x=1&y=2",
            "host": ["e", "com"],
            "path": ["r#1", "what?"],
            "query": [{"key": "channel", "value": "#general"}, {"key": "cb", "value": "https://a/?x=1&y=2"}, {"key": "k=v", "value": "{{v}}"}]
        }}));
        assert_eq!(
            spec.request.url,
            "https://e.com/r%231/what%3F?channel=%23general&cb=https://a/?x=1%26y=2&k%3Dv={{v}}"
        );
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
}
