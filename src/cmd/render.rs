//! `samplegen render SPEC [--target ID]`: one page or one sample to standard output.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::error::Error;
use crate::project::Project;

pub fn run(
    project: &Project,
    spec: &Path,
    target: Option<&str>,
    out: &mut impl Write,
) -> Result<ExitCode, Error> {
    let renderer = project.renderer()?;
    let endpoint = project
        .load_spec(&project.spec_argument(spec)?)
        .map_err(Error::Diagnostics)?;
    let text = match target {
        None => renderer.render(&endpoint, &project.config)?.page,
        Some(id) => {
            let target = project.config.target(id).map_err(Error::Usage)?;
            format!("{}\n", renderer.sample(&endpoint, &target)?)
        }
    };
    out.write_all(text.as_bytes()).map_err(Error::stdout)?;
    Ok(ExitCode::SUCCESS)
}
