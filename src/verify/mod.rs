//! `samplegen verify`: proves each sample parses and, run in its real runtime against a loopback
//! echo server, sends exactly the request its spec describes.

pub mod expect;
pub mod live;
pub mod runners;
pub mod server;

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::config::SiteTarget;
use crate::error::Error;
use crate::model::{self, Body, Endpoint, PageId, PartContent};
use crate::project::Project;
use crate::render::Renderer;
use crate::spec;
use runners::{Run, Runners};
use server::EchoServer;

/// What verifying one sample came to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", content = "detail", rename_all = "kebab-case")]
pub enum Status {
    /// It parses, and the server received exactly the spec's request.
    Passed,
    /// It does not parse, or the server received something else (the first difference).
    Failed(String),
    /// Its runtime is not installed (why).
    NotRun(String),
    /// It parses; there is no runtime for it here (Swift).
    SyntaxOnly,
    /// It does not send the spec's request for a reason the README lists as a known gap: the
    /// library or the browser cannot (which, and the difference).
    KnownGap(String),
}

#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub spec: String,
    pub target: &'static str,
    #[serde(flatten)]
    pub status: Status,
}

/// What to verify.
pub struct Options {
    /// Spec files; all of the project's when empty.
    pub specs: Vec<PathBuf>,
    /// Target ids; every configured target when empty.
    pub targets: Vec<String>,
    /// The runners' support directory (`node/`, `php/`, `csharp/`).
    pub support: PathBuf,
}

/// The support directory of this source tree, where `verify` finds its runners by default.
pub fn default_support() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support")
}

/// Verifies every selected sample, one after the other. `progress` is told each outcome.
pub fn verify(
    project: &Project,
    renderer: &Renderer,
    options: &Options,
    progress: &mut dyn FnMut(&Outcome),
) -> Result<Vec<Outcome>, Error> {
    let io = |error: std::io::Error| Error::Io {
        path: "verify".into(),
        error,
    };
    let server = EchoServer::start().map_err(io)?;
    // A fresh directory only this user can enter (mode 0700, an unpredictable name, created
    // exclusively): nothing planted in the temporary directory is written through or run.
    let work_dir = tempfile::Builder::new()
        .prefix("samplegen-verify-")
        .tempdir()
        .map_err(io)?;
    let work = work_dir.path().to_path_buf();
    let runners = Runners::new(&options.support, &work);

    // spec paths on the command line are relative to the project directory
    let paths: Vec<PathBuf> = if options.specs.is_empty() {
        project.discover()?.files
    } else {
        options.specs.iter().map(|p| project.resolve(p)).collect()
    };
    // every target the site renders, or those asked for (a built-in one the site does not show
    // included)
    let targets: Vec<SiteTarget> = if options.targets.is_empty() {
        project.config.targets.clone()
    } else {
        options
            .targets
            .iter()
            .map(|id| project.config.target(id))
            .collect::<Result<_, _>>()
            .map_err(Error::Usage)?
    };

    let mut outcomes = Vec::new();
    for (index, path) in paths.iter().enumerate() {
        // the spec as written must be valid; its live twin is what runs
        let endpoint = project.load_spec(path).map_err(Error::Diagnostics)?;
        let shown = endpoint.source.display().to_string();
        let files_dir = work.join(format!("files-{index}"));
        let (live, expected) = make_live(project, path, &endpoint, &server.origin(), &files_dir)?;
        // each secret a sample reads, set to its test value in the runner's environment
        let environment: Vec<(String, String)> = live
            .sample_values
            .secrets
            .values()
            .map(|env| (env.clone(), live::secret_value_of(env)))
            .collect();
        let uploads = uploads(&live);
        let file_bytes: Vec<Vec<u8>> = uploads
            .iter()
            .map(|p| std::fs::read(p).unwrap_or_default())
            .collect();
        let unchosen_file =
            matches!(&live.request.body, Some(Body::File { path, .. }) if path.is_empty());
        for target in &targets {
            // a raw HTTP message has no environment: it shows the request with the test values
            let rendered = if matches!(target.target.runner, crate::targets::Runner::RawHttp) {
                &expected
            } else {
                &live
            };
            let code = renderer.sample(rendered, target)?;
            let target = target.target;
            let status = if let Err(error) = crate::syntax::check(target, &code) {
                Status::Failed(format!("does not parse: {error}"))
            } else if unchosen_file {
                // the spec names no file to send (`file: ""`): there is no request to compare
                Status::SyntaxOnly
            } else {
                server.take();
                match runners.run(
                    target,
                    &code,
                    &uploads,
                    server.port,
                    &file_bytes,
                    &environment,
                ) {
                    Run::NotExecuted => Status::SyntaxOnly,
                    Run::Unavailable(why) => Status::NotRun(why),
                    Run::Ran { success, stderr } => {
                        let status = match expect::compare(&expected.request, &server.take()) {
                            Ok(()) if success => Status::Passed,
                            Ok(()) => {
                                Status::Failed(format!("sent the request, then failed: {stderr}"))
                            }
                            Err(difference) if stderr.is_empty() => Status::Failed(difference),
                            Err(difference) => Status::Failed(format!("{difference}\n{stderr}")),
                        };
                        match (status, (target.known_gap)(&expected.request)) {
                            (Status::Failed(difference), Some(gap)) => {
                                Status::KnownGap(format!("{gap}: {difference}"))
                            }
                            (status, _) => status,
                        }
                    }
                }
            };
            let outcome = Outcome {
                spec: shown.clone(),
                target: target.id,
                status,
            };
            progress(&outcome);
            outcomes.push(outcome);
        }
    }
    drop(work_dir);
    Ok(outcomes)
}

/// The spec at `path` made live (see [`live::make_live`]) and validated twice: as its samples
/// are rendered (secrets read from the environment), and as the request that must arrive (each
/// secret its test value).
fn make_live(
    project: &Project,
    path: &Path,
    endpoint: &Endpoint,
    origin: &str,
    files_dir: &Path,
) -> Result<(Endpoint, Endpoint), Error> {
    let source = project.read_spec(path).map_err(Error::Diagnostics)?;
    let parsed = spec::parse(&source).map_err(|error| Error::Usage(error.to_string()))?;
    let live =
        live::make_live(&parsed, &endpoint.sample_values, origin, files_dir).map_err(|error| {
            Error::Io {
                path: files_dir.to_path_buf(),
                error,
            }
        })?;
    let id = PageId {
        module: endpoint.id.module.clone(),
        page: endpoint.id.page.clone(),
    };
    let site = &project.config.sample_values;
    let rendered = model::validate_with(live.clone(), id.clone(), &endpoint.source, "", site)
        .map_err(Error::Diagnostics)?;
    // the values in force for this spec (the site's and its own), its secrets made test values
    let concrete = spec::Spec {
        variables: None,
        secrets: None,
        auth_style: None,
        ..live
    };
    let expected = model::validate_with(
        concrete,
        id,
        &endpoint.source,
        "",
        &live::with_test_secrets(&endpoint.sample_values),
    )
    .map_err(Error::Diagnostics)?;
    Ok((rendered, expected))
}

/// The files a request uploads, in the order its samples name them.
fn uploads(endpoint: &Endpoint) -> Vec<PathBuf> {
    match &endpoint.request.body {
        Some(Body::File { path, .. }) => vec![PathBuf::from(path)],
        Some(Body::Formdata { parts }) => parts
            .iter()
            .filter_map(|part| match &part.content {
                PartContent::File { path, .. } => Some(PathBuf::from(path)),
                PartContent::Text { .. } => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The outcomes as a table: one row per spec, one column per target, then every failure and
/// every reason a target did not run.
pub fn report(outcomes: &[Outcome]) -> String {
    let mut targets: Vec<&str> = Vec::new();
    let mut specs: Vec<&str> = Vec::new();
    for outcome in outcomes {
        if !targets.contains(&outcome.target) {
            targets.push(outcome.target);
        }
        if !specs.contains(&outcome.spec.as_str()) {
            specs.push(&outcome.spec);
        }
    }
    let width = specs.iter().map(|s| s.len()).max().unwrap_or(4).max(4);
    let mut out = format!("{:width$}", "spec");
    for target in &targets {
        out.push_str(&format!(" {target:>7}"));
    }
    out.push('\n');
    for spec in &specs {
        out.push_str(&format!("{spec:width$}"));
        for target in &targets {
            let cell = outcomes
                .iter()
                .find(|o| o.spec == *spec && o.target == *target)
                .map_or("", |o| match o.status {
                    Status::Passed => "ok",
                    Status::Failed(_) => "FAILED",
                    Status::NotRun(_) => "not run",
                    Status::SyntaxOnly => "syntax",
                    Status::KnownGap(_) => "gap",
                });
            out.push_str(&format!(" {cell:>7}"));
        }
        out.push('\n');
    }
    let mut reasons: Vec<String> = Vec::new();
    for outcome in outcomes {
        match &outcome.status {
            Status::Failed(difference) => out.push_str(&format!(
                "\nFAILED {} [{}]: {}\n",
                outcome.spec, outcome.target, difference
            )),
            Status::KnownGap(why) => out.push_str(&format!(
                "\nknown gap {} [{}]: {}\n",
                outcome.spec, outcome.target, why
            )),
            Status::NotRun(why) => {
                let line = format!("not run [{}]: {why}", outcome.target);
                if !reasons.contains(&line) {
                    reasons.push(line);
                }
            }
            _ => {}
        }
    }
    for reason in reasons {
        out.push_str(&format!("\n{reason}"));
    }
    let count = |f: fn(&Status) -> bool| outcomes.iter().filter(|o| f(&o.status)).count();
    out.push_str(&format!(
        "\n\nsamplegen verify: {} passed, {} failed, {} known gaps, {} not run, {} checked by syntax only\n",
        count(|s| matches!(s, Status::Passed)),
        count(|s| matches!(s, Status::Failed(_))),
        count(|s| matches!(s, Status::KnownGap(_))),
        count(|s| matches!(s, Status::NotRun(_))),
        count(|s| matches!(s, Status::SyntaxOnly)),
    ));
    out
}
