//! A project on disk: its config, its specs (found, parsed, validated) and the output files they
//! produce. The commands are built from these steps.

use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::{self, Endpoint, PageId};
use crate::output::OutputFile;
use crate::render::{RenderError, Renderer};
use crate::spec;

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

    /// Finds, parses and validates every spec, collecting every problem.
    pub fn load_specs(&self) -> Result<Specs, Error> {
        let specs_dir = self.specs_dir();
        let mut files = Vec::new();
        find_yaml_files(&specs_dir, &mut files).map_err(|error| Error::Io {
            path: specs_dir.clone(),
            error,
        })?;
        let mut specs = Specs {
            endpoints: Vec::new(),
            problems: Vec::new(),
            failed: BTreeSet::new(),
        };
        for path in files {
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

    /// Parses and validates one spec file. Its page id comes from its path below the specs
    /// directory, or, for a file elsewhere, from its own directory and name.
    pub fn load_spec(&self, path: &Path) -> Result<Endpoint, Vec<Diagnostic>> {
        let path: PathBuf = path
            .components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect();
        let path = path.as_path();
        let shown = self.shown(path);
        let source = std::fs::read_to_string(path)
            .map_err(|error| vec![Diagnostic::new(&shown, format!("cannot read: {error}"))])?;
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
        let parsed = spec::parse(&source)
            .map_err(|error| vec![Diagnostic::from_yaml(&shown, &source, &error)])?;
        model::validate(parsed, id, &shown, &source)
    }

    /// Renders every endpoint into the files it produces below the output directory.
    pub fn output_files(
        &self,
        endpoints: &[Endpoint],
        renderer: &Renderer,
    ) -> Result<Vec<OutputFile>, Error> {
        let mut files = Vec::new();
        for endpoint in endpoints {
            let rendered = renderer.render(endpoint, &self.config)?;
            let page_path = endpoint.id.path();
            let spec = endpoint.source.display().to_string();
            for (target, code) in rendered.samples {
                files.push(OutputFile {
                    path: format!("{page_path}/{}.{}", target.id, target.extension),
                    contents: format!("{code}\n"),
                    spec: spec.clone(),
                });
            }
            files.push(OutputFile {
                path: format!("{page_path}.md"),
                contents: rendered.page,
                spec,
            });
        }
        Ok(files)
    }

    /// `path` as users see it: relative to the project root when inside it.
    fn shown(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.root).unwrap_or(path).to_path_buf()
    }
}

fn relative_to(root: &Path, mut diagnostic: Diagnostic) -> Diagnostic {
    if let Ok(relative) = diagnostic.file.strip_prefix(root) {
        diagnostic.file = relative.to_path_buf();
    }
    diagnostic
}

/// Every `*.yaml` file below `dir`, sorted, skipping hidden entries. A missing `dir` has none.
fn find_yaml_files(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(error) => return Err(error),
    };
    let mut paths: Vec<PathBuf> = entries
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            find_yaml_files(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            files.push(path);
        }
    }
    Ok(())
}
