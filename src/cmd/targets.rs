//! `samplegen targets`: the site's targets, and the built-in ones it does not render.

use std::io::Write;
use std::process::ExitCode;

use crate::error::Error;
use crate::project::Project;
use crate::targets::TARGETS;

pub fn run(project: &Project, out: &mut impl Write) -> Result<ExitCode, Error> {
    for target in &project.config.targets {
        writeln!(
            out,
            "{:<8} {:<8} {:<12} {:<12} {}",
            target.target.id,
            target.label,
            target.fence,
            target.target.language,
            target.target.client
        )
        .map_err(Error::stdout)?;
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
        .map_err(Error::stdout)?;
    }
    Ok(ExitCode::SUCCESS)
}
