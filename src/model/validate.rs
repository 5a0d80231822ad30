//! Checking a parsed spec for meaning: every problem found, each placed in the source, and the
//! endpoint built once nothing is wrong.

use std::path::Path;

use crate::diagnostic::{Diagnostic, PathSegment, locate, path_text};
use crate::filters::json;
use crate::http::headers::set_by_clients;
use crate::http::media_type;
use crate::sample_values::{Place, SampleValues, SampleValuesSpec};
use crate::spec::{self, NameValueSpec, Spec};
use crate::url::Url;

use super::rules::*;
use super::*;

/// Collects every problem of one spec, each placed in the source where possible.
pub(super) struct Checker<'a> {
    file: &'a Path,
    source: &'a str,
    problems: Vec<Diagnostic>,
}

impl Checker<'_> {
    pub(super) fn report(&mut self, path: &[PathSegment], message: String) {
        let diagnostic = match locate(self.source, path) {
            Some(location) => Diagnostic::at(self.file, self.source, location, message),
            None => Diagnostic::new(self.file, message),
        };
        self.problems.push(diagnostic);
    }
}

use PathSegment::{Index, Key};

/// Checks a parsed spec and builds its endpoint with the house style's sample values, or returns
/// every problem found in it.
pub fn validate(
    spec: Spec,
    id: PageId,
    file: &Path,
    source: &str,
) -> Result<Endpoint, Vec<Diagnostic>> {
    validate_with(spec, id, file, source, &SampleValues::default())
}

/// Checks a parsed spec and builds its endpoint, with the site's sample values (`site`) and the
/// spec's own on top of them set in it, or returns every problem found in it.
pub fn validate_with(
    mut spec: Spec,
    id: PageId,
    file: &Path,
    source: &str,
    site: &SampleValues,
) -> Result<Endpoint, Vec<Diagnostic>> {
    let mut check = Checker {
        file,
        source,
        problems: Vec::new(),
    };

    let (values, problems) = SampleValuesSpec {
        variables: spec.variables.take(),
        secrets: spec.secrets.take(),
        auth_style: spec.auth_style.take(),
    }
    .resolve(site);
    for problem in problems {
        let path: Vec<PathSegment> = problem
            .place
            .iter()
            .map(|place| match place {
                Place::Key(key) => Key(key),
                Place::Index(index) => Index(*index),
            })
            .collect();
        check.report(&path, problem.message);
    }
    super::values::set_values(&mut check, &mut spec.request, &values);

    let title = spec.title.trim().to_string();
    if title.is_empty() {
        check.report(&[Key("title")], "title: the title is empty".into());
    } else if title.contains(['\n', '\r']) {
        check.report(&[Key("title")], "title: a title is one line".into());
    }

    let request = check_request(&mut check, spec.request);
    if spec.response.is_some() && !spec.responses.is_empty() {
        check.report(
            &[Key("responses")],
            "responses: give one example response as `response` or several as `responses`, not both"
                .into(),
        );
    }
    let responses: Vec<Response> = spec
        .response
        .into_iter()
        .map(|response| (vec![Key("response")], response))
        .chain(
            spec.responses
                .into_iter()
                .enumerate()
                .map(|(index, response)| (vec![Key("responses"), Index(index)], response)),
        )
        .filter_map(|(at, response)| check_response(&mut check, response, &at))
        .collect();
    if let Some(origin) = &spec.origin
        && (origin.openapi.trim().is_empty() || origin.method_and_path().is_none())
    {
        check.report(
            &[Key("origin")],
            "origin: give the document's file name as `openapi` and the operation as `operation: GET /path`".into(),
        );
    }

    if !check.problems.is_empty() {
        return Err(check.problems);
    }
    Ok(Endpoint {
        id,
        source: file.to_path_buf(),
        title,
        prose: spec.prose.trim().to_string(),
        request: request.expect("no problems means a request was built"),
        responses,
        sample_values: values,
        origin: spec.origin,
    })
}

fn check_request(check: &mut Checker, request: spec::RequestSpec) -> Option<Request> {
    let method = request.method.trim().to_ascii_uppercase();
    if !is_token(&method) {
        check.report(
            &[Key("request"), Key("method")],
            format!(
                "request.method: `{}` is not an HTTP method (a token such as `GET` or `PROPFIND`)",
                request.method
            ),
        );
    }

    let url = request.url.trim();
    if url.is_empty() {
        check.report(
            &[Key("request"), Key("url")],
            "request.url: the URL is empty".into(),
        );
    } else if url.chars().any(|c| c.is_control()) {
        check.report(
            &[Key("request"), Key("url")],
            "request.url: a URL cannot hold line breaks or control characters".into(),
        );
    } else if let Some(problem) = variable_problem(url).or_else(|| url_problem(url)) {
        check.report(
            &[Key("request"), Key("url")],
            format!("request.url: {problem}"),
        );
    }

    let mut headers = pairs(check, &request.headers, &[Key("request"), Key("headers")])
        .into_iter()
        .map(|field| Header {
            name: field.name,
            value: field.value,
        })
        .collect::<Vec<_>>();
    for (index, header) in headers.iter().enumerate() {
        let path = [Key("request"), Key("headers"), Index(index)];
        if !is_token(&header.name) {
            check.report(
                &path,
                format!(
                    "request.headers[{index}]: `{}` is not a valid header name",
                    header.name
                ),
            );
        }
        if let Some(why) = set_by_clients(&header.name) {
            check.report(
                &path,
                format!("request.headers[{index}]: remove `{}`: {why}", header.name),
            );
        }
        if let Some(problem) = variable_problem(&header.value) {
            check.report(&path, format!("request.headers[{index}]: {problem}"));
        }
        if let Some(problem) = header_value_problem(&header.value) {
            check.report(
                &path,
                format!(
                    "request.headers[{index}]: the value of `{}` {problem}",
                    header.name
                ),
            );
        }
    }

    let cookies = pairs(check, &request.cookies, &[Key("request"), Key("cookies")]);
    for (index, cookie) in cookies.iter().enumerate() {
        if !is_cookie(&cookie.name, &cookie.value) {
            check.report(
                &[Key("request"), Key("cookies"), Index(index)],
                format!(
                    "request.cookies[{index}]: `{}={}` is not a cookie (a token name, and a value without white space, quotes, `,`, `;` or `\\`)",
                    cookie.name, cookie.value
                ),
            );
        } else if let Some(problem) = header_value_problem(&cookie.value) {
            // it is sent in the `Cookie` header
            check.report(
                &[Key("request"), Key("cookies"), Index(index)],
                format!(
                    "request.cookies[{index}]: the value of `{}` {problem}",
                    cookie.name
                ),
            );
        }
    }
    // a client sends one `Cookie` header (RFC 6265): the writer's own, given more than once
    // (`-H 'Cookie: a=1' -H 'Cookie: b=2'`), are one, as the first, which clients that keep
    // one value per name would otherwise join with `, `, making the second cookie part of the
    // first's value
    let is_cookie_header = |h: &Header| h.name.eq_ignore_ascii_case("cookie");
    if headers.iter().filter(|h| is_cookie_header(h)).count() > 1 {
        let value = headers
            .iter()
            .filter(|h| is_cookie_header(h))
            .map(|h| h.value.trim().trim_end_matches([';', ' ']))
            .filter(|value| !value.is_empty())
            .collect::<Vec<_>>()
            .join("; ");
        let first = headers.iter().position(is_cookie_header).expect("counted");
        headers[first].value = value;
        let mut index = 0;
        headers.retain(|h| {
            index += 1;
            index - 1 == first || !is_cookie_header(h)
        });
    }
    if !cookies.is_empty() {
        let value = cookies
            .iter()
            .map(|c| format!("{}={}", c.name, c.value))
            .collect::<Vec<_>>()
            .join("; ");
        // a client sends one `Cookie` header (RFC 6265): the cookies join the writer's own
        match headers
            .iter_mut()
            .find(|h| h.name.eq_ignore_ascii_case("cookie"))
        {
            Some(written) if !written.value.trim().is_empty() => {
                written.value = format!("{}; {value}", written.value.trim_end_matches([';', ' ']));
            }
            Some(written) => written.value = value,
            None => headers.push(Header {
                name: "Cookie".into(),
                value,
            }),
        }
    }

    let auth = request.auth.and_then(|auth| check_auth(check, auth));
    if let Some(auth_header) = auth.as_ref().and_then(Auth::header)
        && let Some(index) = headers
            .iter()
            .position(|h| h.name.eq_ignore_ascii_case(&auth_header.name))
    {
        check.report(
            &[Key("request"), Key("headers"), Index(index)],
            format!(
                "request.headers[{index}]: a `{}` header and `auth` both set the same header; keep `auth`",
                headers[index].name
            ),
        );
    }

    if let Some(refused) = request
        .body
        .as_ref()
        .and_then(|body| body_problem(&method, body))
    {
        check.report(
            &[Key("request"), Key("body")],
            format!("request.body: {refused}; use another method or drop the body"),
        );
    }
    let mut implied_content_type = None;
    let body = request
        .body
        .and_then(|body| check_body(check, body, &headers, &mut implied_content_type));

    let mut query = pairs(check, &request.query, &[Key("request"), Key("query")]);
    for (index, item) in query.iter().enumerate() {
        if let Some(problem) =
            variable_problem(&item.name).or_else(|| variable_problem(&item.value))
        {
            check.report(
                &[Key("request"), Key("query"), Index(index)],
                format!("request.query[{index}]: {problem}"),
            );
        }
        if item.name.is_empty()
            || item.name.contains(['&', '#', '='])
            || item.value.contains(['&', '#'])
        {
            check.report(
                &[Key("request"), Key("query"), Index(index)],
                format!(
                    "request.query[{index}]: `{}` cannot be one query item as written; encode `&` and `#` (and `=` in a name) as `%26`, `%23`, `%3D`",
                    item.name
                ),
            );
        } else if item
            .name
            .chars()
            .chain(item.value.chars())
            .any(char::is_control)
        {
            // Java and jQuery drop a CR or LF from a URL, other clients send it or refuse it
            check.report(
                &[Key("request"), Key("query"), Index(index)],
                format!(
                    "request.query[{index}]: `{}` holds a line break or another control character, which clients drop from a URL; percent-encode it",
                    item.name.escape_debug()
                ),
            );
        }
    }
    // `- flag:` (no value) is a bare `flag`, `- flag: ""` is `flag=`
    let mut bare: Vec<bool> = request
        .query
        .iter()
        .map(|item| item.values().next().is_some_and(Option::is_none))
        .collect();
    if let Some(Auth::ApiKey {
        name,
        value,
        location: KeyLocation::Query,
    }) = &auth
    {
        query.push(Field {
            name: name.clone(),
            value: value.clone(),
        });
        bare.push(false);
    }
    // the items join the query, before a `#fragment`, which clients never send
    let (before_fragment, fragment) = url.split_at(url.find('#').unwrap_or(url.len()));
    let mut url = before_fragment.to_string();
    for (item, bare) in query.iter().zip(bare) {
        url.push(if url.contains('?') { '&' } else { '?' });
        url.push_str(&item.name);
        if !bare {
            url.push('=');
            url.push_str(&item.value);
        }
    }
    url.push_str(fragment);

    Some(Request {
        method,
        url: Url::parse(&url),
        headers,
        auth,
        body,
        implied_content_type,
    })
}

/// Checks a body against the headers, adding the `Content-Type` a form or GraphQL body implies.
fn check_body(
    check: &mut Checker,
    body: spec::BodySpec,
    headers: &[Header],
    implied_content_type: &mut Option<Header>,
) -> Option<Body> {
    let here = [Key("request"), Key("body")];
    let content_type = headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("content-type"))
        .map(|h| h.value.clone());
    let mut implied = |check: &mut Checker, mode: &str, wanted: &str, accepts: fn(&str) -> bool| {
        match &content_type {
        None => {
            *implied_content_type = Some(Header {
                name: "Content-Type".into(),
                value: wanted.into(),
            })
        }
        Some(value) if !accepts(&media_type(value)) => check.report(
            &[Key("request"), Key("headers")],
            format!("request.headers: `Content-Type: {value}` contradicts the `{mode}` body, which is sent as `{wanted}`"),
        ),
        Some(_) => {}
    }
    };
    let needs_content_type = |check: &mut Checker, mode: &str| {
        if content_type.is_none() {
            check.report(
                &here,
                format!("request.body: a `{mode}` body needs a `Content-Type` header saying what it is (e.g. `- Content-Type: application/json`)"),
            );
        }
    };

    Some(match body {
        spec::BodySpec::Raw(text) => {
            needs_content_type(check, "raw");
            if text.contains('\0') {
                check.report(
                    &[Key("request"), Key("body"), Key("raw")],
                    format!("request.body.raw: the body {NUL_PROBLEM}"),
                );
            }
            Body::Raw { text }
        }
        spec::BodySpec::Urlencoded(items) => {
            let fields = pairs(
                check,
                &items,
                &[Key("request"), Key("body"), Key("urlencoded")],
            );
            for (index, field) in fields.iter().enumerate() {
                if field.name.contains('\0') || field.value.contains('\0') {
                    check.report(
                        &[Key("request"), Key("body"), Key("urlencoded"), Index(index)],
                        format!(
                            "request.body.urlencoded[{index}]: `{}` {NUL_PROBLEM}",
                            field.name.escape_debug()
                        ),
                    );
                }
            }
            implied(check, "urlencoded", FORM_URLENCODED, |m| {
                m == FORM_URLENCODED
            });
            Body::Urlencoded { fields }
        }
        spec::BodySpec::File(file) => {
            needs_content_type(check, "file");
            check_file_body(check, file)
        }
        spec::BodySpec::Graphql(graphql) => {
            implied(check, "graphql", "application/json", crate::http::is_json);
            check_graphql(check, graphql)
        }
        spec::BodySpec::Formdata(items) => check_formdata(check, items, content_type.as_deref()),
    })
}

/// A `file` body: the path of the file whose bytes are sent.
fn check_file_body(check: &mut Checker, file: spec::FileSpec) -> Body {
    let (path, must_exist) = file.path_and_check();
    // `file: ""` is a file not chosen yet, as the house style's pages show it (`--data-binary '@'`)
    let unchosen = path.is_empty() && !must_exist;
    if !unchosen && !is_file_path(&path) {
        check.report(
            &[Key("request"), Key("body")],
            "request.body.file: give the path of the file to send (without quotes or control characters)".into(),
        );
    }
    let file_name = file_name(&path);
    Body::File {
        path,
        file_name,
        must_exist,
    }
}

/// Why a body or a form value cannot hold a NUL character.
const NUL_PROBLEM: &str = "holds a NUL character, which a shell argument cannot carry (bash drops it from the curl sample) and several samples would write raw into their source; send such bytes as a `file` body";

/// A GraphQL body: the query and variables, and the JSON body they make.
fn check_graphql(check: &mut Checker, graphql: spec::GraphqlSpec) -> Body {
    if graphql.query.contains('\0') {
        check.report(
            &[Key("request"), Key("body"), Key("graphql"), Key("query")],
            format!("request.body.graphql.query: the query {NUL_PROBLEM}"),
        );
    }
    let variables = match graphql.variables.as_deref().map(str::trim) {
        None | Some("") => "{}".to_string(),
        Some(text) => match json::parse_reprintable(text) {
            Some(value @ json::Json::Object(_)) => json::compact(&value),
            // a number re-printing would change (an id beyond 2^53): sent as written
            _ if json::is_object_text(text) => text.to_string(),
            _ => {
                check.report(
                    &[Key("request"), Key("body"), Key("graphql"), Key("variables")],
                    "request.body.graphql.variables: not a JSON object (write the variables as JSON text, e.g. `'{\"id\": \"1\"}'`)".into(),
                );
                "{}".to_string()
            }
        },
    };
    // in the order GraphQL clients (and Postman's runtime) write them
    let operation = match graphql.operation_name.as_deref() {
        Some(name) if !name.is_empty() => format!(
            ",\"operationName\":{}",
            json::compact(&json::Json::String(name.to_string()))
        ),
        _ => String::new(),
    };
    let json = format!(
        "{{\"query\":{}{operation},\"variables\":{}}}",
        json::compact(&json::Json::String(graphql.query.clone())),
        variables
    );
    Body::Graphql {
        query: graphql.query,
        variables,
        json,
    }
}

/// A multipart body: its parts, which take no `Content-Type` header (each client writes the
/// boundary).
fn check_formdata(
    check: &mut Checker,
    items: Vec<indexmap::IndexMap<String, spec::PartSpec>>,
    content_type: Option<&str>,
) -> Body {
    if let Some(value) = content_type {
        check.report(
            &[Key("request"), Key("headers")],
            format!("request.headers: remove `Content-Type: {value}`; a `formdata` body is sent as `multipart/form-data` with a boundary each client writes itself"),
        );
    }
    let mut parts = Vec::with_capacity(items.len());
    for (index, item) in items.into_iter().enumerate() {
        let path = [Key("request"), Key("body"), Key("formdata"), Index(index)];
        let place = format!("request.body.formdata[{index}]");
        if item.len() != 1 {
            check.report(&path, format!("{place}: expected one `name: value` entry, found {}; start each entry with `- `", item.len()));
            continue;
        }
        let (name, spec) = item.into_iter().next().expect("one entry");
        if !is_part_name(&name) {
            check.report(&path, format!("{place}: `{name}` cannot be a part name (no quotes, `\\`, `=`, `;` or control characters)"));
        }
        let (content, content_type) = match spec {
            spec::PartSpec::Text(value) => (
                PartContent::Text {
                    value: value.unwrap_or_default(),
                },
                None,
            ),
            spec::PartSpec::Detailed(detail) => {
                let content = match (detail.value, detail.file) {
                    (Some(value), None) => PartContent::Text { value },
                    (None, Some(file)) => {
                        if !is_file_path(&file) {
                            check.report(
                                &path,
                                format!("{place}: give the path of the file to upload (without quotes or control characters)"),
                            );
                        }
                        PartContent::File {
                            file_name: file_name(&file),
                            path: file,
                            must_exist: detail.must_exist,
                        }
                    }
                    _ => {
                        check.report(
                            &path,
                            format!("{place}: give exactly one of `value` or `file`"),
                        );
                        continue;
                    }
                };
                if let Some(ct) = &detail.content_type
                    && (ct.trim().is_empty() || ct.contains(['\r', '\n', '"']))
                {
                    check.report(&path, format!("{place}: `{ct}` is not a content type"));
                }
                (content, detail.content_type)
            }
        };
        if let PartContent::Text { value } = &content
            && value.contains('\0')
        {
            check.report(&path, format!("{place}: `{name}` {NUL_PROBLEM}"));
        }
        parts.push(Part {
            name,
            content,
            content_type,
        });
    }
    if parts.is_empty()
        && !check
            .problems
            .iter()
            .any(|d| d.message.starts_with("request.body.formdata"))
    {
        check.report(
            &[Key("request"), Key("body")],
            "request.body.formdata: a multipart body needs at least one part".into(),
        );
    }
    Body::Formdata { parts }
}

/// Why a spec's auth cannot be sent as written, as validation says it; `None` when it can. An
/// importer drops such an auth, and keeps the request.
pub fn auth_problem(auth: &spec::AuthSpec) -> Option<String> {
    let mut check = Checker {
        file: Path::new(""),
        source: "",
        problems: Vec::new(),
    };
    check_auth(&mut check, auth.clone());
    check
        .problems
        .into_iter()
        .next()
        .map(|problem| problem.message)
}

fn check_auth(check: &mut Checker, auth: spec::AuthSpec) -> Option<Auth> {
    let here = [Key("request"), Key("auth")];
    let credentials: Vec<&str> = match &auth {
        spec::AuthSpec::Basic(basic) => vec![&basic.username, &basic.password],
        spec::AuthSpec::Bearer(token) => vec![token],
        spec::AuthSpec::Apikey(key) => vec![&key.value],
    };
    if let Some(problem) = credentials.into_iter().find_map(variable_problem) {
        check.report(&here, format!("request.auth: {problem}"));
    }
    match auth {
        spec::AuthSpec::Basic(basic) => {
            if basic.username.contains(':') || basic.username.chars().any(char::is_control) {
                check.report(
                    &[Key("request"), Key("auth"), Key("basic"), Key("username")],
                    "request.auth.basic.username: a user name cannot hold `:` or control characters (the header joins it to the password with `:`)".into(),
                );
            }
            Some(Auth::Basic {
                username: basic.username,
                password: basic.password,
            })
        }
        spec::AuthSpec::Bearer(token) => {
            // the token is sent in the `Authorization` header: a line break in it would add a
            // header of its own
            if let Some(problem) = header_value_problem(&token) {
                check.report(
                    &[Key("request"), Key("auth"), Key("bearer")],
                    format!("request.auth.bearer: the token {problem}"),
                );
            }
            Some(Auth::Bearer { token })
        }
        spec::AuthSpec::Apikey(key) => {
            let path = [Key("request"), Key("auth"), Key("apikey")];
            let location = match key.location {
                None | Some(spec::KeyLocationSpec::Header) => KeyLocation::Header,
                Some(spec::KeyLocationSpec::Query) => KeyLocation::Query,
            };
            let problem = match location {
                KeyLocation::Header if !is_token(&key.name) => {
                    Some(format!("`{}` is not a valid header name", key.name))
                }
                KeyLocation::Header if set_by_clients(&key.name).is_some() => Some(format!(
                    "`{}` cannot carry a key: {}",
                    key.name,
                    set_by_clients(&key.name).unwrap_or_default()
                )),
                KeyLocation::Header => header_value_problem(&key.value)
                    .map(|problem| format!("the value of `{}` {problem}", key.name)),
                KeyLocation::Query
                    if key.name.is_empty()
                        || key.name.contains(['&', '#', '='])
                        || key.value.contains(['&', '#']) =>
                {
                    Some(format!(
                        "`{}` cannot be one query item as written; encode `&` and `#` (and `=` in a name) as `%26`, `%23`, `%3D`",
                        key.name
                    ))
                }
                KeyLocation::Query
                    if key
                        .name
                        .chars()
                        .chain(key.value.chars())
                        .any(char::is_control) =>
                {
                    Some(format!(
                        "`{}` holds a line break or another control character, which clients drop from a URL; percent-encode it",
                        key.name
                    ))
                }
                KeyLocation::Query => None,
            };
            if let Some(problem) = problem {
                check.report(&path, format!("request.auth.apikey: {problem}"));
            }
            Some(Auth::ApiKey {
                name: key.name,
                value: key.value,
                location,
            })
        }
    }
}

/// Turns a list of one-entry maps into ordered pairs, reporting items with more or fewer entries.
fn pairs(check: &mut Checker, items: &[NameValueSpec], path: &[PathSegment]) -> Vec<Field> {
    let mut fields = Vec::with_capacity(items.len());
    let dotted = path_text(path);
    for (index, item) in items.iter().enumerate() {
        if item.len() != 1 {
            let mut item_path = path.to_vec();
            item_path.push(Index(index));
            check.report(
                &item_path,
                format!(
                    "{dotted}[{index}]: expected one `name: value` entry, found {}; start each entry with `- `",
                    item.len()
                ),
            );
            continue;
        }
        let (name, value) = item.iter().next().expect("one entry");
        fields.push(Field {
            name: name.clone(),
            value: value.clone().unwrap_or_default(),
        });
    }
    fields
}

/// Checks one example response; `at` is where it is (`response`, `responses[1]`).
fn check_response(
    check: &mut Checker,
    response: spec::ResponseSpec,
    at: &[PathSegment],
) -> Option<Response> {
    let field = |name| [at, &[Key(name)]].concat();
    let label = path_text(at);
    let status = response.status.trim();
    let (code_text, reason) = match status.split_once(' ') {
        Some((code, reason)) => (code, Some(reason.trim().to_string())),
        None => (status, None),
    };
    let code = match code_text.parse::<u16>() {
        Ok(code) if (100..=599).contains(&code) && code_text.len() == 3 => code,
        _ => {
            check.report(
                &field("status"),
                format!(
                    "{label}.status: `{status}` is not an HTTP status (a code from 100 to 599, optionally followed by its reason, e.g. `200 OK`)"
                ),
            );
            return None;
        }
    };
    let reason = reason
        .filter(|r| !r.is_empty())
        .or_else(|| reason_phrase(code).map(str::to_string))
        .unwrap_or_default();
    let mut valid = true;
    if reason.chars().any(char::is_control) {
        // the status line is one line of the page
        check.report(
            &field("status"),
            format!("{label}.status: the reason phrase is one line without control characters"),
        );
        valid = false;
    }
    let lang = response.lang.unwrap_or_else(|| "json".into());
    if !is_fence_info_word(&lang) {
        // written after the fence's backticks: a space, a backtick or a line break there would
        // change or end the block
        check.report(
            &field("lang"),
            format!(
                "{label}.lang: `{}` is not a code fence language (letters, digits, `+`, `-`, `.`, `_`, `#`)",
                lang.escape_debug()
            ),
        );
        valid = false;
    }
    valid.then(|| Response {
        code,
        reason,
        body: response
            .body
            .map(|body| body.trim_end().to_string())
            .filter(|body| !body.is_empty()),
        lang,
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn endpoint(source: &str) -> Result<Endpoint, Vec<Diagnostic>> {
        let spec = spec::parse(source).expect("test spec parses");
        let id = PageId::from_relative_path(Path::new("auth/token.yaml")).unwrap();
        validate(spec, id, Path::new("specs/auth/token.yaml"), source)
    }

    fn messages(source: &str) -> Vec<String> {
        endpoint(source)
            .unwrap_err()
            .iter()
            .map(|d| d.to_string())
            .collect()
    }

    // RFC 6265: one `Cookie` header, which two would split (and RestSharp and Ruby would join
    // with `, `, making the second cookie part of the first's value)
    #[test]
    fn cookies_join_a_cookie_header_the_writer_gave() {
        let joined = endpoint(
            "title: t\nrequest:\n  method: GET\n  url: https://e.com/a\n  headers:\n  - Cookie: sid=abc\n  - X-A: b\n  cookies:\n  - lang: en\n",
        )
        .unwrap();
        let headers: Vec<(&str, &str)> = joined
            .request
            .headers
            .iter()
            .map(|h| (h.name.as_str(), h.value.as_str()))
            .collect();
        assert_eq!(headers, [("Cookie", "sid=abc; lang=en"), ("X-A", "b")]);
        // and so does a second `Cookie` header (curl's `-H 'Cookie: a=1' -H 'Cookie: b=2'`)
        let twice = endpoint(
            "title: t\nrequest:\n  method: GET\n  url: https://e.com/a\n  headers:\n  - Cookie: sid=abc;\n  - X-A: b\n  - cookie: theme=dark\n",
        )
        .unwrap();
        let headers: Vec<(&str, &str)> = twice
            .request
            .headers
            .iter()
            .map(|h| (h.name.as_str(), h.value.as_str()))
            .collect();
        assert_eq!(headers, [("Cookie", "sid=abc; theme=dark"), ("X-A", "b")]);
    }

    // Python's and Java's clients refuse it, as they refuse it in any header
    #[test]
    fn a_cookie_is_checked_like_the_header_it_joins() {
        let found = messages(
            "title: t\nrequest:\n  method: GET\n  url: https://e.com/a\n  cookies:\n  - buvid3: caf\u{e9}\n",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("request.cookies[0]: the value of `buvid3` holds non-ASCII"));
    }

    // a query of several operations names the one to run
    #[test]
    fn a_graphql_body_sends_its_operation_name() {
        let source = |extra: &str| {
            format!(
                "title: t\nrequest:\n  method: POST\n  url: https://e.com/graphql\n  body:\n    graphql:\n      query: 'query A {{ a }} query B {{ b }}'\n{extra}"
            )
        };
        let json = |extra: &str| match endpoint(&source(extra)).unwrap().request.body {
            Some(Body::Graphql { json, .. }) => json,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            json("      operation_name: B\n      variables: '{\"n\": 1}'\n"),
            "{\"query\":\"query A { a } query B { b }\",\"operationName\":\"B\",\"variables\":{\"n\":1}}"
        );
        assert_eq!(
            json(""),
            "{\"query\":\"query A { a } query B { b }\",\"variables\":{}}"
        );
        // an id beyond 2^53, which re-printing would change: the variables as written
        assert_eq!(
            json("      variables: '{\"id\": 5474537955442823397}'\n"),
            "{\"query\":\"query A { a } query B { b }\",\"variables\":{\"id\": 5474537955442823397}}"
        );
    }

    // a CR LF in a token would put a header of its own on the wire (curl, HTTP, PHP, C#)
    #[test]
    fn credentials_are_checked_like_what_they_become() {
        let spec = |auth: &str| {
            format!("title: t\nrequest:\n  method: GET\n  url: https://e.com/a\n  auth:\n{auth}")
        };
        let bearer = messages(&spec("    bearer: \"t\\r\\nX-Injected: 1\"\n"));
        assert!(
            bearer[0].contains("request.auth.bearer: the token holds a line break"),
            "{bearer:?}"
        );
        let accented = messages(&spec("    bearer: \"tökén\"\n"));
        assert!(accented[0].contains("non-ASCII"), "{accented:?}");
        let query = messages(&spec(
            "    apikey: {name: key, value: \"a\\nb\", in: query}\n",
        ));
        assert!(query[0].contains("clients drop from a URL"), "{query:?}");
        let header = messages(&spec("    apikey: {name: X-Key, value: \"a\\rb\"}\n"));
        assert!(
            header[0].contains("the value of `X-Key` holds a line break"),
            "{header:?}"
        );
        let colon = messages(&spec("    basic: {username: \"a:b\", password: c}\n"));
        assert!(colon[0].contains("cannot hold `:`"), "{colon:?}");
        assert!(endpoint(&spec("    bearer: \"{{token}}\"\n")).is_ok());
    }

    // after a `#`, the items would be part of the fragment, which no client sends
    #[test]
    fn query_items_and_a_query_key_go_before_the_fragment() {
        let endpoint = endpoint(concat!(
            "title: t\nrequest:\n  method: GET\n  url: https://e.com/a?x=1#top?no\n",
            "  query:\n    - page: \"2\"\n",
            "  auth:\n    apikey: {name: key, value: \"{{k}}\", in: query}\n",
        ))
        .unwrap();
        assert_eq!(
            endpoint.request.url.raw,
            "https://e.com/a?x=1&page=2&key={{k}}#top?no"
        );
    }

    // the house style's pages show requests whose file was never chosen
    #[test]
    fn an_empty_file_path_is_a_file_not_chosen_yet() {
        let spec = |file: &str| {
            format!(
                "title: t\nrequest:\n  method: POST\n  url: https://e.com/a\n  headers:\n    - Content-Type: image/png\n  body:\n    file: {file}\n"
            )
        };
        let endpoint = endpoint(&spec("\"\"")).unwrap();
        assert!(matches!(&endpoint.request.body, Some(Body::File { path, .. }) if path.is_empty()));
        assert!(messages(&spec("\"  \""))[0].contains("give the path of the file"));
        assert!(
            messages(&spec("{path: \"\", must_exist: true}"))[0]
                .contains("give the path of the file")
        );
    }

    // a spec's `Content-Length: 1` made curl send the rest of the body as a second request, and
    // an explicit `Host` gave the HTTP sample two of them
    #[test]
    fn headers_each_client_sets_itself_are_refused() {
        let spec = |headers: &str| {
            format!(
                "title: t\nrequest:\n  method: POST\n  url: https://e.com/a\n  headers:\n    - Content-Type: text/plain\n{headers}  body:\n    raw: x\n"
            )
        };
        for name in [
            "Content-Length",
            "transfer-encoding",
            "Connection",
            "Host",
            "Expect",
            "TE",
            "Upgrade",
            "Keep-Alive",
        ] {
            let errors = messages(&spec(&format!("    - {name}: \"1\"\n")));
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert!(
                errors[0].contains(&format!("request.headers[1]: remove `{name}`: each client"))
                    && errors[0].contains(":7:5"),
                "{errors:?}"
            );
        }
        assert!(endpoint(&spec("    - X-Host: h\n")).is_ok());
        let key = messages(
            "title: t\nrequest:\n  method: GET\n  url: https://e.com/a\n  auth:\n    apikey: {name: Host, value: k}\n",
        );
        assert!(key[0].contains("`Host` cannot carry a key"), "{key:?}");
    }

    // Java and jQuery dropped a CR LF from a query item
    #[test]
    fn query_items_hold_no_control_characters() {
        let errors = messages(
            "title: t\nrequest:\n  method: GET\n  url: https://e.com/a\n  query:\n    - a: \"1\\r\\n2\"\n    - \"b\\n\": x\n    - ok: \"%0A\"\n",
        );
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors[0].contains("request.query[0]: `a` holds a line break")
                && errors[0].contains(":6:5"),
            "{errors:?}"
        );
        assert!(
            errors[1].contains("request.query[1]: `b\\n` holds"),
            "{errors:?}"
        );
    }

    // bash dropped a NUL from the curl sample, and several samples held it raw
    #[test]
    fn bodies_and_form_values_hold_no_nul() {
        let spec = |body: &str| {
            format!(
                "title: t\nrequest:\n  method: POST\n  url: https://e.com/a\n  headers:\n    - Content-Type: text/plain\n  body:\n{body}"
            )
        };
        let raw = messages(&spec("    raw: \"a\\0b\"\n"));
        assert!(
            raw[0].contains("request.body.raw: the body holds a NUL character")
                && raw[0].contains(":8:5"),
            "{raw:?}"
        );
        let form = messages(&spec("    urlencoded:\n      - a: \"x\\0\"\n"));
        assert!(
            form.iter()
                .any(|e| e.contains("request.body.urlencoded[0]: `a` holds a NUL")),
            "{form:?}"
        );
        let part = messages(
            "title: t\nrequest:\n  method: POST\n  url: https://e.com/a\n  body:\n    formdata:\n      - a: \"x\\0\"\n",
        );
        assert!(
            part[0].contains("request.body.formdata[0]: `a` holds a NUL"),
            "{part:?}"
        );
        let graphql = messages(
            "title: t\nrequest:\n  method: POST\n  url: https://e.com/a\n  body:\n    graphql:\n      query: \"{a\\0}\"\n",
        );
        assert!(
            graphql[0].contains("request.body.graphql.query: the query holds a NUL"),
            "{graphql:?}"
        );
        // other control characters are sent exactly by every sample (see the `nasty-strings` shape)
        assert!(endpoint(&spec("    raw: \"a\\u0001\\tb\\r\\n\"\n")).is_ok());
    }

    // a reason phrase or fence language went into the page as written
    #[test]
    fn response_reason_and_lang_fit_the_page() {
        let spec = |response: &str| {
            format!(
                "title: t\nrequest: {{method: GET, url: https://e.com/u}}\nresponse:\n{response}"
            )
        };
        let lang = messages(&spec(
            "  status: 200\n  body: x\n  lang: \"json\\n```\\n# Hi\"\n",
        ));
        assert!(
            lang[0].contains("response.lang: `json\\n```\\n# Hi` is not a code fence language")
                && lang[0].contains(":6:3"),
            "{lang:?}"
        );
        let spaced = messages(&spec("  status: 200\n  lang: js on\n"));
        assert!(
            spaced[0].contains("`js on` is not a code fence"),
            "{spaced:?}"
        );
        for ok in ["c++", "objective-c", "f#", "x.y_z", ""] {
            assert!(
                endpoint(&spec(&format!("  status: 200\n  lang: \"{ok}\"\n"))).is_ok(),
                "{ok}"
            );
        }
        let reason = messages(&spec("  status: \"200 OK\\u0085<b>\"\n"));
        assert!(
            reason[0].contains("response.status: the reason phrase is one line"),
            "{reason:?}"
        );
    }

    #[test]
    fn page_ids_from_paths() {
        let id = PageId::from_relative_path(Path::new(
            "auth/openid-connect-oauth-2/token-admin-app-client_credentials.yaml",
        ))
        .unwrap();
        assert_eq!(id.module, "auth");
        assert_eq!(
            id.page,
            "openid-connect-oauth-2/token-admin-app-client_credentials"
        );
        assert!(PageId::from_relative_path(Path::new("token.yaml")).is_err());
        assert!(PageId::from_relative_path(Path::new("auth/token.yml")).is_err());
    }

    #[test]
    fn basic_auth_encodes_variables_literally() {
        let auth = Auth::Basic {
            username: "{{adminAppID}}".into(),
            password: "{{adminAppSecret}}".into(),
        };
        assert_eq!(
            auth.header().unwrap().value,
            "Basic e3thZG1pbkFwcElEfX06e3thZG1pbkFwcFNlY3JldH19"
        );
    }

    #[test]
    fn urlencoded_body_implies_its_content_type() {
        let e = endpoint(
            "title: t\nrequest:\n  method: post\n  url: https://e.com/u\n  body:\n    urlencoded:\n      - a: b\n      - a: c\n",
        )
        .unwrap();
        assert_eq!(e.request.method, "POST");
        assert_eq!(e.request.content_type(), Some(FORM_URLENCODED));
        let Some(Body::Urlencoded { fields }) = &e.request.body else {
            panic!("urlencoded body expected")
        };
        assert_eq!(fields.len(), 2, "repeated form fields are kept");
    }

    #[test]
    fn every_problem_is_reported_with_its_line() {
        let errors = messages(
            "title: t\nrequest:\n  method: G T\n  url: https://e.com/u\n  headers:\n    - Bad Name: x\n    - A: 1\n      B: 2\nresponse:\n  status: 20\n",
        );
        assert_eq!(errors.len(), 4, "{errors:#?}");
        assert!(errors[0].contains("`G T` is not an HTTP method") && errors[0].contains(":3:3"));
        assert!(
            errors[1].contains("found 2; start each entry with `- `") && errors[1].contains(":7:5")
        );
        assert!(
            errors[2].contains("`Bad Name` is not a valid header name")
                && errors[2].contains(":6:5")
        );
        assert!(errors[3].contains("`20` is not an HTTP status") && errors[3].contains(":10:3"));
    }

    #[test]
    fn variables_and_urls_are_checked() {
        let errors =
            messages("title: t\nrequest:\n  method: GET\n  url: \"{{apiPath}}/v1/{{ envID }}\"\n");
        assert!(
            errors[0].contains("`{{ envID }}` is not a variable"),
            "{errors:?}"
        );
        let errors = messages("title: t\nrequest:\n  method: GET\n  url: \"{{apiPath/v1\"\n");
        assert!(errors[0].contains("never closes it"), "{errors:?}");
        let errors = messages("title: t\nrequest:\n  method: GET\n  url: api.example.com/v1\n");
        assert!(
            errors[0].contains("is not a URL: start it with"),
            "{errors:?}"
        );
        // the WHATWG parser would take `oauth` for the host; clients see none
        let errors = messages("title: t\nrequest:\n  method: GET\n  url: http:///oauth/token\n");
        assert!(
            errors[0].contains("is not a URL (empty host)"),
            "{errors:?}"
        );
        let errors = messages("title: t\nrequest:\n  method: GET\n  url: ftp://example.com/x\n");
        assert!(
            errors[0].contains("not an `http` or `https` URL"),
            "{errors:?}"
        );
        let errors = messages("title: t\nrequest:\n  method: GET\n  url: https://exa mple.com/x\n");
        assert!(
            errors[0].contains("is not a URL (invalid international domain name)"),
            "{errors:?}"
        );
        let errors =
            messages("title: t\nrequest:\n  method: GET\n  url: https://e.com/../../etc/passwd\n");
        assert!(
            errors[0].contains("has a `.` or `..` path segment, which every client resolves"),
            "{errors:?}"
        );
        for with_userinfo in [
            "https://alice:s3cret@api.example.com/v1/users",
            "https://{{user}}:{{password}}@api.example.com/",
            "http://token@localhost:{{port}}",
            "https://@api.example.com/",
        ] {
            let problem = url_problem(with_userinfo).unwrap_or_default();
            assert!(
                problem.contains("holds user info") && problem.contains("`auth: basic:`"),
                "{with_userinfo}: {problem}"
            );
        }
        for ok in [
            "{{authPath}}/{{envID}}/as/token",
            "http://localhost:{{port}}/x?q={{q}}",
            "https://e.com/users/a@b.c?email=a@b.c#at@x",
            "{{baseUrl}}/users/@me",
            "https://e.com/a..b/.c?p=../x",
            "https://{{host}}/a b?filter=name eq \"x\"",
            // a variable right after the port starts the path (Keycloak's `{kc_realms_path}`)
            "http://localhost:8080{{kc_realms_path}}/master/protocol",
            // a variable ending a host name, its top-level domain (Yandex's `{{ api-host }}`)
            "https://message-queue.{{api-host}}/",
            "https://{{sub}}.example.com:{{port}}/v1",
        ] {
            assert_eq!(url_problem(ok), None, "{ok}");
        }
    }

    #[test]
    fn raw_body_needs_a_content_type() {
        let errors = messages(
            "title: t\nrequest:\n  method: PUT\n  url: https://e.com/u\n  body:\n    raw: x\n",
        );
        assert!(
            errors[0].contains("needs a `Content-Type` header"),
            "{errors:?}"
        );
    }

    #[test]
    fn form_body_contradicting_content_type() {
        let errors = messages(
            "title: t\nrequest:\n  method: PUT\n  url: https://e.com/u\n  headers:\n    - Content-Type: application/json\n  body:\n    urlencoded:\n      - a: b\n",
        );
        assert!(
            errors[0].contains("contradicts the `urlencoded` body"),
            "{errors:?}"
        );
    }

    #[test]
    fn response_status_with_or_without_reason() {
        let e = endpoint(
            "title: t\nrequest: {method: GET, url: https://e.com/u}\nresponse:\n  status: 201\n",
        )
        .unwrap();
        let response = &e.responses[0];
        assert_eq!((response.code, response.reason.as_str()), (201, "Created"));
        let e = endpoint(
            "title: t\nrequest: {method: GET, url: https://e.com/u}\nresponse: {status: 200 All good}\n",
        )
        .unwrap();
        assert_eq!(e.responses[0].reason, "All good");
    }

    #[test]
    fn several_responses_each_checked_where_they_are() {
        let e = endpoint(
            "title: t\nrequest: {method: GET, url: https://e.com/u}\nresponses:\n  - status: 200\n  - status: 404 Gone away\n    body: '{}'\n    lang: text\n",
        )
        .unwrap();
        let got: Vec<(u16, &str, Option<&str>, &str)> = e
            .responses
            .iter()
            .map(|r| {
                (
                    r.code,
                    r.reason.as_str(),
                    r.body.as_deref(),
                    r.lang.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (200, "OK", None, "json"),
                (404, "Gone away", Some("{}"), "text")
            ]
        );
        let errors = messages(
            "title: t\nrequest: {method: GET, url: https://e.com/u}\nresponses:\n  - status: 200\n  - status: 99\n",
        );
        assert!(
            errors[0].contains("responses[1].status: `99` is not an HTTP status")
                && errors[0].contains(":5:"),
            "{errors:?}"
        );
        let errors = messages(
            "title: t\nrequest: {method: GET, url: https://e.com/u}\nresponse: {status: 200}\nresponses:\n  - status: 201\n",
        );
        assert!(
            errors[0].contains("responses: give one example response as `response` or several as `responses`, not both"),
            "{errors:?}"
        );
    }
}
