//! `samplegen import FORMAT INPUT`: specs written from a Postman collection, an OpenAPI
//! document, a HAR capture or a curl command line.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::error::Error;
use crate::import::Format;
use crate::project::Project;

/// What `samplegen import` was asked to do.
#[derive(Debug, clap::Args)]
pub struct Request {
    /// The input's format.
    #[arg(value_enum)]
    pub format: Format,
    /// The input file, or `-` for standard input.
    pub input: PathBuf,
    /// Where the specs go: a directory below the specs directory, as a path from the project
    /// directory (default: `specs/imported`, `<specs>/imported` for another specs directory).
    #[arg(long, value_name = "DIR")]
    pub into: Option<PathBuf>,
    /// Overwrite specs that exist (only the files this import writes).
    #[arg(long)]
    pub force: bool,
    /// List every note, not only how many of each kind.
    #[arg(short, long)]
    pub verbose: bool,
    /// OpenAPI: write every optional query parameter, header, cookie and body property (by
    /// default a sample has the required ones only, as a docs page shows it).
    #[arg(long)]
    pub all_params: bool,
}

pub fn run(project: &Project, request: Request, out: &mut impl Write) -> Result<ExitCode, Error> {
    let Request {
        format,
        input,
        into,
        force,
        verbose,
        all_params,
    } = request;
    let input = input.as_path();
    let from_stdin = input == std::path::Path::new("-");
    let text = if from_stdin {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).map_err(|error| {
            Error::Io {
                path: "stdin".into(),
                error,
            }
        })?;
        text_of(std::path::Path::new("stdin"), bytes)?
    } else {
        let bytes = std::fs::read(input).map_err(|error| Error::Io {
            path: input.to_path_buf(),
            error,
        })?;
        text_of(input, bytes)?
    };
    let mut imported = crate::import::read(
        format,
        &text,
        crate::import::Options {
            all_params,
            // standard input has no name to find the document by
            document: (!from_stdin)
                .then(|| input.file_name())
                .flatten()
                .map(|name| name.to_string_lossy().into_owned()),
            path: (!from_stdin).then(|| input.to_path_buf()),
            folder: Some(references_folder(project, input)),
        },
    )
    .map_err(|message| Error::Input {
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
        // `--into pets` meant below the specs directory: the path is the project's
        let meant = into
            .strip_prefix(&project.root)
            .ok()
            .filter(|relative| {
                relative
                    .components()
                    .all(|part| matches!(part, std::path::Component::Normal(_)))
            })
            .map(|relative| project.shown(&specs_dir.join(relative)));
        return Err(Error::Usage(match meant {
            Some(meant) => format!(
                "--into {} is not below the specs directory {}: --into is a path from the project directory (--into {})",
                project.shown(&into).display(),
                project.shown(&specs_dir).display(),
                meant.display()
            ),
            None => format!(
                "--into {} is not below the specs directory {}",
                into.display(),
                specs_dir.display()
            ),
        }));
    }
    let settled =
        crate::import::site_variables::settle(&mut imported, &project.config.sample_values);
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
    let config = crate::config::CONFIG_FILE;
    let variable_lines = settled
        .taken_from_config
        .iter()
        .map(|(name, value)| {
            format!("{config}: the input gives {{{{{name}}}}} no value; its specs take this file's: {value}")
        })
        .chain(settled.set_in_specs.iter().map(|(name, specs)| {
            format!("{config}: sets {name} to another value; the {specs} imported specs that write {{{{{name}}}}} set this input's value in their own `variables:`")
        }))
        .chain((!settled.unused.is_empty()).then(|| {
            format!(
                "{config}: not set from the import, since no imported spec writes them: {}",
                settled.unused.join(", ")
            )
        }));
    for line in variable_lines {
        writeln!(out, "{line}").map_err(Error::stdout)?;
    }
    if !imported.variables.is_empty() {
        for line in set_site_variables(project, &imported.variables)? {
            writeln!(out, "{line}").map_err(Error::stdout)?;
        }
    }
    // one line per kind of note, with how many; each note below it with --verbose; the input's
    // text in them shown, never run by the terminal
    for note in &mut imported.notes {
        note.at = crate::diagnostic::terminal_safe(&note.at, false);
        note.message = crate::diagnostic::terminal_safe(&note.message, false);
    }
    let counts = imported.note_counts();
    for (kind, count) in &counts {
        let first = imported
            .notes
            .iter()
            .find(|note| note.kind == *kind)
            .expect("a counted kind has a note");
        if verbose {
            writeln!(out, "note: {kind}: {count}").map_err(Error::stdout)?;
            for note in imported.notes.iter().filter(|note| note.kind == *kind) {
                writeln!(out, "  {}: {}", note.at, note.message).map_err(Error::stdout)?;
            }
        } else if *count == 1 {
            writeln!(out, "note: {kind}: {}: {}", first.at, first.message)
                .map_err(Error::stdout)?;
        } else {
            writeln!(
                out,
                "note: {kind}: {count}, the first {}: {} (--verbose lists them)",
                first.at, first.message
            )
            .map_err(Error::stdout)?;
        }
    }
    let notes = if counts.is_empty() {
        "no notes".to_string()
    } else {
        let kinds: Vec<String> = counts
            .iter()
            .map(|(kind, count)| format!("{count} {kind}"))
            .collect();
        format!("notes: {}", kinds.join(", "))
    };
    writeln!(
        out,
        "samplegen import: {} requests read, {} specs written, {} kept, {} not representable; {notes}",
        imported.items.len(),
        written.written.len(),
        written.kept.len(),
        written.not_written,
    )
    .map_err(Error::stdout)?;
    let shown_input = if from_stdin {
        std::path::Path::new("<stdin>")
    } else {
        input
    };
    let mut problems = written.invalid;
    for rejected in &written.rejected {
        problems.extend(rejected.diagnostics(shown_input, &text));
    }
    if problems.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("{}", Error::Diagnostics(problems));
        Ok(ExitCode::FAILURE)
    }
}

/// The folder the files an imported document's references name must be in: the project's,
/// when the document is in it, else the document's own. A document from a pull request then
/// cannot bring a file from elsewhere on the machine (`~/.aws/credentials`, `../../.env`) into
/// a spec.
fn references_folder(project: &Project, input: &std::path::Path) -> PathBuf {
    let root = project.canonical_root();
    let document = input.canonicalize().unwrap_or_else(|_| input.to_path_buf());
    if document.starts_with(root) {
        return root.to_path_buf();
    }
    document
        .parent()
        .map_or_else(|| root.to_path_buf(), std::path::Path::to_path_buf)
}

/// Adds the values the import found to the project's `samplegen.yaml` `variables:` (see
/// [`crate::import::site_variables`]), and says what it did. When the project would then not
/// build, the file is put back as it was and the message says why.
fn set_site_variables(
    project: &Project,
    found: &indexmap::IndexMap<String, String>,
) -> Result<Vec<String>, Error> {
    let root = project.canonical_root();
    let path = root.join(crate::config::CONFIG_FILE);
    let io = |error: std::io::Error| Error::Io {
        path: path.clone(),
        error,
    };
    let before = match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => return Err(io(error)),
    };
    let shown = crate::config::CONFIG_FILE;
    let merged = |found: &indexmap::IndexMap<String, String>| {
        crate::import::site_variables::merge(
            before.as_deref().unwrap_or(""),
            &project.config.sample_values,
            found,
        )
    };
    let merge = match merged(found) {
        Ok(merge) => merge,
        Err(why) => {
            let names: Vec<&str> = found.keys().map(String::as_str).collect();
            return Ok(vec![format!(
                "{shown}: not changed ({why}): {}",
                names.join(", ")
            )]);
        }
    };
    let mut lines = Vec::new();
    if !merge.kept.is_empty() {
        lines.push(format!(
            "{shown}: kept its own value of {}",
            merge.kept.join(", ")
        ));
    }
    let Some(text) = merge.text.as_deref() else {
        return Ok(lines);
    };
    // a link in its place is replaced, not followed
    let write = |text: &str| crate::fs_safe::write_atomically(&path, text.as_bytes());
    let restore = || match &before {
        Some(text) => write(text),
        None => std::fs::remove_file(&path),
    };
    // the problems of the project's specs with the file as written: a value that adds one (a
    // collection's `baseUrl: /` makes every `{{baseUrl}}/books` no URL) is not offered
    let problems = || -> Result<(usize, String), String> {
        Project::open(root)
            .and_then(|reopened| reopened.load_specs())
            .map(|specs| {
                let first = specs.problems.first().map(ToString::to_string);
                (specs.problems.len(), first.unwrap_or_default())
            })
            .map_err(|error| error.to_string())
    };
    let baseline = project
        .load_specs()
        .map_or(usize::MAX, |specs| specs.problems.len());
    let try_text = |text: &str| -> Result<Result<(), String>, Error> {
        write(text).map_err(io)?;
        let first_line = |text: &str| text.lines().next().unwrap_or_default().to_string();
        Ok(match problems() {
            Ok((count, _)) if count <= baseline => Ok(()),
            Ok((_, problem)) => Err(first_line(&problem)),
            Err(error) => Err(first_line(&error)),
        })
    };
    let why = match try_text(text)? {
        Ok(()) => {
            lines.push(format!(
                "{shown}: variables set from the import: {}",
                merge.added.join(", ")
            ));
            return Ok(lines);
        }
        Err(why) => why,
    };
    // one by one, each kept when the project builds as well with it
    let mut accepted = indexmap::IndexMap::new();
    let mut refused = Vec::new();
    for name in &merge.added {
        let mut candidate = accepted.clone();
        candidate.insert(name.clone(), found[name].clone());
        let fits = match merged(&candidate) {
            Ok(merge) => match merge.text {
                Some(text) => try_text(&text)?.is_ok(),
                None => false,
            },
            Err(_) => false,
        };
        if fits {
            accepted = candidate;
        } else {
            refused.push(name.clone());
        }
    }
    match merged(&accepted).ok().and_then(|merge| merge.text) {
        Some(text) if !accepted.is_empty() => {
            write(&text).map_err(io)?;
            let names: Vec<&str> = accepted.keys().map(String::as_str).collect();
            lines.push(format!(
                "{shown}: variables set from the import: {}",
                names.join(", ")
            ));
        }
        _ => restore().map_err(io)?,
    }
    lines.push(format!(
        "{shown}: not set: with {} set, the project would not build ({why})",
        refused.join(", ")
    ));
    Ok(lines)
}

/// An input file's text, or why it has none: a zip archive (Playwright records a `.har.zip`, a
/// docs export may be zipped) is named as one, which samplegen does not open.
fn text_of(input: &std::path::Path, bytes: Vec<u8>) -> Result<String, Error> {
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(Error::Input {
            path: input.to_path_buf(),
            message: "a zip archive (Playwright writes a HAR recorded to a `.zip` path so, its bodies beside it), which samplegen does not open: unzip it and import the file inside (`unzip rec.har.zip`, then `samplegen import har har.har`)".into(),
        });
    }
    // UTF-16 with its byte-order mark, as Windows PowerShell 5 writes a file (`Out-File`, `>`)
    let utf16 = |rest: &[u8], unit: fn([u8; 2]) -> u16| {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|pair| unit([pair[0], *pair.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16(&units).map_err(|_| Error::Input {
            path: input.to_path_buf(),
            message: "UTF-16 text (by its byte-order mark) that does not decode".into(),
        })
    };
    if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        return utf16(rest, u16::from_be_bytes);
    }
    String::from_utf8(bytes).map_err(|error| Error::Input {
        path: input.to_path_buf(),
        message: format!(
            "not UTF-8 text (a byte that is none at byte {}), which every format samplegen imports is",
            error.utf8_error().valid_up_to()
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::text_of;
    use std::path::Path;

    #[test]
    fn an_input_is_utf8_or_utf16_text_and_a_zip_is_named_as_one() {
        let path = Path::new("in.har");
        assert_eq!(text_of(path, b"curl x".to_vec()).unwrap(), "curl x");
        let utf16: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("curl é".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(text_of(path, utf16).unwrap(), "curl é");
        let zip = text_of(path, b"PK\x03\x04rest".to_vec()).unwrap_err();
        assert!(zip.to_string().contains("a zip archive"), "{zip}");
        let latin1 = text_of(path, b"caf\xe9".to_vec()).unwrap_err();
        assert!(
            latin1
                .to_string()
                .contains("not UTF-8 text (a byte that is none at byte 3)"),
            "{latin1}"
        );
    }
}
