//! `samplegen check`: the drift check for a docs CI; writes nothing, prints a diff per file out
//! of sync.

use std::io::Write;
use std::process::ExitCode;

use crate::build;
use crate::error::Error;
use crate::project::Project;

pub fn run(project: &Project, strict: bool, out: &mut impl Write) -> Result<ExitCode, Error> {
    let renderer = project.renderer()?;
    let mut summary = build::check(project, &renderer, strict)?;
    if let Some(warning) = super::build::hidden_warning(&summary.hidden) {
        eprintln!("{warning}");
    }
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
        // a file edited in place keeps its directory's times, by which `build` finds hand
        // edits: only a full build is sure to rewrite it
        use crate::output::DriftKind;
        let any = |kind: DriftKind| summary.drifts.iter().any(|drift| drift.kind == kind);
        let build = if any(DriftKind::Changed) {
            "run `samplegen build --full`, which also rewrites files edited by hand"
        } else {
            "run `samplegen build`"
        };
        // a build leaves alone what it did not write
        let fix = if any(DriftKind::Stray) {
            format!("{build}, and remove the files that are not samplegen's")
        } else {
            build.to_string()
        };
        writeln!(
            out,
            "samplegen: {} of {} files out of sync; {fix}",
            summary.drifts.len(),
            summary.files + 1
        )
        .map_err(Error::stdout)?;
        Ok(ExitCode::FAILURE)
    }
}
