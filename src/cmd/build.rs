//! `samplegen build`: render every spec into the output directory, with a progress bar on a
//! terminal and one summary line.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};

use crate::build::{self, BuildSummary, Mode};
use crate::error::Error;
use crate::project::Project;
use crate::render::Renderer;

pub fn run(project: &Project, full: bool, out: &mut impl Write) -> Result<ExitCode, Error> {
    let started = Instant::now();
    // compiled only if something needs rendering (see `build::build`)
    let renderer = project.deferred_renderer()?;
    let mode = if full { Mode::Full } else { Mode::Incremental };
    let summary = build_with_progress(project, &renderer, mode)?;
    let mut summary = with_bundle(project, &renderer, summary)?;
    let output_dir = project.output_dir();
    // one write per buffer, not per line: a cold build lists every file it wrote
    let mut listing = std::io::BufWriter::with_capacity(64 * 1024, &mut *out);
    // the directory as `join` would show it, written once: a cold build lists 120,000 files
    // for 10,000 specs, and a path joined and formatted per line cost a fiftieth of the build
    let shown_dir = output_dir.display().to_string();
    let separator = if shown_dir.is_empty() || shown_dir.ends_with('/') {
        ""
    } else {
        "/"
    };
    let lines = summary
        .written
        .iter()
        .map(|path| ("wrote ", path))
        .chain(summary.removed.iter().map(|path| ("removed ", path)));
    for (verb, path) in lines {
        for part in [verb, &shown_dir, separator, path, "\n"] {
            listing.write_all(part.as_bytes()).map_err(Error::stdout)?;
        }
    }
    listing.flush().map_err(Error::stdout)?;
    drop(listing);
    writeln!(out, "{}", summary_line(&summary, started.elapsed())).map_err(Error::stdout)?;
    if let Some(warning) = hidden_warning(&summary.hidden) {
        eprintln!("{warning}");
    }
    // The paths listed (120,000 after a cold build of 10,000 specs) are left for the process's
    // exit to reclaim: freeing them one by one took 4 ms after the answer was given.
    std::mem::forget(std::mem::take(&mut summary.written));
    if summary.problems.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!("{}\n", Error::Diagnostics(summary.problems));
    eprintln!(
        "samplegen: {} spec(s) failed; their earlier output was kept",
        summary.failed.len()
    );
    Ok(ExitCode::FAILURE)
}

/// A build's summary, after writing `samples.json` when the site asks for it.
pub(super) fn with_bundle(
    project: &Project,
    renderer: &Renderer,
    mut summary: BuildSummary,
) -> Result<BuildSummary, Error> {
    if project.config.samples_json && crate::bundle::write(project, renderer, &summary.failed)? {
        summary
            .written
            .push(crate::bundle::SAMPLES_JSON.to_string());
    }
    Ok(summary)
}

/// Builds, with a progress bar on a terminal.
fn build_with_progress(
    project: &Project,
    renderer: &Renderer,
    mode: Mode,
) -> Result<BuildSummary, Error> {
    let bar = if std::io::stderr().is_terminal() {
        let specs = project.discover()?.files.len() as u64;
        let bar = ProgressBar::new(specs);
        bar.set_style(
            ProgressStyle::with_template("{spinner} {pos}/{len} specs {wide_bar} {elapsed}")
                .expect("progress template is valid"),
        );
        bar
    } else {
        ProgressBar::hidden()
    };
    let summary = build::build(project, renderer, mode, &|| bar.inc(1));
    bar.finish_and_clear();
    summary
}

/// The warning for spec files skipped for a leading `.` in their name or a folder's (see
/// [`crate::project::Discovered::hidden`]), or nothing when there are none. A warning, not an
/// error: teams keep drafts so.
pub fn hidden_warning(hidden: &[std::path::PathBuf]) -> Option<String> {
    const LISTED: usize = 5;
    let first = hidden.first()?;
    let mut listed: Vec<String> = hidden
        .iter()
        .take(LISTED)
        .map(|path| format!("`{}`", path.display()))
        .collect();
    if hidden.len() > LISTED {
        listed.push(format!("and {} more", hidden.len() - LISTED));
    }
    // the example is the first file, renamed as a writer would
    let undotted: std::path::PathBuf = first
        .components()
        .map(|part| {
            let name = part.as_os_str().to_string_lossy();
            name.strip_prefix('.')
                .filter(|rest| !rest.is_empty() && *rest != ".")
                .unwrap_or(&name)
                .to_string()
        })
        .collect();
    Some(format!(
        "warning: {} skipped: a file or folder whose name starts with `.` holds no spec (it is taken for an editor's or a tool's); to build a page from it, name it without the dot, as `{}`",
        listed.join(", "),
        undotted.display()
    ))
}

/// One line saying what a build did.
pub fn summary_line(summary: &BuildSummary, elapsed: std::time::Duration) -> String {
    // a spec that failed is no spec built, but it is not nothing either: after a template that
    // fails on every spec, "0 specs" alone would read as an empty project
    let failed = match summary.failed.len() {
        0 => String::new(),
        n => format!(", {n} failed"),
    };
    format!(
        "samplegen: {} specs ({} rendered{failed}), {} files: {} written, {} unchanged, {} removed in {} ms",
        summary.specs,
        summary.rendered,
        summary.files,
        summary.written.len(),
        summary.unchanged,
        summary.removed.len(),
        elapsed.as_millis()
    )
}
