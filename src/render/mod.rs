//! Rendering: the Tera templates (built in, or a project's own override of any single file) fed
//! with one prepared view of an endpoint. A target is a view of the request; the page is a view of
//! the endpoint and its samples.

mod templates;
mod view;

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use tera::{Context, Tera};

use crate::filters;

use crate::config::{Config, SiteTarget};
use crate::model::Endpoint;
use crate::page;
use crate::targets::Target;
use view::{FrontMatterView, PageView, RequestView};

pub use templates::{BUILTIN_NAMESPACE, FRONT_MATTER_TEMPLATE, PAGE_TEMPLATE, builtin_templates};

/// A template that failed to load or render, with what was being rendered.
#[derive(Debug, Clone)]
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

/// A set of templates, ready to render any endpoint. They are compiled on first use: a build
/// with nothing to render (the common case) never pays for it.
pub struct Renderer {
    /// Every template's name, text and origin (the path shown to the user, for messages).
    sources: Vec<templates::Source>,
    /// What decides whether a site renders each of `sources`, for the fingerprint.
    used_when: Vec<UsedWhen>,
    compiled: OnceLock<Result<Tera, RenderError>>,
    /// Only the templates one site renders, compiled for its first render when the full set is
    /// not (see [`Renderer::prepare`]); `None` when that set did not compile by itself.
    site: OnceLock<Option<(Tera, Vec<String>)>>,
    /// A built-in's plain name → its `builtin/` name, when the plain names are not compiled
    /// (a project with no templates of its own); empty otherwise.
    builtin_aliases: HashMap<String, String>,
}

/// When a template is part of a site's output.
enum UsedWhen {
    Always,
    /// It is the sample template of a built-in target that is not a house tab.
    Target(&'static str),
    /// It belongs to a page preset.
    Preset(crate::config::PagePreset),
}

/// An endpoint's samples (in the config's target order) and page.
#[derive(Debug, Clone)]
pub struct RenderedEndpoint {
    pub samples: Vec<(&'static Target, String)>,
    pub page: String,
}

impl Renderer {
    /// The built-in templates with the `*.tera` files below `overrides` (if it exists) replacing
    /// or adding to them (see [`templates`]), compiled.
    pub fn new(overrides: Option<&Path>) -> Result<Renderer, RenderError> {
        let renderer = Renderer::deferred(overrides)?;
        renderer.compile()?;
        Ok(renderer)
    }

    /// [`Renderer::new`] with the templates read but not yet compiled: a template that does not
    /// compile is reported by the first render.
    pub fn deferred(overrides: Option<&Path>) -> Result<Renderer, RenderError> {
        let sources = templates::sources(overrides)?;
        let used_when = sources
            .iter()
            .map(|source| {
                let other_target = crate::targets::TARGETS
                    .iter()
                    .filter(|target| !target.house_tab)
                    .find(|target| {
                        let name = target.template_name();
                        source.name == name || source.name == format!("{BUILTIN_NAMESPACE}{name}")
                    })
                    .map(|target| target.id);
                match (other_target, templates::page_preset_of(&source.name)) {
                    (Some(id), _) => UsedWhen::Target(id),
                    (None, Some(preset)) => UsedWhen::Preset(preset),
                    (None, None) => UsedWhen::Always,
                }
            })
            .collect();
        let builtin_aliases = if sources
            .iter()
            .any(|s| !s.name.starts_with(BUILTIN_NAMESPACE))
        {
            HashMap::new()
        } else {
            builtin_templates()
                .map(|(name, _)| (name.clone(), format!("{BUILTIN_NAMESPACE}{name}")))
                .collect()
        };
        Ok(Renderer {
            sources,
            used_when,
            compiled: OnceLock::new(),
            site: OnceLock::new(),
            builtin_aliases,
        })
    }

    /// Compiles the templates, unless that is done: the error of one that does not compile.
    pub fn compile(&self) -> Result<(), RenderError> {
        self.compiled().map(drop)
    }

    /// The compiled templates, compiling them on first use.
    fn compiled(&self) -> Result<&Tera, RenderError> {
        self.compiled
            .get_or_init(|| {
                let mut tera = empty_tera();
                templates::compile(&mut tera, &self.sources)?;
                Ok(tera)
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Compiles, unless the full set is compiled already, just the templates `config`'s site
    /// renders and those they extend, include or import, for the renders that follow: a build
    /// with one spec to render then compiles a dozen templates rather than the 60 built in. Only
    /// without templates of the project's own (which may reach any built-in). Any template
    /// outside that set, or a set that does not compile by itself, is left to the full set.
    fn prepare(&self, config: &Config) {
        if self.compiled.get().is_some() || self.builtin_aliases.is_empty() {
            return;
        }
        self.site.get_or_init(|| {
            let mut wanted: Vec<&str> = config
                .targets
                .iter()
                .map(|target| self.template_name(&target.template))
                .collect();
            let (page, front_matter) = config.page.templates();
            wanted.push(self.template_name(&page));
            wanted.push(self.template_name(&front_matter));
            let mut chosen: Vec<&templates::Source> = Vec::new();
            while let Some(name) = wanted.pop() {
                if chosen.iter().any(|source| source.name == name) {
                    continue;
                }
                let source = self.sources.iter().find(|source| source.name == name)?;
                wanted.extend(templates::referenced(&source.text));
                chosen.push(source);
            }
            let mut tera = empty_tera();
            let batch = chosen.iter().map(|s| (s.name.as_str(), s.text.as_str()));
            let names = chosen.iter().map(|s| s.name.clone()).collect();
            tera.add_raw_templates(batch).ok().map(|()| (tera, names))
        });
    }

    /// The compiled templates to render `name` with: the site's set when it holds it, else
    /// the full set (compiled now if need be).
    fn tera_for(&self, name: &str) -> Result<&Tera, RenderError> {
        if self.compiled.get().is_none()
            && let Some(Some((site, names))) = self.site.get()
            && names.iter().any(|compiled| compiled == name)
        {
            return Ok(site);
        }
        self.compiled()
    }

    /// A hash of samplegen's version and every template's name and text: what all output of a
    /// site with this config depends on besides the spec and the config. The built-in templates
    /// of targets that are not house tabs count only when the site renders them, so that adding
    /// such a target leaves the other sites' output up to date; so do a page preset's templates.
    pub fn fingerprint(&self, config: &Config) -> String {
        let mut parts: Vec<&[u8]> = vec![env!("CARGO_PKG_VERSION").as_bytes()];
        for (used_when, source) in self.used_when.iter().zip(&self.sources) {
            let rendered = match used_when {
                UsedWhen::Always => true,
                UsedWhen::Target(id) => config.targets.iter().any(|t| t.target.id == *id),
                UsedWhen::Preset(preset) => config.page == *preset,
            };
            if rendered {
                parts.push(source.name.as_bytes());
                parts.push(source.text.as_bytes());
            }
        }
        crate::hash::combined_hash(&parts)
    }

    /// Renders one endpoint: every configured target, then the page around them.
    pub fn render(
        &self,
        endpoint: &Endpoint,
        config: &Config,
    ) -> Result<RenderedEndpoint, RenderError> {
        let samples = self.samples(endpoint, config)?;
        let page = self.page(endpoint, config, &samples)?;
        Ok(RenderedEndpoint { samples, page })
    }

    /// One endpoint's sample in every configured target, in order.
    pub fn samples(
        &self,
        endpoint: &Endpoint,
        config: &Config,
    ) -> Result<Vec<(&'static Target, String)>, RenderError> {
        // one view of the request serves every target
        let context = SampleContext::new(endpoint);
        self.prepare(config);
        config
            .targets
            .iter()
            .map(|site_target| {
                Ok((
                    site_target.target,
                    self.sample_with(&context, endpoint, site_target)?,
                ))
            })
            .collect()
    }

    /// One target's sample, without a trailing newline.
    pub fn sample(&self, endpoint: &Endpoint, target: &SiteTarget) -> Result<String, RenderError> {
        self.sample_with(&SampleContext::new(endpoint), endpoint, target)
    }

    fn sample_with(
        &self,
        context: &SampleContext,
        endpoint: &Endpoint,
        target: &SiteTarget,
    ) -> Result<String, RenderError> {
        let mut text = self.run(&target.template, &context.0, endpoint)?;
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
        self.prepare(config);
        let view = PageView::new(endpoint, config, samples);
        let (page_template, front_matter_template) = config.page.templates();
        let body = self.run(
            &page_template,
            &Context::from_serialize(&view).expect("page view serializes"),
            endpoint,
        )?;

        let front = FrontMatterView::new(endpoint, config, page::sections(&body));
        let front_matter = self.run(
            &front_matter_template,
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
        let name = self.template_name(template);
        self.tera_for(name)?
            .render(name, context)
            .map_err(|error| RenderError {
                template: self.origin_of(template),
                spec: Some(endpoint.source.clone()),
                detail: templates::located_in_project(&error.to_string(), &self.sources),
            })
    }

    /// The name `template` is compiled under: a built-in's plain name is its `builtin/` copy's
    /// when only those are compiled.
    fn template_name<'a>(&'a self, template: &'a str) -> &'a str {
        self.builtin_aliases
            .get(template)
            .map_or(template, String::as_str)
    }

    /// Where the template `name` came from, as shown to the user.
    fn origin_of(&self, name: &str) -> String {
        let name = self.template_name(name);
        self.sources
            .iter()
            .find(|source| source.name == name)
            .map_or_else(|| name.to_string(), |source| source.origin.clone())
    }
}

/// A template set with no templates yet: samplegen's filters registered, autoescaping off.
fn empty_tera() -> Tera {
    let mut tera = Tera::new();
    // Samples are code, not HTML: every value is escaped explicitly by a filter.
    tera.autoescape_on(Vec::<&str>::new());
    filters::register(&mut tera);
    tera
}

/// What a sample template sees: `request`, the one view of an endpoint's request that every
/// target's template reads. Public so that the benchmark can time building it on its own.
pub struct SampleContext(Context);

impl SampleContext {
    pub fn new(endpoint: &Endpoint) -> SampleContext {
        let mut context = Context::new();
        context.insert("request", &RequestView::new(endpoint));
        SampleContext(context)
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deferred_renderer_reports_a_template_that_does_not_compile_when_first_used() {
        let overrides = tempfile::tempdir().unwrap();
        std::fs::write(
            overrides.path().join("go.tera"),
            "{{ request.method | no_such_filter }}",
        )
        .unwrap();
        let renderer = Renderer::deferred(Some(overrides.path())).expect("the templates are read");
        let error = renderer.compile().unwrap_err();
        assert!(error.to_string().contains("does not compile"), "{error}");
        // and again, the same report, for every later use
        assert_eq!(
            renderer.compile().unwrap_err().to_string(),
            error.to_string()
        );
        assert!(Renderer::new(Some(overrides.path())).is_err());
    }

    /// The first of this project's own specs.
    fn first_endpoint() -> Endpoint {
        crate::project::Project::open(Path::new("."))
            .and_then(|project| project.load_specs())
            .unwrap()
            .endpoints
            .remove(0)
    }

    #[test]
    fn a_site_renders_with_its_own_templates_compiled_and_anything_else_with_all_of_them() {
        let endpoint = first_endpoint();
        let config = Config::default();
        let full = Renderer::new(None).unwrap();
        let renderer = Renderer::deferred(None).unwrap();
        let rendered = renderer.render(&endpoint, &config).unwrap();
        let site_names = match renderer.site.get() {
            Some(Some((_, names))) => names.len(),
            _ => panic!("the site's templates compiled by themselves"),
        };
        assert!(
            renderer.compiled.get().is_none(),
            "the full set is not compiled"
        );
        // the site's 11 samples, its page and front matter
        assert_eq!(site_names, config.targets.len() + 2);
        assert_eq!(rendered.page, full.render(&endpoint, &config).unwrap().page);
        for (target, sample) in &rendered.samples {
            let site_target = config.target(target.id).unwrap();
            assert_eq!(*sample, full.sample(&endpoint, &site_target).unwrap());
        }
        // a target the site does not render is rendered from the full set
        let other = config.target("httpx").unwrap();
        assert_eq!(
            renderer.sample(&endpoint, &other).unwrap(),
            full.sample(&endpoint, &other).unwrap()
        );
        assert!(renderer.compiled.get().is_some());
        // a template extending another (httpx-async, swift-async…) brings it along
        let every = config.with_every_target();
        let renderer = Renderer::deferred(None).unwrap();
        assert_eq!(
            renderer.render(&endpoint, &every).unwrap().samples,
            full.render(&endpoint, &every).unwrap().samples
        );
        assert!(matches!(renderer.site.get(), Some(Some(_))));
        assert!(renderer.compiled.get().is_none());
    }

    /// The built-in `target`'s sample of the endpoint a spec's text describes.
    fn sample_of(target: &str, source: &str) -> String {
        let spec = crate::spec::parse(source).expect("the spec parses");
        let id = crate::model::PageId::from_relative_path(Path::new("m/e.yaml")).unwrap();
        let endpoint = crate::model::validate(spec, id, Path::new("specs/m/e.yaml"), source)
            .expect("the spec is valid");
        let target = Config::default().target(target).unwrap();
        Renderer::new(None)
            .unwrap()
            .sample(&endpoint, &target)
            .unwrap()
    }

    // the house style's `.getBytes()` reads the platform's charset, which may not be UTF-8
    #[test]
    fn java_sends_a_typed_text_part_in_utf8_only_when_it_is_not_ascii() {
        let sample = |value: &str| {
            sample_of(
                "java",
                &format!(
                    "title: t\nrequest:\n  method: POST\n  url: https://e.com/a\n  body:\n    formdata:\n      - meta:\n          value: '{value}'\n          content_type: application/json\n"
                ),
            )
        };
        assert!(sample("{\"a\":1}").contains("\"{\\\"a\\\":1}\".getBytes()))"));
        assert!(
            sample("{\"a\":\"é\"}")
                .contains(".getBytes(java.nio.charset.StandardCharsets.UTF_8)))")
        );
    }

    // an empty body is a body: Net::HTTP then sends `Content-Length: 0`, as the house style's
    // class for a method Net::HTTP has none for says
    #[test]
    fn ruby_gives_a_method_of_its_own_a_body_when_the_spec_has_one_even_empty() {
        let sample = |body: &str| {
            sample_of(
                "ruby",
                &format!("title: t\nrequest:\n  method: LINK\n  url: https://e.com/a\n{body}"),
            )
        };
        let empty = "  headers:\n    - Content-Type: text/plain\n  body:\n    raw: \"\"\n";
        assert!(sample(empty).contains("REQUEST_HAS_BODY = true"));
        assert!(sample("").contains("REQUEST_HAS_BODY = false"));
    }

    #[test]
    fn without_project_templates_the_built_ins_are_compiled_once_and_found_by_their_plain_names() {
        let renderer = Renderer::new(None).unwrap();
        assert!(
            renderer
                .sources
                .iter()
                .all(|source| source.name.starts_with(BUILTIN_NAMESPACE))
        );
        assert_eq!(renderer.template_name("curl.tera"), "builtin/curl.tera");
        assert_eq!(renderer.origin_of("curl.tera"), "built-in curl.tera");
        // a name that is no built-in's stays as written, for the error that names it
        assert_eq!(renderer.template_name("mine.tera"), "mine.tera");
        let endpoint = first_endpoint();
        let config = Config::default();
        let house = Renderer::new(Some(Path::new("templates"))).unwrap();
        assert_eq!(
            renderer.render(&endpoint, &config).unwrap().page,
            house.render(&endpoint, &config).unwrap().page,
            "the same output as with every template compiled under both names"
        );

        // with a template of the project's own, the plain names are compiled too: it may
        // extend or include any of them
        let overrides = tempfile::tempdir().unwrap();
        std::fs::write(
            overrides.path().join("mine.tera"),
            "{% include \"curl.tera\" %}",
        )
        .unwrap();
        let renderer = Renderer::new(Some(overrides.path())).unwrap();
        assert!(renderer.builtin_aliases.is_empty());
        assert!(
            renderer
                .sources
                .iter()
                .any(|source| source.name == "curl.tera")
        );
    }
}
