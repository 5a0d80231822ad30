//! The command line: arguments parsed with clap, one module per subcommand, and the exit code.

mod build;
mod check;
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
        /// List every note, not only how many of each kind.
        #[arg(short, long)]
        verbose: bool,
        /// OpenAPI: write every optional query parameter, header, cookie and body property (by
        /// default a sample has the required ones only, as a docs page shows it).
        #[arg(long)]
        all_params: bool,
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
        Command::Build => build::run(&project, out),
        Command::Check => check::run(&project, out),
        Command::Render { spec, target } => render::run(&project, &spec, target.as_deref(), out),
        Command::Targets => targets::run(&project, out),
        Command::Watch => unreachable!("watch returned above"),
        Command::Import {
            format,
            input,
            into,
            force,
            verbose,
            all_params,
        } => import::run(
            &project,
            import::Request {
                format,
                input,
                into,
                force,
                verbose,
                all_params,
            },
            out,
        ),
        Command::Verify {
            specs,
            targets,
            json,
            require_all,
            support,
        } => verify::run(
            &project,
            verify::Request {
                specs,
                targets,
                json,
                require_all,
                support,
            },
            out,
        ),
    }
}
