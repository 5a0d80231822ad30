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
pub struct Request {
    pub specs: Vec<PathBuf>,
    pub targets: Vec<String>,
    pub json: bool,
    pub require_all: bool,
    pub support: Option<PathBuf>,
}

pub fn run(project: &Project, request: Request, out: &mut impl Write) -> Result<ExitCode, Error> {
    let Request {
        specs,
        targets,
        json,
        require_all,
        support,
    } = request;
    for id in &targets {
        project.config.target(id).map_err(Error::Usage)?;
    }
    let renderer = project.renderer()?;
    let options = verify::Options {
        specs,
        targets,
        support: support.unwrap_or_else(verify::default_support),
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
