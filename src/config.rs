//! The site config, `samplegen.yaml` at the project root: what differs from site to site. Every
//! field has a default, and the defaults reproduce the house style's pages.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize, Serializer};

use crate::diagnostic::{Diagnostic, PathSegment, locate};
use crate::sample_values::{AuthStyle, Place, SampleValues, SampleValuesSpec, SecretsSpec};
use crate::targets::{self, Target};

/// The config file's name, looked up in the project directory.
pub const CONFIG_FILE: &str = "samplegen.yaml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    base_url: Option<String>,
    component: Option<String>,
    specs: Option<PathBuf>,
    output: Option<PathBuf>,
    templates: Option<PathBuf>,
    targets: Option<Vec<TargetEntry>>,
    variables: Option<indexmap::IndexMap<String, String>>,
    secrets: Option<SecretsSpec>,
    auth_style: Option<AuthStyle>,
    page: Option<PagePreset>,
    samples_json: Option<bool>,
    front_matter: Option<indexmap::IndexMap<String, String>>,
}

/// The docs framework the pages are written for: which built-in page and front matter templates
/// render them. Each preset is a template set below `pages/<preset>/`, so a project extends it
/// one block at a time like any built-in template.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PagePreset {
    /// The house site's layout (`page.md.tera`, `front-matter.yaml.tera`).
    #[default]
    House,
    /// The house layout of the pages published since the seeds: no `description` in the front
    /// matter, a spacer line of a non-breaking space under the empty `##` after the title.
    HouseNewer,
    Docusaurus,
    MkdocsMaterial,
    Mintlify,
    Hugo,
    Markdown,
}

impl PagePreset {
    pub const ALL: [PagePreset; 7] = [
        PagePreset::House,
        PagePreset::HouseNewer,
        PagePreset::Docusaurus,
        PagePreset::MkdocsMaterial,
        PagePreset::Mintlify,
        PagePreset::Hugo,
        PagePreset::Markdown,
    ];

    /// The name `samplegen.yaml` gives it.
    pub fn name(self) -> &'static str {
        match self {
            PagePreset::House => "house",
            PagePreset::HouseNewer => "house-newer",
            PagePreset::Docusaurus => "docusaurus",
            PagePreset::MkdocsMaterial => "mkdocs-material",
            PagePreset::Mintlify => "mintlify",
            PagePreset::Hugo => "hugo",
            PagePreset::Markdown => "markdown",
        }
    }

    /// The names of its page template and its front matter template.
    pub fn templates(self) -> (String, String) {
        match self {
            PagePreset::House => (
                crate::render::PAGE_TEMPLATE.to_string(),
                crate::render::FRONT_MATTER_TEMPLATE.to_string(),
            ),
            preset => (
                format!("pages/{}/page.md.tera", preset.name()),
                format!("pages/{}/front-matter.yaml.tera", preset.name()),
            ),
        }
    }

    fn is_house(&self) -> bool {
        *self == PagePreset::House
    }
}

/// A `targets:` entry: a built-in target, relabelled if need be, or a target of the site's own.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetEntry {
    id: String,
    label: Option<String>,
    fence: Option<String>,
    /// The template to render, below the templates directory (`<id>.tera` by default).
    template: Option<String>,
    /// A target of the site's own: its samples' file extension (required), language, client,
    /// and the command `verify` runs a sample with (`{file}` stands for the sample's path).
    extension: Option<String>,
    language: Option<String>,
    client: Option<String>,
    run: Option<String>,
}

/// The resolved config.
#[derive(Debug, Clone, Serialize)]
pub struct Config {
    /// Prefix of every page's `canonical_url`; the page path and `.html` follow it.
    pub base_url: String,
    /// The docs component, first part of every `page_id`.
    pub component: String,
    /// Where specs are read, templates overridden and output written, relative to the project.
    pub specs_dir: PathBuf,
    pub output_dir: PathBuf,
    pub templates_dir: PathBuf,
    /// The targets rendered, in tab order.
    pub targets: Vec<SiteTarget>,
    /// `variables`, `secrets` and `auth_style`: left out of the fingerprint while they are the
    /// house style's, so that the house pages' input hashes do not change.
    #[serde(skip_serializing_if = "SampleValues::is_house")]
    pub sample_values: SampleValues,
    /// The docs framework the pages are for. Left out of the fingerprint when it is the default,
    /// so that the house site's committed input hashes stay as they were.
    #[serde(skip_serializing_if = "PagePreset::is_house")]
    pub page: PagePreset,
    /// Whether `build` also writes `samples.json`, every page's samples and their metadata.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub samples_json: bool,
    /// Keys every page's front matter holds besides those samplegen derives (`llms_txt: …`),
    /// in order.
    #[serde(skip_serializing_if = "indexmap::IndexMap::is_empty")]
    pub front_matter: indexmap::IndexMap<String, String>,
}

/// A target as this site shows it.
#[derive(Debug, Clone, Serialize)]
pub struct SiteTarget {
    #[serde(serialize_with = "target_id")]
    pub target: &'static Target,
    pub label: String,
    pub fence: String,
    /// The name of the template its samples are rendered with.
    pub template: String,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            base_url: "https://developer.pingidentity.com/pingone-api/".into(),
            component: "pingone-api".into(),
            specs_dir: "specs".into(),
            output_dir: "output".into(),
            templates_dir: "templates".into(),
            targets: targets::house_tabs().map(SiteTarget::new).collect(),
            sample_values: SampleValues::default(),
            page: PagePreset::House,
            samples_json: false,
            front_matter: indexmap::IndexMap::new(),
        }
    }
}

impl SiteTarget {
    /// A target with its own label and fence.
    pub fn new(target: &'static Target) -> SiteTarget {
        SiteTarget {
            target,
            label: target.label.into(),
            fence: target.fence.into(),
            template: target.template_name(),
        }
    }

    /// The site target a `targets:` entry describes, or what is wrong with it.
    fn from_entry(entry: TargetEntry) -> Result<SiteTarget, String> {
        if let Some(template) = &entry.template
            && (template.is_empty()
                || template.starts_with('/')
                || template.split('/').any(|part| part == ".." || part == "."))
        {
            return Err(format!(
                "`template: {template}` must be a path below the templates directory"
            ));
        }
        if let Some(run) = &entry.run
            && !run.contains("{file}")
        {
            return Err(format!(
                "`run: {run}` must say where the sample goes with `{{file}}` (e.g. `python3 {{file}}`)"
            ));
        }
        let target: &'static Target = match targets::find(&entry.id) {
            Some(target) => {
                if entry.extension.is_some() || entry.run.is_some() {
                    return Err(format!(
                        "`{}` is a built-in target; `extension` and `run` are for a target of your own (give it another id)",
                        entry.id
                    ));
                }
                target
            }
            None => {
                let Some(extension) = entry.extension.clone() else {
                    return Err(format!(
                        "{}; a target of your own needs `extension` and a template (`templates/{}.tera` unless `template` says otherwise)",
                        targets::find_or_suggest(&entry.id).unwrap_err(),
                        entry.id
                    ));
                };
                if !targets::is_target_id(&entry.id) {
                    return Err(format!(
                        "`{}` cannot be a target id: lower-case letters, digits and `-` only",
                        entry.id
                    ));
                }
                if extension.is_empty() || !extension.chars().all(|c| c.is_ascii_alphanumeric()) {
                    return Err(format!(
                        "`extension: {extension}` must be letters and digits"
                    ));
                }
                targets::own(targets::OwnTarget {
                    id: entry.id.clone(),
                    language: entry.language.clone().unwrap_or_default(),
                    client: entry.client.clone().unwrap_or_default(),
                    label: entry.label.clone().unwrap_or_else(|| entry.id.clone()),
                    fence: entry.fence.clone().unwrap_or_default(),
                    extension,
                    run: entry.run.clone(),
                })
            }
        };
        Ok(SiteTarget {
            target,
            label: entry.label.unwrap_or_else(|| target.label.into()),
            fence: entry.fence.unwrap_or_else(|| target.fence.into()),
            template: entry.template.unwrap_or_else(|| target.template_name()),
        })
    }
}

fn target_id<S: Serializer>(target: &&'static Target, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(target.id)
}

impl Config {
    /// The site's target with this id, or the built-in one a site can render on request.
    pub fn target(&self, id: &str) -> Result<SiteTarget, String> {
        match self.targets.iter().find(|t| t.target.id == id) {
            Some(target) => Ok(target.clone()),
            None => targets::find_or_suggest(id).map(SiteTarget::new),
        }
    }

    /// This config with every built-in target as a tab, in the built-in order: what the fuzz
    /// test and the benchmark render.
    pub fn with_every_target(&self) -> Config {
        Config {
            targets: targets::TARGETS.iter().map(SiteTarget::new).collect(),
            ..self.clone()
        }
    }

    /// Everything in the config, as stable text: part of every spec's input hash, so that a
    /// config change rebuilds and nothing else does.
    pub fn fingerprint(&self) -> String {
        serde_json::to_string(self).expect("the config serializes")
    }

    /// Reads `samplegen.yaml` from `project`, or the defaults when there is none.
    pub fn load(project: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = project.join(CONFIG_FILE);
        let source = match std::fs::read_to_string(&path) {
            Ok(source) => source,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Config::default());
            }
            Err(error) => {
                return Err(vec![Diagnostic::new(
                    &path,
                    format!("cannot read: {error}"),
                )]);
            }
        };
        let config = Config::parse(&path, &source)?;
        // a template the config names must be there; a built-in one always is
        let templates = project.join(&config.templates_dir);
        let missing: Vec<Diagnostic> = config
            .targets
            .iter()
            .enumerate()
            .filter(|(_, t)| t.template != t.target.template_name() || t.target.template.is_empty())
            .filter(|(_, t)| !templates.join(&t.template).is_file())
            .map(|(index, t)| {
                let message = format!(
                    "targets[{index}]: the template `{}` of target `{}` is not in `{}`",
                    t.template,
                    t.target.id,
                    config.templates_dir.display()
                );
                let place = [PathSegment::Key("targets"), PathSegment::Index(index)];
                match locate(&source, &place) {
                    Some(location) => Diagnostic::at(&path, &source, location, message),
                    None => Diagnostic::new(&path, message),
                }
            })
            .collect();
        if missing.is_empty() {
            Ok(config)
        } else {
            Err(missing)
        }
    }

    /// Parses config text; `path` is only used in messages.
    pub fn parse(path: &Path, source: &str) -> Result<Config, Vec<Diagnostic>> {
        let source = source.strip_prefix('\u{feff}').unwrap_or(source);
        let file: ConfigFile = if source.trim().is_empty() {
            crate::yaml::from_str("{}")
        } else {
            crate::yaml::from_str(source)
        }
        .map_err(|error| vec![Diagnostic::from_yaml(path, source, &error)])?;
        let defaults = Config::default();
        let mut problems = Vec::new();
        let targets = match file.targets {
            None => defaults.targets,
            Some(entries) => {
                let mut targets = Vec::new();
                for (index, entry) in entries.into_iter().enumerate() {
                    let place = [PathSegment::Key("targets"), PathSegment::Index(index)];
                    let report = |message: String| match locate(source, &place) {
                        Some(location) => Diagnostic::at(path, source, location, message),
                        None => Diagnostic::new(path, message),
                    };
                    if targets.iter().any(|t: &SiteTarget| t.target.id == entry.id) {
                        problems.push(report(format!(
                            "targets[{index}]: target `{}` is listed twice",
                            entry.id
                        )));
                        continue;
                    }
                    match SiteTarget::from_entry(entry) {
                        Ok(target) => targets.push(target),
                        Err(message) => {
                            problems.push(report(format!("targets[{index}]: {message}")))
                        }
                    }
                }
                targets
            }
        };
        let (sample_values, value_problems) = SampleValuesSpec {
            variables: file.variables,
            secrets: file.secrets,
            auth_style: file.auth_style,
        }
        .resolve(&SampleValues::default());
        for problem in value_problems {
            problems.push(located(path, source, &problem.place, problem.message));
        }
        let front_matter = file.front_matter.unwrap_or_default();
        for (key, value) in &front_matter {
            let place = [Place::Key("front_matter".into()), Place::Key(key.clone())];
            if let Some(problem) = front_matter_problem(key, value) {
                problems.push(located(path, source, &place, problem));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Config {
            base_url: file.base_url.unwrap_or(defaults.base_url),
            component: file.component.unwrap_or(defaults.component),
            specs_dir: file.specs.unwrap_or(defaults.specs_dir),
            output_dir: file.output.unwrap_or(defaults.output_dir),
            templates_dir: file.templates.unwrap_or(defaults.templates_dir),
            targets,
            sample_values,
            page: file.page.unwrap_or_default(),
            samples_json: file.samples_json.unwrap_or(false),
            front_matter,
        })
    }
}

/// Why `key: value` cannot be one of `front_matter`'s keys: a key must be a plain YAML key
/// (letters, digits, `_`, `-`) that samplegen does not write itself, and a value one line.
fn front_matter_problem(key: &str, value: &str) -> Option<String> {
    const DERIVED: &[&str] = &[
        "title",
        "description",
        "component",
        "page_id",
        "canonical_url",
        "section_ids",
    ];
    let plain = key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'));
    if !plain {
        Some(format!(
            "front_matter: `{key}` is not a front matter key samplegen can write (letters, digits, `_` and `-`, starting with a letter)"
        ))
    } else if DERIVED.contains(&key) {
        Some(format!(
            "front_matter: `{key}` is derived from each spec; it cannot be set for every page"
        ))
    } else if value.chars().any(char::is_control) {
        Some(format!(
            "front_matter.{key}: the value is one line without control characters"
        ))
    } else {
        None
    }
}

/// A diagnostic at `place` in `source`, or for the whole file when it cannot be found there.
pub fn located(path: &Path, source: &str, place: &[Place], message: String) -> Diagnostic {
    let segments: Vec<PathSegment> = place
        .iter()
        .map(|p| match p {
            Place::Key(key) => PathSegment::Key(key),
            Place::Index(index) => PathSegment::Index(*index),
        })
        .collect();
    match locate(source, &segments) {
        Some(location) => Diagnostic::at(path, source, location, message),
        None => Diagnostic::new(path, message),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_keys_are_plain_and_not_derived() {
        let config = Config::parse(
            Path::new("samplegen.yaml"),
            "front_matter:\n  llms_txt: https://e.com/llms.txt\n  docs-for-agents: x\n",
        )
        .unwrap();
        assert_eq!(
            config.front_matter.keys().collect::<Vec<_>>(),
            ["llms_txt", "docs-for-agents"]
        );
        for (source, said, line) in [
            ("front_matter:\n  title: x\n", "`title` is derived", 2),
            (
                "front_matter:\n  a: b\n  \"x y\": z\n",
                "`x y` is not a front matter key",
                3,
            ),
            ("front_matter:\n  a: \"one\\ntwo\"\n", "one line", 2),
        ] {
            let problems = Config::parse(Path::new("samplegen.yaml"), source).unwrap_err();
            let shown = problems[0].to_string();
            assert!(shown.contains(said), "{shown}");
            assert!(
                shown.contains(&format!("samplegen.yaml:{line}:")),
                "{shown}"
            );
        }
    }

    #[test]
    fn defaults_are_the_house_style() {
        let config = Config::parse(Path::new("samplegen.yaml"), "").unwrap();
        let labels: Vec<&str> = config.targets.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "cURL", "C#", "Go", "HTTP", "Java", "jQuery", "NodeJS", "Python", "PHP", "Ruby",
                "Swift"
            ]
        );
        assert_eq!(config.component, "pingone-api");
    }

    #[test]
    fn targets_can_be_chosen_and_relabelled() {
        let config = Config::parse(
            Path::new("samplegen.yaml"),
            "targets:\n  - id: python\n    label: Python 3\n  - id: curl\n",
        )
        .unwrap();
        assert_eq!(config.targets.len(), 2);
        assert_eq!(config.targets[0].label, "Python 3");
        assert_eq!(config.targets[0].fence, "python");
        assert_eq!(config.targets[1].target.id, "curl");
    }

    #[test]
    fn unknown_target_suggests_the_closest() {
        let errors =
            Config::parse(Path::new("samplegen.yaml"), "targets:\n  - id: pyhton\n").unwrap_err();
        let text = errors[0].to_string();
        assert!(
            text.contains("unknown target `pyhton`; did you mean `python`?"),
            "{text}"
        );
        assert!(text.contains("samplegen.yaml:2:3"), "{text}");
    }

    // the fingerprint is part of every committed input hash: it must not follow Debug output,
    // which changes with any field or type rename
    #[test]
    fn the_fingerprint_is_stable_data() {
        let fingerprint = Config::default().fingerprint();
        assert!(
            fingerprint.starts_with(
                "{\"base_url\":\"https://developer.pingidentity.com/pingone-api/\",\"component\":\"pingone-api\""
            ),
            "{fingerprint}"
        );
        assert!(
            fingerprint.contains(
                "{\"target\":\"curl\",\"label\":\"cURL\",\"fence\":\"shell\",\"template\":\"curl.tera\"}"
            ),
            "{fingerprint}"
        );
    }

    #[test]
    fn sample_values_are_read_and_their_problems_located() {
        let config = Config::parse(
            Path::new("samplegen.yaml"),
            "variables:\n  baseUrl: https://api.stripe.com\nsecrets:\n  secretKey: STRIPE_SECRET_KEY\nauth_style: idiomatic\n",
        )
        .unwrap();
        let values = &config.sample_values;
        assert_eq!(values.variables["baseUrl"], "https://api.stripe.com");
        assert_eq!(values.secrets["secretKey"], "STRIPE_SECRET_KEY");
        assert_eq!(values.auth_style, AuthStyle::Idiomatic);
        // the house style leaves the fingerprint as it was; any value changes it
        assert!(!Config::default().fingerprint().contains("sample_values"));
        assert!(config.fingerprint().contains("STRIPE_SECRET_KEY"));

        let errors = Config::parse(
            Path::new("samplegen.yaml"),
            "variables:\n  key: x\n  \"a b\": y\nsecrets:\n  - key\n",
        )
        .unwrap_err();
        let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        assert_eq!(text.len(), 2, "{text:?}");
        assert!(
            text[0].contains("`a b` cannot be written") && text[0].contains("samplegen.yaml:3:3"),
            "{}",
            text[0]
        );
        assert!(
            text[1].contains("`key` is also a variable") && text[1].contains("samplegen.yaml:5:3"),
            "{}",
            text[1]
        );
    }

    #[test]
    fn the_page_preset_is_chosen_by_name() {
        let config = Config::parse(Path::new("samplegen.yaml"), "page: mkdocs-material\n").unwrap();
        assert_eq!(config.page, PagePreset::MkdocsMaterial);
        assert_eq!(
            config.page.templates().0,
            "pages/mkdocs-material/page.md.tera"
        );
        assert!(
            config
                .fingerprint()
                .contains("\"page\":\"mkdocs-material\"")
        );
        // the default leaves the fingerprint, and so every committed input hash, as it was
        assert!(!Config::default().fingerprint().contains("page"));
        let errors = Config::parse(Path::new("samplegen.yaml"), "page: docusarus\n").unwrap_err();
        let text = errors[0].to_string();
        assert!(
            text.contains("docusarus") && text.contains("docusaurus"),
            "{text}"
        );
        assert!(text.contains("samplegen.yaml:1:"), "{text}");
    }

    #[test]
    fn unknown_fields_are_errors() {
        let errors = Config::parse(Path::new("samplegen.yaml"), "compnent: x\n").unwrap_err();
        assert!(errors[0].to_string().contains("unknown field `compnent`"));
    }
}
