//! `samplegen targets`: the site's targets, and the built-in ones it does not render.

use std::io::Write;
use std::process::ExitCode;

use crate::error::Error;
use crate::project::Project;
use crate::targets::TARGETS;

pub fn run(project: &Project, out: &mut impl Write) -> Result<ExitCode, Error> {
    // columns as wide as their longest entry, and no narrower than the house style's need
    let targets = &project.config.targets;
    let width = |least: usize, text: fn(&crate::config::SiteTarget) -> &str| {
        targets
            .iter()
            .map(|t| text(t).len())
            .fold(least, usize::max)
    };
    let id = width(8, |t| t.target.id);
    let label = width(8, |t| &t.label);
    let fence = width(12, |t| &t.fence);
    let language = width(12, |t| t.target.language);
    for target in targets {
        writeln!(
            out,
            "{:<id$} {:<label$} {:<fence$} {:<language$} {}",
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
