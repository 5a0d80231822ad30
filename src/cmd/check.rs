//! `samplegen check`: the drift check for a docs CI; writes nothing, prints a diff per file out
//! of sync.

use std::io::Write;
use std::process::ExitCode;

use crate::build;
use crate::error::Error;
use crate::project::Project;

pub fn run(project: &Project, out: &mut impl Write) -> Result<ExitCode, Error> {
    let renderer = project.renderer()?;
    let mut summary = build::check(project, &renderer)?;
    if !summary.problems.is_empty() {
        return Err(Error::Diagnostics(summary.problems));
    }
    if project.config.samples_json {
        summary.files += 1;
        summary
            .drifts
            .extend(crate::bundle::drift(project, &renderer)?);
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
        .map_err(Error::stdout)?;
    }
    if summary.drifts.is_empty() {
        writeln!(
            out,
            "samplegen: {} files in sync with {} specs",
            summary.files, summary.specs
        )
        .map_err(Error::stdout)?;
        Ok(ExitCode::SUCCESS)
    } else {
        writeln!(
            out,
            "samplegen: {} of {} files out of sync; run `samplegen build`",
            summary.drifts.len(),
            summary.files + 1
        )
        .map_err(Error::stdout)?;
        Ok(ExitCode::FAILURE)
    }
}
