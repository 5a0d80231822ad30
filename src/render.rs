//! Rendering: the Tera templates (built in, or a project's own override of any single file) fed
//! with one prepared view of an endpoint. A target is a view of the request; the page is a view of
//! the endpoint and its samples.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;
use tera::{Context, Tera};

use crate::config::{Config, SiteTarget};
use crate::filters;
use crate::model::{Body, Endpoint, Header, PartContent, media_type};
use crate::page::{self, BodySection, Section};
use crate::targets::Target;
use crate::url::strict;

/// The page template: everything below the front matter.
pub const PAGE_TEMPLATE: &str = "page.md.tera";
/// The front matter template, rendered after the page so it can describe it.
pub const FRONT_MATTER_TEMPLATE: &str = "front-matter.yaml.tera";

/// The page's built-in templates, embedded in the binary; the samples' come from their targets.
const PAGE_TEMPLATES: &[(&str, &str)] = &[
    (PAGE_TEMPLATE, include_str!("../templates/page.md.tera")),
    (
        FRONT_MATTER_TEMPLATE,
        include_str!("../templates/front-matter.yaml.tera"),
    ),
];

/// Every built-in template, by the name a project's file replaces it under: each target's, then
/// the page's.
pub fn builtin_templates() -> impl Iterator<Item = (String, &'static str)> {
    crate::targets::TARGETS
        .iter()
        .map(|target| (target.template_name(), target.template))
        .chain(
            PAGE_TEMPLATES
                .iter()
                .map(|(name, source)| (name.to_string(), *source)),
        )
}

/// A template that failed to load or render, with what was being rendered.
#[derive(Debug)]
pub struct RenderError {
    /// The template file (the override's path, or the built-in name).
    pub template: String,
    /// The spec being rendered, if any.
    pub spec: Option<PathBuf>,
    /// Tera's report: message, `--> template:line:column`, source line and caret.
    pub detail: String,
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.spec {
            Some(spec) => writeln!(
                f,
                "error: template `{}` failed while rendering `{}`",
                self.template,
                spec.display()
            )?,
            None => writeln!(f, "error: template `{}` does not compile", self.template)?,
        }
        write!(f, "{}", self.detail)
    }
}

impl std::error::Error for RenderError {}

/// A compiled set of templates, ready to render any endpoint.
pub struct Renderer {
    tera: Tera,
    /// Where each template came from, for error messages: (name, path shown to the user).
    origins: Vec<(String, String)>,
    /// A hash of samplegen's version and every template's name and text: what all output
    /// depends on besides the spec and the config.
    fingerprint: String,
}

/// An endpoint's samples (in the config's target order) and page.
#[derive(Debug, Clone)]
pub struct RenderedEndpoint {
    pub samples: Vec<(&'static Target, String)>,
    pub page: String,
}

impl Renderer {
    /// The built-in templates with any `*.tera` file in `overrides` (if it exists) replacing or
    /// adding to them.
    pub fn new(overrides: Option<&Path>) -> Result<Renderer, RenderError> {
        let mut sources: Vec<(String, String)> = builtin_templates()
            .map(|(name, source)| (name, source.to_string()))
            .collect();
        let mut origins: Vec<(String, String)> = builtin_templates()
            .map(|(name, _)| (name.clone(), format!("built-in {name}")))
            .collect();
        if let Some(dir) = overrides {
            for (name, path) in override_files(dir)? {
                let source = std::fs::read_to_string(&path).map_err(|error| RenderError {
                    template: path.display().to_string(),
                    spec: None,
                    detail: format!("cannot read: {error}"),
                })?;
                let shown = path.display().to_string();
                match sources.iter().position(|(n, _)| *n == name) {
                    Some(index) => {
                        sources[index].1 = source;
                        origins[index].1 = shown;
                    }
                    None => {
                        sources.push((name.clone(), source));
                        origins.push((name, shown));
                    }
                }
            }
        }

        let mut tera = Tera::new();
        // Samples are code, not HTML: every value is escaped explicitly by a filter.
        tera.autoescape_on(Vec::<&str>::new());
        filters::register(&mut tera);
        for (name, source) in &sources {
            tera.add_raw_template(name, source)
                .map_err(|error| RenderError {
                    template: origin_of(&origins, name),
                    spec: None,
                    detail: error.to_string(),
                })?;
        }
        let mut parts: Vec<&[u8]> = vec![env!("CARGO_PKG_VERSION").as_bytes()];
        for (name, source) in &sources {
            parts.push(name.as_bytes());
            parts.push(source.as_bytes());
        }
        let fingerprint = crate::output::combined_hash(&parts);
        Ok(Renderer {
            tera,
            origins,
            fingerprint,
        })
    }

    /// A hash of samplegen's version and the templates in use.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Renders one endpoint: every configured target, then the page around them.
    pub fn render(
        &self,
        endpoint: &Endpoint,
        config: &Config,
    ) -> Result<RenderedEndpoint, RenderError> {
        // one view of the request serves every target
        let context = sample_context(endpoint);
        let samples = config
            .targets
            .iter()
            .map(|site_target| {
                let target = site_target.target;
                Ok((target, self.sample_with(&context, endpoint, target)?))
            })
            .collect::<Result<Vec<_>, RenderError>>()?;
        let page = self.page(endpoint, config, &samples)?;
        Ok(RenderedEndpoint { samples, page })
    }

    /// One target's sample, without a trailing newline.
    pub fn sample(&self, endpoint: &Endpoint, target: &Target) -> Result<String, RenderError> {
        self.sample_with(&sample_context(endpoint), endpoint, target)
    }

    fn sample_with(
        &self,
        context: &Context,
        endpoint: &Endpoint,
        target: &Target,
    ) -> Result<String, RenderError> {
        let mut text = self.run(&target.template_name(), context, endpoint)?;
        // the line break that ends the template file, not one the sample's content ends with
        // (the raw HTTP message's body may)
        if text.ends_with('\n') {
            text.pop();
        }
        Ok(text)
    }

    /// The Markdown page: front matter, then the page template's output.
    pub fn page(
        &self,
        endpoint: &Endpoint,
        config: &Config,
        samples: &[(&'static Target, String)],
    ) -> Result<String, RenderError> {
        let request = &endpoint.request;
        let tabs: Vec<SampleView> = samples
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
        let view = PageView {
            title: &endpoint.title,
            request_line: format!("{} {}", request.method, request.url.raw),
            prose: &endpoint.prose,
            header_lines: page::header_lines(request),
            body: page::body_section(request),
            samples: tabs,
            response: endpoint.response.as_ref().map(|r| ResponseView {
                marker: page::fence_marker(r.body.as_deref().unwrap_or_default()),
                status_line: format!("{} {}", r.code, r.reason).trim_end().to_string(),
                body: r.body.as_deref(),
                lang: &r.lang,
            }),
        };
        let body = self.run(
            PAGE_TEMPLATE,
            &Context::from_serialize(&view).expect("page view serializes"),
            endpoint,
        )?;

        let page_path = endpoint.id.path();
        let front = FrontMatterView {
            title: &endpoint.title,
            description: page::description(&endpoint.prose),
            component: &config.component,
            page_id: format!(
                "{}:{}:{}",
                config.component, endpoint.id.module, endpoint.id.page
            ),
            canonical_url: format!("{}{}.html", config.base_url, page_path),
            sections: page::sections(&body),
        };
        let front_matter = self.run(
            FRONT_MATTER_TEMPLATE,
            &Context::from_serialize(&front).expect("front matter view serializes"),
            endpoint,
        )?;
        let mut text = String::with_capacity(front_matter.len() + body.len() + 2);
        text.push_str(front_matter.trim_end_matches('\n'));
        text.push('\n');
        text.push_str(body.trim_end_matches('\n'));
        text.push('\n');
        Ok(text)
    }

    fn run(
        &self,
        template: &str,
        context: &Context,
        endpoint: &Endpoint,
    ) -> Result<String, RenderError> {
        self.tera
            .render(template, context)
            .map_err(|error| RenderError {
                template: origin_of(&self.origins, template),
                spec: Some(endpoint.source.clone()),
                detail: error.to_string(),
            })
    }
}

/// What a sample template sees: `request`.
fn sample_context(endpoint: &Endpoint) -> Context {
    let mut context = Context::new();
    context.insert("request", &RequestView::new(endpoint));
    context
}

fn origin_of(origins: &[(String, String)], name: &str) -> String {
    origins
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, shown)| shown.clone())
        .unwrap_or_else(|| name.to_string())
}

/// The `*.tera` files directly in `dir`, sorted by name; none when `dir` does not exist.
fn override_files(dir: &Path) -> Result<Vec<(String, PathBuf)>, RenderError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => {
            return Err(RenderError {
                template: dir.display().to_string(),
                spec: None,
                detail: format!("cannot read the templates directory: {error}"),
            });
        }
    };
    let mut files: Vec<(String, PathBuf)> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.is_file() && path.extension().is_some_and(|e| e == "tera"))
        .filter_map(|path| Some((path.file_name()?.to_str()?.to_string(), path)))
        .collect();
    files.sort();
    Ok(files)
}

/// What a sample template sees as `request`.
#[derive(Serialize)]
struct RequestView<'a> {
    method: &'a str,
    url: UrlView<'a>,
    /// Headers as sent, the auth header last.
    headers: Vec<Header>,
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
    body: Option<Body>,
    /// Whether there is a body with at least one byte or field in it.
    has_body: bool,
    /// Whether a form body repeats a field name (clients that take a map cannot send that).
    repeated_fields: bool,
    /// Facts about a multipart body that decide how clients with less control can send it.
    parts: PartFacts,
}

#[derive(Serialize, Default)]
struct PartFacts {
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
    texts: Vec<crate::model::Part>,
    files: Vec<crate::model::Part>,
    /// For each part, its number among the file parts (`None` for a text part).
    file_numbers: Vec<Option<usize>>,
    /// The parts gathered by name, in order of first appearance, for clients that take a map.
    groups: Vec<PartGroup>,
}

#[derive(Serialize)]
struct PartGroup {
    name: String,
    parts: Vec<crate::model::Part>,
}

impl PartFacts {
    fn of(parts: &[crate::model::Part]) -> PartFacts {
        let is_file = |p: &crate::model::Part| matches!(p.content, PartContent::File { .. });
        let first_file = parts.iter().position(is_file).unwrap_or(parts.len());
        PartFacts {
            any_file: first_file < parts.len(),
            untyped_file: parts.iter().any(|p| is_file(p) && p.content_type.is_none()),
            text_first: parts[first_file..].iter().all(is_file),
            typed_text: parts
                .iter()
                .any(|p| !is_file(p) && p.content_type.is_some()),
            repeated_names: has_repeats(parts.iter().map(|p| p.name.as_str())),
            texts: parts.iter().filter(|p| !is_file(p)).cloned().collect(),
            files: parts.iter().filter(|p| is_file(p)).cloned().collect(),
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
                        Some(&index) => groups[index].parts.push(part.clone()),
                        None => {
                            index_of.insert(&part.name, groups.len());
                            groups.push(PartGroup {
                                name: part.name.clone(),
                                parts: vec![part.clone()],
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
struct HeaderGroup {
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
struct UrlView<'a> {
    raw: &'a str,
    /// The URL with its query re-encoded pair by pair (curl, Go, Swift), and with anything else
    /// RFC 3986 forbids encoded.
    encoded_query: String,
    /// The URL as written, with only what RFC 3986 forbids encoded (Ruby's `URI`).
    strict: String,
    host_and_port: String,
    /// Path and query for an HTTP/1.1 request line, with what RFC 3986 forbids encoded.
    request_target: String,
    /// `scheme://host[:port]` for a literal absolute URL, and the rest after it.
    origin: Option<String>,
    after_origin: Option<&'a str>,
    /// Whether the URL as written starts with `https`.
    https: bool,
}

impl<'a> RequestView<'a> {
    fn new(endpoint: &'a Endpoint) -> Self {
        let request = &endpoint.request;
        let url = &request.url;
        let origin = url.origin();
        let after_origin = origin.as_deref().map(|o| &url.raw[o.len()..]);
        let media = request.content_type().map(media_type);
        let json = media
            .as_deref()
            .is_some_and(|m| m == "application/json" || m.ends_with("+json"));
        let xml = media
            .as_deref()
            .is_some_and(|m| m == "text/xml" || m.ends_with("+xml"));
        let json_as_code = request
            .content_type()
            .is_some_and(|v| v == "application/json" || v.ends_with("+json"));
        let headers = request.headers_with_auth();
        let repeated_fields = match &request.body {
            Some(Body::Urlencoded { fields }) => {
                has_repeats(fields.iter().map(|f| f.name.as_str()))
            }
            _ => false,
        };
        let has_body = match &request.body {
            None => false,
            Some(Body::Raw { text }) => !text.is_empty(),
            Some(Body::Urlencoded { fields }) => !fields.is_empty(),
            Some(Body::Formdata { parts }) => !parts.is_empty(),
            Some(Body::File { .. } | Body::Graphql { .. }) => true,
        };
        // Samples send a GraphQL request as the JSON body it is.
        let body = match &request.body {
            Some(Body::Graphql { json, .. }) => Some(Body::Raw { text: json.clone() }),
            other => other.clone(),
        };
        RequestView {
            method: &request.method,
            url: UrlView {
                raw: &url.raw,
                encoded_query: strict(&url.with_encoded_query()),
                strict: strict(&url.raw),
                host_and_port: url.host_and_port(),
                request_target: strict(&url.request_target()),
                after_origin,
                origin,
                https: url.raw.starts_with("https"),
            },
            header_groups: header_groups(&headers),
            headers,
            content_type: request.content_type(),
            media_type: media,
            json,
            xml,
            json_as_code,
            body,
            has_body,
            repeated_fields,
            parts: match &request.body {
                Some(Body::Formdata { parts }) => PartFacts::of(parts),
                _ => PartFacts::default(),
            },
        }
    }
}

#[derive(Serialize)]
struct PageView<'a> {
    title: &'a str,
    request_line: String,
    prose: &'a str,
    header_lines: Vec<String>,
    body: Option<BodySection>,
    samples: Vec<SampleView<'a>>,
    response: Option<ResponseView<'a>>,
}

#[derive(Serialize)]
struct SampleView<'a> {
    /// The code fence: three backticks, or more when the code holds a run of them.
    marker: String,
    id: &'a str,
    label: &'a str,
    fence: &'a str,
    code: &'a str,
}

#[derive(Serialize)]
struct ResponseView<'a> {
    marker: String,
    status_line: String,
    body: Option<&'a str>,
    lang: &'a str,
}

#[derive(Serialize)]
struct FrontMatterView<'a> {
    title: &'a str,
    description: String,
    component: &'a str,
    page_id: String,
    canonical_url: String,
    sections: Vec<Section>,
}

/// How much [`render_all`] rendered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenderCounts {
    pub samples: usize,
    pub pages: usize,
}

/// Renders every endpoint in memory, in parallel, and discards the text: rendering's cost alone.
pub fn render_all(
    endpoints: &[Endpoint],
    renderer: &Renderer,
    config: &Config,
) -> Result<RenderCounts, RenderError> {
    use rayon::prelude::*;
    endpoints
        .par_iter()
        .map(|endpoint| {
            let rendered = renderer.render(endpoint, config)?;
            Ok(RenderCounts {
                samples: rendered.samples.len(),
                pages: 1,
            })
        })
        .try_reduce(RenderCounts::default, |a, b| {
            Ok(RenderCounts {
                samples: a.samples + b.samples,
                pages: a.pages + b.pages,
            })
        })
}
