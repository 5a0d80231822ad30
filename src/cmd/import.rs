//! `samplegen import FORMAT INPUT`: specs written from a Postman collection, an OpenAPI
//! document, a HAR capture or a curl command line.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::error::Error;
use crate::import::Format;
use crate::project::Project;

pub fn run(
    project: &Project,
    format: Format,
    input: &Path,
    into: Option<PathBuf>,
    force: bool,
    out: &mut impl Write,
) -> Result<ExitCode, Error> {
    let text = if input == std::path::Path::new("-") {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).map_err(|error| {
            Error::Io {
                path: "stdin".into(),
                error,
            }
        })?;
        text
    } else {
        std::fs::read_to_string(input).map_err(|error| Error::Io {
            path: input.to_path_buf(),
            error,
        })?
    };
    let imported = crate::import::read(format, &text).map_err(|message| Error::Input {
        path: input.to_path_buf(),
        message,
    })?;
    let specs_dir = project.specs_dir();
    let into = match into {
        Some(dir) if dir.is_absolute() => dir,
        Some(dir) => project.root.join(dir),
        None => specs_dir.join("imported"),
    };
    if !into.starts_with(&specs_dir) {
        return Err(Error::Usage(format!(
            "--into {} is not below the specs directory {}",
            into.display(),
            specs_dir.display()
        )));
    }
    let written =
        crate::import::write(&imported, &into, &specs_dir, force).map_err(|error| Error::Io {
            path: into.clone(),
            error,
        })?;
    for path in &written.written {
        writeln!(out, "wrote {}", project.shown(path).display()).map_err(Error::stdout)?;
    }
    for path in &written.kept {
        writeln!(
            out,
            "kept {} (it exists; --force overwrites it)",
            project.shown(path).display()
        )
        .map_err(Error::stdout)?;
    }
    for note in &imported.notes {
        writeln!(out, "note: {}: {}", note.at, note.message).map_err(Error::stdout)?;
    }
    writeln!(
        out,
        "samplegen import: {} requests, {} specs written, {} kept, {} not representable, {} notes",
        imported.items.len(),
        written.written.len(),
        written.kept.len(),
        written.invalid.len(),
        imported.notes.len()
    )
    .map_err(Error::stdout)?;
    if written.invalid.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("{}", Error::Diagnostics(written.invalid));
        Ok(ExitCode::FAILURE)
    }
}
