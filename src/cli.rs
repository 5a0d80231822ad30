//! The command line: `build`, `check`, `render`, `targets`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};

use crate::build::{self, BuildSummary};
use crate::project::{Error, Project};
use crate::render::Renderer;
use crate::targets::{self, TARGETS};
use crate::verify;

#[derive(Debug, Parser)]
#[command(
    name = "samplegen",
    version,
    about = "Render API request specs into code samples in eleven languages and Markdown pages, and keep them in sync."
)]
struct Cli {
    /// The project directory (holding samplegen.yaml, specs/, templates/, output/).
    #[arg(
        short = 'C',
        long = "project",
        value_name = "DIR",
        default_value = ".",
        global = true
    )]
    project: PathBuf,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Render every spec into output/, writing only the files that change.
    Build,
    /// Write nothing; exit 1 with a diff for every output file that is out of date, missing or stale.
    Check,
    /// Print one spec's page, or with --target one of its samples, to stdout.
    Render {
        /// The spec file.
        spec: PathBuf,
        /// A target id (see `samplegen targets`).
        #[arg(long, value_name = "ID")]
        target: Option<String>,
    },
    /// List the target ids, their tab labels and fence info strings, in tab order.
    Targets,
    /// Build, then rebuild on every change to the specs, the templates or the config (Ctrl-C stops).
    Watch,
    /// Write specs for the requests of a Postman collection, an OpenAPI document, a HAR capture or
    /// a curl command line.
    Import {
        /// The input's format.
        #[arg(value_enum)]
        format: crate::import::Format,
        /// The input file, or `-` for standard input.
        input: PathBuf,
        /// Where the specs go, below the specs directory (default: `<specs>/imported`).
        #[arg(long, value_name = "DIR")]
        into: Option<PathBuf>,
        /// Overwrite specs that exist (only the files this import writes).
        #[arg(long)]
        force: bool,
    },
    /// Prove the samples: each parses, and run against a loopback echo server, sends exactly its
    /// spec's request.
    Verify {
        /// Spec files (all of the project's when none are given).
        specs: Vec<PathBuf>,
        /// Only this target (repeatable).
        #[arg(long = "target", value_name = "ID")]
        targets: Vec<String>,
        /// Print the outcomes as JSON.
        #[arg(long)]
        json: bool,
        /// Fail also when a runtime is not installed (Swift is always checked by syntax only).
        #[arg(long)]
        require_all: bool,
        /// The runners' directory (node/, php/, csharp/); this source tree's tests/support by default.
        #[arg(long, value_name = "DIR")]
        support: Option<PathBuf>,
    },
}

/// Runs the command line and turns the outcome into an exit code: 0 done, 1 problems found
/// (bad specs, drift), 2 bad usage.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut stdout = std::io::stdout().lock();
    match run(cli, &mut stdout) {
        Ok(code) => code,
        Err(error) => {
            let _ = stdout.flush();
            eprintln!("{error}");
            match error {
                Error::Usage(_) => ExitCode::from(2),
                _ => ExitCode::FAILURE,
            }
        }
    }
}

fn stdout_error(error: std::io::Error) -> Error {
    Error::Io {
        path: "stdout".into(),
        error,
    }
}

/// Builds, with a progress bar on a terminal.
fn build_with_progress(project: &Project, renderer: &Renderer) -> Result<BuildSummary, Error> {
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
    let summary = build::build(project, renderer, &|| bar.inc(1));
    bar.finish_and_clear();
    summary
}

/// Builds, then rebuilds whenever something under the specs or templates directory or the config
/// changes, reporting each build; a bad spec or template is reported and watching goes on.
fn watch(root: &std::path::Path, out: &mut impl Write) -> Result<ExitCode, Error> {
    use notify::{RecursiveMode, Watcher};
    use std::sync::mpsc;
    use std::time::Duration;

    let (sender, events) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            let _ = sender.send(event);
        }
    })
    .map_err(|error| Error::Usage(format!("cannot watch files: {error}")))?;
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
            build::build(&project, &renderer, &|| {})
        });
        match outcome {
            Ok(summary) => {
                for path in &summary.written {
                    writeln!(out, "wrote {path}").map_err(stdout_error)?;
                }
                for path in &summary.removed {
                    writeln!(out, "removed {path}").map_err(stdout_error)?;
                }
                writeln!(out, "{}", summary_line(&summary, started.elapsed()))
                    .map_err(stdout_error)?;
                if !summary.problems.is_empty() {
                    eprintln!("{}\n", Error::Diagnostics(summary.problems));
                }
            }
            Err(error) => eprintln!("{error}\n"),
        }
        writeln!(out, "samplegen: watching for changes (Ctrl-C stops)").map_err(stdout_error)?;
        out.flush().map_err(stdout_error)?;

        loop {
            let event = events
                .recv()
                .map_err(|_| Error::Usage("the file watcher stopped".into()))?;
            if changes_input(&event, &output_dir) {
                break;
            }
        }
        // let a burst of saves settle
        while events.recv_timeout(Duration::from_millis(100)).is_ok() {}
    }
}

/// Whether a file event is a change to an input: not a read (a build reads every spec), and not
/// in the output directory (a build writes there).
fn changes_input(event: &notify::Event, output_dir: &std::path::Path) -> bool {
    !event.kind.is_access()
        && !event.kind.is_other()
        && event.paths.iter().any(|path| !path.starts_with(output_dir))
}

/// One line saying what a build did.
pub fn summary_line(summary: &BuildSummary, elapsed: std::time::Duration) -> String {
    format!(
        "samplegen: {} specs ({} rendered), {} files: {} written, {} unchanged, {} removed in {} ms",
        summary.specs,
        summary.rendered,
        summary.files,
        summary.written.len(),
        summary.unchanged,
        summary.removed.len(),
        elapsed.as_millis()
    )
}

fn run(cli: Cli, out: &mut impl Write) -> Result<ExitCode, Error> {
    let project = Project::open(&cli.project)?;
    match cli.command {
        Command::Build => {
            let started = Instant::now();
            let renderer = project.renderer()?;
            let summary = build_with_progress(&project, &renderer)?;
            let output_dir = project.output_dir();
            for path in &summary.written {
                writeln!(out, "wrote {}", output_dir.join(path).display()).map_err(stdout_error)?;
            }
            for path in &summary.removed {
                writeln!(out, "removed {}", output_dir.join(path).display())
                    .map_err(stdout_error)?;
            }
            writeln!(out, "{}", summary_line(&summary, started.elapsed())).map_err(stdout_error)?;
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
        Command::Check => {
            let renderer = project.renderer()?;
            let summary = build::check(&project, &renderer)?;
            if !summary.problems.is_empty() {
                return Err(Error::Diagnostics(summary.problems));
            }
            let output_dir = project.output_dir();
            for drift in &summary.drifts {
                write!(
                    out,
                    "{} is {}\n{}\n",
                    output_dir.join(&drift.path).display(),
                    drift.kind.describe(),
                    drift.diff
                )
                .map_err(stdout_error)?;
            }
            if summary.drifts.is_empty() {
                writeln!(
                    out,
                    "samplegen: {} files in sync with {} specs",
                    summary.files, summary.specs
                )
                .map_err(stdout_error)?;
                Ok(ExitCode::SUCCESS)
            } else {
                writeln!(
                    out,
                    "samplegen: {} of {} files out of sync; run `samplegen build`",
                    summary.drifts.len(),
                    summary.files + 1
                )
                .map_err(stdout_error)?;
                Ok(ExitCode::FAILURE)
            }
        }
        Command::Render { spec, target } => {
            let renderer = project.renderer()?;
            let endpoint = project
                .load_spec(&project.resolve(&spec))
                .map_err(Error::Diagnostics)?;
            let text = match target {
                None => renderer.render(&endpoint, &project.config)?.page,
                Some(id) => {
                    let target = targets::find_or_suggest(&id).map_err(Error::Usage)?;
                    format!("{}\n", renderer.sample(&endpoint, target)?)
                }
            };
            out.write_all(text.as_bytes()).map_err(stdout_error)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Watch => watch(&cli.project, out),
        Command::Import {
            format,
            input,
            into,
            force,
        } => {
            let text = if input == std::path::Path::new("-") {
                let mut text = String::new();
                std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).map_err(
                    |error| Error::Io {
                        path: "stdin".into(),
                        error,
                    },
                )?;
                text
            } else {
                std::fs::read_to_string(&input).map_err(|error| Error::Io {
                    path: input.clone(),
                    error,
                })?
            };
            let imported = crate::import::read(format, &text)
                .map_err(|message| Error::Usage(format!("{}: {message}", input.display())))?;
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
                crate::import::write(&imported, &into, &specs_dir, force).map_err(|error| {
                    Error::Io {
                        path: into.clone(),
                        error,
                    }
                })?;
            for path in &written.written {
                writeln!(out, "wrote {}", project.shown(path).display()).map_err(stdout_error)?;
            }
            for path in &written.kept {
                writeln!(
                    out,
                    "kept {} (it exists; --force overwrites it)",
                    project.shown(path).display()
                )
                .map_err(stdout_error)?;
            }
            for note in &imported.notes {
                writeln!(out, "note: {}: {}", note.at, note.message).map_err(stdout_error)?;
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
            .map_err(stdout_error)?;
            if written.invalid.is_empty() {
                Ok(ExitCode::SUCCESS)
            } else {
                eprintln!("{}", Error::Diagnostics(written.invalid));
                Ok(ExitCode::FAILURE)
            }
        }
        Command::Verify {
            specs,
            targets,
            json,
            require_all,
            support,
        } => {
            for id in &targets {
                targets::find_or_suggest(id).map_err(Error::Usage)?;
            }
            let renderer = project.renderer()?;
            let options = verify::Options {
                specs,
                targets,
                support: support.unwrap_or_else(verify::default_support),
            };
            let started = Instant::now();
            let outcomes = verify::verify(&project, &renderer, &options, &mut |outcome| {
                if !json {
                    eprintln!("{} [{}] {:?}", outcome.spec, outcome.target, outcome.status);
                }
            })?;
            if json {
                let text = serde_json::to_string_pretty(&outcomes).expect("outcomes serialize");
                writeln!(out, "{text}").map_err(stdout_error)?;
            } else {
                write!(out, "{}", verify::report(&outcomes)).map_err(stdout_error)?;
                writeln!(out, "in {:.1} s", started.elapsed().as_secs_f64())
                    .map_err(stdout_error)?;
            }
            let failed = outcomes.iter().any(|o| {
                matches!(o.status, verify::Status::Failed(_))
                    || (require_all && matches!(o.status, verify::Status::NotRun(_)))
            });
            Ok(if failed {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Targets => {
            for target in &project.config.targets {
                writeln!(
                    out,
                    "{:<8} {:<8} {:<12} {}",
                    target.target.id, target.label, target.fence, target.target.client
                )
                .map_err(stdout_error)?;
            }
            let unused: Vec<&str> = TARGETS
                .iter()
                .filter(|t| !project.config.targets.iter().any(|s| s.target.id == t.id))
                .map(|t| t.id)
                .collect();
            if !unused.is_empty() {
                writeln!(
                    out,
                    "(not rendered by this site's config: {})",
                    unused.join(", ")
                )
                .map_err(stdout_error)?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
