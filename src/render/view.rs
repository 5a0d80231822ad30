//! The views templates see: one prepared request for every sample template (`request`), the page
//! around the samples, and the front matter. Everything a template needs is computed here once
//! per endpoint, so templates hold the shape of a sample and never re-derive facts.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::config::{Config, SiteTarget};
use crate::filters::json;
use crate::filters::markdown::md_escape;
use crate::http::media::{is_json, is_json_as_written, media_type};
use crate::model::{Auth, Body, Endpoint, Header};
use crate::page::{self, BodySection, Section};
use crate::sample_values::{AuthStyle, basic_shown, has_secret, shown};
use crate::targets::Target;
use crate::url::strict;

/// What a sample template sees as `request`.
#[derive(Serialize)]
pub(super) struct RequestView<'a> {
    method: &'a str,
    url: UrlView<'a>,
    /// Headers as sent, the auth header last; without the basic auth header when the client
    /// sends it (`basic_by_client`).
    headers: Vec<Header>,
    /// Every header as the raw HTTP message shows it, the auth header included: a secret as
    /// `$ENV`, and basic auth the sample cannot encode at build time as `<base64 of user:pass>`.
    sent_headers: Vec<Header>,
    /// `header` (the house style) or `idiomatic`: whether auth goes through the client's own
    /// mechanism where it has one.
    auth_style: AuthStyle,
    /// Whether basic auth is left to the client's mechanism (curl `-u`, requests `auth=`…): with
    /// `auth_style: idiomatic`, or whenever a credential is a secret (its base64 cannot be
    /// computed at build time). Its header is then not in `headers`.
    basic_by_client: bool,
    /// Whether a header or credential is a secret, read from the environment (for imports).
    secrets: bool,
    /// The same headers with repeated names (in any case) gathered at the first one's place,
    /// for clients that keep one value per name.
    header_groups: Vec<HeaderGroup>,
    /// The first `Content-Type` header's value, and its media type (lower case, no parameters).
    content_type: Option<&'a str>,
    media_type: Option<String>,
    /// Whether the media type is JSON (`application/json` or `…+json`).
    json: bool,
    /// Whether the media type is XML (`text/xml` or `…+xml`).
    xml: bool,
    /// Whether the house style re-prints the body as code: the `Content-Type` value is exactly
    /// `application/json` or ends in `+json`.
    json_as_code: bool,
    /// A JSON body (by media type) as a value, when re-printing it keeps its meaning (see
    /// [`crate::filters::json`]): parsed once here for every target.
    json_body: Option<json::Json>,
    /// Whether the house style's clients write the body as code: `json_as_code`, a non-empty
    /// raw body, and `json_body` set.
    json_code: bool,
    /// The auth as data: `scheme` (`basic`, `bearer`, `apikey`) and its parts (`username` and
    /// `password`; `token`; `name`, `value` and `location`); its header is in `headers`.
    auth: Option<&'a crate::model::Auth>,
    body: Option<Cow<'a, Body>>,
    /// Whether there is a body with at least one byte or field in it.
    has_body: bool,
    /// Whether a form body repeats a field name (clients that take a map cannot send that).
    repeated_fields: bool,
    /// Facts about a multipart body that decide how clients with less control can send it.
    parts: PartFacts<'a>,
}

#[derive(Serialize, Default)]
pub(super) struct PartFacts<'a> {
    /// Whether any part is a file, and whether one has no content type of its own.
    any_file: bool,
    untyped_file: bool,
    /// Whether every text part comes before every file part.
    text_first: bool,
    /// Whether a text part has its own content type.
    typed_text: bool,
    /// Whether a part name repeats.
    repeated_names: bool,
    /// The text parts and the file parts, each in order, for clients that take them apart.
    texts: Vec<&'a crate::model::Part>,
    files: Vec<&'a crate::model::Part>,
    /// For each part, its number among the file parts (`None` for a text part).
    file_numbers: Vec<Option<usize>>,
    /// The parts gathered by name, in order of first appearance, for clients that take a map.
    groups: Vec<PartGroup<'a>>,
}

#[derive(Serialize)]
pub(super) struct PartGroup<'a> {
    name: &'a str,
    parts: Vec<&'a crate::model::Part>,
}

impl<'a> PartFacts<'a> {
    /// The facts of `parts`, `request`'s multipart body (the model says those a target's known
    /// gap asks too).
    fn of(request: &crate::model::Request, parts: &'a [crate::model::Part]) -> PartFacts<'a> {
        let is_file = |p: &crate::model::Part| p.is_file();
        PartFacts {
            any_file: parts.iter().any(is_file),
            untyped_file: parts.iter().any(|p| is_file(p) && p.content_type.is_none()),
            text_first: !request.has_text_part_after_file(),
            typed_text: request.has_typed_text_part(),
            repeated_names: request.repeats_a_part_name(),
            texts: parts.iter().filter(|p| !is_file(p)).collect(),
            files: parts.iter().filter(|p| is_file(p)).collect(),
            file_numbers: parts
                .iter()
                .scan(0, |count, part| {
                    Some(is_file(part).then(|| {
                        *count += 1;
                        *count - 1
                    }))
                })
                .collect(),
            groups: {
                let mut groups: Vec<PartGroup> = Vec::new();
                let mut index_of: HashMap<&str, usize> = HashMap::new();
                for part in parts {
                    match index_of.get(part.name.as_str()) {
                        Some(&index) => groups[index].parts.push(part),
                        None => {
                            index_of.insert(&part.name, groups.len());
                            groups.push(PartGroup {
                                name: &part.name,
                                parts: vec![part],
                            });
                        }
                    }
                }
                groups
            },
        }
    }
}

/// Whether any name occurs twice.
fn has_repeats<'a>(names: impl Iterator<Item = &'a str>) -> bool {
    let mut seen = HashSet::new();
    names.into_iter().any(|name| !seen.insert(name))
}

#[derive(Serialize)]
pub(super) struct HeaderGroup {
    name: String,
    values: Vec<String>,
    /// The values as one header value: joined with `, ` (`; ` for `Cookie`), which HTTP defines
    /// as meaning the same as the separate lines.
    joined: String,
}

fn header_groups(headers: &[Header]) -> Vec<HeaderGroup> {
    let mut groups: Vec<HeaderGroup> = Vec::new();
    let mut index_of: HashMap<String, usize> = HashMap::new();
    for header in headers {
        match index_of.entry(header.name.to_ascii_lowercase()) {
            Entry::Occupied(entry) => groups[*entry.get()].values.push(header.value.clone()),
            Entry::Vacant(entry) => {
                entry.insert(groups.len());
                groups.push(HeaderGroup {
                    name: header.name.clone(),
                    values: vec![header.value.clone()],
                    joined: String::new(),
                });
            }
        }
    }
    for group in &mut groups {
        let separator = if group.name.eq_ignore_ascii_case("cookie") {
            "; "
        } else {
            ", "
        };
        group.joined = group.values.join(separator);
    }
    groups
}

#[derive(Serialize)]
pub(super) struct UrlView<'a> {
    raw: &'a str,
    /// The URL with its query re-encoded pair by pair (curl, Go, Swift), and with anything else
    /// RFC 3986 forbids encoded.
    encoded_query: String,
    /// The URL as written, with only what RFC 3986 forbids encoded (Ruby's `URI`).
    strict: String,
    /// The URL as written, with a `%` that starts no escape written `%25` (for Python's
    /// requests, which re-encodes every escape of a URL holding one).
    lone_percents_encoded: Cow<'a, str>,
    host_and_port: String,
    /// Path and query for an HTTP/1.1 request line, with what RFC 3986 forbids encoded.
    request_target: String,
    /// `scheme://host[:port]` for a literal absolute URL, and the rest after it.
    origin: Option<String>,
    after_origin: Option<&'a str>,
    /// Whether the URL as written starts with `https`.
    https: bool,
    /// Everything before the path as written (`https://api.example.com`, `{{baseUrl}}`), and
    /// the path (without query or fragment).
    base: &'a str,
    path: &'a str,
    /// The scheme, host and port as written, for clients that connect to a host (http.client).
    scheme: Option<&'a str>,
    host: &'a str,
    port: Option<&'a str>,
    /// The query's items in order, as written (not decoded); `bare` for a `flag` without `=`.
    query: Vec<QueryItem>,
}

#[derive(Serialize)]
pub(super) struct QueryItem {
    name: String,
    value: String,
    bare: bool,
}

impl<'a> RequestView<'a> {
    pub(super) fn new(endpoint: &'a Endpoint) -> Self {
        let request = &endpoint.request;
        let url = &request.url;
        let origin = url.origin();
        let after_origin = origin.as_deref().map(|o| &url.raw[o.len()..]);
        let media = request.content_type().map(media_type);
        let json = media.as_deref().is_some_and(is_json);
        // RestSharp's XML format is the house style's choice for these types only
        let xml = media
            .as_deref()
            .is_some_and(|m| m == "text/xml" || m.ends_with("+xml"));
        let json_as_code = request.content_type().is_some_and(is_json_as_written);
        let auth_style = endpoint.sample_values.auth_style;
        let (basic_by_client, basic_shown) = match &request.auth {
            Some(Auth::Basic { username, password }) => {
                let secret = has_secret(username) || has_secret(password);
                let placeholder = format!("{username}{password}").contains("{{");
                let by_client = secret || auth_style == AuthStyle::Idiomatic;
                // the house style's header shows base64 of the placeholders; a sample written
                // for readers to run shows what is to be encoded instead
                let formula = by_client && (secret || placeholder);
                (by_client, formula.then(|| basic_shown(username, password)))
            }
            _ => (false, None),
        };
        let all_headers = request.headers_with_auth();
        // the auth header sits right after the writer's headers
        let auth_index = request
            .auth
            .as_ref()
            .is_some_and(Auth::sends_header)
            .then_some(request.headers.len());
        let sent_headers = all_headers
            .iter()
            .enumerate()
            .map(|(index, header)| Header {
                name: header.name.clone(),
                value: match &basic_shown {
                    Some(value) if Some(index) == auth_index => value.clone(),
                    _ => shown(&header.value),
                },
            })
            .collect();
        let secrets = all_headers.iter().any(|h| has_secret(&h.value))
            || matches!(&request.auth, Some(Auth::Basic { username, password }) if has_secret(username) || has_secret(password));
        let headers: Vec<Header> = all_headers
            .into_iter()
            .enumerate()
            .filter(|(index, _)| !(basic_by_client && Some(*index) == auth_index))
            .map(|(_, header)| header)
            .collect();
        let repeated_fields = match &request.body {
            Some(Body::Urlencoded { fields }) => {
                has_repeats(fields.iter().map(|f| f.name.as_str()))
            }
            _ => false,
        };
        let has_body = request.has_body();
        // Samples send a GraphQL request as the JSON body it is.
        let body = match &request.body {
            Some(Body::Graphql { json, .. }) => Some(Cow::Owned(Body::Raw { text: json.clone() })),
            other => other.as_ref().map(Cow::Borrowed),
        };
        let json_body = match body.as_deref() {
            Some(Body::Raw { text }) if json => json::parse_reprintable(text),
            _ => None,
        };
        // A top-level JSON string reaches the JSON filters as a Tera string, which they read as
        // JSON text (templates written before `json_body` pass the body's text): such a body is
        // written as the text it is, never as code.
        let json_code = json_as_code
            && has_body
            && json_body
                .as_ref()
                .is_some_and(|value| !matches!(value, json::Json::String(_)));
        RequestView {
            method: &request.method,
            url: UrlView {
                raw: &url.raw,
                encoded_query: strict(&url.with_encoded_query()),
                strict: strict(&url.raw),
                lone_percents_encoded: crate::url::with_lone_percents_encoded(&url.raw),
                host_and_port: url.host_and_port(),
                request_target: strict(&url.request_target()),
                after_origin,
                origin,
                https: url.raw.starts_with("https"),
                base: url.base(),
                path: &url.path,
                scheme: url.scheme.as_deref(),
                host: &url.host,
                port: url.port.as_deref(),
                query: url
                    .query_pairs()
                    .into_iter()
                    .map(|pair| QueryItem {
                        bare: pair.value.is_none(),
                        value: pair.value.unwrap_or_default(),
                        name: pair.key,
                    })
                    .collect(),
            },
            auth: request.auth.as_ref(),
            header_groups: header_groups(&headers),
            headers,
            sent_headers,
            auth_style,
            basic_by_client,
            secrets,
            content_type: request.content_type(),
            media_type: media,
            json,
            xml,
            json_as_code,
            json_body,
            json_code,
            body,
            has_body,
            repeated_fields,
            parts: match &request.body {
                Some(Body::Formdata { parts }) => PartFacts::of(request, parts),
                _ => PartFacts::default(),
            },
        }
    }
}

#[derive(Serialize)]
pub(super) struct PageView<'a> {
    pub(super) title: &'a str,
    pub(super) request_line: String,
    pub(super) prose: &'a str,
    pub(super) header_lines: Vec<String>,
    pub(super) body: Option<BodySection>,
    pub(super) samples: Vec<SampleView<'a>>,
    /// The example responses, in order, each shown in its own section.
    pub(super) responses: Vec<ResponseView<'a>>,
    /// The first of them, for page templates written before a spec could give several.
    pub(super) response: Option<ResponseView<'a>>,
}

#[derive(Serialize)]
pub(super) struct SampleView<'a> {
    /// The code fence: three backticks, or more when the code holds a run of them.
    pub(super) marker: String,
    pub(super) id: &'a str,
    pub(super) label: &'a str,
    pub(super) fence: &'a str,
    pub(super) code: &'a str,
}

#[derive(Serialize, Clone)]
pub(super) struct ResponseView<'a> {
    pub(super) marker: String,
    pub(super) status_line: String,
    pub(super) body: Option<&'a str>,
    pub(super) lang: &'a str,
}

#[derive(Serialize)]
pub(super) struct FrontMatterView<'a> {
    pub(super) title: &'a str,
    pub(super) description: String,
    pub(super) component: &'a str,
    pub(super) page_id: String,
    pub(super) canonical_url: String,
    pub(super) sections: Vec<Section>,
    /// `samplegen.yaml`'s `front_matter`: keys every page holds.
    pub(super) front_matter: &'a indexmap::IndexMap<String, String>,
}

impl<'a> PageView<'a> {
    /// The page around `samples`, rendered in the config's target order.
    pub(super) fn new(
        endpoint: &'a Endpoint,
        config: &'a Config,
        samples: &'a [(&'static Target, String)],
    ) -> Self {
        let request = &endpoint.request;
        let tabs = samples
            .iter()
            .map(|(target, code)| {
                let site: &SiteTarget = config
                    .targets
                    .iter()
                    .find(|t| t.target.id == target.id)
                    .expect("samples are rendered for configured targets");
                SampleView {
                    marker: page::fence_marker(code),
                    id: target.id,
                    label: &site.label,
                    fence: &site.fence,
                    code,
                }
            })
            .collect();
        let responses: Vec<ResponseView> = endpoint
            .responses
            .iter()
            .map(|r| ResponseView {
                marker: page::fence_marker(r.body.as_deref().unwrap_or_default()),
                // the reason is the writer's (or a capture's) text: escaped, so that it shows as
                // written rather than as HTML or Markdown
                status_line: format!("{} {}", r.code, md_escape(&r.reason))
                    .trim_end()
                    .to_string(),
                body: r.body.as_deref(),
                lang: &r.lang,
            })
            .collect();
        PageView {
            title: &endpoint.title,
            request_line: format!("{} {}", request.method, request.url.raw),
            prose: &endpoint.prose,
            header_lines: page::header_lines(request),
            body: page::body_section(request),
            samples: tabs,
            response: responses.first().cloned(),
            responses,
        }
    }
}

impl<'a> FrontMatterView<'a> {
    /// The front matter of a page whose rendered body has `sections`.
    pub(super) fn new(endpoint: &'a Endpoint, config: &'a Config, sections: Vec<Section>) -> Self {
        FrontMatterView {
            title: &endpoint.title,
            description: page::description(&endpoint.prose),
            component: &config.component,
            page_id: format!(
                "{}:{}:{}",
                config.component, endpoint.id.module, endpoint.id.page
            ),
            canonical_url: format!("{}{}.html", config.base_url, endpoint.id.path()),
            sections,
            front_matter: &config.front_matter,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;
    use crate::project::Project;

    /// Every field path in `value`: `a.b`, `list[].c`; a JSON body's own members are data.
    fn field_paths(prefix: &str, value: &serde_json::Value, out: &mut BTreeSet<String>) {
        match value {
            serde_json::Value::Object(members) => {
                for (key, member) in members {
                    let path = if prefix.is_empty() {
                        key.clone()
                    } else {
                        format!("{prefix}.{key}")
                    };
                    out.insert(path.clone());
                    if key != "json_body" {
                        field_paths(&path, member, out);
                    }
                }
            }
            serde_json::Value::Array(items) => {
                for item in items {
                    field_paths(&format!("{prefix}[]"), item, out);
                }
            }
            _ => {}
        }
    }

    /// The field paths of each context over the request-shape corpus, which has every body mode,
    /// auth kind and response form.
    fn context_fields() -> [(&'static str, BTreeSet<String>); 3] {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let project = Project::open(&fixtures).unwrap();
        let specs = project.load_specs().unwrap();
        let (mut sample, mut page, mut front) = (BTreeSet::new(), BTreeSet::new(), BTreeSet::new());
        for endpoint in &specs.endpoints {
            let json = |view: &dyn erased::Serialize| serde_json::to_value(view).unwrap();
            let request = RequestView::new(endpoint);
            field_paths("request", &json(&request), &mut sample);
            let samples: Vec<(&'static Target, String)> = project
                .config
                .targets
                .iter()
                .map(|t| (t.target, "code".to_string()))
                .collect();
            field_paths(
                "",
                &json(&PageView::new(endpoint, &project.config, &samples)),
                &mut page,
            );
            let sections = page::sections("# T\n\n### Prerequisite\n");
            field_paths(
                "",
                &json(&FrontMatterView::new(endpoint, &project.config, sections)),
                &mut front,
            );
        }
        sample.insert("request".into());
        [("sample", sample), ("page", page), ("front-matter", front)]
    }

    mod erased {
        /// Any view, for one helper that serializes them all.
        pub trait Serialize {
            fn to_json(&self) -> serde_json::Value;
        }
        impl<T: serde::Serialize> Serialize for T {
            fn to_json(&self) -> serde_json::Value {
                serde_json::to_value(self).unwrap()
            }
        }
        impl serde::Serialize for dyn Serialize + '_ {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.to_json().serialize(serializer)
            }
        }
    }

    /// The paths a README block lists: the first word of each line of the fenced block after
    /// `<!-- context: NAME -->`.
    fn documented(readme: &str, name: &str) -> BTreeSet<String> {
        let marker = format!("<!-- context: {name} -->");
        let start = readme
            .find(&marker)
            .unwrap_or_else(|| panic!("README.md has no `{marker}`"));
        readme[start..]
            .lines()
            .skip_while(|line| !line.starts_with("```"))
            .skip(1)
            .take_while(|line| !line.starts_with("```"))
            .filter_map(|line| line.split_whitespace().next())
            .map(str::to_string)
            .collect()
    }

    // a documented field a template cannot see, or a field nobody documented, fails here
    #[test]
    fn the_readme_documents_exactly_the_template_context() {
        let readme = include_str!("../../README.md");
        for (name, fields) in context_fields() {
            let listed = documented(readme, name);
            let undocumented: Vec<&String> = fields.difference(&listed).collect();
            let missing: Vec<&String> = listed.difference(&fields).collect();
            assert!(
                undocumented.is_empty() && missing.is_empty(),
                "README.md, {name} context: undocumented fields {undocumented:?}; documented but absent {missing:?}"
            );
        }
    }

    #[test]
    #[ignore = "prints the context fields, to write the README from"]
    fn print_context_fields() {
        for (name, fields) in context_fields() {
            println!("{name}:");
            for field in fields {
                println!("  {field}");
            }
        }
    }
}
