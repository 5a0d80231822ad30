//! Build and check: every spec in parallel, each doing only the work its changes call for. A build
//! skips a spec whose inputs (its text, the config, the templates, samplegen's version) hash as
//! recorded and whose files are intact; `check` renders everything and compares.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::fs_safe::{self, Confined};
use crate::hash::{PathMap, combined_hash, content_hash};
use crate::output::{self, Cache, Drift, FileRecord, Manifest, OutputDir, Recorded, Stamp, stamp};
use crate::project::Project;
use crate::render::Renderer;

/// What a build did.
#[derive(Debug, Default)]
pub struct BuildSummary {
    /// Specs built (valid), and of those, rendered (the rest were unchanged).
    pub specs: usize,
    pub rendered: usize,
    /// Files produced, then how many were written, found unchanged, removed.
    pub files: usize,
    pub written: Vec<String>,
    pub unchanged: usize,
    pub removed: Vec<String>,
    /// Every problem of the specs that failed (their earlier output is kept).
    pub problems: Vec<Diagnostic>,
    pub failed: BTreeSet<String>,
}

/// What `check` found.
#[derive(Debug, Default)]
pub struct CheckSummary {
    pub specs: usize,
    pub files: usize,
    pub drifts: Vec<Drift>,
    pub problems: Vec<Diagnostic>,
}

/// Everything the per-spec work shares.
struct Inputs<'a> {
    project: &'a Project,
    renderer: &'a Renderer,
    previous: &'a Manifest,
    previous_files: PathMap<&'a str, Vec<(&'a str, &'a FileRecord)>>,
    /// The cache, when it was written for the same inputs.
    cache: Option<&'a Cache>,
    /// Hash of the config, templates and version.
    fingerprint: String,
}

impl Inputs<'_> {
    fn spec_hash(&self, source: &str) -> String {
        combined_hash(&[self.fingerprint.as_bytes(), source.as_bytes()])
    }
}

/// One spec's outcome.
enum Outcome {
    Built {
        spec: String,
        hash: String,
        files: Vec<(String, FileRecord)>,
        stamps: Vec<(String, Stamp)>,
        written: Vec<String>,
        unchanged: usize,
        rendered: bool,
    },
    Failed {
        spec: String,
        problems: Vec<Diagnostic>,
    },
}

/// Brings the output directory in line with the specs. `progress` is called once per spec.
pub fn build(
    project: &Project,
    renderer: &Renderer,
    progress: &(dyn Fn() + Sync),
) -> Result<BuildSummary, Error> {
    let output_dir = project.output_dir();
    let io = |error| Error::Io {
        path: output_dir.clone(),
        error,
    };
    let discovered = project.discover()?;
    // locked first: another build may be writing the manifest
    let out = OutputDir::open(&output_dir)
        .map_err(|error| refused(&output_dir.join(output::BUILDING), error))?;
    let recorded = Recorded {
        manifest_text: Manifest::read_text(&output_dir)
            .map_err(|error| refused(&output_dir.join(output::MANIFEST), error))?,
        cache: Cache::read(&output_dir),
    };
    let previous = recorded
        .manifest_text
        .as_deref()
        .map(Manifest::parse)
        .unwrap_or_default();
    let cache = &recorded.cache;
    let fingerprint = fingerprint(project, renderer);
    let inputs = Inputs {
        project,
        renderer,
        previous: &previous,
        previous_files: previous.files_by_spec(),
        cache: (cache.inputs == fingerprint).then_some(cache),
        fingerprint,
    };

    let results: Vec<Result<Outcome, Error>> = discovered
        .files
        .par_iter()
        .map(|path| {
            let outcome = build_spec(&inputs, &out, path);
            progress();
            outcome
        })
        .collect();
    // the first error in spec order, whichever thread met it first
    let outcomes = results
        .into_iter()
        .collect::<Result<Vec<Outcome>, Error>>()?;

    let mut summary = BuildSummary {
        problems: discovered.problems,
        failed: discovered.failed,
        ..BuildSummary::default()
    };
    let mut spec_records = Vec::new();
    let mut file_records = Vec::new();
    let mut next_cache = Cache {
        inputs: inputs.fingerprint.clone(),
        ..Cache::default()
    };
    for outcome in outcomes {
        match outcome {
            Outcome::Built {
                spec,
                hash,
                files,
                stamps,
                written,
                unchanged,
                rendered,
            } => {
                summary.specs += 1;
                summary.rendered += usize::from(rendered);
                summary.files += files.len();
                summary.unchanged += unchanged;
                summary.written.extend(written);
                spec_records.push((spec, hash));
                file_records.extend(files);
                next_cache.stamps.extend(stamps);
            }
            Outcome::Failed { spec, problems } => {
                summary.failed.insert(spec);
                summary.problems.extend(problems);
            }
        }
    }
    // A failed spec keeps what it produced last time, output and records alike.
    for spec in &summary.failed {
        if let Some(hash) = previous.specs.get(spec) {
            spec_records.push((spec.clone(), hash.clone()));
        }
        let mut keys = vec![format!("spec:{spec}")];
        for (path, record) in inputs
            .previous_files
            .get(spec.as_str())
            .into_iter()
            .flatten()
        {
            file_records.push((path.to_string(), (*record).clone()));
            keys.push(format!("file:{path}"));
        }
        for key in keys {
            if let Some(stamp) = cache.stamps.get(&key) {
                next_cache.stamps.insert(key, *stamp);
            }
        }
    }
    let manifest = Manifest::from_records(spec_records, file_records);
    let stale: Vec<String> = previous.files_dropped_by(&manifest).cloned().collect();
    summary.removed = out.remove(&stale).map_err(io)?;
    out.record(&recorded, &manifest, &next_cache).map_err(io)?;
    summary.written.sort();
    summary.problems.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(summary)
}

fn build_spec(inputs: &Inputs, out: &OutputDir, path: &Path) -> Result<Outcome, Error> {
    let project = inputs.project;
    let spec = project.shown(path).display().to_string();
    let spec_key = format!("spec:{spec}");
    let spec_stamp = stamp(path);
    let recorded = inputs.previous.specs.get(&spec);

    // The spec's text is read only when its stamp says it may have changed.
    let trusted = inputs
        .cache
        .and_then(|cache| cache.stamps.get(&spec_key))
        .is_some_and(|cached| Some(*cached) == spec_stamp);
    let mut source = None;
    let hash = match recorded {
        Some(hash) if trusted => hash.clone(),
        _ => {
            let text = match project.read_spec(path) {
                Ok(text) => text,
                Err(problems) => return Ok(Outcome::Failed { problems, spec }),
            };
            let hash = inputs.spec_hash(&text);
            source = Some(text);
            hash
        }
    };

    if recorded == Some(&hash)
        && let Some(outcome) = intact(inputs, out, &spec, &hash, spec_stamp)
    {
        return Ok(outcome);
    }

    let source = match source {
        Some(text) => text,
        None => match project.read_spec(path) {
            Ok(text) => text,
            Err(problems) => return Ok(Outcome::Failed { problems, spec }),
        },
    };
    let produced = match project.output_files(path, &source, inputs.renderer)? {
        Ok(produced) => produced,
        Err(problems) => return Ok(Outcome::Failed { spec, problems }),
    };
    let mut files = Vec::new();
    let mut stamps = Vec::new();
    let mut written = Vec::new();
    let mut unchanged = 0;
    for file in produced {
        // A file that cannot be written fails its spec (its earlier records are kept), not
        // the build.
        let (wrote, file_stamp) = match out.sync(&file.path, &file.contents) {
            Ok(synced) => synced,
            Err(error) => {
                let message = match fs_safe::refusal(&error) {
                    Some(refusal) => format!(
                        "cannot write `{}`: {refusal}",
                        out.dir.join(&file.path).display()
                    ),
                    None => format!(
                        "cannot write `{}`: {error}",
                        out.dir.join(&file.path).display()
                    ),
                };
                return Ok(Outcome::Failed {
                    problems: vec![Diagnostic::new(Path::new(&spec), message)],
                    spec,
                });
            }
        };
        if wrote {
            written.push(file.path.clone());
        } else {
            unchanged += 1;
        }
        if let Some(file_stamp) = file_stamp {
            stamps.push((format!("file:{}", file.path), file_stamp));
        }
        let record = FileRecord {
            spec: spec.clone(),
            hash: content_hash(file.contents.as_bytes()),
        };
        files.push((file.path, record));
    }
    if let Some(spec_stamp) = spec_stamp {
        stamps.push((spec_key, spec_stamp));
    }
    Ok(Outcome::Built {
        spec,
        hash,
        files,
        stamps,
        written,
        unchanged,
        rendered: true,
    })
}

/// The outcome for a spec whose inputs are as recorded, if every file it produced is still as
/// written: by its stamp when the cache has one, otherwise by its hash.
fn intact(
    inputs: &Inputs,
    out: &OutputDir,
    spec: &str,
    hash: &str,
    spec_stamp: Option<Stamp>,
) -> Option<Outcome> {
    let records = inputs.previous_files.get(spec)?;
    let mut stamps = Vec::with_capacity(records.len() + 1);
    for (path, record) in records {
        let key = format!("file:{path}");
        let now = out.stamp(path)?;
        let cached = inputs.cache.and_then(|cache| cache.stamps.get(&key));
        if cached != Some(&now) && out.hash(path).as_deref() != Some(&record.hash) {
            return None;
        }
        stamps.push((key, now));
    }
    if let Some(spec_stamp) = spec_stamp {
        stamps.push((format!("spec:{spec}"), spec_stamp));
    }
    Some(Outcome::Built {
        spec: spec.to_string(),
        hash: hash.to_string(),
        files: records
            .iter()
            .map(|(path, record)| (path.to_string(), (*record).clone()))
            .collect(),
        stamps,
        written: Vec::new(),
        unchanged: records.len(),
        rendered: false,
    })
}

/// Renders every spec and compares with the output directory, writing nothing.
pub fn check(project: &Project, renderer: &Renderer) -> Result<CheckSummary, Error> {
    let output_dir = project.output_dir();
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |error| Error::Io { path, error }
    };
    let discovered = project.discover()?;
    let previous = Manifest::read(&output_dir)
        .map_err(|error| refused(&output_dir.join(output::MANIFEST), error))?;
    let on_disk = Confined::new(&output_dir);
    let fingerprint = fingerprint(project, renderer);

    type Checked = Result<(String, String, Vec<(String, FileRecord)>, Vec<Drift>), Vec<Diagnostic>>;
    let checked: Vec<Result<Checked, Error>> = discovered
        .files
        .par_iter()
        .map(|path: &PathBuf| -> Result<Checked, Error> {
            let spec = project.shown(path).display().to_string();
            let source = match project.read_spec(path) {
                Ok(text) => text,
                Err(problems) => return Ok(Err(problems)),
            };
            let produced = match project.output_files(path, &source, renderer)? {
                Ok(produced) => produced,
                Err(problems) => return Ok(Err(problems)),
            };
            let mut files = Vec::new();
            let mut drifts = Vec::new();
            for file in produced {
                drifts.extend(
                    output::compare(&on_disk, &file.path, &file.contents)
                        .map_err(io(&output_dir.join(&file.path)))?,
                );
                let record = FileRecord {
                    spec: spec.clone(),
                    hash: content_hash(file.contents.as_bytes()),
                };
                files.push((file.path, record));
            }
            let hash = combined_hash(&[fingerprint.as_bytes(), source.as_bytes()]);
            Ok(Ok((spec, hash, files, drifts)))
        })
        .collect();
    let checked = checked
        .into_iter()
        .collect::<Result<Vec<Checked>, Error>>()?;

    let mut summary = CheckSummary {
        problems: discovered.problems,
        ..CheckSummary::default()
    };
    let mut spec_records = Vec::new();
    let mut file_records = Vec::new();
    for result in checked {
        match result {
            Ok((spec, hash, files, drifts)) => {
                summary.specs += 1;
                summary.files += files.len();
                summary.drifts.extend(drifts);
                spec_records.push((spec, hash));
                file_records.extend(files);
            }
            Err(problems) => summary.problems.extend(problems),
        }
    }
    let manifest = Manifest::from_records(spec_records, file_records);
    for path in previous.files_dropped_by(&manifest) {
        summary
            .drifts
            .extend(output::stale(&on_disk, path).map_err(io(&output_dir.join(path)))?);
    }
    summary.drifts.extend(
        output::compare(&on_disk, output::MANIFEST, &manifest.to_text())
            .map_err(io(&output_dir))?,
    );
    summary.problems.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(summary)
}

/// An error about one of samplegen's own files in the output directory (the marker, the
/// manifest): a refusal or a held lock as a problem with that file, anything else as I/O.
fn refused(path: &Path, error: std::io::Error) -> Error {
    let message = match fs_safe::refusal(&error) {
        Some(refusal) => format!("{refusal}; remove it"),
        None if error.kind() == std::io::ErrorKind::WouldBlock => error.to_string(),
        None => {
            return Error::Io {
                path: path.to_path_buf(),
                error,
            };
        }
    };
    Error::Diagnostics(vec![Diagnostic::new(path, message)])
}

/// The hash of everything every spec's output depends on besides the spec itself.
fn fingerprint(project: &Project, renderer: &Renderer) -> String {
    let config = project.config.fingerprint();
    combined_hash(&[
        renderer.fingerprint(&project.config).as_bytes(),
        config.as_bytes(),
    ])
}
