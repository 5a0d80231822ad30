//! `samplegen export openapi DOC`: the OpenAPI document the site's specs were imported from, with
//! their samples as `x-codeSamples`, or an Overlay that adds them.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::error::Error;
use crate::project::Project;

/// What `samplegen export` was asked to do.
#[derive(Debug, clap::Args)]
pub struct Request {
    /// What to export: `openapi` (the only kind).
    #[arg(value_enum)]
    pub kind: Kind,
    /// The OpenAPI document the specs were imported from (found by its file name).
    pub document: PathBuf,
    /// Write here instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Write an OpenAPI Overlay 1.0 document that adds the samples, instead of the whole
    /// document with them.
    #[arg(long)]
    pub overlay: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Kind {
    Openapi,
}

pub fn run(project: &Project, request: Request, out: &mut impl Write) -> Result<ExitCode, Error> {
    let Request {
        kind: Kind::Openapi,
        document: path,
        out: out_file,
        overlay,
    } = request;
    let input = |message: String| Error::Input {
        path: path.clone(),
        message,
    };
    let text = std::fs::read_to_string(&path).map_err(|error| Error::Io {
        path: path.clone(),
        error,
    })?;
    let document = crate::import::openapi::parse_document(&text).map_err(input)?;
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();

    let renderer = project.renderer()?;
    let specs = project.load_specs()?;
    if !specs.problems.is_empty() {
        return Err(Error::Diagnostics(specs.problems));
    }
    let operations =
        crate::export::samples_for(&name, &specs.endpoints, &renderer, &project.config)?;
    if operations.is_empty() {
        return Err(input(format!(
            "no spec in `{}` was imported from `{name}` (`origin: openapi: {name}`); import it with `samplegen import openapi`",
            project.config.specs_dir.display()
        )));
    }
    let elsewhere = crate::export::in_other_files(&document, &operations);
    if !elsewhere.is_empty() && !overlay {
        let shown: Vec<String> = elsewhere
            .iter()
            .map(|(path, reference)| format!("`{path}` in `{reference}`"))
            .collect();
        return Err(input(format!(
            "the document keeps path items in other files ({}), where samples cannot be written into it: export an Overlay with --overlay (its targets are the bundled document's), or bundle the document into one file first (`redocly bundle`) and export that",
            shown.join(", ")
        )));
    }
    let operations_here: Vec<_> = operations
        .iter()
        .filter(|op| !elsewhere.iter().any(|(path, _)| *path == op.path))
        .cloned()
        .collect();
    let missing = crate::export::missing(&document, &operations_here);
    if !missing.is_empty() {
        return Err(input(format!(
            "the document has no operation {}, which specs name as their origin",
            missing.join(", ")
        )));
    }
    let shared = crate::export::shared_operations(&document, &operations_here);
    if let Some((first, second)) = shared.first() {
        return Err(input(format!(
            "{first} and {second} are one operation of a path item both paths refer to, and their samples differ: written there, one path's samples would stand for the other's; give each path its own path item"
        )));
    }
    let exported = if overlay {
        let title = document
            .pointer("/info/title")
            .and_then(|t| t.as_str())
            .unwrap_or(&name)
            .to_string();
        crate::export::overlay(&name, &document, &title, &operations)
    } else {
        crate::export::with_code_samples(document, &operations)
    };
    // written in the format it was read in
    // (a JSON document may start with a byte order mark, which JSON readers skip)
    let written = if text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
    {
        let mut json = serde_json::to_string_pretty(&exported).expect("JSON serializes");
        json.push('\n');
        json
    } else {
        crate::yaml::to_portable_string(&exported)
    };
    match out_file {
        None => out.write_all(written.as_bytes()).map_err(Error::stdout)?,
        // whole or not at all, with the permissions any new file gets (not a temporary file's
        // owner-only ones)
        Some(file) => {
            crate::fs_safe::write_atomically(&file, written.as_bytes()).map_err(|error| {
                Error::Io {
                    path: file.clone(),
                    error,
                }
            })?
        }
    }
    Ok(ExitCode::SUCCESS)
}
