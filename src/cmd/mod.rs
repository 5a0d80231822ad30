//! The command line: arguments parsed with clap, one module per subcommand, and the exit code.

mod build;
mod check;
mod export;
mod import;
mod render;
mod targets;
mod verify;
mod watch;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::error::Error;
use crate::project::Project;

pub use build::summary_line;

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
    Build {
        /// Render every spec and compare every output file with the disk, trusting no cache (finds
        /// an output file edited in place, which a plain build does not look for).
        #[arg(long)]
        full: bool,
    },
    /// Write nothing; exit 1 with a diff for every output file that is out of date, missing or stale.
    Check {
        /// Also report every file below the output directory that no spec produces and no build
        /// wrote (a page a pull request added by hand); hidden files aside.
        #[arg(long)]
        strict: bool,
    },
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
    Import(import::Request),
    /// Prove the samples: each parses, and run against a loopback echo server, sends exactly its
    /// spec's request.
    Verify(verify::Request),
    /// Write the OpenAPI document the specs were imported from with their samples as
    /// `x-codeSamples` (Redocly, Mintlify, ReadMe, Scalar, Stoplight), or with --overlay an
    /// OpenAPI Overlay that adds them.
    Export(export::Request),
}

/// Runs the command line and turns the outcome into an exit code: 0 done, 1 problems found
/// (bad specs, drift, a failing sample), 2 bad usage.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut stdout = std::io::stdout().lock();
    match run(cli, &mut stdout) {
        Ok(code) => code,
        Err(error) => {
            let _ = stdout.flush();
            eprintln!("{error}");
            error.exit_code()
        }
    }
}

fn run(cli: Cli, out: &mut impl Write) -> Result<ExitCode, Error> {
    if let Command::Watch = cli.command {
        // the config may change while watching: the project is opened afresh for every build
        return watch::run(&cli.project, out);
    }
    let project = Project::open(&cli.project)?;
    match cli.command {
        Command::Build { full } => build::run(&project, full, out),
        Command::Check { strict } => check::run(&project, strict, out),
        Command::Render { spec, target } => render::run(&project, &spec, target.as_deref(), out),
        Command::Targets => targets::run(&project, out),
        Command::Watch => unreachable!("watch returned above"),
        Command::Import(request) => import::run(&project, request, out),
        Command::Verify(request) => verify::run(&project, request, out),
        Command::Export(request) => export::run(&project, request, out),
    }
}
