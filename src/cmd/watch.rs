//! `samplegen watch`: build, then rebuild on every change to the specs, the templates or the
//! config, reporting each build.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use super::build::summary_line;
use crate::build;
use crate::error::Error;
use crate::project::Project;
use crate::render::Renderer;

/// Builds, then rebuilds whenever something under the specs or templates directory or the config
/// changes, reporting each build; a bad spec or template is reported and watching goes on.
pub fn run(root: &Path, out: &mut impl Write) -> Result<ExitCode, Error> {
    use std::sync::mpsc;

    let (sender, events) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            let _ = sender.send(event);
        }
    })
    .map_err(|error| Error::Watch(format!("cannot watch files: {error}")))?;
    let mut watching: Vec<PathBuf> = Vec::new();
    let mut output_dir = PathBuf::new();
    // What the last full build left in memory: the project, its renderer and which spec wrote
    // which files. A change to specs alone rebuilds those specs with it (unless the site keeps
    // `samples.json`, which holds every page: then each change is a full incremental build).
    let mut kept: Option<(Project, Renderer, build::Known)> = None;
    let mut changed: Vec<PathBuf> = Vec::new();
    loop {
        let started = Instant::now();
        let mut report = |summary: &build::BuildSummary| report(out, summary, started);
        let targeted = match kept.as_mut() {
            Some((project, renderer, known))
                if !changed.is_empty() && !project.config.samples_json =>
            {
                build::rebuild_specs(project, renderer, known, &changed, &mut report)
            }
            _ => Ok(None),
        };
        let outcome = match targeted {
            Ok(Some(())) => Ok(()),
            Ok(None) => {
                kept = None;
                full_build(root, &mut watcher, &mut watching, &mut output_dir).and_then(
                    |(summary, state)| {
                        kept = Some(state);
                        report(&summary)
                    },
                )
            }
            Err(error) => Err(error),
        };
        if let Err(error) = outcome {
            eprintln!("{error}\n");
        }
        writeln!(out, "samplegen: watching for changes (Ctrl-C stops)").map_err(Error::stdout)?;
        out.flush().map_err(Error::stdout)?;

        changed = next_changes(&events, &output_dir)?;
    }
}

/// Prints what a build wrote and removed, its summary line and its problems.
fn report(
    out: &mut impl Write,
    summary: &build::BuildSummary,
    started: Instant,
) -> Result<(), Error> {
    for path in &summary.written {
        writeln!(out, "wrote {path}").map_err(Error::stdout)?;
    }
    for path in &summary.removed {
        writeln!(out, "removed {path}").map_err(Error::stdout)?;
    }
    writeln!(out, "{}", summary_line(summary, started.elapsed())).map_err(Error::stdout)?;
    if let Some(warning) = super::build::hidden_warning(&summary.hidden) {
        eprintln!("{warning}");
    }
    out.flush().map_err(Error::stdout)?;
    if !summary.problems.is_empty() {
        eprintln!("{}\n", Error::Diagnostics(summary.problems.clone()));
    }
    Ok(())
}

/// Opens the project afresh (the config itself may have changed), watches its inputs, and
/// builds incrementally, keeping what the build knows.
fn full_build(
    root: &Path,
    watcher: &mut impl notify::Watcher,
    watching: &mut Vec<PathBuf>,
    output_dir: &mut PathBuf,
) -> Result<(build::BuildSummary, (Project, Renderer, build::Known)), Error> {
    use notify::RecursiveMode;
    let project = Project::open(root)?;
    let wanted = [
        project.specs_dir(),
        project.root.join(&project.config.templates_dir),
        project.root.join(crate::config::CONFIG_FILE),
    ];
    for path in wanted {
        if !watching.contains(&path) && path.exists() {
            let mode = if path.is_dir() {
                RecursiveMode::Recursive
            } else {
                RecursiveMode::NonRecursive
            };
            if watcher.watch(&path, mode).is_ok() {
                watching.push(path);
            }
        }
    }
    *output_dir = project.output_dir();
    // events name absolute paths
    if let Ok(absolute) = output_dir.canonicalize() {
        *output_dir = absolute;
    }
    let renderer = project.renderer()?;
    let (summary, known) =
        build::build_keeping(&project, &renderer, build::Mode::Incremental, &|| {})?;
    let summary = super::build::with_bundle(&project, &renderer, summary)?;
    Ok((summary, (project, renderer, known)))
}

/// Waits for a change to an input and returns the paths changed. A file being written is waited
/// for until it is closed (or, when no close is seen, until a burst of events has settled for a
/// few milliseconds), so that a build never reads it half-written; a closed file is built at
/// once, since every millisecond spent here is waited for by the writer. An event that comes
/// later only starts another build, which finds nothing more to do.
fn next_changes(
    events: &std::sync::mpsc::Receiver<notify::Event>,
    output_dir: &Path,
) -> Result<Vec<PathBuf>, Error> {
    use notify::EventKind;
    use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind};
    use std::time::Duration;

    let mut changed: Vec<PathBuf> = Vec::new();
    // files created or written to and not yet closed
    let mut open: Vec<PathBuf> = Vec::new();
    let take = |event: notify::Event, changed: &mut Vec<PathBuf>, open: &mut Vec<PathBuf>| {
        let closed = matches!(
            event.kind,
            EventKind::Access(AccessKind::Close(AccessMode::Write))
        );
        if !closed && !changes_input(&event, output_dir) {
            return;
        }
        for path in event.paths {
            if path.starts_with(output_dir) {
                continue;
            }
            if closed {
                open.retain(|p| *p != path);
            } else if matches!(
                event.kind,
                EventKind::Modify(ModifyKind::Data(_)) | EventKind::Create(CreateKind::File)
            ) && !open.contains(&path)
            {
                open.push(path.clone());
            }
            if !changed.contains(&path) {
                changed.push(path);
            }
        }
    };
    while changed.is_empty() {
        let event = events
            .recv()
            .map_err(|_| Error::Watch("the file watcher stopped".into()))?;
        take(event, &mut changed, &mut open);
    }
    loop {
        // whatever has already arrived belongs to this change
        while let Ok(event) = events.try_recv() {
            take(event, &mut changed, &mut open);
        }
        if open.is_empty() {
            return Ok(changed);
        }
        match events.recv_timeout(Duration::from_millis(10)) {
            Ok(event) => take(event, &mut changed, &mut open),
            Err(_) => return Ok(changed),
        }
    }
}

/// Whether a file event is a change to an input: not a read (a build reads every spec), and not
/// in the output directory (a build writes there).
fn changes_input(event: &notify::Event, output_dir: &Path) -> bool {
    !event.kind.is_access()
        && !event.kind.is_other()
        && event.paths.iter().any(|path| !path.starts_with(output_dir))
}
