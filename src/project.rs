//! A project on disk: its config, its specs (found, parsed, validated) and the output files they
//! produce. The commands are built from these steps.

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, PathSegment, locate};
use crate::model::{self, Body, Endpoint, PageId, PartContent};
use crate::output::OutputFile;
use crate::render::{RenderError, RenderedEndpoint, Renderer};
use crate::spec;
use PathSegment::{Index, Key};

/// Everything that can stop a command.
#[derive(Debug)]
pub enum Error {
    /// Problems in specs or the config, all of them.
    Diagnostics(Vec<Diagnostic>),
    /// A template that does not compile or render.
    Render(RenderError),
    /// A file that cannot be read or written.
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// A request the command cannot carry out (an unknown target, say).
    Usage(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Diagnostics(diagnostics) => {
                for (index, diagnostic) in diagnostics.iter().enumerate() {
                    if index > 0 {
                        writeln!(f, "\n")?;
                    }
                    write!(f, "{diagnostic}")?;
                }
                Ok(())
            }
            Error::Render(error) => write!(f, "{error}"),
            Error::Io { path, error } => write!(f, "error: {}: {error}", path.display()),
            Error::Usage(message) => write!(f, "error: {message}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<RenderError> for Error {
    fn from(error: RenderError) -> Self {
        Error::Render(error)
    }
}

/// A samplegen project: the directory holding `samplegen.yaml`, `specs/`, `templates/`, `output/`.
pub struct Project {
    pub root: PathBuf,
    pub config: Config,
}

/// The spec files of a project that can be built, and the problems of those that cannot.
pub struct Discovered {
    pub files: Vec<PathBuf>,
    pub problems: Vec<Diagnostic>,
    /// The specs (as shown) refused.
    pub failed: BTreeSet<String>,
}

impl Discovered {
    fn refuse(&mut self, shown: &Path, message: String) {
        self.failed.insert(shown.display().to_string());
        self.problems.push(Diagnostic::new(shown, message));
    }
}

/// The specs of a project, those that are valid and the problems of the others.
pub struct Specs {
    pub endpoints: Vec<Endpoint>,
    pub problems: Vec<Diagnostic>,
    /// The specs (as shown, `specs/…`) that failed; their earlier output is kept.
    pub failed: BTreeSet<String>,
}

impl Project {
    pub fn open(root: &Path) -> Result<Project, Error> {
        // `.` is left out of every path shown, so messages read `specs/a.yaml`, not `./specs/a.yaml`.
        let root = if root == Path::new(".") {
            Path::new("")
        } else {
            root
        };
        let config = Config::load(root).map_err(|problems| {
            Error::Diagnostics(problems.into_iter().map(|d| relative_to(root, d)).collect())
        })?;
        Ok(Project {
            root: root.to_path_buf(),
            config,
        })
    }

    pub fn specs_dir(&self) -> PathBuf {
        self.root.join(&self.config.specs_dir)
    }

    pub fn output_dir(&self) -> PathBuf {
        self.root.join(&self.config.output_dir)
    }

    pub fn renderer(&self) -> Result<Renderer, Error> {
        Ok(Renderer::new(Some(
            &self.root.join(&self.config.templates_dir),
        ))?)
    }

    /// Finds the spec files, and refuses those that cannot be built whatever they say: links
    /// leading outside the specs directory, and pages that differ only in letter case.
    pub fn discover(&self) -> Result<Discovered, Error> {
        let specs_dir = self.specs_dir();
        let mut found = SpecFiles::default();
        if specs_dir.is_dir() {
            let root = specs_dir.canonicalize().map_err(|error| Error::Io {
                path: specs_dir.clone(),
                error,
            })?;
            found
                .walk(&specs_dir, &root, false)
                .map_err(|(path, error)| Error::Io { path, error })?;
        }
        let mut discovered = Discovered {
            files: Vec::new(),
            problems: Vec::new(),
            failed: BTreeSet::new(),
        };
        for path in &found.outside {
            discovered.refuse(
                &self.shown(path),
                "this spec is a link to a file outside the specs directory; samplegen reads specs only from inside it".into(),
            );
        }
        // Two pages whose paths differ only in case would overwrite each other's files on a
        // case-insensitive file system (macOS, Windows): both are refused.
        let mut by_page: HashMap<String, Vec<PathBuf>> = HashMap::new();
        for path in &found.files {
            if let Ok(relative) = path.strip_prefix(&specs_dir)
                && let Ok(id) = PageId::from_relative_path(relative)
            {
                by_page
                    .entry(id.path().to_lowercase())
                    .or_default()
                    .push(self.shown(path));
            }
        }
        let mut colliding: Vec<&Vec<PathBuf>> = by_page.values().filter(|p| p.len() > 1).collect();
        colliding.sort();
        for group in colliding {
            for this in group {
                let others: Vec<String> = group
                    .iter()
                    .filter(|other| *other != this)
                    .map(|other| format!("`{}`", other.display()))
                    .collect();
                discovered.refuse(
                    this,
                    format!(
                        "this page and {} differ only in letter case, so their output files would overwrite each other; rename one",
                        others.join(", ")
                    ),
                );
            }
        }
        discovered.files = found
            .files
            .into_iter()
            .filter(|path| {
                !discovered
                    .failed
                    .contains(&self.shown(path).display().to_string())
            })
            .collect();
        Ok(discovered)
    }

    /// Finds, parses and validates every spec, collecting every problem.
    pub fn load_specs(&self) -> Result<Specs, Error> {
        let discovered = self.discover()?;
        let mut specs = Specs {
            endpoints: Vec::new(),
            problems: discovered.problems,
            failed: discovered.failed,
        };
        for path in discovered.files {
            match self.load_spec(&path) {
                Ok(endpoint) => specs.endpoints.push(endpoint),
                Err(problems) => {
                    specs.failed.insert(self.shown(&path).display().to_string());
                    specs.problems.extend(problems);
                }
            }
        }
        Ok(specs)
    }

    /// Checks that the files a spec marks `must_exist` exist, relative to the project directory.
    fn check_files(&self, endpoint: Endpoint, source: &str) -> Result<Endpoint, Vec<Diagnostic>> {
        let mut wanted: Vec<(&str, Vec<PathSegment>)> = Vec::new();
        match &endpoint.request.body {
            Some(Body::File {
                path,
                must_exist: true,
                ..
            }) => wanted.push((path, vec![Key("request"), Key("body"), Key("file")])),
            Some(Body::Formdata { parts }) => {
                for (index, part) in parts.iter().enumerate() {
                    if let PartContent::File {
                        path,
                        must_exist: true,
                        ..
                    } = &part.content
                    {
                        wanted.push((
                            path,
                            vec![Key("request"), Key("body"), Key("formdata"), Index(index)],
                        ));
                    }
                }
            }
            _ => {}
        }
        let missing: Vec<Diagnostic> = wanted
            .into_iter()
            .filter(|(path, _)| !self.root.join(path).is_file())
            .map(|(path, place)| {
                let message = format!(
                    "the file `{path}` does not exist (the spec says it must; paths are relative to the project directory)"
                );
                match locate(source, &place) {
                    Some(location) => Diagnostic::at(&endpoint.source, source, location, message),
                    None => Diagnostic::new(&endpoint.source, message),
                }
            })
            .collect();
        if missing.is_empty() {
            Ok(endpoint)
        } else {
            Err(missing)
        }
    }

    /// Parses and validates one spec file. Its page id comes from its path below the specs
    /// directory, or, for a file elsewhere, from its own directory and name.
    pub fn load_spec(&self, path: &Path) -> Result<Endpoint, Vec<Diagnostic>> {
        let source = std::fs::read_to_string(path).map_err(|error| {
            vec![Diagnostic::new(
                &self.shown(path),
                format!("cannot read: {error}"),
            )]
        })?;
        self.load_spec_source(path, &source)
    }

    /// Like [`Project::load_spec`], with the file's text already read.
    pub fn load_spec_source(&self, path: &Path, source: &str) -> Result<Endpoint, Vec<Diagnostic>> {
        let path: PathBuf = path
            .components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect();
        let path = path.as_path();
        let shown = self.shown(path);
        let relative = path
            .strip_prefix(self.specs_dir())
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| {
                let dir = path
                    .parent()
                    .and_then(Path::file_name)
                    .unwrap_or_else(|| "specs".as_ref());
                Path::new(dir).join(path.file_name().unwrap_or_default())
            });
        let id = PageId::from_relative_path(&relative)
            .map_err(|message| vec![Diagnostic::new(&shown, message)])?;
        let parsed = spec::parse(source)
            .map_err(|error| vec![Diagnostic::from_yaml(&shown, source, &error)])?;
        let endpoint = model::validate(parsed, id, &shown, source)?;
        self.check_files(endpoint, source)
    }

    /// The files an endpoint's rendering produces below the output directory: its samples in
    /// `<module>/<page>/<target>.<ext>` and its page in `<module>/<page>.md`.
    pub fn files_of(endpoint: &Endpoint, rendered: RenderedEndpoint) -> Vec<OutputFile> {
        let page_path = endpoint.id.path();
        let mut files: Vec<OutputFile> = rendered
            .samples
            .into_iter()
            .map(|(target, code)| OutputFile {
                path: format!("{page_path}/{}.{}", target.id, target.extension),
                contents: format!("{code}\n"),
            })
            .collect();
        files.push(OutputFile {
            path: format!("{page_path}.md"),
            contents: rendered.page,
        });
        files
    }

    /// `path` as users see it: relative to the project root when inside it.
    pub fn shown(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.root).unwrap_or(path).to_path_buf()
    }
}

fn relative_to(root: &Path, mut diagnostic: Diagnostic) -> Diagnostic {
    if let Ok(relative) = diagnostic.file.strip_prefix(root) {
        diagnostic.file = relative.to_path_buf();
    }
    diagnostic
}

/// The spec files found below the specs directory.
#[derive(Default)]
struct SpecFiles {
    /// `*.yaml` (and mistaken `*.yml`) files, sorted, hidden entries skipped.
    files: Vec<PathBuf>,
    /// Links that lead outside the specs directory.
    outside: Vec<PathBuf>,
    /// Directories reached through links (canonical), so that a link cannot loop.
    visited: std::collections::HashSet<PathBuf>,
}

impl SpecFiles {
    /// Walks `dir`; `linked` says whether it was reached through a link (only then can it be
    /// one already walked).
    fn walk(
        &mut self,
        dir: &Path,
        root: &Path,
        linked: bool,
    ) -> Result<(), (PathBuf, std::io::Error)> {
        let fail = |error| (dir.to_path_buf(), error);
        if linked {
            let canonical = dir.canonicalize().map_err(fail)?;
            if !self.visited.insert(canonical) {
                return Ok(());
            }
        }
        // the file type comes with the directory entry: no extra system call per file
        let mut entries: Vec<(PathBuf, std::fs::FileType)> = std::fs::read_dir(dir)
            .map_err(fail)?
            .map(|entry| entry.and_then(|e| Ok((e.path(), e.file_type()?))))
            .collect::<Result<_, _>>()
            .map_err(fail)?;
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        for (path, kind) in entries {
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            if name.starts_with('.') {
                continue;
            }
            let is_yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
            let is_dir = if kind.is_symlink() {
                let is_dir = path.is_dir();
                if is_dir || is_yaml {
                    match path.canonicalize() {
                        Ok(target) if target.starts_with(root) => {}
                        _ => {
                            self.outside.push(path);
                            continue;
                        }
                    }
                }
                is_dir
            } else {
                kind.is_dir()
            };
            if is_dir {
                self.walk(&path, root, linked || kind.is_symlink())?;
            } else if is_yaml {
                self.files.push(path);
            }
        }
        Ok(())
    }
}
