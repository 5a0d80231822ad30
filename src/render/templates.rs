//! The template set: every built-in template, reachable under the `builtin/` namespace whatever a
//! project overrides, and the project's own `*.tera` files (in subfolders too), each replacing the
//! built-in of the same name or adding a template of its own (a partial, a macro file). A project
//! template can `{% extends "builtin/go.tera" %}` and replace one block, or `{% include %}` any.

use std::path::{Path, PathBuf};

use tera::Tera;

use super::RenderError;
use crate::fs_safe::INPUT_LIMIT;

/// The page template: everything below the front matter.
pub const PAGE_TEMPLATE: &str = "page.md.tera";
/// The front matter template, rendered after the page so it can describe it.
pub const FRONT_MATTER_TEMPLATE: &str = "front-matter.yaml.tera";
/// Where the built-in templates stay reachable when a project replaces them.
pub const BUILTIN_NAMESPACE: &str = "builtin/";

/// The page's built-in templates, embedded in the binary; the samples' come from their targets.
/// The house layout's two, then each page preset's pair below `pages/<preset>/`.
const PAGE_TEMPLATES: &[(&str, &str)] = &[
    (PAGE_TEMPLATE, include_str!("../../templates/page.md.tera")),
    (
        FRONT_MATTER_TEMPLATE,
        include_str!("../../templates/front-matter.yaml.tera"),
    ),
    (
        "pages/house-newer/page.md.tera",
        include_str!("../../templates/pages/house-newer/page.md.tera"),
    ),
    (
        "pages/house-newer/front-matter.yaml.tera",
        include_str!("../../templates/pages/house-newer/front-matter.yaml.tera"),
    ),
    (
        "pages/docusaurus/page.md.tera",
        include_str!("../../templates/pages/docusaurus/page.md.tera"),
    ),
    (
        "pages/docusaurus/front-matter.yaml.tera",
        include_str!("../../templates/pages/docusaurus/front-matter.yaml.tera"),
    ),
    (
        "pages/mkdocs-material/page.md.tera",
        include_str!("../../templates/pages/mkdocs-material/page.md.tera"),
    ),
    (
        "pages/mkdocs-material/front-matter.yaml.tera",
        include_str!("../../templates/pages/mkdocs-material/front-matter.yaml.tera"),
    ),
    (
        "pages/mintlify/page.md.tera",
        include_str!("../../templates/pages/mintlify/page.md.tera"),
    ),
    (
        "pages/mintlify/front-matter.yaml.tera",
        include_str!("../../templates/pages/mintlify/front-matter.yaml.tera"),
    ),
    (
        "pages/hugo/page.md.tera",
        include_str!("../../templates/pages/hugo/page.md.tera"),
    ),
    (
        "pages/hugo/front-matter.yaml.tera",
        include_str!("../../templates/pages/hugo/front-matter.yaml.tera"),
    ),
    (
        "pages/markdown/page.md.tera",
        include_str!("../../templates/pages/markdown/page.md.tera"),
    ),
    (
        "pages/markdown/front-matter.yaml.tera",
        include_str!("../../templates/pages/markdown/front-matter.yaml.tera"),
    ),
];

/// The page preset a template belongs to, by its name (with or without [`BUILTIN_NAMESPACE`]):
/// `pages/<preset>/…`. A site's output depends on its own preset's templates only.
pub fn page_preset_of(name: &str) -> Option<crate::config::PagePreset> {
    let name = name.strip_prefix(BUILTIN_NAMESPACE).unwrap_or(name);
    let rest = name.strip_prefix("pages/")?;
    let preset = rest.split('/').next()?;
    crate::config::PagePreset::ALL
        .into_iter()
        .find(|p| p.name() == preset)
}

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

/// One template of the set: its name, its text, and where it came from (for messages).
pub(super) struct Source {
    pub name: String,
    pub text: String,
    pub origin: String,
}

/// The templates a renderer compiles: the built-ins under [`BUILTIN_NAMESPACE`], then under their
/// own names either the project's file or the built-in, then the project's other files.
pub(super) fn sources(overrides: Option<&Path>) -> Result<Vec<Source>, RenderError> {
    let mut project: Vec<Source> = Vec::new();
    if let Some(dir) = overrides {
        for (name, path) in project_files(dir)? {
            let shown = path.display().to_string();
            if name.starts_with(BUILTIN_NAMESPACE) {
                return Err(RenderError {
                    template: shown,
                    spec: None,
                    detail: format!(
                        "`{BUILTIN_NAMESPACE}` is where the built-in templates live; name the folder otherwise"
                    ),
                });
            }
            // a link was refused while listing; this refuses FIFOs, devices and huge files
            let text = crate::fs_safe::read_regular_text(&path, INPUT_LIMIT, false, dir).map_err(
                |error| RenderError {
                    template: shown.clone(),
                    spec: None,
                    detail: format!("cannot read: {error}"),
                },
            )?;
            project.push(Source {
                name,
                text,
                origin: shown,
            });
        }
    }
    let mut sources: Vec<Source> = builtin_templates()
        .map(|(name, text)| Source {
            name: format!("{BUILTIN_NAMESPACE}{name}"),
            text: text.to_string(),
            origin: format!("built-in {name}"),
        })
        .collect();
    // With no template of the project's own, nothing can name a built-in by its plain name but
    // the renderer itself, which resolves it to the `builtin/` copy (`Renderer::template_name`):
    // compiling a second copy of each would double the compile time of every build that renders.
    if project.is_empty() {
        return Ok(sources);
    }
    for (name, text) in builtin_templates() {
        match project.iter().position(|source| source.name == name) {
            Some(index) => sources.push(project.remove(index)),
            None => sources.push(Source {
                origin: format!("built-in {name}"),
                name,
                text: text.to_string(),
            }),
        }
    }
    sources.extend(project);
    Ok(sources)
}

/// Compiles `sources` into `tera`. A template that extends or includes one added after it is
/// retried once the others are in, so the order of files does not matter; what still fails is
/// reported with the file it came from.
/// The names of the templates `text` extends, includes or imports (`{% extends "name" %}`…),
/// as far as a plain reading of its tags finds them.
pub(super) fn referenced(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    for keyword in ["extends", "include", "import"] {
        let mut rest = text;
        while let Some(at) = rest.find(keyword) {
            rest = &rest[at + keyword.len()..];
            let Some(quoted) = rest.trim_start().strip_prefix('"') else {
                continue;
            };
            if let Some(end) = quoted.find('"') {
                names.push(&quoted[..end]);
            }
        }
    }
    names
}

pub(super) fn compile(tera: &mut Tera, sources: &[Source]) -> Result<(), RenderError> {
    // All at once first: Tera links the whole set again after every addition, so adding the
    // templates one by one costs a link per template (a fifth of a no-op build's time). A
    // failed batch leaves nothing added; the loop below then finds the template at fault.
    let batch = sources.iter().map(|s| (s.name.as_str(), s.text.as_str()));
    if tera.add_raw_templates(batch).is_ok() {
        return Ok(());
    }
    let mut pending: Vec<&Source> = sources.iter().collect();
    loop {
        let mut failed: Vec<(&Source, tera::Error)> = Vec::new();
        let before = pending.len();
        for source in pending {
            if let Err(error) = tera.add_raw_template(&source.name, &source.text) {
                failed.push((source, error));
            }
        }
        if failed.is_empty() {
            return Ok(());
        }
        if failed.len() == before {
            // a template that does not parse, over those that include it (which fail on it
            // as an unknown template)
            let at_fault = failed
                .iter()
                .position(|(_, error)| !error.to_string().contains("Unknown template"))
                .unwrap_or(0);
            let (source, error) = failed.swap_remove(at_fault);
            return Err(RenderError {
                template: source.origin.clone(),
                spec: None,
                detail: located_in_project(&error.to_string(), sources),
            });
        }
        pending = failed.into_iter().map(|(source, _)| source).collect();
    }
}

/// Tera's report with each template it points at (` --> curl.tera:2:12`) named by the path the
/// user knows it by (` --> templates/curl.tera:2:12`), which an editor or a CI annotation opens.
pub(super) fn located_in_project(detail: &str, sources: &[Source]) -> String {
    let mut located = detail.to_string();
    for source in sources.iter().filter(|source| source.name != source.origin) {
        located = located.replace(
            &format!("--> {}:", source.name),
            &format!("--> {}:", source.origin),
        );
    }
    located
}

/// The `*.tera` files below `dir`, by their `/`-separated path below it, sorted; none when `dir`
/// does not exist. A link is refused: templates are read from the project only.
fn project_files(dir: &Path) -> Result<Vec<(String, PathBuf)>, RenderError> {
    let unreadable = |path: &Path, error: std::io::Error| RenderError {
        template: path.display().to_string(),
        spec: None,
        detail: format!("cannot read the templates directory: {error}"),
    };
    match std::fs::symlink_metadata(dir) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(unreadable(dir, error)),
        Ok(_) => {}
    }
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(current) = dirs.pop() {
        let entries = std::fs::read_dir(&current).map_err(|error| unreadable(&current, error))?;
        for entry in entries {
            let entry = entry.map_err(|error| unreadable(&current, error))?;
            let path = entry.path();
            let kind = entry
                .file_type()
                .map_err(|error| unreadable(&path, error))?;
            if kind.is_symlink() {
                return Err(RenderError {
                    template: path.display().to_string(),
                    spec: None,
                    detail: "is a symbolic link; templates are read only from files in the project"
                        .into(),
                });
            } else if kind.is_dir() {
                dirs.push(path);
            } else if kind.is_file() && path.extension().is_some_and(|e| e == "tera") {
                let name = path
                    .strip_prefix(dir)
                    .ok()
                    .and_then(|relative| {
                        relative
                            .iter()
                            .map(|part| part.to_str())
                            .collect::<Option<Vec<&str>>>()
                    })
                    .map(|parts| parts.join("/"))
                    .ok_or_else(|| RenderError {
                        template: path.display().to_string(),
                        spec: None,
                        detail: "a template's path must be valid UTF-8".into(),
                    })?;
                files.push((name, path));
            }
        }
    }
    files.sort();
    Ok(files)
}
