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

/// Builds, then rebuilds whenever something under the specs or templates directory or the config
/// changes, reporting each build; a bad spec or template is reported and watching goes on.
pub fn run(root: &Path, out: &mut impl Write) -> Result<ExitCode, Error> {
    use notify::{RecursiveMode, Watcher};
    use std::sync::mpsc;
    use std::time::Duration;

    let (sender, events) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            let _ = sender.send(event);
        }
    })
    .map_err(|error| Error::Watch(format!("cannot watch files: {error}")))?;
    let mut watching: Vec<PathBuf> = Vec::new();
    let mut output_dir = PathBuf::new();
    loop {
        let started = Instant::now();
        // the config itself may have changed: open the project afresh every time
        let outcome = Project::open(root).and_then(|project| {
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
            output_dir = project.output_dir();
            // events name absolute paths
            if let Ok(absolute) = output_dir.canonicalize() {
                output_dir = absolute;
            }
            let renderer = project.renderer()?;
            let summary = build::build(&project, &renderer, build::Mode::Incremental, &|| {})?;
            super::build::with_bundle(&project, &renderer, summary)
        });
        match outcome {
            Ok(summary) => {
                for path in &summary.written {
                    writeln!(out, "wrote {path}").map_err(Error::stdout)?;
                }
                for path in &summary.removed {
                    writeln!(out, "removed {path}").map_err(Error::stdout)?;
                }
                writeln!(out, "{}", summary_line(&summary, started.elapsed()))
                    .map_err(Error::stdout)?;
                if !summary.problems.is_empty() {
                    eprintln!("{}\n", Error::Diagnostics(summary.problems));
                }
            }
            Err(error) => eprintln!("{error}\n"),
        }
        writeln!(out, "samplegen: watching for changes (Ctrl-C stops)").map_err(Error::stdout)?;
        out.flush().map_err(Error::stdout)?;

        loop {
            let event = events
                .recv()
                .map_err(|_| Error::Watch("the file watcher stopped".into()))?;
            if changes_input(&event, &output_dir) {
                break;
            }
        }
        // let a burst of saves (an editor's temporary file and rename) settle: a few
        // milliseconds, since every one spent here is waited for by the writer; an event that
        // comes later only starts another build, which finds nothing more to do
        while events.recv_timeout(Duration::from_millis(10)).is_ok() {}
    }
}

/// Whether a file event is a change to an input: not a read (a build reads every spec), and not
/// in the output directory (a build writes there).
fn changes_input(event: &notify::Event, output_dir: &Path) -> bool {
    !event.kind.is_access()
        && !event.kind.is_other()
        && event.paths.iter().any(|path| !path.starts_with(output_dir))
}
