//! Parameters: the path's and the operation's merged, the path template as the URL, and each
//! query, header and cookie parameter's value from its example, serialized by its style.

use percent_encoding::{AsciiSet, CONTROLS, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::Value;

use super::Importer;
use super::document::{escape, scalar_text};
use super::media::choose_media;
use super::schema::{Direction, own_value};
use crate::import::shared::{has_control_character, name_value};
use crate::model::variable_problem;
use crate::spec::NameValueSpec;

/// What a query value keeps as written: the unreserved characters and the sub-delimiters a query
/// can hold without changing its meaning; `&`, `=`, `+`, `#`, `%`, spaces and the rest are encoded.
/// The style samplegen gives a Swagger 2.0 `collectionFormat: tsv` list, which OpenAPI 3 has no
/// style for: its values joined with a tab (`%09` in a query).
pub(super) const TAB_DELIMITED: &str = "x-samplegen-tabDelimited";

pub(super) const QUERY: &AsciiSet = &NON_ALPHANUMERIC
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

/// A `{{variable}}` name for an OpenAPI name: letters, digits, `_`, `-` and `.`, other runs as `_`,
/// and `<` and `>` as `_lt`, `_gt` (`StartTime<` is `StartTime_lt`).
fn variable_name(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.') {
            out.push(c);
            continue;
        }
        if !out.ends_with('_') {
            out.push('_');
        }
        // Twilio's `StartTime`, `StartTime<` and `StartTime>` are three filters: three variables
        match c {
            '<' => out.push_str("lt_"),
            '>' => out.push_str("gt_"),
            _ => {}
        }
    }
    let out = out.trim_matches('_');
    if out.is_empty() {
        "value".into()
    } else {
        out.to_string()
    }
}

pub(super) fn placeholder(name: &str) -> String {
    format!("{{{{{}}}}}", variable_name(name))
}

/// What keeps `value` from being sent as a header value, if anything.
pub(super) fn header_value_problem(value: &str) -> Option<String> {
    if has_control_character(value) {
        Some("holds a line break or another control character".into())
    } else if !value.is_ascii() {
        Some("holds non-ASCII characters, which clients refuse or re-encode in a header".into())
    } else {
        variable_problem(value)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Location {
    Path,
    Query,
    Header,
    Cookie,
}

/// A parameter of an operation, resolved.
pub(super) struct Param<'a> {
    pub(super) name: String,
    pub(super) location: Location,
    pub(super) value: &'a Value,
    /// Where it is listed.
    pub(super) at: String,
    /// The `{{variable}}` that stands for its value: its name's, unless a parameter of the
    /// same name elsewhere has that (Trello's `token` in the path and in the query).
    pub(super) variable: String,
}

impl<'a> Importer<'a> {
    /// The path-level parameters, then the operation's; an operation's parameter replaces the
    /// path's of the same name and location.
    pub(super) fn parameters(
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
            let Some(list) = list.as_array() else {
                self.note(
                    "parameter",
                    format!("{at}/parameters"),
                    "`parameters` is not a list",
                );
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
                    self.note(
                        "parameter",
                        &param_at,
                        "a parameter needs a `name` and an `in`: skipped",
                    );
                    continue;
                };
                let location = match location {
                    "path" => Location::Path,
                    "query" => Location::Query,
                    "header" => Location::Header,
                    "cookie" => Location::Cookie,
                    other => {
                        self.note(
                            "parameter",
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
                    variable: String::new(),
                };
                match params.iter_mut().find(|p| same(p)) {
                    Some(existing) => *existing = param,
                    None => params.push(param),
                }
            }
        }
        self.name_variables(&mut params);
        params
    }

    /// Gives each parameter its `{{variable}}`. OpenAPI tells parameters apart by name and
    /// location, a variable by name alone: where two would share one (Trello's `token` in
    /// the path and the query, Kubernetes' proxy `path`), each sample would send one value for
    /// both. The path's keeps the name, which its URL template writes; then the query's, the
    /// headers' and the cookies', each other one named after its location, noted.
    fn name_variables(&mut self, params: &mut [Param<'a>]) {
        let mut taken: Vec<String> = Vec::new();
        for location in [
            Location::Path,
            Location::Query,
            Location::Header,
            Location::Cookie,
        ] {
            for param in params.iter_mut().filter(|p| p.location == location) {
                let plain = variable_name(&param.name);
                let mut variable = plain.clone();
                if taken.contains(&variable) {
                    let place = match location {
                        Location::Path => "path",
                        Location::Query => "query",
                        Location::Header => "header",
                        Location::Cookie => "cookie",
                    };
                    variable = format!("{plain}_{place}");
                    let mut number = 2;
                    while taken.contains(&variable) {
                        variable = format!("{plain}_{place}{number}");
                        number += 1;
                    }
                    self.note(
                        "parameter",
                        &param.at,
                        format!(
                            "another parameter of this operation is written `{{{{{plain}}}}}`: `{}` in the {place} is `{{{{{variable}}}}}`, so that each takes a value of its own",
                            param.name
                        ),
                    );
                }
                taken.push(variable.clone());
                param.variable = format!("{{{{{variable}}}}}");
            }
        }
    }

    /// `{{baseUrl}}` and the path, its `{parameters}` as `{{variables}}`.
    pub(super) fn url(&mut self, path: &str, item_at: &str) -> String {
        let mut path = path.to_string();
        // APIs.guru's AWS documents tell apart operations that share a path by a fragment
        // (`/#Action=DescribeInstances`, `/tags/{arn}#tagKeys`), which no client sends
        if let Some(fragment) = path.find('#') {
            path.truncate(fragment);
            self.note_once(
                "parameter",
                item_at,
                "a path's `#…` part is never sent (it tells apart operations on one path): the URL leaves it out".to_string(),
            );
        }
        // and Azure's `x-ms-paths` by a query (`/?comp=list`), which AutoRest does not send
        // either: the operation's parameters say the query (`comp`, `enum: [list]`)
        if item_at.starts_with("/x-ms-paths/")
            && let Some(query) = path.find('?')
        {
            path.truncate(query);
            self.note_once(
                "parameter",
                item_at,
                "an `x-ms-paths` key's `?…` part only tells apart operations on one path (AutoRest does not send it): the URL leaves it out, and the operation's query parameters are sent".to_string(),
            );
        }
        if !path.starts_with('/') {
            self.note(
                "parameter",
                item_at,
                "a path starts with `/`: one was added",
            );
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
                    "parameter",
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

    /// A path parameter's style in the URL: `label` puts `.` before its variable, `matrix`
    /// `;name=`; the variable stands for the (simple) value after it.
    pub(super) fn path_parameter(&mut self, param: &Param, url: &mut String) {
        let (style, explode) = Self::style(param);
        let variable = param.variable.clone();
        if !url.contains(&variable) {
            // a parameter the path has no `{name}` for: no client could send it
            self.note(
                "parameter",
                &param.at,
                format!(
                    "the path has no `{{{}}}` for the path parameter `{}`: left out",
                    param.name, param.name
                ),
            );
            return;
        }
        let kind = self.schema_type(param);
        let prefix = match style.as_str() {
            "simple" => return,
            "label" => ".".to_string(),
            // an object exploded is its own `;key=value` pairs, the parameter's name in none
            "matrix" if explode && kind.as_deref() == Some("object") => ";".to_string(),
            "matrix" => format!(";{}=", param.name),
            other => {
                self.note(
                    "parameter",
                    &param.at,
                    format!(
                        "`style: {other}` is not a path style: `{}` is written as `simple`",
                        param.name
                    ),
                );
                return;
            }
        };
        if !url.contains(&variable) {
            return;
        }
        *url = url.replacen(&variable, &format!("{prefix}{variable}"), 1);
        if matches!(kind.as_deref(), Some("array" | "object")) {
            let joined = match (style.as_str(), explode) {
                ("label", true) => "`.`",
                ("matrix", true) if kind.as_deref() == Some("array") => {
                    "the variable stands for the rest, `;name=` before each further element"
                }
                ("matrix", true) => {
                    "the variable stands for its `key=value` pairs joined by `;`, as `;lat=1.5;lon=2`"
                }
                _ => "`,`",
            };
            self.note(
                "parameter",
                &param.at,
                format!(
                    "`{}` has `style: {style}`{}: its variable `{variable}` stands for the whole {} ({joined})",
                    param.name,
                    if explode { " and `explode: true`" } else { "" },
                    kind.as_deref().unwrap_or("value"),
                ),
            );
        }
    }

    /// Notes, for a list or an object parameter of the query, a header or a cookie that has no
    /// example, that its one variable `{{name}}` stands for the whole value, and how the API
    /// takes it: a reader who sets it to one element sends one.
    fn note_one_variable_for_many(&mut self, param: &Param, style: &str, explode: bool) {
        let kind = self.schema_type(param);
        let name = &param.name;
        let cookie = matches!(param.location, Location::Cookie);
        let how = match (kind.as_deref(), style, explode) {
            (Some("array"), "form", true) if !cookie => {
                format!("one element: the API takes more as repeated items, `{name}=a&{name}=b`")
            }
            (Some("array"), "spaceDelimited", _) => "the elements joined by blanks (`%20`)".into(),
            (Some("array"), "pipeDelimited", _) => "the elements joined by `|`".into(),
            (Some("array"), _, _) => "the elements joined by `,`".into(),
            (Some("object"), "deepObject", _) => {
                format!("one member: the API takes them as `{name}[key]=value` items")
            }
            (Some("object"), "form", true) if cookie => {
                "one member: the API takes each as a cookie of its own".into()
            }
            (Some("object"), "form", true) => {
                "one member: the API takes them as `key=value` items of their own".into()
            }
            (Some("object"), "simple", true) => "the members as `key=value` joined by `,`".into(),
            (Some("object"), _, _) => "the keys and values joined by `,`".into(),
            _ => return,
        };
        self.note(
            "parameter",
            &param.at,
            format!(
                "`{}` is {} with no example: its variable `{}` stands for {how}",
                param.name,
                if kind.as_deref() == Some("array") {
                    "a list"
                } else {
                    "an object"
                },
                param.variable
            ),
        );
    }

    /// The `type` of a parameter's schema, if it says one.
    fn schema_type(&mut self, param: &Param) -> Option<String> {
        let schema = param.value.get("schema")?;
        let (schema, _) = self.lookup(schema).ok()?;
        match schema.get("type")? {
            Value::String(t) => Some(t.clone()),
            Value::Array(types) => types
                .iter()
                .filter_map(Value::as_str)
                .find(|t| *t != "null")
                .map(str::to_string),
            _ => None,
        }
    }

    /// A parameter's example value: `example`, the first of `examples`, the example of its
    /// `content`, or its schema's `example`, first `examples`, `default`, `const` or first `enum`
    /// value (an object's, its properties' that have one). The last two are values the API takes (AWS's `X-Amz-Target: Lightsail.Reboot`),
    /// where `{{name}}` would send no value the API takes at all. An empty list or object
    /// (FastAPI's `default: []`) is none: sent, it would be an empty value the API reads as one
    /// (a header `x-tag:` as `[""]`), where leaving it out gives the default.
    fn parameter_example(&mut self, param: &Param<'a>) -> Option<Value> {
        self.any_parameter_example(param)
            .filter(|value| match value {
                Value::Array(items) => !items.is_empty(),
                Value::Object(members) => !members.is_empty(),
                _ => true,
            })
    }

    fn any_parameter_example(&mut self, param: &Param<'a>) -> Option<Value> {
        let p = param.value;
        if let Some(value) = p.get("example").filter(|v| !v.is_null()) {
            return Some(value.clone());
        }
        if let Some(value) = self.first_example(p, &param.at) {
            return Some(value);
        }
        if let Some(content) = p.get("content").and_then(Value::as_object)
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
        let schema_at = format!("{}/schema", param.at);
        let (schema, schema_at) = self.resolve(schema, &schema_at)?;
        if let Some(value) = own_value(schema) {
            return Some(value);
        }
        // an object whose properties have values of their own (a `deepObject`'s `page[size]`),
        // those properties; the others are left out, as optional ones would be
        if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
            let mut object = serde_json::Map::new();
            for (name, property) in properties {
                let at = format!("{schema_at}/properties/{}", escape(name));
                // a `readOnly` property is the server's, sent in no request (as in a body)
                if let Some((property, _)) = self.resolve(property, &at)
                    && !self.flag(property, "readOnly")
                    && let Some(value) = own_value(property)
                {
                    object.insert(name.clone(), value);
                }
            }
            if !object.is_empty() {
                return Some(Value::Object(object));
            }
            // none has: each property a `{{variable}}` of its name (springdoc's `pageable` is
            // `page={{page}}&size={{size}}`, as Spring reads it, not `pageable=…`); those the
            // schema requires, else all
            let required: Vec<&str> = schema
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .filter(|name| properties.contains_key(*name))
                .collect();
            let named: Vec<&String> = properties
                .iter()
                .filter(|(name, _)| required.is_empty() || required.contains(&name.as_str()))
                .filter(|(_, property)| !self.flag(property, "readOnly"))
                .map(|(name, _)| name)
                .take(20)
                .collect();
            if !named.is_empty() {
                return Some(Value::Object(
                    named
                        .into_iter()
                        .map(|name| (name.clone(), Value::String(placeholder(name))))
                        .collect(),
                ));
            }
        }
        self.list_or_choice_value(schema, &schema_at, 0)
    }

    /// The value of a list whose items have a value of their own (an `enum` of the values it
    /// takes), or of the first branch of an `anyOf` or `oneOf` that has one: FastAPI writes an
    /// optional parameter as `anyOf: [{type: integer, default: 3}, {type: 'null'}]`.
    fn list_or_choice_value(
        &mut self,
        schema: &'a Value,
        schema_at: &str,
        depth: usize,
    ) -> Option<Value> {
        if let Some(items) = schema.get("items") {
            let (items, _) = self.resolve(items, &format!("{schema_at}/items"))?;
            return own_value(items).map(|value| Value::Array(vec![value]));
        }
        if depth > 2 {
            return None;
        }
        for keyword in ["anyOf", "oneOf"] {
            let branches = schema.get(keyword).and_then(Value::as_array);
            for (index, branch) in branches.into_iter().flatten().enumerate() {
                let at = format!("{schema_at}/{keyword}/{index}");
                let Some((branch, at)) = self.resolve(branch, &at) else {
                    continue;
                };
                if let Some(value) = own_value(branch).filter(|value| !value.is_null()) {
                    return Some(value);
                }
                if let Some(value) = self.list_or_choice_value(branch, &at, depth + 1) {
                    return Some(value);
                }
            }
        }
        None
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

    pub(super) fn query_parameter(&mut self, param: &Param<'a>) -> Vec<NameValueSpec> {
        let (mut style, explode) = Self::style(param);
        if !matches!(
            style.as_str(),
            "form" | "spaceDelimited" | "pipeDelimited" | "deepObject" | TAB_DELIMITED
        ) {
            self.note(
                "parameter",
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
        // OpenAPI defines the delimited styles for `explode: false` only
        if explode
            && matches!(style.as_str(), "spaceDelimited" | "pipeDelimited")
            && matches!(example, Some(Value::Array(_)))
        {
            self.note(
                "parameter",
                &param.at,
                format!(
                    "`style: {style}` with `explode: true` is not defined by OpenAPI: `{}` is written as with `explode: false`, its values joined",
                    param.name
                ),
            );
        }
        if style == "deepObject" && matches!(example, Some(Value::Array(_))) {
            self.note_once(
                "parameter",
                &param.at,
                "`style: deepObject` is defined for objects only: a list is sent as `name[0]=…&name[1]=…`, as a form body's lists are (Stripe reads `expand[0]`)".to_string(),
            );
        }
        let nested = match example.as_ref() {
            Some(Value::Array(items)) => items.iter().any(|v| v.is_object() || v.is_array()),
            Some(Value::Object(map)) => map.values().any(|v| v.is_object() || v.is_array()),
            _ => false,
        };
        if nested && style != "deepObject" {
            self.note(
                "parameter",
                &param.at,
                format!(
                    "`{}` holds a value inside a value, which `style: {style}` cannot write: it is sent as JSON text",
                    param.name
                ),
            );
        }
        if example.is_none() {
            self.note_one_variable_for_many(param, &style, explode);
        }
        query_items(
            &param.name,
            &param.variable,
            example.as_ref(),
            &style,
            explode,
            allow_reserved,
        )
        .into_iter()
        .map(|(name, value)| name_value(&name, value))
        .collect()
    }

    /// A header parameter's header; `unsecured` when no security requirement applies to the
    /// operation, so that an `Authorization` parameter is the only word on authorizing it, and
    /// `has_body` when the operation has a request body, whose media type is its `Content-Type`.
    pub(super) fn header_parameter(
        &mut self,
        param: &Param<'a>,
        unsecured: bool,
        has_body: bool,
    ) -> Option<NameValueSpec> {
        let name = param.name.as_str();
        let authorization = name.eq_ignore_ascii_case("authorization");
        let content_type = name.eq_ignore_ascii_case("content-type");
        if authorization && unsecured {
            // loket.nl's and Zuora's documents say how to authorize only this way
            if !self.swagger2 {
                self.note_once(
                    "parameter",
                    &param.at,
                    format!(
                        "OpenAPI ignores a header parameter named `{name}`, but no security scheme applies to the operation: the header is sent as the parameter describes it"
                    ),
                );
            }
        } else if self.swagger2 && (authorization || (content_type && has_body)) {
            // Swagger 2.0 ignores no header parameter, but the security scheme and the body's
            // media type (`consumes`) already send these headers: a second one would repeat it
            let by = if authorization {
                "the operation's security scheme"
            } else {
                "the body's media type (`consumes`)"
            };
            self.note(
                "dropped-header",
                &param.at,
                format!("{by} sends the `{name}` header: the parameter is not imported"),
            );
            return None;
        } else if !self.swagger2
            && (authorization || content_type || name.eq_ignore_ascii_case("accept"))
        {
            self.note(
                "dropped-header",
                &param.at,
                format!(
                    "OpenAPI ignores a header parameter named `{name}` (the media types and the security schemes say it): not imported"
                ),
            );
            return None;
        }
        if let Some(note) = crate::import::shared::set_by_clients_note(name) {
            self.note("dropped-header", &param.at, note);
            return None;
        }
        if !crate::model::is_token(name) {
            self.note(
                "dropped-header",
                &param.at,
                format!("`{name}` is not a valid header name: the header is dropped"),
            );
            return None;
        }
        let (style, explode) = Self::style(param);
        if param.value.get("style").is_some() && style != "simple" {
            self.note(
                "parameter",
                &param.at,
                format!("`style: {style}` is not a header style: `{name}` is written as `simple`"),
            );
        }
        let example = self.parameter_example(param);
        if example.is_none() {
            self.note_one_variable_for_many(param, "simple", explode);
        }
        let value = match example.as_ref() {
            None => param.variable.clone(),
            Some(example) => {
                let value = header_value(example, explode);
                match header_value_problem(&value) {
                    None => value,
                    Some(problem) => {
                        self.note(
                            "parameter",
                            &param.at,
                            format!(
                                "the example of the header `{name}` {problem}: `{}` is sent instead",
                                param.variable
                            ),
                        );
                        param.variable.clone()
                    }
                }
            }
        };
        Some(name_value(name, value))
    }

    pub(super) fn cookie_parameter(&mut self, param: &Param<'a>) -> Vec<NameValueSpec> {
        let name = param.name.as_str();
        if !crate::model::is_token(name) {
            self.note(
                "parameter",
                &param.at,
                format!("`{name}` is not a valid cookie name: the cookie is dropped"),
            );
            return Vec::new();
        }
        let encode = |value: &Value| utf8_percent_encode(&scalar_text(value), COOKIE).to_string();
        // `style: form`, the only cookie style: a list's elements and an object's names and
        // values joined by commas (encoded: a cookie value holds none), or with `explode`
        // (the default) an object as a cookie per member
        let (style, explode) = Self::style(param);
        if param.value.get("style").is_some() && style != "form" {
            self.note(
                "parameter",
                &param.at,
                format!(
                    "`style: {style}` is not a cookie style of OpenAPI 3.0 or 3.1: `{name}` is written as `form`"
                ),
            );
        }
        let value = match self.parameter_example(param) {
            None => {
                self.note_one_variable_for_many(param, "form", explode);
                param.variable.clone()
            }
            Some(Value::Array(items)) if !items.is_empty() => {
                items.iter().map(encode).collect::<Vec<_>>().join("%2C")
            }
            Some(Value::Object(members)) if !members.is_empty() => {
                if explode {
                    return members
                        .iter()
                        .filter(|(member, _)| crate::model::is_token(member))
                        .map(|(member, value)| name_value(member, encode(value)))
                        .collect();
                }
                members
                    .iter()
                    .flat_map(|(member, value)| {
                        [encode(&Value::String(member.clone())), encode(value)]
                    })
                    .collect::<Vec<_>>()
                    .join("%2C")
            }
            Some(example) => encode(&example),
        };
        vec![name_value(name, value)]
    }
}

/// The query items of a parameter `name` with the example `value` (its `variable` without
/// one), serialized by `style` and `explode` and written as they go in a URL.
fn query_items(
    name: &str,
    variable: &str,
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
    // a property's `{{variable}}` (see `parameter_example`) stays one
    let encode = |text: &str, set: &'static AsciiSet| {
        crate::import::shared::encoded_keeping_variables(text, |text| {
            utf8_percent_encode(text, set).to_string()
        })
    };
    let key = encode(name, QUERY);
    let element = |value: &Value| encode(&scalar_text(value), QUERY_ELEMENT);
    let deep = || {
        let mut pairs = Vec::new();
        deep_object(name.to_string(), value.unwrap_or(&Value::Null), &mut pairs);
        pairs
            .into_iter()
            .map(|(k, v)| (encode(&k, QUERY), encode(&v, set)))
            .collect()
    };
    match value {
        None => vec![(key, variable.to_string())],
        Some(Value::Array(items)) if !items.is_empty() => {
            let delimiter = match style {
                "form" if explode => {
                    return items
                        .iter()
                        .map(|item| (key.clone(), encode(&scalar_text(item), set)))
                        .collect();
                }
                // as a form body's lists are (Stripe's `expand[0]=a&expand[1]=b`)
                "deepObject" => return deep(),
                "spaceDelimited" => "%20",
                "pipeDelimited" => "|",
                TAB_DELIMITED => "%09",
                _ => ",",
            };
            let joined = items
                .iter()
                .map(element)
                .collect::<Vec<_>>()
                .join(delimiter);
            vec![(key, joined)]
        }
        Some(Value::Object(map)) if !map.is_empty() => {
            let entries = map.iter().map(|(k, v)| (k.as_str(), v));
            match style {
                "deepObject" => deep(),
                "form" if explode => entries
                    .map(|(k, v)| (encode(k, QUERY), encode(&scalar_text(v), set)))
                    .collect(),
                _ => {
                    let delimiter = match style {
                        "spaceDelimited" => "%20",
                        "pipeDelimited" => "|",
                        TAB_DELIMITED => "%09",
                        _ => ",",
                    };
                    let joined = entries
                        .flat_map(|(k, v)| [encode(k, QUERY_ELEMENT), element(v)])
                        .collect::<Vec<_>>()
                        .join(delimiter);
                    vec![(key, joined)]
                }
            }
        }
        Some(Value::Array(_) | Value::Object(_)) => vec![(key, variable.to_string())],
        Some(scalar) => vec![(key, encode(&scalar_text(scalar), set))],
    }
}

/// `value` as `deepObject` fields below `prefix`, nested as Stripe's API reads them:
/// `prefix[key][inner]=value`, list elements by index (`prefix[0][price]=…`).
pub(super) fn deep_object(prefix: String, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                deep_object(format!("{prefix}[{key}]"), inner, out);
            }
        }
        Value::Array(items) => {
            for (index, inner) in items.iter().enumerate() {
                deep_object(format!("{prefix}[{index}]"), inner, out);
            }
        }
        scalar => out.push((prefix, scalar_text(scalar))),
    }
}

/// What a style joins a list's values with, as written before encoding: `spaceDelimited`'s blank,
/// `pipeDelimited`'s `|`, a tab for Swagger 2.0's `tsv`, else (`form`, `simple`) a comma.
pub(super) fn delimiter_of(style: &str) -> &'static str {
    match style {
        "spaceDelimited" => " ",
        "pipeDelimited" => "|",
        TAB_DELIMITED => "\t",
        _ => ",",
    }
}

/// The form fields (names and values as written, before encoding) of a property `name` with the
/// example `value`, serialized by `style` and `explode` as OpenAPI's Encoding object says; with
/// what cannot be said that way (a value inside a value, sent as JSON text), if anything.
pub(super) fn form_fields(
    name: &str,
    value: &Value,
    style: &str,
    explode: bool,
) -> (Vec<(String, String)>, Option<&'static str>) {
    let mut problem = None;
    let mut text = |value: &Value| {
        if value.is_object() || value.is_array() {
            problem = Some(
                "a value inside a value cannot be written in this style: it is sent as JSON text",
            );
        }
        scalar_text(value)
    };
    let delimiter = delimiter_of(style);
    let fields = match value {
        Value::Array(_) | Value::Object(_) if style == "deepObject" => {
            let mut out = Vec::new();
            deep_object(name.to_string(), value, &mut out);
            out
        }
        Value::Array(items) if style == "form" && explode => items
            .iter()
            .map(|item| (name.to_string(), text(item)))
            .collect(),
        Value::Array(items) => {
            let joined: Vec<String> = items.iter().map(&mut text).collect();
            vec![(name.to_string(), joined.join(delimiter))]
        }
        Value::Object(map) if style == "form" && explode => map
            .iter()
            .map(|(key, inner)| (key.clone(), text(inner)))
            .collect(),
        Value::Object(map) => {
            let joined: Vec<String> = map
                .iter()
                .flat_map(|(key, inner)| [key.clone(), text(inner)])
                .collect();
            vec![(name.to_string(), joined.join(delimiter))]
        }
        scalar => vec![(name.to_string(), scalar_text(scalar))],
    };
    (fields, problem)
}

/// A header value of the example `value`, `style: simple`.
fn header_value(value: &Value, explode: bool) -> String {
    match value {
        Value::Array(items) => items.iter().map(scalar_text).collect::<Vec<_>>().join(","),
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| {
                let k = k.as_str();
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

/// The `{name}`s of a path template as `{{name}}`; `{{variables}}` already there stay as they are.
fn path_parameters_as_variables(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        if rest[start..].starts_with("{{") {
            let end = rest[start..]
                .find("}}")
                .map_or(rest.len(), |e| start + e + 2);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        match rest[start..].find('}') {
            Some(end) => {
                out.push_str(&rest[..start]);
                out.push_str("{{");
                out.push_str(&rest[start + 1..start + end]);
                out.push_str("}}");
                rest = &rest[start + end + 1..];
            }
            None => break,
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::openapi::test_support::*;

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
        note(
            &import,
            "/servers/0",
            "`baseUrl` is `https://api.example.com`",
        );
        let without_servers = read("openapi: 3.0.0\npaths:\n  /a:\n    get: {}\n");
        assert_eq!(only(&without_servers).request.url, "{{baseUrl}}/a");
        note(&without_servers, "/servers", "{{baseUrl}}");
    }

    #[test]
    fn a_style_the_place_has_not_is_noted() {
        let import = run(r#"
paths:
  /c:
    get:
      parameters:
        - {name: h, in: header, required: true, style: bogus, schema: {type: array, items: {type: string}, example: [a, b]}}
        - {name: c, in: cookie, required: true, style: cookie, schema: {type: string, example: x}}
        - {name: sd, in: query, required: true, style: spaceDelimited, explode: true, schema: {type: array, items: {type: string}, example: [u, v]}}
"#);
        note(
            &import,
            "/paths/~1c/get/parameters/0",
            "`style: bogus` is not a header style",
        );
        note(
            &import,
            "/paths/~1c/get/parameters/1",
            "`style: cookie` is not a cookie style",
        );
        note(
            &import,
            "/paths/~1c/get/parameters/2",
            "`style: spaceDelimited` with `explode: true` is not defined by OpenAPI",
        );
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
        - {name: fromConst, in: query, schema: {const: fixed}}
        - {name: fromEnum, in: query, schema: {type: string, enum: [null, read, write]}}
        - {name: fromItems, in: query, schema: {type: array, items: {type: string, enum: [e1, e2]}}}
        - {name: 'filter[name]', in: query, schema: {type: string}}
        - {name: 'StartTime<', in: query, schema: {type: string}}
        - {name: 'StartTime>', in: query, schema: {type: string}}
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
                pair("fromConst", "fixed"),
                pair("fromEnum", "read"),
                pair("fromItems", "e1"),
                pair("filter[name]", "{{filter_name}}"),
                pair("StartTime%3C", "{{StartTime_lt}}"),
                pair("StartTime%3E", "{{StartTime_gt}}"),
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

    // FastAPI's optional parameters: a union with `null`, the value in a branch
    #[test]
    fn a_choice_parameter_takes_its_first_branch_with_a_value() {
        let import = run(r##"
paths:
  /q:
    get:
      parameters:
        - {name: a, in: query, required: true, schema: {anyOf: [{type: 'null'}, {type: integer, default: 3}]}}
        - name: b
          in: query
          required: true
          schema:
            anyOf:
              - {type: array, items: {type: string, enum: [x, y]}}
              - {type: 'null'}
        - {name: c, in: header, required: true, schema: {oneOf: [{type: 'null'}, {$ref: '#/components/schemas/Mode'}]}}
        - {name: d, in: query, required: true, schema: {anyOf: [{type: integer}, {type: 'null'}]}}
components:
  schemas:
    Mode: {type: string, enum: ['on', 'off']}
"##);
        let spec = only(&import);
        assert_eq!(
            pairs(&spec.request.query),
            [pair("a", "3"), pair("b", "x"), pair("d", "{{d}}")]
        );
        assert_eq!(pairs(&spec.request.headers), [pair("c", "on")]);
    }

    #[test]
    fn an_object_parameter_is_its_properties_values() {
        let import = run(r##"
paths:
  /o:
    get:
      parameters:
        - {name: page, in: query, required: true, style: deepObject, explode: true, schema: {$ref: '#/components/schemas/Page'}}
        - {name: color, in: query, required: true, schema: {type: object, properties: {r: {type: integer, example: 1}, g: {type: integer}}}}
        - {name: X-Obj, in: header, required: true, schema: {type: object, properties: {a: {type: integer, enum: [7]}}}}
        - {name: none, in: query, required: true, schema: {type: object, properties: {b: {type: string}}}}
        - {name: pageable, in: query, required: true, schema: {$ref: '#/components/schemas/Pageable'}}
        - {name: filter, in: query, required: true, style: deepObject, schema: {type: object, required: [name], properties: {name: {type: string}, age: {type: integer}}}}
components:
  schemas:
    Page: {type: object, properties: {number: {type: integer, default: 1}, size: {type: integer, example: 50}}}
    Pageable: {type: object, properties: {page: {type: integer, minimum: 0}, size: {type: integer, minimum: 1}}}
"##);
        let request = &only(&import).request;
        assert_eq!(
            pairs(&request.query),
            [
                pair("page[number]", "1"),
                pair("page[size]", "50"),
                pair("r", "1"),
                pair("b", "{{b}}"),
                pair("page", "{{page}}"),
                pair("size", "{{size}}"),
                pair("filter[name]", "{{name}}"),
            ]
        );
        assert_eq!(pairs(&request.headers), [pair("X-Obj", "a,7")]);
    }

    // `readOnly` properties are the server's, as in a body
    #[test]
    fn an_object_parameter_leaves_out_read_only_properties() {
        let import = run(r##"
paths:
  /q:
    get:
      parameters:
        - name: filter
          in: query
          required: true
          schema:
            type: object
            properties:
              id: {type: integer, readOnly: true, example: 7}
              kind: {type: string, example: k}
        - name: page
          in: query
          required: true
          schema:
            type: object
            required: [id, size]
            properties:
              id: {$ref: '#/components/schemas/Id'}
              size: {type: integer}
components:
  schemas:
    Id: {type: integer, readOnly: true}
"##);
        assert_eq!(
            pairs(&only(&import).request.query),
            [pair("kind", "k"), pair("size", "{{size}}")]
        );
    }

    #[test]
    fn query_styles_for_objects() {
        let object: Value = crate::yaml::from_str("{color: brown, age: 3}").unwrap();
        let items =
            |style, explode| query_items("f", "{{f}}", Some(&object), style, explode, false);
        assert_eq!(
            items("deepObject", true),
            [pair("f[color]", "brown"), pair("f[age]", "3")]
        );
        assert_eq!(
            items("form", true),
            [pair("color", "brown"), pair("age", "3")]
        );
        assert_eq!(items("form", false), [pair("f", "color,brown,age,3")]);
        let pipes: Value = crate::yaml::from_str("[a, 'b|c']").unwrap();
        assert_eq!(
            query_items("p", "{{p}}", Some(&pipes), "pipeDelimited", false, false),
            [pair("p", "a|b%7Cc")]
        );
        // deepObject is defined for objects; a list is indexed, as in a form body
        let list: Value = crate::yaml::from_str("[a, {id: x}]").unwrap();
        assert_eq!(
            query_items(
                "expand",
                "{{expand}}",
                Some(&list),
                "deepObject",
                true,
                false
            ),
            [pair("expand[0]", "a"), pair("expand[1][id]", "x")]
        );
        let empty: Value = crate::yaml::from_str("[]").unwrap();
        assert_eq!(
            query_items("e", "{{e}}", Some(&empty), "form", true, false),
            [pair("e", "{{e}}")]
        );
    }

    // the examples of the OpenAPI specification's style table: `color` as a list and an object
    #[test]
    fn the_specifications_style_examples() {
        let list: Value = crate::yaml::from_str("[blue, black, brown]").unwrap();
        let object: Value = crate::yaml::from_str("{R: 100, G: 200, B: 150}").unwrap();
        let query = |value: &Value, style, explode| {
            query_items("color", "{{color}}", Some(value), style, explode, false)
        };
        assert_eq!(
            query(&list, "form", true),
            [
                pair("color", "blue"),
                pair("color", "black"),
                pair("color", "brown")
            ]
        );
        assert_eq!(
            query(&list, "form", false),
            [pair("color", "blue,black,brown")]
        );
        assert_eq!(
            query(&list, "spaceDelimited", false),
            [pair("color", "blue%20black%20brown")]
        );
        assert_eq!(
            query(&list, "pipeDelimited", false),
            [pair("color", "blue|black|brown")]
        );
        assert_eq!(
            query(&object, "form", true),
            [pair("R", "100"), pair("G", "200"), pair("B", "150")]
        );
        assert_eq!(
            query(&object, "form", false),
            [pair("color", "R,100,G,200,B,150")]
        );
        assert_eq!(
            query(&object, "pipeDelimited", false),
            [pair("color", "R|100|G|200|B|150")]
        );
        assert_eq!(
            query(&object, "deepObject", true),
            [
                pair("color[R]", "100"),
                pair("color[G]", "200"),
                pair("color[B]", "150")
            ]
        );
        // nested, as Stripe's and Rails' APIs read it
        let nested: Value =
            crate::yaml::from_str("{created: {gte: 1700000000}, ids: [a, b]}").unwrap();
        assert_eq!(
            query_items(
                "filter",
                "{{filter}}",
                Some(&nested),
                "deepObject",
                true,
                false
            ),
            [
                pair("filter[created][gte]", "1700000000"),
                pair("filter[ids][0]", "a"),
                pair("filter[ids][1]", "b")
            ]
        );

        let import = run(r#"
paths:
  /pets/{id}/{label}/{matrix}/{ids}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
        - {name: label, in: path, required: true, style: label, schema: {type: string}}
        - {name: matrix, in: path, required: true, style: matrix, schema: {type: string}}
        - {name: ids, in: path, required: true, style: matrix, explode: true, schema: {type: array, items: {type: integer}}}
"#);
        assert_eq!(
            only(&import).request.url,
            "{{baseUrl}}/pets/{{id}}/.{{label}}/;matrix={{matrix}}/;ids={{ids}}"
        );
        note(
            &import,
            "/paths/~1pets~1{id}~1{label}~1{matrix}~1{ids}/get/parameters/3",
            "stands for the whole array",
        );
        // an object exploded is its pairs, each after `;`, the parameter's name in none
        // (OpenAPI 3.0.3's style table: `;R=100;G=200;B=150`)
        let import = run(r#"
paths:
  /m{color}:
    get:
      parameters:
        - {name: color, in: path, required: true, style: matrix, explode: true, schema: {type: object, properties: {R: {type: integer}}}}
"#);
        assert_eq!(only(&import).request.url, "{{baseUrl}}/m;{{color}}");
        note(
            &import,
            "/paths/~1m{color}/get/parameters/0",
            "`key=value` pairs joined by `;`, as `;lat=1.5;lon=2`",
        );
        // a list or an object of the query, a header or a cookie with no example: one
        // variable, noted with how the API takes several values
        let import = run(r#"
paths:
  /pets:
    get:
      parameters:
        - {name: tags, in: query, schema: {type: array, items: {type: string}}}
        - {name: ids, in: query, explode: false, schema: {type: array, items: {type: string}}}
        - {name: filter, in: query, style: deepObject, schema: {type: object}}
        - {name: X-Ids, in: header, schema: {type: array, items: {type: string}}}
        - {name: prefs, in: cookie, schema: {type: object}}
        - {name: limit, in: query, schema: {type: integer}}
"#);
        let at = |index: usize| format!("/paths/~1pets/get/parameters/{index}");
        for (index, how) in [
            (
                0,
                "`{{tags}}` stands for one element: the API takes more as repeated items, `tags=a&tags=b`",
            ),
            (1, "`{{ids}}` stands for the elements joined by `,`"),
            (
                2,
                "`{{filter}}` stands for one member: the API takes them as `filter[key]=value` items",
            ),
            (3, "`{{X-Ids}}` stands for the elements joined by `,`"),
            (
                4,
                "`{{prefs}}` stands for one member: the API takes each as a cookie of its own",
            ),
        ] {
            note(&import, &at(index), how);
        }
        assert!(
            !import.notes.iter().any(|n| n.at == at(5)),
            "{:#?}",
            import.notes
        );
    }

    // OpenAPI tells parameters apart by name and place: Trello's `/tokens/{token}` takes the
    // token to read in the path and the caller's own in the query
    #[test]
    fn parameters_of_one_name_in_other_places_take_variables_of_their_own() {
        let import = run(r#"
paths:
  /tokens/{token}:
    get:
      parameters:
        - {name: token, in: path, required: true, schema: {type: string}}
        - {name: token, in: query, required: true, schema: {type: string}}
        - {name: token, in: header, required: true, schema: {type: string}}
        - {name: 'token?', in: query, required: true, schema: {type: string}}
        - {name: page, in: query, required: true, schema: {type: integer}}
"#);
        let spec = only(&import);
        assert_eq!(spec.request.url, "{{baseUrl}}/tokens/{{token}}");
        assert_eq!(
            pairs(&spec.request.query),
            [
                pair("token", "{{token_query}}"),
                pair("token?", "{{token_query2}}"),
                pair("page", "{{page}}"),
            ]
        );
        assert_eq!(
            pairs(&spec.request.headers),
            [pair("token", "{{token_header}}")]
        );
        note(
            &import,
            "/paths/~1tokens~1{token}/get/parameters/1",
            "`token` in the query is `{{token_query}}`",
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
        - {name: color, in: cookie, example: {R: 100, G: 200}}
        - {name: shade, in: cookie, explode: false, example: {R: 1, G: 2}}
        - {name: X-Tags, in: header, schema: {type: array, items: {type: string}, default: []}}
"#);
        let spec = only(&import);
        assert_eq!(
            pairs(&spec.request.headers),
            [
                pair("X-Request-ID", "{{X-Request-ID}}"),
                pair("X-Version", "2"),
                pair("X-List", "a,b"),
                pair("X-Map", "a=1,b=2"),
                pair("Authorization", "Bearer x"),
                pair("X-City", "{{X-City}}"),
                pair("X-Open", "{{X-Open}}"),
                // an empty list is no value to send: `x-tags:` would be one empty item
                pair("X-Tags", "{{X-Tags}}"),
            ]
        );
        assert_eq!(
            pairs(&spec.request.cookies),
            [
                pair("session", "a%20b%3Bc"),
                pair("prefs", "x%2Cy%2Cz"),
                pair("token", "{{token}}"),
                pair("R", "100"),
                pair("G", "200"),
                pair("shade", "R%2C1%2CG%2C2"),
            ]
        );
        for index in [4, 5] {
            note(
                &import,
                &format!("/paths/~1a/post/parameters/{index}"),
                "OpenAPI ignores",
            );
        }
        // with no security scheme to say how, the `Authorization` parameter does (loket.nl)
        note(
            &import,
            "/paths/~1a/post/parameters/6",
            "no security scheme applies to the operation: the header is sent",
        );
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

    // An `Authorization` parameter of an operation a security requirement applies to is the
    // scheme's to send, as OpenAPI says; the empty requirement is none.
    #[test]
    fn an_authorization_parameter_gives_way_to_a_security_requirement() {
        let secured = r#"
components:
  securitySchemes:
    token: {type: http, scheme: bearer}
security: [{token: []}]
paths:
  /a:
    get:
      parameters: [{name: Authorization, in: header, example: Bearer x}]
  /open:
    get:
      security: [{}]
      parameters: [{name: Authorization, in: header, example: Bearer y}]
"#;
        let import = run(secured);
        let authorization = |index: usize| {
            pairs(&import.items[index].spec.request.headers)
                .into_iter()
                .find(|(name, _)| name == "Authorization")
        };
        assert_eq!(authorization(0), None);
        assert!(import.items[0].spec.request.auth.is_some());
        note(
            &import,
            "/paths/~1a/get/parameters/0",
            "the security schemes say it",
        );
        assert_eq!(authorization(1), Some(pair("Authorization", "Bearer y")));
    }

    #[test]
    fn path_parameters() {
        assert_eq!(
            path_parameters_as_variables("/users/{userId}/devices/{{deviceID}}"),
            "/users/{{userId}}/devices/{{deviceID}}"
        );
        // declared, but not in the path
        let import = run(r##"
paths:
  /v1/unpark:
    post:
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
"##);
        assert_eq!(only(&import).request.url, "{{baseUrl}}/v1/unpark");
        note(
            &import,
            "/paths/~1v1~1unpark/post/parameters/0",
            "the path has no `{id}` for the path parameter `id`: left out",
        );
    }
}
