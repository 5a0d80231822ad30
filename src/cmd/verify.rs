//! `samplegen verify`: every sample parsed and run against a loopback echo server; a table, or
//! JSON, of what each sent.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use crate::error::Error;
use crate::project::Project;
use crate::verify;

/// What the command line asked to verify.
#[derive(Debug, clap::Args)]
pub struct Request {
    /// Spec files (all of the project's when none are given).
    pub specs: Vec<PathBuf>,
    /// Only this target (repeatable).
    #[arg(long = "target", value_name = "ID")]
    pub targets: Vec<String>,
    /// Every built-in target as well as the site's own (what CI proves).
    #[arg(long, conflicts_with = "targets")]
    pub all_targets: bool,
    /// Print the outcomes as JSON.
    #[arg(long)]
    pub json: bool,
    /// Fail also when a runtime is not installed (Swift is always checked by syntax only).
    #[arg(long)]
    pub require_all: bool,
    /// The runners' directory (node/, php/, csharp/); this source tree's tests/support by default.
    #[arg(long, value_name = "DIR")]
    pub support: Option<PathBuf>,
    /// Run every sample, even those an earlier run proved unchanged on the same runtimes.
    #[arg(long)]
    pub fresh: bool,
}

/// The site's targets, then every built-in one it does not list: each id once.
fn every_target(project: &Project) -> Vec<String> {
    let mut ids: Vec<String> = project
        .config
        .targets
        .iter()
        .map(|t| t.target.id.to_string())
        .collect();
    for target in crate::targets::TARGETS {
        if !ids.iter().any(|id| id == target.id) {
            ids.push(target.id.to_string());
        }
    }
    ids
}

pub fn run(project: &Project, request: Request, out: &mut impl Write) -> Result<ExitCode, Error> {
    let Request {
        specs,
        mut targets,
        all_targets,
        json,
        require_all,
        support,
        fresh,
    } = request;
    if all_targets {
        targets = every_target(project);
    }
    for id in &targets {
        project.config.target(id).map_err(Error::Usage)?;
    }
    let renderer = project.renderer()?;
    let options = verify::Options {
        specs,
        targets,
        support: support.unwrap_or_else(verify::default_support),
        cache_dir: verify::reuse::cache_dir(),
        fresh,
    };
    let started = Instant::now();
    let outcomes = verify::verify(project, &renderer, &options, &mut |outcome| {
        if !json {
            eprintln!("{} [{}] {:?}", outcome.spec, outcome.target, outcome.status);
        }
    })?;
    if json {
        let text = serde_json::to_string_pretty(&outcomes).expect("outcomes serialize");
        writeln!(out, "{text}").map_err(Error::stdout)?;
    } else {
        write!(out, "{}", verify::report(&outcomes)).map_err(Error::stdout)?;
        writeln!(out, "in {:.1} s", started.elapsed().as_secs_f64()).map_err(Error::stdout)?;
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
