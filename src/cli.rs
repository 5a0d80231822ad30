//! The command line: `build`, `check`, `render`, `targets`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};

use crate::output;
use crate::project::{Error, Project};
use crate::targets::{self, TARGETS};

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

fn run(cli: Cli, out: &mut impl Write) -> Result<ExitCode, Error> {
    let project = Project::open(&cli.project)?;
    let io_error = |path: &Path| {
        let path = path.to_path_buf();
        move |error| Error::Io { path, error }
    };
    match cli.command {
        Command::Build => {
            let started = Instant::now();
            let renderer = project.renderer()?;
            let specs = project.load_specs()?;
            let files = project.output_files(&specs.endpoints, &renderer)?;
            let output_dir = project.output_dir();
            let report =
                output::write(&output_dir, &files, &specs.failed).map_err(io_error(&output_dir))?;
            for path in &report.written {
                writeln!(out, "wrote {}", output_dir.join(path).display())
                    .map_err(io_error(Path::new("stdout")))?;
            }
            for path in &report.removed {
                writeln!(out, "removed {}", output_dir.join(path).display())
                    .map_err(io_error(Path::new("stdout")))?;
            }
            writeln!(
                out,
                "samplegen: {} specs, {} files: {} written, {} unchanged, {} removed in {} ms",
                specs.endpoints.len(),
                files.len(),
                report.written.len(),
                report.unchanged,
                report.removed.len(),
                started.elapsed().as_millis()
            )
            .map_err(io_error(Path::new("stdout")))?;
            if specs.problems.is_empty() {
                return Ok(ExitCode::SUCCESS);
            }
            eprintln!("{}\n", Error::Diagnostics(specs.problems));
            eprintln!(
                "samplegen: {} spec(s) failed; their earlier output was kept",
                specs.failed.len()
            );
            Ok(ExitCode::FAILURE)
        }
        Command::Check => {
            let renderer = project.renderer()?;
            let specs = project.load_specs()?;
            if !specs.problems.is_empty() {
                return Err(Error::Diagnostics(specs.problems));
            }
            let files = project.output_files(&specs.endpoints, &renderer)?;
            let output_dir = project.output_dir();
            let drifts =
                output::check(&output_dir, &files, &specs.failed).map_err(io_error(&output_dir))?;
            for drift in &drifts {
                write!(
                    out,
                    "{} is {}\n{}\n",
                    output_dir.join(&drift.path).display(),
                    drift.kind.describe(),
                    drift.diff
                )
                .map_err(io_error(Path::new("stdout")))?;
            }
            if drifts.is_empty() {
                writeln!(
                    out,
                    "samplegen: {} files in sync with {} specs",
                    files.len(),
                    specs.endpoints.len()
                )
                .map_err(io_error(Path::new("stdout")))?;
                Ok(ExitCode::SUCCESS)
            } else {
                writeln!(
                    out,
                    "samplegen: {} of {} files out of sync; run `samplegen build`",
                    drifts.len(),
                    files.len() + 1
                )
                .map_err(io_error(Path::new("stdout")))?;
                Ok(ExitCode::FAILURE)
            }
        }
        Command::Render { spec, target } => {
            let renderer = project.renderer()?;
            let endpoint = project.load_spec(&spec).map_err(Error::Diagnostics)?;
            let text = match target {
                None => renderer.render(&endpoint, &project.config)?.page,
                Some(id) => {
                    let Some(target) = targets::find(&id) else {
                        let hint = targets::closest_id(&id)
                            .map(|id| format!("; did you mean `{id}`?"))
                            .unwrap_or_default();
                        return Err(Error::Usage(format!(
                            "unknown target `{id}`{hint} (`samplegen targets` lists them)"
                        )));
                    };
                    format!("{}\n", renderer.sample(&endpoint, target)?)
                }
            };
            out.write_all(text.as_bytes())
                .map_err(io_error(Path::new("stdout")))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Targets => {
            for target in &project.config.targets {
                writeln!(
                    out,
                    "{:<8} {:<8} {:<12} {}",
                    target.target.id, target.label, target.fence, target.target.client
                )
                .map_err(io_error(Path::new("stdout")))?;
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
                .map_err(io_error(Path::new("stdout")))?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
