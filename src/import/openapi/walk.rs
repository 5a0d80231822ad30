//! Walking the paths and their operations: one spec per operation, its name, title, folder and
//! prose, and the parameters, auth, body and response put together.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use super::Importer;
use super::document::{escape, text_field};
use super::parameters::Location;
use crate::import::Imported;
use crate::import::shared::{name_value, one_line};
use crate::spec::{AuthSpec, NameValueSpec, OriginSpec, RequestSpec, Spec};

/// The path item keys that hold operations.
pub(super) const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

impl<'a> Importer<'a> {
    pub(super) fn run(&mut self) -> Result<Vec<Imported>, String> {
        let root = self.root;
        let first_server = root
            .get("servers")
            .and_then(Value::as_array)
            .and_then(|servers| servers.first());
        match first_server.and_then(server_url) {
            Some(url) => {
                let (url, query) = self.without_query(url, "/servers/0");
                self.server_query = query;
                // a URL samplegen can send goes to samplegen.yaml's `variables`; one with a
                // server variable left unset (no default) stays for the writer to set
                let usable = is_sendable_server(&url);
                self.note(
                    "servers",
                    "/servers/0",
                    format!(
                        "`baseUrl` is `{url}`, the document's first server{}; every URL starts with `{{{{baseUrl}}}}`, {}",
                        if first_server.is_some_and(|s| s.get("variables").is_some()) {
                            " with its variables' defaults"
                        } else {
                            ""
                        },
                        if usable {
                            "its value offered to samplegen.yaml's `variables`"
                        } else {
                            "to be set in samplegen.yaml's `variables`"
                        }
                    ),
                );
                if usable {
                    self.base_url = Some(url.trim_end_matches('/').to_string());
                }
            }
            None => self.note(
                "servers",
                "/servers",
                "the document has no `servers`: every URL starts with `{{baseUrl}}`, to be set per environment",
            ),
        }
        if root
            .get("webhooks")
            .and_then(Value::as_object)
            .is_some_and(|w| !w.is_empty())
        {
            self.note(
                "ignored",
                "/webhooks",
                "webhooks are requests the API sends, not ones it receives: they are not imported",
            );
        }
        let paths = match root.get("paths") {
            Some(Value::Object(paths)) => paths,
            None | Some(Value::Null) => {
                self.note(
                    "ignored",
                    "/paths",
                    "the document has no `paths`: nothing to import",
                );
                return Ok(Vec::new());
            }
            Some(_) => return Err("`paths` is not an object".into()),
        };
        let mut items = Vec::new();
        // an `operationId` must be unique (OpenAPI 3.1 §4.8.10.1); a second use is told apart by
        // the file name's `-2`, and said, since a code generator would refuse the document
        let mut operation_ids: HashMap<&str, String> = HashMap::new();
        // Azure's documents keep operations whose paths differ only in their query (`/?comp=list`)
        // in `x-ms-paths`, which AutoRest reads as more `paths`
        let azure_paths = root.get("x-ms-paths").and_then(Value::as_object);
        let sections =
            std::iter::once(("paths", paths)).chain(azure_paths.map(|paths| ("x-ms-paths", paths)));
        for (section, path, item) in
            sections.flat_map(|(section, paths)| paths.iter().map(move |(p, i)| (section, p, i)))
        {
            let path = path.as_str();
            if path.starts_with("x-") {
                continue;
            }
            let item_at = format!("/{section}/{}", escape(path));
            let Some((item, _)) = self.resolve(item, &item_at) else {
                continue;
            };
            let Some(map) = item.as_object() else {
                self.note("document", &item_at, "not a path item object");
                continue;
            };
            for (method, operation) in map {
                let method = method.as_str();
                if !METHODS.contains(&method) {
                    continue;
                }
                let op_at = format!("{item_at}/{method}");
                if !operation.is_object() {
                    self.note("document", &op_at, "not an operation object");
                    continue;
                }
                if let Some(id) = operation.get("operationId").and_then(Value::as_str) {
                    match operation_ids.get(id) {
                        Some(first) => self.note(
                            "document",
                            format!("{op_at}/operationId"),
                            format!("`operationId` `{id}` is also the id of {first}: ids must be unique, so this operation's spec is named apart"),
                        ),
                        None => {
                            operation_ids.insert(id, format!("`{} {path}`", method.to_ascii_uppercase()));
                        }
                    }
                }
                items.push(self.operation(path, method, item, &item_at, operation, &op_at));
            }
        }
        if items.is_empty() {
            self.note(
                "ignored",
                "/paths",
                "the document's `paths` (and `x-ms-paths`) hold no operations: nothing to import",
            );
        }
        if self.left_out > 0 {
            self.note(
                "ignored",
                "/paths",
                format!(
                    "optional parameters were left out of {} operation(s), and request bodies built from a schema hold its required properties only; `--all-params` writes them all",
                    self.left_out
                ),
            );
        }
        auth_variables_apart(&mut items, &self.request_variables);
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
            .and_then(Value::as_array)
            .and_then(|tags| tags.first())
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|tag| !tag.is_empty())
            .map(str::to_string)
            .into_iter()
            .collect();

        // the operation's own server, else its path's, replaces the document's (GitHub's uploads
        // go to `https://uploads.github.com`): its first, when it is an absolute URL
        let mut own_server = None;
        for (source, at) in [(op, op_at), (item, item_at)] {
            let Some(first) = source
                .get("servers")
                .and_then(Value::as_array)
                .and_then(|servers| servers.first())
            else {
                continue;
            };
            let url = server_url(first)
                .map(|url| self.without_query(url, &format!("{at}/servers/0")))
                .filter(|(url, _)| is_sendable_server(url));
            match url {
                // the document's own first server, written again (Linode's): `{{baseUrl}}`
                Some((url, query))
                    if self.base_url.as_deref() == Some(url.trim_end_matches('/'))
                        && query == self.server_query => {}
                Some((url, query)) => {
                    self.note(
                        "servers",
                        format!("{at}/servers/0"),
                        format!("these operations have a server of their own: their URLs start with `{url}`"),
                    );
                    own_server = Some((url.trim_end_matches('/').to_string(), query));
                }
                None => self.note(
                    "servers",
                    format!("{at}/servers"),
                    "these operations have servers of their own, not absolute URLs samplegen can send: their URLs still start with `{{baseUrl}}`",
                ),
            }
            break;
        }
        if op.get("callbacks").is_some() {
            self.note(
                "ignored",
                format!("{op_at}/callbacks"),
                "callbacks are requests the API sends: they are not imported",
            );
        }

        let mut params = self.parameters(item, item_at, op, op_at);
        if !self.all_params {
            // what a docs page shows: the required parameters (path parameters always are)
            let before = params.len();
            params.retain(|p| {
                p.location == Location::Path
                    || p.value.get("required").and_then(Value::as_bool) == Some(true)
            });
            if params.len() < before {
                self.left_out += 1;
            }
        }
        let mut url = self.url(path, item_at);
        let mut server_query = self.server_query.clone();
        if let Some((server, query)) = own_server
            && let Some(path) = url.strip_prefix("{{baseUrl}}")
        {
            url = format!("{server}{path}");
            server_query = query;
        }
        let security = self.security(op, op_at);

        let mut request = RequestSpec {
            method: method.clone(),
            url,
            query: server_query,
            ..RequestSpec::default()
        };
        let apikey = security
            .auth
            .as_ref()
            .filter(|auth| matches!(auth, AuthSpec::Apikey(_)));
        let auth_header = apikey.and_then(|a| a.header_name()).map(str::to_string);
        let auth_query = apikey.and_then(|a| a.query_name()).map(str::to_string);
        // no requirement, or only the empty one (`security: [{}]`, `[]`), from the operation or
        // the document
        let unsecured = op
            .get("security")
            .or_else(|| self.root.get("security"))
            .and_then(Value::as_array)
            .is_none_or(|requirements| {
                requirements
                    .iter()
                    .all(|r| r.as_object().is_none_or(serde_json::Map::is_empty))
            });
        for param in &params {
            match param.location {
                Location::Path => self.path_parameter(param, &mut request.url),
                Location::Query => {
                    let taken = auth_query
                        .iter()
                        .chain(security.query.iter().map(|(name, _)| name))
                        .any(|name| *name == param.name);
                    if taken {
                        self.note_once(
                            "parameter",
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
                        self.note_once(
                            "parameter",
                            &param.at,
                            format!(
                                "the header `{}` is sent by the security scheme: dropped",
                                param.name
                            ),
                        );
                        continue;
                    }
                    let has_body = op.get("requestBody").is_some();
                    if let Some(header) = self.header_parameter(param, unsecured, has_body) {
                        request.headers.push(header);
                    }
                }
                Location::Cookie => {
                    if security.cookies.iter().any(|(name, _)| *name == param.name) {
                        self.note_once(
                            "parameter",
                            &param.at,
                            format!(
                                "the cookie `{}` is sent by the security scheme: dropped",
                                param.name
                            ),
                        );
                        continue;
                    }
                    let cookies = self.cookie_parameter(param);
                    request.cookies.extend(cookies);
                }
            }
        }
        // what the request's own parts name, before the security's keys join them
        variable_names(
            &serde_json::to_string(&request).unwrap_or_default(),
            &mut self.request_variables,
        );
        request.auth = security.auth;
        for (name, value) in security.headers {
            request.headers.push(name_value(&name, value));
        }
        for (name, value) in security.query {
            request.query.push(name_value(&name, value));
        }
        for (name, value) in security.cookies {
            request.cookies.push(name_value(&name, value));
        }
        let headers_before_body = request.headers.len();
        request.body = self.request_body(op, op_at, &method, &mut request.headers);
        variable_names(
            &serde_json::to_string(&request.body).unwrap_or_default(),
            &mut self.request_variables,
        );
        if let Some(why) = request
            .body
            .as_ref()
            .and_then(|body| crate::model::body_problem(&method, body))
        {
            self.note(
                "body",
                format!("{op_at}/requestBody"),
                format!("the request body is dropped: {why}"),
            );
            request.body = None;
            // and the `Content-Type` it brought
            request.headers.truncate(headers_before_body);
        }
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
                origin: self.document.as_ref().map(|document| OriginSpec {
                    openapi: document.clone(),
                    operation: format!("{method} {path}"),
                }),
                ..Spec::default()
            },
            origin: op_at.to_string(),
        }
    }
}

/// Whether a server's URL (its variables' defaults filled in) is one samplegen can send to: an
/// absolute `http(s)` URL without a server variable left unset or a control character.
/// The names of the `{{variables}}` `text` holds, added to `into`.
fn variable_names(text: &str, into: &mut HashSet<String>) {
    crate::sample_values::map_variables(text, |name| {
        into.insert(name.trim().to_string());
        None
    });
}

/// The auth's `{{variables}}` as `{{authName}}` in every spec when a request's URL, parameters
/// or body use one of them too (Gitea's `{username}` in paths, with basic auth's
/// `{{username}}`), so that the sample does not log in as the user it acts on, nor setting one
/// send it as the other.
fn auth_variables_apart(items: &mut [Imported], request_variables: &HashSet<String>) {
    fn auth_texts(auth: &mut AuthSpec) -> Vec<&mut String> {
        match auth {
            AuthSpec::Basic(basic) => vec![&mut basic.username, &mut basic.password],
            AuthSpec::Bearer(token) => vec![token],
            AuthSpec::Apikey(key) => vec![&mut key.value],
        }
    }
    for item in items.iter_mut() {
        let Some(auth) = &mut item.spec.request.auth else {
            continue;
        };
        for text in auth_texts(auth) {
            *text = crate::sample_values::map_variables(text, |name| {
                let name = name.trim();
                request_variables.contains(name).then(|| {
                    let mut chars = name.chars();
                    let first: String = chars
                        .next()
                        .map(|c| c.to_ascii_uppercase())
                        .into_iter()
                        .collect();
                    format!("{{{{auth{first}{}}}}}", chars.as_str())
                })
            });
        }
    }
}

fn is_sendable_server(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url.contains(['{', '}'])
        && !url.chars().any(char::is_control)
}

impl Importer<'_> {
    /// A server URL without its query and fragment, and its query's items as written: a path
    /// goes before the query (`…/v1?tenant=acme` and `/items` are `…/v1/items?tenant=acme`),
    /// where written after the URL it would be read as part of the query.
    fn without_query(&mut self, url: String, at: &str) -> (String, Vec<NameValueSpec>) {
        let parsed = crate::url::Url::parse(&url);
        if parsed.query.is_none() && parsed.fragment.is_none() {
            return (url, Vec::new());
        }
        let base = format!("{}{}", parsed.base(), parsed.path);
        let query = parsed
            .query
            .as_ref()
            .map(|query| format!("?{query}"))
            .unwrap_or_default();
        let fragment = parsed
            .fragment
            .as_ref()
            .map(|fragment| format!("#{fragment}"));
        let items: Vec<NameValueSpec> = parsed
            .query_pairs()
            .into_iter()
            .filter(|pair| !(pair.key.is_empty() && pair.value.is_none()))
            // a bare `flag` is sent as written
            .map(|pair| NameValueSpec::from([(pair.key, pair.value)]))
            .collect();
        if !items.is_empty() {
            self.note_once(
                "servers",
                at,
                format!(
                    "the server's URL has a query (`{query}`): each URL is the server's path and the operation's, and the query's items are sent before the operation's own"
                ),
            );
        }
        if let Some(fragment) = fragment {
            self.note_once(
                "servers",
                at,
                format!(
                    "the server's URL ends in `{fragment}`, which no client sends: it is left out"
                ),
            );
        }
        (base, items)
    }
}

/// A server object's URL, each `{variable}` replaced by its default (kept as written without one),
/// and one without a scheme (files.com's `//app.files.com/api/rest/v1`, relative to the
/// document's own URL) on HTTPS, as an API's document is served.
fn server_url(server: &Value) -> Option<String> {
    let url = server.get("url").and_then(Value::as_str)?.trim();
    if url.is_empty() {
        return None;
    }
    if url.starts_with("//") {
        return server_url(&serde_json::json!({
            "url": format!("https:{url}"),
            "variables": server.get("variables"),
        }));
    }
    let variables = server.get("variables");
    let mut out = String::with_capacity(url.len());
    let mut rest = url;
    while let Some(start) = rest.find('{') {
        let Some(length) = rest[start..].find('}') else {
            break;
        };
        let name = &rest[start + 1..start + length];
        out.push_str(&rest[..start]);
        match variables
            .and_then(|v| v.get(name))
            .and_then(|v| v.get("default"))
            .and_then(Value::as_str)
        {
            Some(default) => out.push_str(default),
            None => out.push_str(&rest[start..start + length + 1]),
        }
        rest = &rest[start + length + 1..];
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests {
    use crate::import::openapi::test_support::*;

    /// The URLs of an import's specs, in order.
    fn urls(import: &crate::import::Import) -> Vec<&str> {
        import
            .items
            .iter()
            .map(|i| i.spec.request.url.as_str())
            .collect()
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
    fn a_second_use_of_an_operation_id_is_said_and_named_apart() {
        let import = run(r#"
paths:
  /pets:
    get: {operationId: pets}
    post: {operationId: pets}
  /dogs:
    get: {operationId: pets}
"#);
        let names: Vec<_> = import.items.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["pets", "pets", "pets"]);
        note(
            &import,
            "/paths/~1pets/post/operationId",
            "also the id of `GET /pets`",
        );
        note(
            &import,
            "/paths/~1dogs/get/operationId",
            "also the id of `GET /pets`",
        );
        assert!(
            !import
                .notes
                .iter()
                .any(|n| n.at == "/paths/~1pets/get/operationId"),
            "{:#?}",
            import.notes
        );
    }

    #[test]
    fn paths_without_operations_are_said_to_hold_nothing() {
        for paths in ["paths: {}", "paths:\n  /pets: {summary: Pets}\n  x-note: 1"] {
            let import = run(&format!("\n{paths}\n"));
            assert!(import.items.is_empty());
            note(&import, "/paths", "hold no operations");
        }
    }

    // GitHub's release assets go to `https://uploads.github.com`, set on the operation
    #[test]
    fn an_operations_or_paths_own_server_is_its_base() {
        let import = read(
            r#"openapi: 3.0.0
info: {title: t, version: '1'}
servers: [{url: 'https://api.example.com'}]
paths:
  /assets:
    post:
      servers: [{url: 'https://uploads.example.com/'}]
    get: {}
  /files:
    servers: [{url: 'https://{host}.example.com', variables: {host: {default: files}}}]
    get: {}
  /relative:
    get:
      servers: [{url: /v2}]
  /same:
    get:
      servers: [{url: 'https://api.example.com/'}]
  /schemeless:
    get:
      servers: [{url: '//uploads.example.com'}]
"#,
        );
        let urls = urls(&import);
        assert_eq!(
            urls,
            [
                "https://uploads.example.com/assets",
                "{{baseUrl}}/assets",
                "https://files.example.com/files",
                "{{baseUrl}}/relative",
                // the document's own server again (Linode's), and one without a scheme
                "{{baseUrl}}/same",
                "https://uploads.example.com/schemeless"
            ]
        );
        note(
            &import,
            "/paths/~1relative/get/servers",
            "not absolute URLs",
        );
    }

    // a query on a server URL holds for every request; the path goes before it
    #[test]
    fn a_server_query_is_sent_after_the_path() {
        let import = read(
            r#"openapi: 3.0.0
info: {title: t, version: '1'}
servers:
  - url: http://api.example.com/v1?tenant=acme&flag#top
paths:
  /items:
    get:
      parameters:
        - {name: page, in: query, required: true, schema: {type: integer, example: 2}}
  /other:
    get:
      servers:
        - url: https://other.example.com/v2?region=eu
"#,
        );
        assert_eq!(import.variables["baseUrl"], "http://api.example.com/v1");
        let query = |index: usize| {
            crate::import::test_support::pairs(&import.items[index].spec.request.query)
        };
        assert_eq!(import.items[0].spec.request.url, "{{baseUrl}}/items");
        assert_eq!(
            query(0),
            [("tenant", "acme"), ("flag", ""), ("page", "2")].map(|(n, v)| (n.into(), v.into()))
        );
        assert_eq!(
            import.items[1].spec.request.url,
            "https://other.example.com/v2/other"
        );
        assert_eq!(query(1), [("region".to_string(), "eu".to_string())]);
        note(&import, "/servers/0", "has a query (`?tenant=acme&flag`)");
        note(&import, "/servers/0", "ends in `#top`");
    }

    // in the style of Google's documents: the host from a variable, one note per import
    #[test]
    fn the_first_server_is_noted_once() {
        let import = read(
            r#"openapi: 3.0.0
info: {title: t, version: '1'}
servers:
  - url: https://{region}-aiplatform.googleapis.com/{version}
    variables:
      region: {default: us-central1, enum: [us-central1, europe-west4]}
      version: {default: v1}
  - url: https://aiplatform.googleapis.com/v1
paths:
  /projects/{project}/models:
    get: {}
    post: {}
"#,
        );
        assert!(
            import
                .items
                .iter()
                .all(|i| i.spec.request.url == "{{baseUrl}}/projects/{{project}}/models")
        );
        let servers: Vec<_> = import
            .notes
            .iter()
            .filter(|n| n.kind == "servers")
            .collect();
        assert_eq!(servers.len(), 1, "{:#?}", import.notes);
        assert_eq!(servers[0].at, "/servers/0");
        assert!(
            servers[0]
                .message
                .starts_with("`baseUrl` is `https://us-central1-aiplatform.googleapis.com/v1`"),
            "{}",
            servers[0].message
        );
        assert_eq!(
            super::server_url(&serde_json::json!({"url": "https://{tenant}.example.com"})),
            Some("https://{tenant}.example.com".into())
        );
    }

    // APIs.guru's AWS documents: the query protocol's actions, and a required query parameter
    #[test]
    fn a_paths_fragment_is_left_out_of_the_url() {
        let import = run(r"paths:
  /#Action=DescribeInstances:
    get:
      parameters:
        - {name: Action, in: query, required: true, schema: {type: string, enum: [DescribeInstances]}}
  /#Action=DescribeRegions:
    get: {}
  /tags/{resourceArn}#tagKeys:
    delete:
      parameters:
        - {name: resourceArn, in: path, required: true, schema: {type: string}}
        - {name: tagKeys, in: query, required: true, schema: {type: array, items: {type: string}}}
");
        let urls = urls(&import);
        assert_eq!(
            urls,
            [
                "{{baseUrl}}/",
                "{{baseUrl}}/",
                "{{baseUrl}}/tags/{{resourceArn}}"
            ]
        );
        assert_eq!(
            pairs(&import.items[0].spec.request.query),
            [pair("Action", "DescribeInstances")]
        );
        assert_eq!(
            pairs(&import.items[2].spec.request.query),
            [pair("tagKeys", "{{tagKeys}}")]
        );
        // two operations named by their own paths, and one note for the three
        let names: Vec<&str> = import.items.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "GET /#Action=DescribeInstances",
                "GET /#Action=DescribeRegions",
                "DELETE /tags/{resourceArn}#tagKeys"
            ]
        );
        let fragments: Vec<_> = import
            .notes
            .iter()
            .filter(|n| n.message.contains("`#…`"))
            .collect();
        assert_eq!(fragments.len(), 1, "{:#?}", import.notes);
        assert_eq!(fragments[0].at, "/paths/~1#Action=DescribeInstances");
    }

    #[test]
    fn deprecated_operations_say_so() {
        let import = run("paths:\n  /a:\n    get: {summary: Old, deprecated: true}\n");
        assert_eq!(only(&import).prose, "Old\n\n**Deprecated.**");
    }
}
