//! Walking the items: folders as directories passing their auth down, each request put
//! together as a spec, and the settings a sample leaves out noted.

use serde_json::{Map, Value};

use super::Importer;
use super::auth::{InForce, is_set};
use super::collection::{description, is_disabled, text};
use crate::import::Imported;
use crate::import::shared::{name_value, one_line};

use crate::spec::{ApiKeySpec, AuthSpec, KeyLocationSpec, RequestSpec, Spec};

impl Importer {
    pub(super) fn walk<'a>(
        &mut self,
        items: &'a [Value],
        at: &str,
        dirs: &[String],
        inherited: Option<&InForce<'a>>,
    ) {
        for (index, item) in items.iter().enumerate() {
            let at = format!("{at}/{index}");
            let Some(object) = item.as_object() else {
                self.note("ignored", at, "ignored: an item that is not an object");
                continue;
            };
            if let Some(children) = object.get("item") {
                let Some(children) = children.as_array() else {
                    self.note(
                        "ignored",
                        format!("{at}/item"),
                        "ignored: a folder whose `item` is not a list",
                    );
                    continue;
                };
                let folder_changes = self.ignored_settings(object, &at, "the folder's");
                self.unkept_description(
                    object.get("description"),
                    &format!("{at}/description"),
                    "the folder's",
                );
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
                let pruning = super::body_pruning_disabled(object);
                if let Some(disabled) = pruning {
                    self.body_pruning_disabled.push(disabled);
                }
                self.script_header_changes.push(folder_changes);
                self.walk(
                    children,
                    &format!("{at}/item"),
                    &dirs,
                    own.as_ref().or(inherited),
                );
                self.script_header_changes.pop();
                if pruning.is_some() {
                    self.body_pruning_disabled.pop();
                }
            } else if object.contains_key("request") {
                self.request(object, &at, dirs, inherited);
            } else {
                self.note(
                    "ignored",
                    at,
                    "ignored: an item with neither `request` nor `item`",
                );
            }
        }
    }

    /// A note on the text of a collection or folder, which no spec holds: a spec's prose is
    /// its request's description.
    pub(super) fn unkept_description(&mut self, value: Option<&Value>, at: &str, whose: &str) {
        if !description(value).trim().is_empty() {
            self.note(
                "ignored",
                at,
                format!(
                    "ignored: {whose} description (a spec's prose is its own request's description)"
                ),
            );
        }
    }

    /// Notes on the settings of a collection, folder or request item that do not change the
    /// request a sample sends, and on the scripts that change the request Postman sends.
    pub(super) fn ignored_settings(
        &mut self,
        object: &Map<String, Value>,
        at: &str,
        whose: &str,
    ) -> Vec<HeaderChange> {
        let mut header_changes = Vec::new();
        if let Some(Value::Array(events)) = object.get("event") {
            for (index, event) in events.iter().enumerate() {
                let code = event
                    .get("script")
                    .and_then(|s| s.get("exec"))
                    .and_then(super::script_code);
                if let Some(code) = code
                    && !is_disabled(event)
                {
                    let listen = text(event.get("listen"));
                    let message = match request_changes(&code) {
                        Err(change) if listen == "prerequest" => format!(
                            "{whose} `prerequest` script changes the request before Postman sends it (`{change}`), which no sample does: the samples send the request as the collection writes it; write what the script adds (a header, a query item) into the request to have it sent"
                        ),
                        Ok(changes) if listen == "prerequest" && !changes.is_empty() => {
                            let said: Vec<String> = changes
                                .iter()
                                .map(|change| match change {
                                    HeaderChange::Upsert {
                                        name: k, value: v, ..
                                    }
                                    | HeaderChange::Add(k, v) => format!("`{k}: {v}`"),
                                    HeaderChange::Remove { name, .. } => format!("no `{name}`"),
                                })
                                .collect();
                            header_changes.extend(changes);
                            format!(
                                "{whose} `prerequest` script sets the request's headers before Postman sends it ({}): the samples send them so too; the rest of the script is ignored",
                                said.join(", ")
                            )
                        }
                        _ => format!(
                            "ignored: {whose} `{listen}` script (samples only send the request)"
                        ),
                    };
                    self.note("ignored", format!("{at}/event/{index}"), message);
                }
            }
        }
        // `disableBodyPruning` is not ignored: a body is kept as Postman sends it (see the body)
        let keys: Vec<String> = match object.get("protocolProfileBehavior") {
            Some(Value::Object(behavior)) => behavior
                .keys()
                .filter(|key| key.as_str() != "disableBodyPruning")
                .map(|key| format!("`{key}`"))
                .collect(),
            _ => Vec::new(),
        };
        if !keys.is_empty() {
            self.note(
                "ignored",
                format!("{at}/protocolProfileBehavior"),
                format!(
                    "ignored: {whose} protocolProfileBehavior ({})",
                    keys.join(", ")
                ),
            );
        }
        // the one system header a sample sends as Postman would: the `Content-Type` of a body
        // whose headers give none, which a spec's body needs
        let content_type_disabled = object
            .get("protocolProfileBehavior")
            .and_then(|behavior| behavior.get("disabledSystemHeaders"))
            .and_then(Value::as_object)
            .is_some_and(|disabled| {
                disabled.iter().any(|(name, off)| {
                    name.eq_ignore_ascii_case("content-type") && off.as_bool() == Some(true)
                })
            });
        if content_type_disabled {
            self.note(
                "body",
                format!("{at}/protocolProfileBehavior/disabledSystemHeaders"),
                "Postman sends no `Content-Type` of its own for a body here (`disabledSystemHeaders`), but a spec's body needs one: where the headers give none, the samples send the one Postman would have added",
            );
        }
        if let Some(Value::Array(variables)) = object.get("variable")
            && !variables.is_empty()
        {
            let keys: Vec<String> = variables
                .iter()
                .map(super::collection::variable_name)
                .collect();
            let quoted = crate::import::shared::in_code_spans;
            let message = if at.is_empty() {
                // the collection's own: offered when samplegen can set them
                let (offered, left): (Vec<String>, Vec<String>) = keys
                    .into_iter()
                    .partition(|name| self.import.variables.contains_key(name));
                match (offered.is_empty(), left.is_empty()) {
                    (false, true) => format!(
                        "{whose} variable values ({}) are offered to samplegen.yaml's `variables` (where it sets one otherwise, the specs that write it set their own); the specs keep `{{{{name}}}}` as written",
                        quoted(&offered)
                    ),
                    (false, false) => format!(
                        "{whose} variable values ({}) are offered to samplegen.yaml's `variables` (where it sets one otherwise, the specs that write it set their own), not {} (disabled, empty, secret, set by a script as it runs, or no name or value samplegen can set); the specs keep `{{{{name}}}}` as written",
                        quoted(&offered),
                        quoted(&left)
                    ),
                    (true, _) => format!(
                        "{whose} variables ({}) are not offered to samplegen.yaml (disabled, empty, secret, set by a script as it runs, or no name or value samplegen can set); the specs keep `{{{{name}}}}` as written",
                        quoted(&left)
                    ),
                }
            } else {
                format!(
                    "ignored: {whose} variable values ({}); the specs keep `{{{{name}}}}` as written",
                    quoted(&keys)
                )
            };
            self.note(
                if at.is_empty() { "variable" } else { "ignored" },
                format!("{at}/variable"),
                message,
            );
        }
        header_changes
    }

    fn request(
        &mut self,
        item: &Map<String, Value>,
        at: &str,
        dirs: &[String],
        inherited: Option<&InForce>,
    ) {
        let own_changes = self.ignored_settings(item, at, "the request's");
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
                    "ignored",
                    request_at,
                    "ignored: a request that is neither an object nor a URL",
                );
                return;
            }
        };
        for setting in ["proxy", "certificate"] {
            if request.get(setting).is_some_and(|v| !v.is_null()) {
                self.note(
                    "ignored",
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
        let mut url = self.url(url, &url_at);
        // nothing to send (Postman refuses to send it too): one note, rather than a spec that
        // fails validation
        if url.trim().is_empty() {
            self.note(
                "ignored",
                url_at,
                "ignored: the request has no URL, so it sends nothing",
            );
            return;
        }
        let mut headers = self.headers(request.get("header"), &format!("{request_at}/header"));
        let disabled: Vec<String> = match request.get("header") {
            Some(Value::Array(all)) => all
                .iter()
                .filter(|header| is_disabled(header))
                .map(|header| text(header.get("key")).to_string())
                .collect(),
            _ => Vec::new(),
        };
        // the collection's, the folders' and the request's own scripts run in that order
        for change in self
            .script_header_changes
            .iter()
            .flatten()
            .chain(&own_changes)
        {
            change.apply(&mut headers, &disabled, at);
        }
        let auth = self.auth_in_force(request, &request_at, inherited, &mut headers);
        // an API key sent in the query replaces the query's items of that name, as Postman's
        // runtime adds it
        if let Some(AuthSpec::Apikey(ApiKeySpec {
            name,
            location: Some(KeyLocationSpec::Query),
            ..
        })) = &auth
        {
            let (kept, dropped) = without_query_items(&url, name);
            if dropped > 0 {
                url = kept;
                self.note(
                    "unsupported-auth",
                    url_at.clone(),
                    format!("dropped: the query's `{name}`, which the API key auth sends itself, as Postman does"),
                );
            }
        }
        let body = match request.get("body") {
            Some(body) if !body.is_null() => {
                // the request's own setting, else its folders' or its collection's
                let keep_body = super::body_pruning_disabled(item)
                    .or(self.body_pruning_disabled.last().copied())
                    == Some(true);
                self.body(
                    body,
                    &format!("{request_at}/body"),
                    &method,
                    keep_body,
                    &mut headers,
                )
            }
            _ => None,
        };
        if let Some(body) = &body {
            self.body_variables(body);
        }

        let mut prose = description(request.get("description")).trim().to_string();
        let item_description = description(item.get("description")).trim().to_string();
        if !item_description.is_empty() && item_description != prose {
            if !prose.is_empty() {
                prose.push_str("\n\n");
            }
            prose.push_str(&item_description);
        }
        let responses = self.responses(item.get("response"), at);

        let name = text(item.get("name"));
        let mut title = one_line(&name);
        if title.is_empty() {
            title = format!("{method} {url}");
        }
        let mut spec = Spec {
            title: title.clone(),
            request: RequestSpec {
                method,
                url,
                auth,
                query: Vec::new(),
                headers: headers
                    .into_iter()
                    .map(|h| name_value(h.name, h.value))
                    .collect(),
                cookies: Vec::new(),
                body,
            },
            prose,
            ..Spec::default()
        };
        spec.set_responses(responses);
        crate::import::trim_request_header_values(&mut spec.request);
        // said once per variable, at the first request that uses it, after the walk
        for name in self.set_by_scripts(&spec.request) {
            self.scripted_uses
                .entry(name)
                .or_insert_with(|| (request_at.clone(), 0))
                .1 += 1;
        }
        self.import.items.push(Imported {
            dirs: dirs.to_vec(),
            name: if name.trim().is_empty() { title } else { name },
            spec,
            origin: String::new(),
        });
        self.pointers.push(at.to_string());
    }
}

impl Importer {
    /// The notes on the variables the requests use that the collection's scripts set: one each,
    /// at the first request using it, with how many do.
    pub(super) fn scripted_uses_noted(&mut self) {
        for (name, (at, count)) in std::mem::take(&mut self.scripted_uses) {
            let requests = if count == 1 {
                String::new()
            } else {
                format!(" ({count} requests use it)")
            };
            self.note(
                "variable",
                at,
                format!(
                    "`{{{{{name}}}}}` is set by the collection's scripts as it runs (a token a login's response gives, a timestamp, a signature), which no sample runs: the samples write `{{{{{name}}}}}`, for the reader to set in `samplegen.yaml`'s `variables:`{requests}"
                ),
            );
        }
    }

    /// The variables `request` uses that the collection's scripts set, each once, in order.
    fn set_by_scripts(&self, request: &crate::spec::RequestSpec) -> Vec<String> {
        if self.scripted.is_empty() {
            return Vec::new();
        }
        let text = serde_json::to_string(request).unwrap_or_default();
        let mut names = crate::import::shared::variables_in(&text);
        names.retain(|name| self.scripted.contains(name));
        names
    }
}

/// `url` without the query items named `name` (as written), and how many there were.
fn without_query_items(url: &str, name: &str) -> (String, usize) {
    let (before_fragment, fragment) = url.split_at(url.find('#').unwrap_or(url.len()));
    let Some((base, query)) = before_fragment.split_once('?') else {
        return (url.to_string(), 0);
    };
    let items: Vec<&str> = query.split('&').collect();
    let kept: Vec<&str> = items
        .iter()
        .copied()
        .filter(|item| item.split('=').next() != Some(name))
        .collect();
    let dropped = items.len() - kept.len();
    let mut out = base.to_string();
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    out.push_str(fragment);
    (out, dropped)
}

/// A change a `prerequest` script makes to the request's headers that samplegen can make too:
/// one written with literal strings.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum HeaderChange {
    /// `pm.request.headers.upsert({key, value})`: the header of that name (in any case) set, or
    /// added; a disabled one of the request's stays disabled, unless it says `disabled: false`
    /// (`enables`).
    Upsert {
        name: String,
        value: String,
        enables: bool,
    },
    /// `pm.request.headers.add({key, value})`, `pm.request.addHeader({key, value})`.
    Add(String, String),
    /// `pm.request.headers.remove('key')` (a name in any case), `pm.request.removeHeader('key')`
    /// (that very name: Postman's `ignoreCase` is off by default).
    Remove { name: String, any_case: bool },
}

impl HeaderChange {
    /// `headers` as Postman's runtime leaves them after the change; a header it adds is noted
    /// at `at`, the script's place.
    pub(super) fn apply(
        &self,
        headers: &mut Vec<super::headers::Header>,
        disabled: &[String],
        at: &str,
    ) {
        let add = |headers: &mut Vec<super::headers::Header>, name: &str, value: &str| {
            headers.push(super::headers::Header {
                name: name.to_string(),
                value: value.to_string(),
                at: at.to_string(),
            });
        };
        match self {
            HeaderChange::Upsert {
                name,
                value,
                enables,
            } => {
                // (of a name given twice, the last, as Postman's header list finds it)
                match headers
                    .iter_mut()
                    .rev()
                    .find(|header| header.name.eq_ignore_ascii_case(name))
                {
                    Some(header) => header.value = value.clone(),
                    // a disabled header of that name takes the value, and stays disabled
                    None if !enables
                        && disabled.iter().any(|off| off.eq_ignore_ascii_case(name)) => {}
                    None => add(headers, name, value),
                }
            }
            HeaderChange::Add(name, value) => add(headers, name, value),
            HeaderChange::Remove { name, any_case } => headers.retain(|header| {
                if *any_case {
                    !header.name.eq_ignore_ascii_case(name)
                } else {
                    header.name != *name
                }
            }),
        }
    }
}

/// What a script's `code` does to the request Postman sends: the changes to its headers when
/// all of its changes are such, written with literal strings (`Ok`, empty when it changes
/// nothing); else the first change that is not, as written up to its `(` or `=`
/// (`pm.request.url =`, `pm.request.headers.add(h)`).
fn request_changes(code: &str) -> Result<Vec<HeaderChange>, &str> {
    const CHANGES: [&str; 10] = [
        "add",
        "upsert",
        "remove",
        "addHeader",
        "removeHeader",
        "addQueryParams",
        "removeQueryParams",
        "update",
        "clear",
        "set",
    ];
    let mut changes = Vec::new();
    for (at, _) in code.match_indices("pm.request.") {
        let call = &code[at..];
        // a change samplegen makes is a statement of its own at the script's top: one in a
        // condition, a loop or a function may not run
        let top = top_level_statement(code, at);
        let end = call
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_'))
            .unwrap_or(call.len());
        let (path, after) = call.split_at(end);
        let method = path.rsplit('.').next().unwrap_or_default();
        let trimmed = after.trim_start();
        if trimmed.starts_with('(') && CHANGES.contains(&method) {
            let open = end + (after.len() - trimmed.len());
            let arguments = &call[open + 1..];
            let change = match path {
                _ if !top => None,
                // (`disabled: true`: an upsert disables the header, an add adds none)
                "pm.request.headers.upsert" => key_value(arguments).map(|(k, v, off)| {
                    Some(if off == Some(true) {
                        HeaderChange::Remove {
                            name: k,
                            any_case: true,
                        }
                    } else {
                        HeaderChange::Upsert {
                            name: k,
                            value: v,
                            enables: off == Some(false),
                        }
                    })
                }),
                "pm.request.headers.add" | "pm.request.addHeader" => key_value(arguments)
                    .map(|(k, v, off)| (off != Some(true)).then_some(HeaderChange::Add(k, v))),
                "pm.request.headers.remove" | "pm.request.removeHeader" => {
                    literal(arguments.trim_start())
                        .filter(|(_, rest)| rest.trim_start().starts_with(')'))
                        .map(|(name, _)| {
                            Some(HeaderChange::Remove {
                                name,
                                any_case: path == "pm.request.headers.remove",
                            })
                        })
                }
                _ => None,
            };
            match change {
                Some(change) => changes.extend(change),
                None => return Err(&call[..open + 1]),
            }
        } else if trimmed.starts_with('=') && !trimmed.starts_with("==") {
            return Err(path);
        }
    }
    Ok(changes)
}

/// Whether what starts at `at` in `code` is a statement at the script's top: outside every
/// `{ … }` block, after a `;`, a `}` or nothing (not the body of an `if` without braces).
fn top_level_statement(code: &str, at: usize) -> bool {
    let (mut braces, mut parentheses) = (0i32, 0i32);
    let mut quote: Option<char> = None;
    let mut chars = code[..at].chars();
    while let Some(c) = chars.next() {
        match quote {
            Some(_) if c == '\\' => {
                chars.next();
            }
            Some(open) if c == open => quote = None,
            Some(_) => {}
            None if matches!(c, '"' | '\'' | '`') => quote = Some(c),
            None if c == '{' => braces += 1,
            None if c == '}' => braces -= 1,
            None if c == '(' => parentheses += 1,
            None if c == ')' => parentheses -= 1,
            None => {}
        }
    }
    let before = &code[..at];
    let line_start = before.trim_end_matches([' ', '\t']).ends_with('\n');
    // a line that ends a statement without `;` (JavaScript inserts one), not one an `if`'s
    // condition, an operator or a comma leaves open
    let previous = before.trim_end();
    let previous_line = previous
        .rsplit('\n')
        .next()
        .unwrap_or_default()
        .trim_start();
    let condition = ["if", "} else if", "else if", "for", "while"]
        .iter()
        .any(|keyword| {
            previous_line
                .strip_prefix(keyword)
                .is_some_and(|rest| rest.trim_start().starts_with('('))
        });
    let previous_line_ends = previous
        .chars()
        .last()
        .is_none_or(|c| !matches!(c, ',' | '(' | '=' | '&' | '|' | '?' | ':' | '+' | '-'))
        && !(previous.ends_with(')') && condition)
        && !previous.ends_with("else");
    let statement_start = match before.trim_end().chars().last() {
        None | Some(';' | '}') => true,
        Some(_) => line_start && previous_line_ends,
    };
    braces == 0 && parentheses == 0 && quote.is_none() && statement_start
}

/// `{ key: 'Accept', value: 'application/json' }` (then `)`), its other members ignored, as
/// literal strings: the key and the value, and its `disabled`, when it says.
fn key_value(arguments: &str) -> Option<(String, String, Option<bool>)> {
    let mut rest = arguments.trim_start().strip_prefix('{')?;
    let (mut key, mut value, mut disabled) = (None, None, None);
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix('}') {
            after.trim_start().strip_prefix(')')?;
            return Some((key?, value?, disabled));
        }
        let name_end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))?;
        let (name, after) = match literal(rest) {
            Some((quoted, after)) => (quoted, after),
            None => (rest[..name_end].to_string(), &rest[name_end..]),
        };
        let after = after.trim_start().strip_prefix(':')?.trim_start();
        let (text, after) = match literal(after) {
            Some(found) => found,
            // another member's value that is no string (`disabled: false`)
            None if name != "key" && name != "value" => {
                let end = after.find([',', '}'])?;
                if name == "disabled" {
                    disabled = Some(after[..end].trim() == "true");
                }
                (String::new(), &after[end..])
            }
            None => return None,
        };
        match name.as_str() {
            "key" => key = Some(text),
            "value" => value = Some(text),
            _ => {}
        }
        rest = after.trim_start();
        rest = rest.strip_prefix(',').unwrap_or(rest);
    }
}

/// A JavaScript string literal that starts `text` (`'…'`, `"…"`, or `` `…` `` without `${`),
/// and the text after it.
fn literal(text: &str) -> Option<(String, &str)> {
    let quote = text
        .chars()
        .next()
        .filter(|c| matches!(c, '\'' | '"' | '`'))?;
    let mut value = String::new();
    let mut chars = text[1..].char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' => value.push(chars.next()?.1),
            c if c == quote => return Some((value, &text[1 + at + 1..])),
            '$' if quote == '`' && text[1 + at..].starts_with("${") => return None,
            c => value.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{HeaderChange, request_changes};
    use crate::import::postman::test_support::*;
    use indexmap::IndexMap;
    use serde_json::json;

    #[test]
    fn a_request_using_what_its_scripts_set_says_so() {
        // HashKey's collection: each signed request's own script sets its query's timestamp
        // and signature, and one builds the whole body
        let import = run(collection(json!([
            {
                "name": "orders",
                "event": [{"listen": "prerequest", "script": {"exec": [
                    "var data = [{\"symbol\": \"BTCUSDT\"}];",
                    "pm.variables.set(\"postBody\", JSON.stringify(data));",
                    "pm.environment.set('timestamp', Date.now());"
                ]}}],
                "request": {
                    "method": "POST",
                    "url": "https://api.example.com/orders?timestamp={{timestamp}}",
                    "body": {"mode": "raw", "raw": "{{postBody}}"}
                }
            },
            {
                "name": "time",
                "event": [{"listen": "prerequest", "disabled": true, "script": {"exec": [
                    "pm.variables.set('off', 1);"
                ]}}],
                "request": {"method": "GET", "url": "https://api.example.com/time?o={{off}}"}
            }
        ])));
        let said: Vec<(&str, &str)> = import
            .notes
            .iter()
            .filter(|n| n.kind == "variable")
            .map(|n| (n.at.as_str(), n.message.as_str()))
            .collect();
        assert_eq!(said.len(), 2, "{said:#?}");
        assert_eq!(said[0].0, "/item/0/request");
        assert!(
            said[0]
                .1
                .starts_with("`{{timestamp}}` is set by the collection's scripts as it runs"),
            "{}",
            said[0].1
        );
        assert!(
            said[1].1.starts_with("`{{postBody}}` is set by"),
            "{}",
            said[1].1
        );
        assert_eq!(
            import.items[0].spec.request.url,
            "https://api.example.com/orders?timestamp={{timestamp}}"
        );
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
    fn descriptions_become_prose() {
        let import = run(collection(json!([
            {"name": "A", "request": {"url": "https://e.com", "description": "Some *Markdown*."}},
            {"name": "B", "description": "Item text.", "request": {"url": "https://e.com", "description": {"content": "Object text.", "type": "text/markdown"}}}
        ])));
        assert_eq!(import.items[0].spec.prose, "Some *Markdown*.");
        assert_eq!(import.items[1].spec.prose, "Object text.\n\nItem text.");
    }

    // Postman leaves out the `Content-Type` it would add; a spec's body needs one
    #[test]
    fn a_disabled_content_type_system_header_is_noted() {
        let import = run(collection(json!([
            {"name": "R", "protocolProfileBehavior": {"disabledSystemHeaders": {"content-type": true}},
             "request": {"method": "POST", "url": "https://e.com",
                "body": {"mode": "raw", "raw": "{}", "options": {"raw": {"language": "json"}}}}}
        ])));
        let note = import
            .notes
            .iter()
            .find(|n| n.at == "/item/0/protocolProfileBehavior/disabledSystemHeaders")
            .expect("noted");
        assert!(
            note.message.contains("Postman sends no `Content-Type`"),
            "{note:?}"
        );
        valid(&import.items[0].spec);
    }

    // ProjectT's Laravel collection: a script sets `Accept`, which decides JSON or a redirect
    #[test]
    fn a_script_that_changes_the_request_is_said_to_and_its_setting_is_left_for_the_reader() {
        let mut c = collection(json!([{"name": "F", "item": [{"name": "R",
            "event": [{"listen": "prerequest", "script": {"exec": ["pm.request.headers.remove('X-Debug');"]}}],
            "request": {"url": "https://e.com/a",
            "header": [{"key": "X-Signature", "value": "{{signature}}"}, {"key": "accept", "value": "*/*"}, {"key": "X-Debug", "value": "1"}]}}],
            "event": [{"listen": "prerequest", "script": {"exec": ["pm.request.addHeader({key: \"X-Folder\", value: `f`, disabled: false});"]}}]}]));
        c["event"] = json!([{"listen": "prerequest", "script": {"exec": [
            "pm.request.headers.upsert({ key: 'Accept', value: 'application/json' });",
            "pm.collectionVariables.set('signature', CryptoJS.HmacSHA256(Date.now(), key));"
        ]}}]);
        c["variable"] =
            json!([{"key": "signature", "value": "8f2c0e1b9a"}, {"key": "token", "value": "abc"}]);
        // Postman runs no comment: a setter in one sets nothing
        c["event"][0]["script"]["exec"]
            .as_array_mut()
            .unwrap()
            .extend([
                json!("// pm.environment.set('token', 'x');"),
                json!("/* pm.request.url = 'https://other.example'; */"),
            ]);
        let import = run(c);
        assert_eq!(
            import.variables.get("token").map(String::as_str),
            Some("abc")
        );
        // ProjectT's Laravel collection: the collection's, the folder's and the request's
        // scripts set the headers, in that order, as Postman runs them
        assert_eq!(
            pairs(&import.items[0].spec.request.headers),
            [
                pair("X-Signature", "{{signature}}"),
                pair("accept", "application/json"),
                pair("X-Folder", "f"),
            ]
        );
        assert!(
            import.notes.iter().any(|n| n.at == "/event/0" && n.message.starts_with(
                "the collection's `prerequest` script sets the request's headers before Postman sends it (`Accept: application/json`)"
            )),
            "{:#?}",
            import.notes
        );
        // the signature it computes on each send is not one run's saved value
        assert_eq!(import.variables.get("signature"), None);
        assert!(import.notes.iter().any(|n| n.message.starts_with(
            "`signature` is set by the collection's scripts as it runs, so its saved value `8f2c0e1b9a` is one run's"
        )));
        for (code, changes) in [
            (
                "pm.request.addHeader({key: 'A', value: 'b'})",
                Ok(vec![HeaderChange::Add("A".into(), "b".into())]),
            ),
            (
                "pm.request.headers.add(header)",
                Err("pm.request.headers.add("),
            ),
            (
                "pm.request.headers.upsert({key: 'T', value: `${token}`})",
                Err("pm.request.headers.upsert("),
            ),
            (
                "pm.request.url.query.add('a=1')",
                Err("pm.request.url.query.add("),
            ),
            (
                "pm.request.body.raw = JSON.stringify(b)",
                Err("pm.request.body.raw"),
            ),
            (
                "if (pm.request.method == 'GET') { console.log(pm.request.url.toString()) }",
                Ok(Vec::new()),
            ),
            ("const h = pm.request.headers.get('A')", Ok(Vec::new())),
            // in a condition or a function, it may not run
            (
                "if (pm.request.method === 'POST') { pm.request.headers.upsert({key: 'C', value: 'd'}) }",
                Err("pm.request.headers.upsert("),
            ),
            (
                "if (prod) pm.request.headers.remove('X')",
                Err("pm.request.headers.remove("),
            ),
            // a line without `;` ends its statement; a `for`'s parentheses hold none
            (
                "const t = pm.environment.get('x')\npm.request.headers.remove('X')",
                Ok(vec![HeaderChange::Remove {
                    name: "X".into(),
                    any_case: true,
                }]),
            ),
            (
                "for (var i = 0; i < 0; pm.request.headers.remove('X')) {}",
                Err("pm.request.headers.remove("),
            ),
            (
                "if (prod)\n  pm.request.headers.remove('X')",
                Err("pm.request.headers.remove("),
            ),
            (
                "pm.request.headers.add({key: 'X', value: 'y', disabled: true});\npm.request.removeHeader('accept');",
                Ok(vec![HeaderChange::Remove {
                    name: "accept".into(),
                    any_case: false,
                }]),
            ),
        ] {
            assert_eq!(request_changes(code), changes, "{code}");
        }
    }

    // Postman keeps a disabled header disabled when a script upserts it, and `removeHeader`
    // minds the name's case
    #[test]
    fn header_changes_are_made_as_postman_makes_them() {
        let header = |name: &str, value: &str| super::super::headers::Header {
            name: name.into(),
            value: value.into(),
            at: String::new(),
        };
        let mut headers = vec![header("Accept", "*/*"), header("X", "a"), header("x", "b")];
        let disabled = ["X-Team".to_string()];
        for change in [
            HeaderChange::Upsert {
                name: "X".into(),
                value: "c".into(),
                enables: false,
            },
            HeaderChange::Upsert {
                name: "x-team".into(),
                value: "a".into(),
                enables: false,
            },
            HeaderChange::Remove {
                name: "accept".into(),
                any_case: false,
            },
        ] {
            change.apply(&mut headers, &disabled, "");
        }
        let sent: Vec<(&str, &str)> = headers
            .iter()
            .map(|h| (h.name.as_str(), h.value.as_str()))
            .collect();
        assert_eq!(sent, [("Accept", "*/*"), ("X", "a"), ("x", "c")]);
    }

    #[test]
    fn ignored_settings_are_noted() {
        let mut c = collection(
            json!([{"name": "F", "event": [{"listen": "test", "script": {"exec": [""]}}], "item": [
                {"name": "R",
                 "event": [{"listen": "prerequest", "script": {"exec": ["pm.environment.set('a', 1)"]}}],
                 "protocolProfileBehavior": {"disableBodyPruning": true, "followRedirects": false},
                 "request": {"url": "https://e.com"}},
                {"name": "Kept body", "protocolProfileBehavior": {"disableBodyPruning": true},
                 "request": {"url": "https://e.com"}}
            ]}]),
        );
        c["variable"] = json!([{"key": "baseUrl", "value": "https://e.com"}]);
        c["protocolProfileBehavior"] = json!({});
        // the collection's and a folder's texts, which no spec holds; an empty one is no text
        c["info"]["description"] = json!({"content": "Read me first.", "type": "text/markdown"});
        c["item"][0]["description"] = json!(" ");
        c["item"][0]["item"][0]["description"] = json!("The request's: its prose.");
        c["item"][0]["item"]
            .as_array_mut()
            .unwrap()
            .push(json!({"name": "G", "description": "A folder's overview.", "item": []}));
        let import = run(c);
        let at: Vec<&str> = import.notes.iter().map(|n| n.at.as_str()).collect();
        assert_eq!(
            at,
            [
                "/variable",
                "/info/description",
                "/item/0/item/0/event/0",
                "/item/0/item/0/protocolProfileBehavior",
                "/item/0/item/2/description",
            ]
        );
        // the collection's variables are not ignored: their values are offered to the site config
        assert_eq!(import.notes[0].kind, "variable");
        assert_eq!(
            import.variables,
            IndexMap::from([("baseUrl".to_string(), "https://e.com".to_string())])
        );
        assert!(
            import.notes[1..]
                .iter()
                .all(|n| n.message.starts_with("ignored: "))
        );
        // `disableBodyPruning` is honored, so it is not called ignored
        assert!(
            import.notes[3].message.ends_with("(`followRedirects`)"),
            "{:?}",
            import.notes[3]
        );
        assert!(
            import.notes[4]
                .message
                .starts_with("ignored: the folder's description"),
            "{:?}",
            import.notes[4]
        );
    }

    // a request no spec can hold is refused where it would be written, at its item
    #[test]
    fn an_invalid_request_keeps_its_items_place() {
        let import = crate::import::postman::import(
            &collection(
                json!([{"name": "R", "request": {"method": "G T", "url": "https://e.com"}}]),
            )
            .to_string(),
        )
        .unwrap();
        assert_eq!(import.items[0].origin, "/item/0");
        assert!(import.notes.is_empty(), "{:?}", import.notes);
    }

    // what Postman sends: nested values resolved; a secret's value is the reader's to set
    #[test]
    fn collection_variables_nest_and_secrets_stay_out() {
        let mut c = collection(json!([{"name": "R", "request": {"url": "{{baseUrl}}/a"}}]));
        c["variable"] = json!([
            {"key": "baseUrl", "value": "{{host}}/v2"},
            {"key": "host", "value": "https://{{sub}}.e.com"},
            {"key": "sub", "value": "api"},
            {"key": "loop", "value": "x{{loop}}"},
            {"key": "apiKey", "value": "sk_live_1", "type": "secret"}
        ]);
        let import = run(c);
        assert_eq!(import.variables["baseUrl"], "https://api.e.com/v2");
        assert_eq!(import.variables["loop"], "x{{loop}}");
        assert!(!import.variables.contains_key("apiKey"));
        assert!(
            import.notes[0].message.contains("`apiKey`"),
            "{:?}",
            import.notes
        );
    }

    // a part's name and content type, and an API key's name, written by the collection's
    // variables: Postman sends their values, and a spec cannot name by a variable
    #[test]
    fn names_written_by_variables_take_the_collections_values() {
        let mut c = collection(json!([{"name": "R", "request": {
            "method": "POST",
            "url": "https://e.com/a",
            "auth": {"type": "apikey", "apikey": [{"key": "key", "value": "{{hdr}}"}, {"key": "value", "value": "k"}]},
            "body": {"mode": "formdata", "formdata": [
                {"key": "{{field}}", "value": "{}", "type": "text", "contentType": "{{ct}}"}]}}}]));
        c["variable"] = json!([
            {"key": "hdr", "value": "X-Api-Key"},
            {"key": "field", "value": "meta"},
            {"key": "ct", "value": "application/json"}
        ]);
        let import = run(c);
        let spec = crate::import::to_yaml(&import.items[0].spec);
        assert!(spec.contains("name: X-Api-Key"), "{spec}");
        assert!(spec.contains("- meta:"), "{spec}");
        assert!(spec.contains("content_type: application/json"), "{spec}");
    }

    #[test]
    fn an_api_key_in_the_query_is_encoded_as_postman_sends_it() {
        let import = run(collection(json!([{"name": "R", "request": {
            "url": "https://e.com/a",
            "auth": {"type": "apikey", "apikey": [{"key": "key", "value": "key"}, {"key": "value", "value": "a&b#c"}, {"key": "in", "value": "query"}]}}}])));
        assert_eq!(import.items.len(), 1, "{:?}", import.notes);
        let spec = crate::import::to_yaml(&import.items[0].spec);
        assert!(spec.contains("value: a%26b%23c"), "{spec}");
    }

    /// Whether each request of an import kept its body.
    fn kept_bodies(import: &crate::import::Import) -> Vec<bool> {
        import
            .items
            .iter()
            .map(|i| i.spec.request.body.is_some())
            .collect()
    }

    // a folder's or the collection's `disableBodyPruning` holds for the requests in it that set
    // none, as Postman runs them
    #[test]
    fn body_pruning_is_inherited_from_folders_and_the_collection() {
        let get = |name: &str| {
            json!({"name": name, "request": {"method": "GET", "url": "https://e.com/a",
            "body": {"mode": "raw", "raw": "{\"a\":1}", "options": {"raw": {"language": "json"}}}}})
        };
        let mut own = get("own");
        own["protocolProfileBehavior"] = json!({"disableBodyPruning": false});
        let mut c = collection(json!([
            {"name": "f", "protocolProfileBehavior": {"disableBodyPruning": true}, "item": [get("in folder"), own]},
            get("top")
        ]));
        let import = run(c.clone());
        let bodies = kept_bodies(&import);
        assert_eq!(bodies, [true, false, false]);
        c["protocolProfileBehavior"] = json!({"disableBodyPruning": true});
        let import = run(c);
        let bodies = kept_bodies(&import);
        assert_eq!(bodies, [true, false, true]);
    }

    // the Music Forum collection's `{{access token}}`: the specs write `{{access_token}}`, whose
    // value the collection's is
    #[test]
    fn a_variable_renamed_for_samplegen_keeps_its_value() {
        let mut c = collection(json!([{"name": "R", "request": {
            "url": "https://e.com/a",
            "header": [{"key": "Authorization", "value": "Bearer {{access token}}"}]}}]));
        c["variable"] = json!([{"key": "access token", "value": "eyJ0"}]);
        let import = run(c);
        assert_eq!(import.variables["access_token"], "eyJ0");
        let spec = crate::import::to_yaml(&import.items[0].spec);
        assert!(spec.contains("Bearer {{access_token}}"), "{spec}");
    }
}
