//! Build and check: every spec in parallel, each doing only the work its changes call for. A build
//! skips a spec when the cache (a machine-local hint) says it was rendered under the same inputs
//! (config, templates, samplegen's version), its file is as it was then, and the directories
//! holding its output are as the last build left them; any doubt renders it and compares with the
//! disk. `check` renders everything and compares.

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::fs_safe::{self, Confined};
use crate::hash::{PathBuildHasher, PathMap, combined_hash, content_hash};
use crate::output::{
    self, Cache, Drift, FileList, Manifest, OutputDir, Recorded, SpecEntry, Stamp, now_nanos,
    racy_nanos,
};
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
    /// Spec files skipped for a leading `.` (see [`crate::project::Discovered::hidden`]).
    pub hidden: Vec<PathBuf>,
}

/// What `check` found.
#[derive(Debug, Default)]
pub struct CheckSummary {
    pub specs: usize,
    pub files: usize,
    pub drifts: Vec<Drift>,
    pub problems: Vec<Diagnostic>,
    /// Spec files skipped for a leading `.` (see [`crate::project::Discovered::hidden`]).
    pub hidden: Vec<PathBuf>,
}

/// How far a build trusts the cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Skip the specs the cache and the disk agree are unchanged.
    #[default]
    Incremental,
    /// Render every spec and compare every file with the disk (finds a file edited in place).
    Full,
}

type PathSet<'a> = HashSet<&'a str, PathBuildHasher>;
type OwnedPathSet = HashSet<String, PathBuildHasher>;

/// Everything the per-spec work shares.
struct Inputs<'a, 'o> {
    project: &'a Project,
    renderer: &'a Renderer,
    out: &'o OutputDir,
    /// The cache's spec entries, when they were rendered under the same inputs.
    cached: Option<&'a PathMap<String, SpecEntry>>,
    /// The cached output directories, and which of them changed since.
    unchanged_dirs: DirsSeen<'a>,
}

/// The output directories the cache stamped, and those among them that no longer look as the
/// last build left them. Usually none has changed: a set of those is what is collected, not one
/// of the 12,000 that did not (at 10,000 specs, a serial step of every build).
#[derive(Default)]
struct DirsSeen<'a> {
    /// The cache's stamps; `None` when the cache is not usable.
    stamped: Option<&'a PathMap<String, Stamp>>,
    changed: PathSet<'a>,
}

impl DirsSeen<'_> {
    /// Whether `dir` is as the last build left it: stamped in the cache, and unchanged since.
    fn unchanged(&self, dir: &str) -> bool {
        self.stamped
            .is_some_and(|stamped| stamped.contains_key(dir))
            && !self.changed.contains(dir)
    }

    /// Whether every directory the cache stamped is as the last build left it.
    fn all_unchanged(&self) -> bool {
        self.stamped.is_some() && self.changed.is_empty()
    }
}

/// One spec's outcome.
enum Outcome<'a> {
    /// Unchanged since the last build, by the cache and the disk: not even read.
    Kept { spec: String, entry: &'a SpecEntry },
    Built {
        spec: String,
        entry: SpecEntry,
        written: Vec<String>,
        unchanged: usize,
        /// When the spec changed too recently for its stamp to be trusted: its path and the hash
        /// of the text rendered, to look again once the clock has moved on.
        racy: Option<(PathBuf, String)>,
    },
    Failed {
        spec: String,
        problems: Vec<Diagnostic>,
    },
}

/// What a build leaves in memory for the next one in the same process (`watch`): which files
/// each spec produced, where each spec lives, the manifest as it is on disk, and the standing
/// problems. With it, a change to a few specs rebuilds those alone.
#[derive(Debug, Default)]
pub struct Known {
    /// The cache as the build left it: each spec (as shown) and its files, as the manifest
    /// records them (a failed spec's are those it produced last), and the stamps.
    cache: Cache,
    /// Each spec's path below the specs directory, and the path the build read it by.
    paths: PathMap<PathBuf, PathBuf>,
    /// The specs that failed, and every problem reported.
    failed: BTreeSet<String>,
    problems: Vec<Diagnostic>,
    /// The manifest's text as the build left it: found otherwise, someone else built since.
    manifest_text: Option<String>,
    /// Specs were reached through links: an edit may show under another path than its spec's.
    through_links: bool,
}

/// Brings the output directory in line with the specs. `progress` is called once per spec.
pub fn build(
    project: &Project,
    renderer: &Renderer,
    mode: Mode,
    progress: &(dyn Fn() + Sync),
) -> Result<BuildSummary, Error> {
    let (summary, known) = build_and_know(project, renderer, mode, progress, false)?;
    // what the build knew is of no further use
    free_elsewhere(known);
    Ok(summary)
}

/// Frees `value` on another thread, so that the answer does not wait for 10,000 entries to be
/// freed (a process that exits first never frees them at all).
fn free_elsewhere<T: Send + 'static>(value: T) {
    // where no thread can be started, the closure is dropped at once, and `value` with it
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}

/// [`build`], also returning what it knows for a later [`rebuild_specs`].
pub fn build_keeping(
    project: &Project,
    renderer: &Renderer,
    mode: Mode,
    progress: &(dyn Fn() + Sync),
) -> Result<(BuildSummary, Known), Error> {
    build_and_know(project, renderer, mode, progress, true)
}

/// A build; with `keep`, what it knows is complete for [`rebuild_specs`] (each spec's path is
/// mapped, which a one-off build has no use for).
fn build_and_know(
    project: &Project,
    renderer: &Renderer,
    mode: Mode,
    progress: &(dyn Fn() + Sync),
    keep: bool,
) -> Result<(BuildSummary, Known), Error> {
    let output_dir = project.output_dir();
    let io = |error| Error::Io {
        path: output_dir.clone(),
        error,
    };
    let fingerprint = fingerprint(project, renderer);
    // Whether the cache (at an unlocked glance) was written under these very inputs: only then
    // can its entries let specs go unread, and only then are the specs' stamps worth taking as
    // they are found. (Wrong either way, the build is still right: a stamp not taken is taken
    // by the spec's path, one taken is not used.)
    let cache_looks_usable = mode == Mode::Incremental
        && Cache::inputs_hint(&output_dir).as_deref() == Some(&fingerprint);
    let discovered = if cache_looks_usable {
        project.discover_stamped()?
    } else {
        project.discover()?
    };
    let specs_dir = project.specs_dir();
    let mut known = Known {
        paths: discovered
            .files
            .iter()
            .filter(|_| keep)
            .filter_map(|path| {
                Some((
                    path.strip_prefix(&specs_dir).ok()?.to_path_buf(),
                    path.clone(),
                ))
            })
            .collect(),
        through_links: discovered.through_links,
        ..Known::default()
    };
    // A build that will render compiles the templates before it creates anything, so that one
    // that does not compile leaves the output as it was. When the cache was written under these
    // very templates, they compiled then: the first spec that needs rendering compiles them,
    // and a build with nothing to render never does.
    if !cache_looks_usable {
        renderer.compile()?;
    }
    // locked first: another build may be writing the manifest
    let out = OutputDir::open(&output_dir)
        .map_err(|error| refused(&output_dir.join(output::BUILDING), error))?;
    let manifest_text = Manifest::read_text(&output_dir)
        .map_err(|error| refused(&output_dir.join(output::MANIFEST), error))?;
    // after an interrupted build nothing it left is trusted: every file is compared
    let recorded = Recorded {
        cache: if out.interrupted() {
            Cache::default()
        } else {
            Cache::read(&output_dir)
        },
        manifest_text,
    };
    let cache = &recorded.cache;
    let manifest_hash = recorded
        .manifest_text
        .as_deref()
        .map(|text| content_hash(text.as_bytes()))
        .unwrap_or_default();

    let usable = mode == Mode::Incremental && cache.inputs == fingerprint;
    let unchanged_dirs = if usable {
        DirsSeen {
            stamped: Some(&cache.dirs),
            changed: cache
                .dirs
                .par_iter()
                .filter(|(dir, stamp)| !out.dir_unchanged(dir, stamp))
                .map(|(dir, _)| dir.as_str())
                .collect::<Vec<&str>>()
                .into_iter()
                .collect(),
        }
    } else {
        DirsSeen::default()
    };
    let inputs = Inputs {
        project,
        renderer,
        out: &out,
        cached: usable.then_some(&cache.specs),
        unchanged_dirs,
    };

    let results: Vec<Result<Outcome, Error>> = discovered
        .files
        .par_iter()
        .enumerate()
        .map(|(index, path)| {
            let listed = discovered
                .stamps
                .get(index)
                .copied()
                .flatten()
                .map(|stamp| (stamp, discovered.listed_at));
            let outcome = build_spec(&inputs, path, listed);
            progress();
            outcome
        })
        .collect();
    // the first error in spec order, whichever thread met it first
    let outcomes = results
        .into_iter()
        .collect::<Result<Vec<Outcome>, Error>>()?;

    let unchanged_dirs = inputs.unchanged_dirs;

    // The common case, a build with nothing to do, ends here: every spec and directory is as
    // the cache says, and the cache is of this very manifest, so neither needs writing.
    let everything_kept = outcomes.iter().all(|o| matches!(o, Outcome::Kept { .. }));
    if usable
        && everything_kept
        && discovered.failed.is_empty()
        && cache.manifest == manifest_hash
        && outcomes.len() == cache.specs.len()
        && unchanged_dirs.all_unchanged()
    {
        let files = cache.specs.values().map(|e| e.files.len()).sum();
        out.finish(None).map_err(io)?;
        let specs = outcomes.len();
        // what borrows the cache goes, so that it moves into `known` rather than being copied
        drop((outcomes, unchanged_dirs));
        known.cache = recorded.cache;
        known.problems = discovered.problems.clone();
        known.manifest_text = recorded.manifest_text;
        let summary = BuildSummary {
            specs,
            files,
            unchanged: files,
            problems: discovered.problems,
            hidden: discovered.hidden,
            ..BuildSummary::default()
        };
        return Ok((summary, known));
    }

    // What samplegen owned before this build: the committed manifest, whatever git left in it.
    // The cache holds a parsed copy of the manifest it was written with; any other is parsed.
    // (A build with nothing to do, above, has no use for it.)
    let parsed;
    let previous: PathMap<&str, &FileList> = if cache.manifest == manifest_hash {
        cache
            .specs
            .iter()
            .map(|(spec, entry)| (spec.as_str(), &entry.files))
            .collect()
    } else {
        parsed = recorded
            .manifest_text
            .as_deref()
            .map(Manifest::parse)
            .unwrap_or_default();
        parsed
            .specs
            .iter()
            .map(|(spec, files)| (spec.as_str(), files))
            .collect()
    };

    let mut summary = BuildSummary {
        problems: discovered.problems,
        failed: discovered.failed,
        hidden: discovered.hidden,
        ..BuildSummary::default()
    };
    let mut next = Cache {
        inputs: fingerprint,
        ..Cache::default()
    };
    // sized up front: a cold build of 10,000 specs grew these entry by entry
    next.specs.reserve(outcomes.len());
    summary.written.reserve(
        outcomes
            .iter()
            .map(|outcome| match outcome {
                Outcome::Built { written, .. } => written.len(),
                _ => 0,
            })
            .sum(),
    );
    // the directories whose contents this build may have changed
    let mut touched = OwnedPathSet::default();
    let mut built = Vec::new();
    let mut racy_specs = Vec::new();
    for outcome in outcomes {
        match outcome {
            Outcome::Kept { spec, entry } => {
                summary.specs += 1;
                summary.files += entry.files.len();
                summary.unchanged += entry.files.len();
                next.specs.insert(spec, entry.clone());
            }
            Outcome::Built {
                spec,
                entry,
                written,
                unchanged,
                racy,
            } => {
                if let Some((path, hash)) = racy {
                    racy_specs.push((spec.clone(), path, hash));
                }
                summary.specs += 1;
                summary.rendered += 1;
                summary.files += entry.files.len();
                summary.unchanged += unchanged;
                summary.written.extend(written);
                if usable {
                    built.push(spec.clone());
                }
                next.specs.insert(spec, entry);
            }
            Outcome::Failed { spec, problems } => {
                summary.failed.insert(spec);
                summary.problems.extend(problems);
            }
        }
    }
    // A failed spec keeps what it produced last time, output and ownership alike, and its cache
    // entry, which says when that output was rendered (under these inputs, or it is dropped).
    for spec in &summary.failed {
        if let Some(files) = previous.get(spec.as_str()) {
            let stamp = cache
                .specs
                .get(spec)
                .filter(|entry| usable && entry.files == **files)
                .and_then(|entry| entry.stamp);
            let entry = SpecEntry {
                stamp,
                files: (*files).clone(),
            };
            next.specs.insert(spec.clone(), entry);
        }
    }
    // What was touched matters only against what the cache says was not: a build without a
    // usable cache (a cold one) stamps every directory afresh anyway.
    if usable {
        for spec in &built {
            next.specs[spec].files.all_dirs(|dir| {
                if !touched.contains(dir) {
                    touched.insert(dir.to_string());
                }
                true
            });
        }
    }

    // Files owned before and produced by no spec now are stale. Only the specs whose files
    // changed can have left any.
    let mut candidates: Vec<String> = Vec::new();
    for (spec, files) in &previous {
        if next.specs.get(*spec).map(|e| &e.files) != Some(*files) {
            candidates.extend(files.files());
        }
    }
    // The common edit: the same specs own the same files as before. Then the manifest says
    // what it said, and only the directories written into need stamping afresh.
    let owners_unchanged = candidates.is_empty()
        && summary.failed.is_empty()
        && next.specs.len() == previous.len()
        && usable
        && cache.manifest == manifest_hash
        && unchanged_dirs.all_unchanged();
    let stale: Vec<String> = if candidates.is_empty() {
        Vec::new()
    } else {
        let produced: OwnedPathSet = next.specs.values().flat_map(|e| e.files.files()).collect();
        let mut stale: Vec<String> = candidates
            .into_iter()
            .filter(|file| !produced.contains(file))
            .collect();
        stale.sort_unstable();
        stale.dedup();
        stale
    };
    summary.removed = out.remove(&stale).map_err(io)?;
    for file in &stale {
        touched.insert(parent(file).to_string());
    }

    // The manifest is rewritten only when it says something else (a union merge may leave the
    // same records in another order: that needs no commit).
    let mut manifest_text = None;
    if !owners_unchanged || recorded.manifest_text.is_none() {
        // written from the records in place: copying 10,000 of them into a manifest first was
        // a serial step of every cold build
        let mut records: Vec<(&str, &FileList)> = next
            .specs
            .iter()
            .map(|(spec, entry)| (spec.as_str(), &entry.files))
            .collect();
        records.sort_unstable_by_key(|(spec, _)| *spec);
        let text = Manifest::text_of(records.iter().copied());
        let same = recorded.manifest_text.as_deref().is_some_and(|before| {
            text == before
                || Manifest::parse(before).specs.into_iter().eq(records
                    .iter()
                    .map(|(spec, files)| (spec.to_string(), (*files).clone())))
        });
        manifest_text = (!same).then_some(text);
    }
    let written_text = manifest_text
        .as_deref()
        .or(recorded.manifest_text.as_deref());
    next.manifest = content_hash(written_text.unwrap_or_default().as_bytes());
    let racy_dirs;
    (next.dirs, racy_dirs) = if owners_unchanged {
        restamp(&out, cache, touched)
    } else {
        dir_stamps(&out, &next, cache, &unchanged_dirs, &touched)
    };
    settle(project, &out, &mut next, racy_dirs, racy_specs);
    let cache_changed = next != recorded.cache;
    out.finish(Some((
        manifest_text.as_deref(),
        cache_changed.then_some(&next),
    )))
    .map_err(io)?;
    known.cache = next;
    summary.written.sort();
    summary.problems.sort_by(|a, b| a.file.cmp(&b.file));
    known.failed = summary.failed.clone();
    known.problems = summary.problems.clone();
    known.manifest_text = manifest_text.or(recorded.manifest_text);
    // the last build's cache and the paths found are of no further use
    drop((previous, unchanged_dirs));
    free_elsewhere((recorded.cache, discovered.files, discovered.stamps));
    Ok((summary, known))
}

/// Rebuilds only the specs at `changed` (paths a file watcher named), with what the last build
/// left in `known`: each is rendered and its changed files written, files it no longer produces
/// removed, the manifest rewritten if its files changed. `report` is told the outcome as soon as
/// the files are written; the cache is brought up to date after it (which may wait for the
/// clock to move on past the edit, see [`settle`]). Returns
/// `None`, having changed nothing, when a full build is needed instead: a spec added or removed,
/// anything else in the specs directory, links among the specs, or an output directory someone
/// else built into since.
pub fn rebuild_specs(
    project: &Project,
    renderer: &Renderer,
    known: &mut Known,
    changed: &[PathBuf],
    report: impl FnOnce(&BuildSummary) -> Result<(), Error>,
) -> Result<Option<()>, Error> {
    if known.through_links {
        return Ok(None);
    }
    let specs_dir = project.specs_dir();
    let canonical_specs = specs_dir
        .canonicalize()
        .unwrap_or_else(|_| specs_dir.clone());
    let mut targets: Vec<&PathBuf> = Vec::new();
    for path in changed {
        let Some(relative) = path
            .strip_prefix(&specs_dir)
            .or_else(|_| path.strip_prefix(&canonical_specs))
            .ok()
        else {
            return Ok(None);
        };
        // hidden entries (an editor's swap file) are no specs: the build skips them too
        let hidden = relative
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        match known.paths.get(relative) {
            Some(spec) if spec.is_file() && !targets.contains(&spec) => targets.push(spec),
            Some(spec) if spec.is_file() => {}
            // a spec removed, or something new: the whole tree is looked at again
            _ if path.exists() || known.paths.contains_key(relative) => return Ok(None),
            // something that came and went (a temporary file)
            _ => {}
        }
    }

    let output_dir = project.output_dir();
    let io = |error| Error::Io {
        path: output_dir.clone(),
        error,
    };
    let out = OutputDir::open(&output_dir)
        .map_err(|error| refused(&output_dir.join(output::BUILDING), error))?;
    if out.interrupted() {
        // the marker stays for the full build to find: it trusts nothing an interrupted one left
        return Ok(None);
    }
    let manifest_text = Manifest::read_text(&output_dir)
        .map_err(|error| refused(&output_dir.join(output::MANIFEST), error))?;
    if manifest_text != known.manifest_text {
        out.finish(None).map_err(io)?;
        return Ok(None);
    }

    let inputs = Inputs {
        project,
        renderer,
        out: &out,
        cached: None,
        unchanged_dirs: DirsSeen::default(),
    };
    let outcomes = targets
        .par_iter()
        .map(|path| build_spec(&inputs, path, None))
        .collect::<Result<Vec<Outcome>, Error>>()?;
    let mut summary = BuildSummary::default();
    let cache = &mut known.cache;
    let mut candidates: Vec<String> = Vec::new();
    let mut files_changed = false;
    let mut touched = OwnedPathSet::default();
    let mut racy_specs = Vec::new();
    for outcome in outcomes {
        match outcome {
            Outcome::Kept { .. } => unreachable!("nothing is kept without a cache"),
            Outcome::Built {
                spec,
                entry,
                written,
                racy,
                ..
            } => {
                known.failed.remove(&spec);
                known.problems.retain(|p| p.file != Path::new(&spec));
                summary.rendered += 1;
                for file in &written {
                    touched.insert(parent(file).to_string());
                }
                summary.written.extend(written);
                if let Some((path, hash)) = racy {
                    racy_specs.push((spec.clone(), path, hash));
                }
                let before = cache.specs.insert(spec, entry.clone());
                match before {
                    Some(before) if before.files == entry.files => {}
                    Some(before) => {
                        let now: OwnedPathSet = entry.files.files().collect();
                        candidates.extend(before.files.files().filter(|f| !now.contains(f)));
                        files_changed = true;
                    }
                    None => files_changed = true,
                }
            }
            Outcome::Failed { spec, problems } => {
                known.problems.retain(|p| p.file != Path::new(&spec));
                known.problems.extend(problems);
                known.failed.insert(spec);
            }
        }
    }
    // a file another spec still produces is not stale (only possible when pages collide)
    if !candidates.is_empty() {
        let produced: OwnedPathSet = cache.specs.values().flat_map(|e| e.files.files()).collect();
        candidates.retain(|file| !produced.contains(file));
        candidates.sort_unstable();
        candidates.dedup();
    }
    summary.removed = out.remove(&candidates).map_err(io)?;
    for file in &candidates {
        touched.insert(parent(file).to_string());
    }

    known.problems.sort_by(|a, b| a.file.cmp(&b.file));
    summary.problems = known.problems.clone();
    summary.failed = known.failed.clone();
    for (spec, entry) in &cache.specs {
        if !known.failed.contains(spec) {
            summary.specs += 1;
            summary.files += entry.files.len();
        }
    }
    summary.unchanged = summary.files.saturating_sub(summary.written.len());
    summary.written.sort();

    if files_changed {
        let manifest = Manifest {
            specs: cache
                .specs
                .iter()
                .map(|(spec, entry)| (spec.clone(), entry.files.clone()))
                .collect(),
        };
        let text = manifest.to_text();
        out.files()
            .write(output::MANIFEST, text.as_bytes())
            .map_err(io)?;
        known.manifest_text = Some(text);
    }
    report(&summary)?;

    // The directories written into are stamped afresh (or left out, to be compared next time,
    // when they vanished); what changed too recently is stamped once the clock has moved on.
    let now = now_nanos();
    let mut racy_dirs = Vec::new();
    for dir in touched {
        cache.dirs.remove(&dir);
        let still_used = cache
            .specs
            .values()
            .any(|e| !e.files.all_dirs(|d| d != dir));
        if !still_used {
            continue;
        }
        match out.dir_stamp(&dir, now) {
            Some(stamp) => {
                cache.dirs.insert(dir, stamp);
            }
            None => racy_dirs.push(dir),
        }
    }
    cache.manifest = content_hash(
        known
            .manifest_text
            .as_deref()
            .unwrap_or_default()
            .as_bytes(),
    );
    settle(project, &out, cache, racy_dirs, racy_specs);
    out.finish(Some((None, Some(cache)))).map_err(io)?;
    Ok(Some(()))
}

/// The directory part of an output path (`""` for a file at the top).
fn parent(path: &str) -> &str {
    path.rfind('/').map_or("", |at| &path[..at])
}

/// Stamps what changed too recently to be stamped when the build saw it: once the file system's
/// clock has moved on, any later change moves its times. A directory is stamped afresh; a spec is
/// read again and stamped only if it still holds the text that was rendered.
fn settle(
    project: &Project,
    out: &OutputDir,
    next: &mut Cache,
    racy_dirs: Vec<String>,
    racy_specs: Vec<(String, PathBuf, String)>,
) {
    if racy_dirs.is_empty() && racy_specs.is_empty() {
        return;
    }
    // until one tick after the newest of those changes
    let newest = racy_dirs
        .iter()
        .filter_map(|dir| out.dir_changed_at(dir))
        .chain(racy_specs.iter().filter_map(|(_, path, _)| {
            let stamp = Stamp::of(&std::fs::metadata(path).ok()?);
            Some(stamp.modified.max(stamp.changed))
        }))
        .max()
        .unwrap_or(0);
    let wait = newest + racy_nanos() - now_nanos();
    if wait > 0 {
        std::thread::sleep(std::time::Duration::from_nanos(wait as u64 + 1));
    }
    let now = now_nanos();
    for dir in racy_dirs {
        if let Some(stamp) = out.dir_stamp(&dir, now) {
            next.dirs.insert(dir, stamp);
        }
    }
    for (spec, path, rendered) in racy_specs {
        let Some(stamp) = std::fs::metadata(&path)
            .ok()
            .and_then(|m| Stamp::settled(&m, now))
        else {
            continue;
        };
        let same = project
            .read_spec(&path)
            .is_ok_and(|text| content_hash(text.as_bytes()) == rendered);
        if same && let Some(entry) = next.specs.get_mut(&spec) {
            entry.stamp = Some(stamp);
        }
    }
}

/// The stamps of the directories holding output files when they are the cached ones: each as
/// cached, but those in `touched` stamped afresh; and the directories changed too recently to be
/// stamped yet.
fn restamp(
    out: &OutputDir,
    cache: &Cache,
    touched: OwnedPathSet,
) -> (PathMap<String, Stamp>, Vec<String>) {
    let mut stamps = cache.dirs.clone();
    let mut racy = Vec::new();
    let now = now_nanos();
    for dir in touched {
        stamps.remove(&dir);
        match out.dir_stamp(&dir, now) {
            Some(stamp) => {
                stamps.insert(dir, stamp);
            }
            None => racy.push(dir),
        }
    }
    (stamps, racy)
}

/// The stamps of the directories holding output files, as this build leaves them: the cached
/// stamp of one found unchanged that this build did not touch, a fresh one otherwise; and the
/// directories changed too recently to be stamped yet.
fn dir_stamps(
    out: &OutputDir,
    next: &Cache,
    cache: &Cache,
    unchanged: &DirsSeen,
    touched: &OwnedPathSet,
) -> (PathMap<String, Stamp>, Vec<String>) {
    // gathered on all cores, then sorted to drop the repeats (a directory holds many specs' pages)
    let mut dirs: Vec<String> = next
        .specs
        .par_iter()
        .fold(Vec::new, |mut dirs, (_, entry)| {
            entry.files.all_dirs(|dir| {
                dirs.push(dir.to_string());
                true
            });
            dirs
        })
        .flatten()
        .collect();
    dirs.par_sort_unstable();
    dirs.dedup();
    let now = now_nanos();
    let stamped: Vec<(String, Option<Stamp>)> = dirs
        .into_par_iter()
        .map(|dir| {
            let stamp = if unchanged.unchanged(&dir) && !touched.contains(&dir) {
                cache.dirs.get(&dir).copied()
            } else {
                out.dir_stamp(&dir, now)
            };
            (dir, stamp)
        })
        .collect();
    let mut stamps = PathMap::default();
    let mut racy = Vec::new();
    for (dir, stamp) in stamped {
        match stamp {
            Some(stamp) => {
                stamps.insert(dir, stamp);
            }
            None => racy.push(dir),
        }
    }
    (stamps, racy)
}

/// Builds the spec at `path`; `listed` is its stamp and when that was taken, if its directory's
/// listing took it.
fn build_spec<'a>(
    inputs: &Inputs<'a, '_>,
    path: &Path,
    listed: Option<(Stamp, i64)>,
) -> Result<Outcome<'a>, Error> {
    let project = inputs.project;
    let spec = project.shown_text(path);
    let now = now_nanos();
    // Skipped unread only when the spec and every directory holding its files are as they were.
    if let Some(cached) = inputs.cached {
        let settled = match listed {
            Some((stamp, listed_at)) => stamp.settled_by(listed_at),
            None => std::fs::metadata(path)
                .ok()
                .filter(|m| m.is_file())
                .and_then(|m| Stamp::settled(&m, now)),
        };
        if let Some(stamp) = settled
            && let Some(entry) = cached.get(&spec)
            && entry.stamp == Some(stamp)
            && entry
                .files
                .all_dirs(|dir| inputs.unchanged_dirs.unchanged(dir))
        {
            return Ok(Outcome::Kept { spec, entry });
        }
    }

    // the stamp is the one the file had when opened, before it was read: a change while it is
    // read moves the times past it, and the next build looks again
    let (source, metadata) = match project.read_spec_with_metadata(path) {
        Ok(read) => read,
        Err(problems) => return Ok(Outcome::Failed { problems, spec }),
    };
    let stamp = Stamp::settled(&metadata, now);
    let produced = match project.output_files(path, &source, inputs.renderer)? {
        Ok(produced) => produced,
        Err(problems) => return Ok(Outcome::Failed { spec, problems }),
    };
    let out = inputs.out;
    let mut files = Vec::with_capacity(produced.len());
    let mut written = Vec::new();
    let mut unchanged = 0;
    let mut writer = out.writer();
    for file in produced {
        // A file that cannot be written fails its spec (its earlier records are kept), not
        // the build.
        match writer.sync(&file.path, &file.contents) {
            Ok(true) => written.push(file.path.clone()),
            Ok(false) => unchanged += 1,
            Err(error) => {
                let shown = out.dir.join(&file.path);
                let message = match fs_safe::refusal(&error) {
                    Some(refusal) => format!("cannot write `{}`: {refusal}", shown.display()),
                    None => format!("cannot write `{}`: {error}", shown.display()),
                };
                return Ok(Outcome::Failed {
                    problems: vec![Diagnostic::new(Path::new(&spec), message)],
                    spec,
                });
            }
        }
        files.push(file.path);
    }
    files.sort_unstable();
    let racy = stamp
        .is_none()
        .then(|| (path.to_path_buf(), content_hash(source.as_bytes())));
    Ok(Outcome::Built {
        spec,
        entry: SpecEntry {
            stamp,
            files: FileList::new(&files),
        },
        written,
        unchanged,
        racy,
    })
}

/// Renders every spec and compares with the output directory, writing nothing; when `strict`,
/// every other file below it (hidden ones aside) is reported too.
pub fn check(project: &Project, renderer: &Renderer, strict: bool) -> Result<CheckSummary, Error> {
    let output_dir = project.output_dir();
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |error| Error::Io { path, error }
    };
    let discovered = project.discover()?;
    let previous = Manifest::read(&output_dir)
        .map_err(|error| refused(&output_dir.join(output::MANIFEST), error))?;
    let on_disk = Confined::new(&output_dir);

    type Checked = Result<(String, Vec<String>, Vec<Drift>), Vec<Diagnostic>>;
    let checked: Vec<Result<Checked, Error>> = discovered
        .files
        .par_iter()
        .map(|path: &PathBuf| -> Result<Checked, Error> {
            let spec = project.shown_text(path);
            let source = match project.read_spec(path) {
                Ok(text) => text,
                Err(problems) => return Ok(Err(problems)),
            };
            let produced = match project.output_files(path, &source, renderer)? {
                Ok(produced) => produced,
                Err(problems) => return Ok(Err(problems)),
            };
            let mut files = Vec::with_capacity(produced.len());
            let mut drifts = Vec::new();
            for file in produced {
                drifts.extend(
                    output::compare(&on_disk, &file.path, &file.contents)
                        .map_err(io(&output_dir.join(&file.path)))?,
                );
                files.push(file.path);
            }
            files.sort_unstable();
            Ok(Ok((spec, files, drifts)))
        })
        .collect();
    let checked = checked
        .into_iter()
        .collect::<Result<Vec<Checked>, Error>>()?;

    let mut summary = CheckSummary {
        problems: discovered.problems,
        hidden: discovered.hidden,
        ..CheckSummary::default()
    };
    let mut manifest = Manifest::default();
    let mut produced = OwnedPathSet::default();
    for result in checked {
        match result {
            Ok((spec, files, drifts)) => {
                summary.specs += 1;
                summary.files += files.len();
                summary.drifts.extend(drifts);
                manifest.specs.insert(spec, FileList::new(&files));
                produced.extend(files);
            }
            Err(problems) => summary.problems.extend(problems),
        }
    }
    let mut stale: Vec<String> = previous.files_not_in(&produced).collect();
    stale.sort_unstable();
    stale.dedup();
    for path in &stale {
        summary
            .drifts
            .extend(output::stale(&on_disk, path).map_err(io(&output_dir.join(path)))?);
    }
    // what no spec produces and no build wrote (a page a pull request added by hand): found by
    // listing the output directory, asked for, since a site may keep its own files there (a
    // README, Docusaurus' `_category_.json`)
    let mut strays = Vec::new();
    if strict {
        let stale_set: OwnedPathSet = stale.iter().cloned().collect();
        strays_below(&output_dir, "", 0, &mut |path: &str| {
            let bundle = project.config.samples_json && path == crate::bundle::SAMPLES_JSON;
            if !(produced.contains(path) || stale_set.contains(path) || bundle) {
                strays.push(path.to_string());
            }
        })
        .map_err(io(&output_dir))?;
    }
    strays.sort_unstable();
    for path in &strays {
        summary
            .drifts
            .extend(output::stray(&on_disk, path).map_err(io(&output_dir.join(path)))?);
    }
    // the manifest as build would leave it: the same records, in whatever order, are in sync
    if previous != manifest {
        summary.drifts.extend(
            output::compare(&on_disk, output::MANIFEST, &manifest.to_text())
                .map_err(io(&output_dir))?,
        );
    }
    summary.problems.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(summary)
}

/// Calls `found` with the path (relative, `/`-separated) of each file or link below `dir`,
/// `relative` below the output directory, links not followed. Hidden entries are left out:
/// samplegen's own files (`.samplegen-manifest`…), `.gitattributes`, and an editor's or a file
/// manager's (`.DS_Store`), which no docs site serves.
fn strays_below(
    dir: &Path,
    relative: &str,
    depth: usize,
    found: &mut dyn FnMut(&str),
) -> std::io::Result<()> {
    // deeper than any page a spec makes: a planted tree is not walked to its end
    if depth > 64 {
        return Ok(());
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(error) => return Err(error),
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        let path = if relative.is_empty() {
            name.to_string()
        } else {
            format!("{relative}/{name}")
        };
        if entry.file_type()?.is_dir() {
            strays_below(&entry.path(), &path, depth + 1, found)?;
        } else {
            found(&path);
        }
    }
    Ok(())
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
