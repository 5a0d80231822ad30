//! A project on disk: its config, its specs (found, parsed, validated) and the output files they
//! produce. The commands are built from these steps.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::hash::PathMap;
use rayon::prelude::*;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use crate::config::Config;
// commands and the steps they share fail with this one error type
use crate::diagnostic::{Diagnostic, PathSegment, locate};
pub use crate::error::Error;
use crate::fs_safe::{self, INPUT_LIMIT, Refusal};
use crate::model::{self, Body, Endpoint, PageId, PartContent};
use crate::output::{OutputFile, Stamp, now_nanos};
use crate::render::{RenderedEndpoint, Renderer};
use crate::spec;
use crate::yaml;
use PathSegment::{Index, Key};

/// A samplegen project: the directory holding `samplegen.yaml`, `specs/`, `templates/`, `output/`.
pub struct Project {
    pub root: PathBuf,
    pub config: Config,
    /// The project directory, resolved: nothing samplegen reads or writes lies outside it.
    canonical_root: PathBuf,
}

/// The spec files of a project that can be built, and the problems of those that cannot.
pub struct Discovered {
    pub files: Vec<PathBuf>,
    /// With [`Project::discover_stamped`] in a tree without links: each file's stamp (`None`
    /// for one that is not a regular file), taken through its directory as that was listed,
    /// which costs a fraction of a `stat` by the whole path later. Empty otherwise.
    pub stamps: Vec<Option<Stamp>>,
    /// When the listing began (ns): a stamp settled by then is one any later change moves.
    pub listed_at: i64,
    pub problems: Vec<Diagnostic>,
    /// The specs (as shown) refused.
    pub failed: BTreeSet<String>,
    /// Whether a spec or a directory of specs was reached through a link: an edit then shows
    /// under another path than the spec's, so a watch cannot tell which spec it changed.
    pub through_links: bool,
    /// The spec files (as shown) skipped for a leading `.` in their name or a folder's: each
    /// worth a warning, since a writer may have meant a page (`.well-known/…`).
    pub hidden: Vec<PathBuf>,
}

impl Discovered {
    fn refuse(&mut self, shown: &Path, message: String) {
        self.failed.insert(shown.display().to_string());
        self.problems.push(Diagnostic::new(shown, message));
    }
}

/// The specs of a project, those that are valid and the problems of the others.
pub struct Specs {
    pub endpoints: Vec<Endpoint>,
    pub problems: Vec<Diagnostic>,
    /// The specs (as shown, `specs/…`) that failed; their earlier output is kept.
    pub failed: BTreeSet<String>,
}

impl Project {
    pub fn open(root: &Path) -> Result<Project, Error> {
        // `.` is left out of every path shown, so messages read `specs/a.yaml`, not `./specs/a.yaml`.
        let canonical_root = match root.canonicalize() {
            Ok(canonical) if canonical.is_dir() => canonical,
            Ok(_) => {
                return Err(Error::Usage(format!(
                    "the project directory `{}` is not a directory",
                    root.display()
                )));
            }
            Err(error) => {
                return Err(Error::Usage(format!(
                    "the project directory `{}` cannot be opened: {}",
                    root.display(),
                    io_reason(&error)
                )));
            }
        };
        let root = if root == Path::new(".") {
            Path::new("")
        } else {
            root
        };
        check_config_file(root, &canonical_root)?;
        let config = Config::load(root).map_err(|problems| {
            Error::Diagnostics(problems.into_iter().map(|d| relative_to(root, d)).collect())
        })?;
        let project = Project {
            root: root.to_path_buf(),
            config,
            canonical_root,
        };
        project.check_dirs()?;
        Ok(project)
    }

    /// The specs and templates directories resolve inside the project; the output directory is
    /// reached from it through no link at all.
    fn check_dirs(&self) -> Result<(), Error> {
        // said where `samplegen.yaml` sets the directory's `key`, when it does (else it is a
        // default)
        let about = |key: &str, dir: &Path, message: String| match self.config_value_at(key) {
            Some((file, source, location)) => Diagnostic::at(&file, &source, location, message),
            None => Diagnostic::new(&fs_safe::shown_dir(dir), message),
        };
        let refused = |key: &str, dir: &Path, error: std::io::Error| {
            Error::Diagnostics(vec![about(
                key,
                dir,
                match fs_safe::refusal(&error) {
                    Some(refusal) => refusal.to_string(),
                    None => format!("cannot open the directory: {}", io_reason(&error)),
                },
            )])
        };
        let output = &self.config.output_dir;
        // samplegen removes from the output directory what its manifest names, and a pull
        // request writes the manifest: the directory is one of its own, so that no manifest can
        // name the project's specs, templates, config or `.git`
        fn parts(path: &Path) -> Vec<std::path::Component<'_>> {
            path.components()
                .filter(|c| !matches!(c, std::path::Component::CurDir))
                .collect()
        }
        let out = parts(output);
        // (one inside another directory is harmless: the manifest names only what is below it)
        let holds = |other: &Path| parts(other).starts_with(&out);
        if out.is_empty()
            || out.first().is_some_and(|first| first.as_os_str() == ".git")
            || holds(&self.config.specs_dir)
            || holds(&self.config.templates_dir)
        {
            return Err(Error::Diagnostics(vec![about(
                "output",
                &self.root.join(output),
                format!(
                    "`output: {}` must be a directory of its own below the project directory: not the project directory, nor `.git`, nor one holding the specs or templates directory (samplegen removes from it the files its manifest names)",
                    output.display()
                ),
            )]));
        }
        fs_safe::plain_dir_below(&self.root, output)
            .map_err(|error| refused("output", &self.root.join(output), error))?;
        for (key, relative) in [
            ("specs", &self.config.specs_dir),
            ("templates", &self.config.templates_dir),
        ] {
            let dir = self.root.join(relative);
            let plain = relative.components().all(|c| {
                matches!(
                    c,
                    std::path::Component::Normal(_) | std::path::Component::CurDir
                )
            });
            let inside = plain
                && fs_safe::resolves_inside(&self.canonical_root, &dir)
                    .map_err(|error| refused(key, &dir, error))?;
            if !inside {
                return Err(refused(
                    key,
                    &dir,
                    Refusal::Outside {
                        path: dir.clone(),
                        area: fs_safe::shown_dir(&self.root),
                    }
                    .into(),
                ));
            }
        }
        Ok(())
    }

    /// Where `samplegen.yaml` sets the top-level `key` (`output: ../out`): the file as shown,
    /// its text, and the value's line and column; `None` when it does not set it.
    fn config_value_at(&self, key: &str) -> Option<(PathBuf, String, crate::diagnostic::Location)> {
        let path = self.root.join(crate::config::CONFIG_FILE);
        let source = std::fs::read_to_string(&path).ok()?;
        let (index, line) = source.lines().enumerate().find(|(_, line)| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })?;
        let after_colon = line.find(':')? + 1;
        let value = line[after_colon..].len() - line[after_colon..].trim_start().len();
        Some((
            self.shown(&path),
            source.clone(),
            crate::diagnostic::Location {
                line: index + 1,
                column: line[..after_colon + value].chars().count() + 1,
            },
        ))
    }

    /// The project directory, resolved.
    pub fn canonical_root(&self) -> &Path {
        &self.canonical_root
    }

    /// `path` (a spec named on the command line) relative to the project directory when it is
    /// relative.
    pub fn resolve(&self, path: &Path) -> PathBuf {
        if path.is_absolute() {
            path.to_path_buf()
        } else {
            self.root.join(path)
        }
    }

    /// A spec named on the command line (`render SPEC`, `verify SPEC`), relative to the project
    /// directory: refused when it, or a link on its way, leads outside the specs directory, as
    /// `discover` refuses such a spec (a pull request's `specs/x.yaml -> /etc/passwd`).
    pub fn spec_argument(&self, spec: &Path) -> Result<PathBuf, Error> {
        let path = self.resolve(spec);
        let specs_dir = self.specs_dir();
        // one that is not there is reported as such when it is read
        let (Ok(canonical), Ok(area)) = (path.canonicalize(), specs_dir.canonicalize()) else {
            return Ok(path);
        };
        if canonical.starts_with(&area) {
            Ok(path)
        } else {
            Err(Error::Io {
                path: self.shown(&path),
                error: Refusal::Outside {
                    path: self.shown(&path),
                    area: self.shown(&specs_dir),
                }
                .into(),
            })
        }
    }

    /// The text of the spec file at `path`: a regular file (a link is followed; `discover`
    /// refuses those that lead outside the specs directory) of at most [`INPUT_LIMIT`] bytes.
    pub fn read_spec(&self, path: &Path) -> Result<String, Vec<Diagnostic>> {
        self.read_spec_with_metadata(path).map(|(text, _)| text)
    }

    /// [`Project::read_spec`], with the spec file's metadata as it was before it was read.
    pub fn read_spec_with_metadata(
        &self,
        path: &Path,
    ) -> Result<(String, std::fs::Metadata), Vec<Diagnostic>> {
        let (bytes, metadata) = fs_safe::read_regular_with_metadata(path, INPUT_LIMIT, true, &self.specs_dir()).map_err(|error| {
            let message = match fs_safe::refusal(&error) {
                Some(Refusal::NotRegular { .. }) => "this spec is not a regular file (a directory, FIFO, socket or device); samplegen reads only regular files".to_string(),
                Some(Refusal::TooLarge { limit, .. }) => format!(
                    "this spec is larger than the {} samplegen reads",
                    fs_safe::human(*limit)
                ),
                _ => format!("cannot read: {}", io_reason(&error)),
            };
            vec![Diagnostic::new(&self.shown(path), message)]
        })?;
        let text = String::from_utf8(bytes).map_err(|error| {
            let bytes = error.as_bytes();
            let problem = yaml::utf8_error(bytes);
            let shown = String::from_utf8_lossy(bytes);
            vec![match problem.location {
                Some(at) => Diagnostic::at(&self.shown(path), &shown, at, problem.message),
                None => Diagnostic::new(&self.shown(path), problem.message),
            }]
        })?;
        Ok((text, metadata))
    }

    pub fn specs_dir(&self) -> PathBuf {
        self.root.join(&self.config.specs_dir)
    }

    pub fn output_dir(&self) -> PathBuf {
        self.root.join(&self.config.output_dir)
    }

    pub fn renderer(&self) -> Result<Renderer, Error> {
        let renderer = self.deferred_renderer()?;
        renderer.compile()?;
        Ok(renderer)
    }

    /// [`Project::renderer`] with the templates compiled on first use, for a build that may
    /// have nothing to render.
    pub fn deferred_renderer(&self) -> Result<Renderer, Error> {
        let dir = self.root.join(&self.config.templates_dir);
        Ok(Renderer::deferred(Some(&dir))?)
    }

    /// Finds the spec files, and refuses those that cannot be built whatever they say: links
    /// leading outside the specs directory, and pages that differ only in letter case.
    pub fn discover(&self) -> Result<Discovered, Error> {
        self.discover_with(false)
    }

    /// [`Project::discover`], with each spec's stamp taken as its directory is listed (see
    /// [`Discovered::stamps`]): what a build compares with its cache.
    pub fn discover_stamped(&self) -> Result<Discovered, Error> {
        self.discover_with(true)
    }

    fn discover_with(&self, stamped: bool) -> Result<Discovered, Error> {
        let specs_dir = self.specs_dir();
        let listed_at = now_nanos();
        let mut found = SpecFiles::default();
        if specs_dir.is_dir() {
            let root = specs_dir.canonicalize().map_err(|error| Error::Io {
                path: specs_dir.clone(),
                error,
            })?;
            if !root.starts_with(&self.canonical_root) {
                return Err(Error::Diagnostics(vec![Diagnostic::new(
                    &self.shown(&specs_dir),
                    Refusal::Outside {
                        path: specs_dir.clone(),
                        area: fs_safe::shown_dir(&self.root),
                    }
                    .to_string(),
                )]));
            }
            let io = |(path, error)| Error::Io { path, error };
            // most trees hold no link: read on all cores; one with a link is walked in order,
            // which keeps a linked directory from being walked twice
            match SpecFiles::walk_plain(&specs_dir, stamped, 0).map_err(io)? {
                Some(walked) => {
                    found.hidden = walked.hidden;
                    if stamped {
                        (found.files, found.stamps) = walked.files.into_iter().unzip();
                    } else {
                        found.files = walked.files.into_iter().map(|(path, _)| path).collect();
                    }
                }
                None => found.walk(&specs_dir, &root, false, 0).map_err(io)?,
            }
        }
        let mut discovered = Discovered {
            files: Vec::new(),
            stamps: Vec::new(),
            listed_at,
            problems: Vec::new(),
            failed: BTreeSet::new(),
            through_links: found.through_links,
            hidden: found.hidden.iter().map(|path| self.shown(path)).collect(),
        };
        for path in &found.outside {
            discovered.refuse(
                &self.shown(path),
                "this spec is a link to a file outside the specs directory; samplegen reads specs only from inside it".into(),
            );
        }
        // every spec's page path, lowercased: what decides whether outputs collide (on all
        // cores: a serial step of every build)
        let pages: Vec<(&PathBuf, String)> = found
            .files
            .par_iter()
            .filter_map(|path| {
                let relative = match bytes_below(&specs_dir, path) {
                    Some(rest) => Path::new(std::ffi::OsStr::from_bytes(rest)),
                    None => path.strip_prefix(&specs_dir).ok()?,
                };
                let mut page = PageId::from_relative_path(relative).ok()?.path();
                if page.is_ascii() {
                    page.make_ascii_lowercase();
                } else {
                    page = page.to_lowercase();
                }
                Some((path, page))
            })
            .collect();
        // Two pages whose paths differ only in case would overwrite each other's files on a
        // case-insensitive file system (macOS, Windows): both are refused.
        // (Each page's first spec is remembered, and a group made only for a page met again:
        // a build of 10,000 specs with no collision allocates nothing here.)
        let mut first: PathMap<&str, usize> = PathMap::default();
        let mut repeated: PathMap<&str, Vec<usize>> = PathMap::default();
        for (index, (_, page)) in pages.iter().enumerate() {
            if let Some(&earlier) = first.get(page.as_str()) {
                repeated
                    .entry(page)
                    .or_insert_with(|| vec![earlier])
                    .push(index);
            } else {
                first.insert(page, index);
            }
        }
        let mut colliding: Vec<Vec<PathBuf>> = repeated
            .values()
            .map(|group| group.iter().map(|&i| self.shown(pages[i].0)).collect())
            .collect();
        colliding.sort();
        for group in &colliding {
            for this in group {
                let others: Vec<String> = group
                    .iter()
                    .filter(|other| *other != this)
                    .map(|other| format!("`{}`", other.display()))
                    .collect();
                discovered.refuse(
                    this,
                    format!(
                        "this page and {} differ only in letter case, so their output files would overwrite each other; rename one",
                        others.join(", ")
                    ),
                );
            }
        }
        self.refuse_colliding(&pages, &mut discovered);
        if !discovered.failed.is_empty() {
            let keep: Vec<bool> = found
                .files
                .iter()
                .map(|path| !discovered.failed.contains(&self.shown_text(path)))
                .collect();
            let mut kept = keep.iter();
            found.files.retain(|_| *kept.next().unwrap());
            let mut kept = keep.iter();
            found.stamps.retain(|_| *kept.next().unwrap());
        }
        discovered.files = found.files;
        discovered.stamps = found.stamps;
        Ok(discovered)
    }

    /// Refuses the specs whose output paths collide: a file of one where another needs a
    /// directory (`m/x.yaml` writes `m/x.md`, `m/x.md.yaml` needs the directory `m/x.md/`), or
    /// one file written by both (a target of the site's own with `extension: md` writes
    /// `m/x/<id>.md`, the page of `m/x/<id>.yaml`).
    fn refuse_colliding(&self, pages: &[(&PathBuf, String)], discovered: &mut Discovered) {
        self.refuse_sample_as_page(pages, discovered);
        let sample_names: BTreeSet<String> = self
            .config
            .targets
            .iter()
            .map(|t| format!("{}.{}", t.target.id, t.target.extension))
            .collect();
        // A clash needs a directory some page needs named as another page's file, which is a
        // name with a `.` in it (`x.md`, `x/curl.sh`). Most trees have no page path with a `.`
        // at all, and that is settled without a lookup, on all cores: this was a serial step
        // of every build.
        if !pages.par_iter().any(|(_, page)| page.contains('.')) {
            return;
        }
        // Otherwise, a lookup per directory.
        let page_set: HashSet<&str, crate::hash::PathBuildHasher> =
            pages.iter().map(|(_, page)| page.as_str()).collect();
        let owned_by_a_page = |dir: &str| {
            dir.strip_suffix(".md")
                .is_some_and(|page| page_set.contains(page))
                || dir.rsplit_once('/').is_some_and(|(page, name)| {
                    sample_names.contains(name) && page_set.contains(page)
                })
        };
        let any_clash = pages.par_iter().any(|(_, page)| {
            page.match_indices('/')
                .map(|(at, _)| &page[..at])
                .chain([page.as_str()])
                .any(owned_by_a_page)
        });
        if !any_clash {
            return;
        }
        // every directory an output file of a page needs, with the pages needing it
        let mut dirs: PathMap<&str, Vec<usize>> = PathMap::default();
        let mut by_page: PathMap<&str, Vec<usize>> = PathMap::default();
        for (index, (_, page)) in pages.iter().enumerate() {
            by_page.entry(page).or_default().push(index);
            // the samples' directory is the page path itself
            for (at, _) in page.match_indices('/').chain([(page.len(), "")]) {
                let users = dirs.entry(&page[..at]).or_default();
                if users.last() != Some(&index) {
                    users.push(index);
                }
            }
        }
        // A page's own files are `<page>.md` and `<page>/<target>.<ext>`: a directory by one of
        // those names is a clash with each page that owns the name.
        let mut clashes: std::collections::BTreeMap<PathBuf, BTreeSet<PathBuf>> =
            Default::default();
        for (dir, users) in &dirs {
            let mut owners: Vec<usize> = Vec::new();
            if let Some(page) = dir.strip_suffix(".md") {
                owners.extend(by_page.get(page).into_iter().flatten());
            }
            if let Some((page, name)) = dir.rsplit_once('/')
                && sample_names.contains(name)
            {
                owners.extend(by_page.get(page).into_iter().flatten());
            }
            for owner in owners {
                let shown = self.shown(pages[owner].0);
                for &other in users {
                    let other = self.shown(pages[other].0);
                    clashes
                        .entry(shown.clone())
                        .or_default()
                        .insert(other.clone());
                    clashes.entry(other).or_default().insert(shown.clone());
                }
            }
        }
        for (this, others) in clashes {
            let others: Vec<String> = others
                .iter()
                .map(|other| format!("`{}`", other.display()))
                .collect();
            discovered.refuse(
                &this,
                format!(
                    "this spec's output and that of {} need the same path, one as a file and the other as a directory; rename one",
                    others.join(", ")
                ),
            );
        }
    }

    /// Refuses each spec whose page is another's sample: `m/x/<id>.md` for a target `<id>` whose
    /// extension is `md` (in any case: `pages` are lower case, as a case-insensitive file system
    /// compares them). Without such a target, which only a site's own can be, nothing is looked up.
    fn refuse_sample_as_page(&self, pages: &[(&PathBuf, String)], discovered: &mut Discovered) {
        // (ids are lower case already)
        let markdown_targets: Vec<&str> = self
            .config
            .targets
            .iter()
            .filter(|t| t.target.extension.eq_ignore_ascii_case("md"))
            .map(|t| t.target.id)
            .collect();
        if markdown_targets.is_empty() {
            return;
        }
        let page_at: HashMap<&str, usize> = pages
            .iter()
            .enumerate()
            .map(|(index, (_, page))| (page.as_str(), index))
            .collect();
        let mut clashes: Vec<(usize, usize, &str)> = Vec::new();
        for (index, (_, page)) in pages.iter().enumerate() {
            if let Some((parent, name)) = page.rsplit_once('/')
                && let Some(&id) = markdown_targets.iter().find(|id| **id == name)
                && let Some(&owner) = page_at.get(parent)
            {
                clashes.push((owner, index, id));
            }
        }
        for (owner, page, id) in clashes {
            let (owner, page) = (self.shown(pages[owner].0), self.shown(pages[page].0));
            discovered.refuse(
                &owner,
                format!(
                    "this spec's `{id}` sample and the page of `{}` are the same file; rename the spec or give the target another extension",
                    page.display()
                ),
            );
            discovered.refuse(
                &page,
                format!(
                    "this spec's page and the `{id}` sample of `{}` are the same file; rename the spec or give the target another extension",
                    owner.display()
                ),
            );
        }
    }

    /// Finds, parses and validates every spec, collecting every problem.
    pub fn load_specs(&self) -> Result<Specs, Error> {
        let discovered = self.discover()?;
        let mut specs = Specs {
            endpoints: Vec::new(),
            problems: discovered.problems,
            failed: discovered.failed,
        };
        for path in discovered.files {
            match self.load_spec(&path) {
                Ok(endpoint) => specs.endpoints.push(endpoint),
                Err(problems) => {
                    specs.failed.insert(self.shown_text(&path));
                    specs.problems.extend(problems);
                }
            }
        }
        Ok(specs)
    }

    /// Checks that the files a spec marks `must_exist` exist, relative to the project directory.
    fn check_files(&self, endpoint: Endpoint, source: &str) -> Result<Endpoint, Vec<Diagnostic>> {
        let mut wanted: Vec<(&str, Vec<PathSegment>)> = Vec::new();
        match &endpoint.request.body {
            Some(Body::File {
                path,
                must_exist: true,
                ..
            }) => wanted.push((path, vec![Key("request"), Key("body"), Key("file")])),
            Some(Body::Formdata { parts }) => {
                for (index, part) in parts.iter().enumerate() {
                    if let PartContent::File {
                        path,
                        must_exist: true,
                        ..
                    } = &part.content
                    {
                        wanted.push((
                            path,
                            vec![Key("request"), Key("body"), Key("formdata"), Index(index)],
                        ));
                    }
                }
            }
            _ => {}
        }
        let missing: Vec<Diagnostic> = wanted
            .into_iter()
            .filter(|(path, _)| !self.root.join(path).is_file())
            .map(|(path, place)| {
                let message = format!(
                    "the file `{path}` does not exist (the spec says it must; paths are relative to the project directory)"
                );
                match locate(source, &place) {
                    Some(location) => Diagnostic::at(&endpoint.source, source, location, message),
                    None => Diagnostic::new(&endpoint.source, message),
                }
            })
            .collect();
        if missing.is_empty() {
            Ok(endpoint)
        } else {
            Err(missing)
        }
    }

    /// Parses and validates one spec file. Its page id comes from its path below the specs
    /// directory, or, for a file elsewhere, from its own directory and name.
    /// (A spec named on the command line is first [`Project::resolve`]d.)
    pub fn load_spec(&self, path: &Path) -> Result<Endpoint, Vec<Diagnostic>> {
        let source = self.read_spec(path)?;
        self.load_spec_source(path, &source)
    }

    /// Like [`Project::load_spec`], with the file's text already read.
    pub fn load_spec_source(&self, path: &Path, source: &str) -> Result<Endpoint, Vec<Diagnostic>> {
        let path: PathBuf = path
            .components()
            .filter(|c| !matches!(c, std::path::Component::CurDir))
            .collect();
        let path = path.as_path();
        let shown = self.shown(path);
        // a byte-order mark some editors write is not part of the text
        let source = source.strip_prefix('\u{feff}').unwrap_or(source);
        let relative = path
            .strip_prefix(self.specs_dir())
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| {
                let dir = path
                    .parent()
                    .and_then(Path::file_name)
                    .unwrap_or_else(|| "specs".as_ref());
                Path::new(dir).join(path.file_name().unwrap_or_default())
            });
        let id = PageId::from_relative_path(&relative)
            .map_err(|message| vec![Diagnostic::new(&shown, message)])?;
        let parsed = spec::parse(source).map_err(|error| {
            // the strict reading stops at its first problem: the shape pass finds the others
            let first = Diagnostic::from_yaml(&shown, source, &error);
            let mut all = vec![first.clone()];
            all.extend(
                crate::shape::problems(&shown, source)
                    .into_iter()
                    .filter(|found| field_named(&found.message) != field_named(&first.message)),
            );
            all.sort_by_key(|d| d.location.map(|l| (l.line, l.column)));
            all
        })?;
        let endpoint =
            model::validate_with(parsed, id, &shown, source, &self.config.sample_values)?;
        self.check_files(endpoint, source)
    }

    /// The one per-spec pipeline `build` and `check` share: a spec's text, validated, rendered,
    /// as the files it produces below the output directory; or the spec's problems. A template
    /// that fails on a spec (a `throw`, Hugo's refusal of `{{<`) fails that spec, as its own
    /// problems would: the others are built and recorded.
    pub fn output_files(
        &self,
        path: &Path,
        source: &str,
        renderer: &Renderer,
    ) -> Result<Result<Vec<OutputFile>, Vec<Diagnostic>>, Error> {
        let endpoint = match self.load_spec_source(path, source) {
            Ok(endpoint) => endpoint,
            Err(problems) => return Ok(Err(problems)),
        };
        match renderer.render(&endpoint, &self.config) {
            Ok(rendered) => Ok(Ok(Project::files_of(&endpoint, rendered))),
            Err(error) => Ok(Err(vec![Diagnostic::new(
                &self.shown(path),
                format!(
                    "template `{}` failed on this spec: {}",
                    error.template,
                    error
                        .detail
                        .strip_prefix("error: ")
                        .unwrap_or(&error.detail)
                ),
            )])),
        }
    }

    /// The files an endpoint's rendering produces below the output directory: its samples in
    /// `<module>/<page>/<target>.<ext>` and its page in `<module>/<page>.md`.
    pub fn files_of(endpoint: &Endpoint, rendered: RenderedEndpoint) -> Vec<OutputFile> {
        let page_path = endpoint.id.path();
        let mut files: Vec<OutputFile> = rendered
            .samples
            .into_iter()
            .map(|(target, mut code)| {
                code.push('\n');
                OutputFile {
                    path: format!("{page_path}/{}.{}", target.id, target.extension),
                    contents: code,
                }
            })
            .collect();
        files.push(OutputFile {
            path: format!("{page_path}.md"),
            contents: rendered.page,
        });
        files
    }

    /// `path` as users see it: relative to the project root when inside it.
    pub fn shown(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.root).unwrap_or(path).to_path_buf()
    }

    /// [`Project::shown`] as text, as the manifest and the cache name a spec. A path found below
    /// the root (every spec a build walks) is cut at the bytes, without comparing components or
    /// formatting: a no-op build names 10,000 specs.
    pub fn shown_text(&self, path: &Path) -> String {
        if let Some(below) = bytes_below(&self.root, path)
            && let Ok(text) = std::str::from_utf8(below)
            // what `Path` would normalise away (`a//b`, `a/./b`) goes the long way
            && !text.split('/').any(|part| part.is_empty() || part == ".")
        {
            return text.to_string();
        }
        self.shown(path).display().to_string()
    }
}

/// The bytes of `path` below `dir` when `path` is `dir` joined with more, as every path a walk
/// of `dir` finds is (all of `path` when `dir` is empty: samplegen run in the project). Cut at
/// the bytes: comparing components one by one cost more than the rest of naming a spec, and a
/// build names 10,000. `None` for any other path.
fn bytes_below<'a>(dir: &Path, path: &'a Path) -> Option<&'a [u8]> {
    let dir = dir.as_os_str().as_bytes();
    let bytes = path.as_os_str().as_bytes();
    if dir.is_empty() {
        return Some(bytes);
    }
    let rest = bytes.strip_prefix(dir)?;
    let rest = if dir.ends_with(b"/") {
        rest
    } else {
        rest.strip_prefix(b"/")?
    };
    (!rest.is_empty()).then_some(rest)
}

/// The `unknown field `x`` or `missing field `x`` a message is about, to tell two reports of one
/// problem apart from two problems.
fn field_named(message: &str) -> Option<&str> {
    ["unknown field `", "missing field `"]
        .iter()
        .find_map(|start| {
            let at = message.find(start)?;
            let rest = &message[at..];
            let end = rest[start.len()..].find('`')? + start.len() + 1;
            Some(&rest[..end])
        })
}

/// An I/O error's reason, without the `(os error N)` suffix.
fn io_reason(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.find(" (os error") {
        Some(index) => text[..index].to_string(),
        None => text,
    }
}

/// The config file, when there is one, must be a regular file of at most [`INPUT_LIMIT`] bytes
/// inside the project (a link to one inside is followed).
fn check_config_file(root: &Path, canonical_root: &Path) -> Result<(), Error> {
    let path = root.join(crate::config::CONFIG_FILE);
    if std::fs::symlink_metadata(&path).is_err() {
        return Ok(());
    }
    let problem = if !fs_safe::resolves_inside(canonical_root, &path).unwrap_or(false) {
        Some(format!(
            "the config is a link to a file outside the project `{}`; samplegen reads only files inside it",
            fs_safe::shown_dir(root).display()
        ))
    } else {
        fs_safe::read_regular(&path, INPUT_LIMIT, true, root)
            .err()
            .filter(|error| error.kind() != std::io::ErrorKind::NotFound)
            .map(|error| match fs_safe::refusal(&error) {
                Some(refusal) => refusal.to_string(),
                None => format!("cannot read: {}", io_reason(&error)),
            })
    };
    match problem {
        Some(message) => Err(Error::Diagnostics(vec![Diagnostic::new(&path, message)])),
        None => Ok(()),
    }
}

fn relative_to(root: &Path, mut diagnostic: Diagnostic) -> Diagnostic {
    if let Ok(relative) = diagnostic.file.strip_prefix(root) {
        diagnostic.file = relative.to_path_buf();
    }
    diagnostic
}

/// The spec files found below the specs directory.
#[derive(Default)]
struct SpecFiles {
    /// `*.yaml` (and mistaken `*.yml`) files, sorted, hidden entries skipped.
    files: Vec<PathBuf>,
    /// Their stamps, when taken (see [`Discovered::stamps`]).
    stamps: Vec<Option<Stamp>>,
    /// Links that lead outside the specs directory.
    outside: Vec<PathBuf>,
    /// Whether any spec or directory was reached through a link.
    through_links: bool,
    /// Spec files skipped for a leading `.` in their own name or a folder's, for a warning.
    hidden: Vec<PathBuf>,
    /// Directories reached through links (canonical), so that a link cannot loop.
    visited: std::collections::HashSet<PathBuf>,
}

/// How many folders deep below the specs directory a spec may sit. A deeper tree is refused
/// before it is walked further: the walk recurses once per level, and a pull request adding a
/// folder 2,000 deep would otherwise overflow the stack (a docs site's nesting is a handful).
const MAX_SPEC_DEPTH: usize = 32;

/// The error for a folder below the specs directory nested deeper than [`MAX_SPEC_DEPTH`].
fn too_deep(dir: &Path) -> (PathBuf, std::io::Error) {
    (
        dir.to_path_buf(),
        std::io::Error::other(format!(
            "nested more than {MAX_SPEC_DEPTH} folders below the specs directory; samplegen refuses deeper spec folders"
        )),
    )
}

/// What the walk on all cores found: the spec files, each with its stamp when asked for, and
/// those skipped for a leading `.` ([`SpecFiles::hidden`]).
#[derive(Debug, Default, PartialEq)]
struct Walked {
    files: Vec<(PathBuf, Option<Stamp>)>,
    hidden: Vec<PathBuf>,
}

/// Whether an entry's name starts with `.`: an editor's or a tool's (a swap file, `.git`), and
/// never a page, since no docs site serves a page whose path holds one.
fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name.as_encoded_bytes().starts_with(b"."))
}

/// The spec files a hidden entry (`path`, of type `kind`, `depth` folders down) would have been:
/// itself when it is a spec file, or those below it when it is a folder. Links are not followed,
/// and an editor's lock file (`.#name.yaml`, a link) is no spec a writer meant.
fn hidden_specs(path: &Path, kind: std::fs::FileType, depth: usize) -> Vec<PathBuf> {
    if kind.is_file() && is_spec_file(path) {
        return vec![path.to_path_buf()];
    }
    if !kind.is_dir() || depth >= MAX_SPEC_DEPTH {
        return Vec::new();
    }
    // a folder that cannot be read is left out of a warning; the build goes on without it
    let Ok(entries) = sorted_entries(path, false) else {
        return Vec::new();
    };
    entries
        .into_iter()
        .flat_map(|(path, kind, _)| hidden_specs(&path, kind, depth + 1))
        .collect()
}

/// Whether `path` names a spec file: `.yaml`, and `.yml`, `.YAML`… too, so that the build can
/// say spec files end in `.yaml`.
fn is_spec_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// The entries of `dir`, sorted by path, each with the file type its directory entry gives (no
/// extra system call per file), and each spec file's stamp when `stamped`: taken through the
/// directory being read (one `lstat` of a name, not of a whole path).
fn sorted_entries(
    dir: &Path,
    stamped: bool,
) -> std::io::Result<Vec<(PathBuf, std::fs::FileType, Option<Stamp>)>> {
    let mut entries: Vec<(PathBuf, std::fs::FileType, Option<Stamp>)> = std::fs::read_dir(dir)?
        .map(|entry| {
            let entry = entry?;
            let path = entry.path();
            let kind = entry.file_type()?;
            let stamp = if stamped && kind.is_file() && is_spec_file(&path) {
                // one that vanished since the listing is looked up again, and reported, later
                entry.metadata().ok().map(|metadata| Stamp::of(&metadata))
            } else {
                None
            };
            Ok((path, kind, stamp))
        })
        .collect::<std::io::Result<_>>()?;
    // by name, which for paths with the same parent is by their bytes: comparing them
    // component by component cost a fifth of finding the specs
    entries.sort_unstable_by(|a, b| a.0.as_os_str().cmp(b.0.as_os_str()));
    Ok(entries)
}

impl SpecFiles {
    /// The spec files below `dir`, in the order [`SpecFiles::walk`] finds them, each directory's
    /// subdirectories read side by side, each with its stamp when `stamped`; `None` as soon as a
    /// link is met (the walk in order handles links).
    #[allow(clippy::type_complexity)]
    fn walk_plain(
        dir: &Path,
        stamped: bool,
        depth: usize,
    ) -> Result<Option<Walked>, (PathBuf, std::io::Error)> {
        if depth > MAX_SPEC_DEPTH {
            return Err(too_deep(dir));
        }
        let entries = sorted_entries(dir, stamped).map_err(|error| (dir.to_path_buf(), error))?;
        if entries.iter().any(|(_, kind, _)| kind.is_symlink()) {
            return Ok(None);
        }
        let parts: Vec<_> = entries
            .into_par_iter()
            .map(|(path, kind, stamp)| {
                if is_hidden(&path) {
                    Ok(Some(Walked {
                        hidden: hidden_specs(&path, kind, depth),
                        ..Walked::default()
                    }))
                } else if kind.is_dir() {
                    SpecFiles::walk_plain(&path, stamped, depth + 1)
                } else if is_spec_file(&path) {
                    Ok(Some(Walked {
                        files: vec![(path, stamp)],
                        ..Walked::default()
                    }))
                } else {
                    Ok(Some(Walked::default()))
                }
            })
            .collect();
        let mut walked = Walked::default();
        for part in parts {
            match part? {
                Some(part) => {
                    walked.files.extend(part.files);
                    walked.hidden.extend(part.hidden);
                }
                None => return Ok(None),
            }
        }
        Ok(Some(walked))
    }

    /// Walks `dir`, `depth` folders below the specs directory; `linked` says whether it was
    /// reached through a link (only then can it be one already walked).
    fn walk(
        &mut self,
        dir: &Path,
        root: &Path,
        linked: bool,
        depth: usize,
    ) -> Result<(), (PathBuf, std::io::Error)> {
        if depth > MAX_SPEC_DEPTH {
            return Err(too_deep(dir));
        }
        let fail = |error| (dir.to_path_buf(), error);
        if linked {
            let canonical = dir.canonicalize().map_err(fail)?;
            if !self.visited.insert(canonical) {
                return Ok(());
            }
        }
        for (path, kind, _) in sorted_entries(dir, false).map_err(fail)? {
            if is_hidden(&path) {
                self.hidden.extend(hidden_specs(&path, kind, depth));
                continue;
            }
            let is_yaml = is_spec_file(&path);
            let is_dir = if kind.is_symlink() {
                let is_dir = path.is_dir();
                if is_dir || is_yaml {
                    self.through_links = true;
                    match path.canonicalize() {
                        Ok(target) if target.starts_with(root) => {}
                        _ => {
                            self.outside.push(path);
                            continue;
                        }
                    }
                }
                is_dir
            } else {
                kind.is_dir()
            };
            if is_dir {
                self.walk(&path, root, linked || kind.is_symlink(), depth + 1)?;
            } else if is_yaml {
                self.files.push(path);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_shown_as_text_is_the_shown_path() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("specs")).unwrap();
        let elsewhere = Project::open(dir.path()).unwrap();
        // given with a slash at the end
        let slashed = Project::open(Path::new(&format!("{}/", dir.path().display()))).unwrap();
        // run in the project, the root is empty
        let here = Project::open(Path::new(".")).unwrap();
        for (project, path) in [&elsewhere, &slashed, &here]
            .into_iter()
            .flat_map(|project| {
                let root = &project.root;
                [
                    root.join("specs/a/b.yaml"),
                    root.join("./specs/b.yaml"),
                    root.join("specs//c.yaml"),
                    root.join("specs/./d.yaml"),
                    root.join("specs/../e.yaml"),
                    root.join("specs/f.yaml/"),
                    PathBuf::from("/elsewhere/specs/g.yaml"),
                    PathBuf::from("specs/h.yaml"),
                ]
                .map(|path| (project, path))
            })
        {
            assert_eq!(
                project.shown_text(&path),
                project.shown(&path).display().to_string(),
                "{}",
                path.display()
            );
        }
    }

    /// A project directory whose `specs/` holds `files` (each a path below it and a text), and
    /// that `specs/`.
    fn specs_holding(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let specs = dir.path().join("specs");
        for (file, text) in files {
            let path = specs.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        (dir, specs)
    }

    /// The files found, as shown.
    fn shown_files(project: &Project, discovered: &Discovered) -> Vec<String> {
        discovered
            .files
            .iter()
            .map(|path| project.shown_text(path))
            .collect()
    }

    #[test]
    fn the_walk_on_all_cores_finds_what_the_walk_in_order_finds_in_the_same_order() {
        let (_dir, specs) = specs_holding(
            &[
                "b/z.yaml",
                "b/a/y.yaml",
                "b/a/notes.txt",
                "a.yaml",
                "c.YML",
                ".hidden/x.yaml",
                "d/.swap.yaml",
                "d/e/f/g.yaml",
                "d/e.yaml",
            ]
            .map(|file| (file, "")),
        );
        let root = specs.canonicalize().unwrap();
        let mut in_order = SpecFiles::default();
        in_order.walk(&specs, &root, false, 0).unwrap();
        let walked = SpecFiles::walk_plain(&specs, false, 0)
            .unwrap()
            .expect("no link");
        // the hidden spec files are found by both walks, for a warning
        assert_eq!(walked.hidden, in_order.hidden);
        assert_eq!(
            walked.hidden,
            [specs.join(".hidden/x.yaml"), specs.join("d/.swap.yaml")]
        );
        let plain: Vec<PathBuf> = walked
            .files
            .into_iter()
            .map(|(path, stamp)| {
                assert_eq!(stamp, None, "no stamp asked for");
                path
            })
            .collect();
        assert_eq!(plain, in_order.files);
        let shown: Vec<_> = plain
            .iter()
            .map(|p| p.strip_prefix(&specs).unwrap())
            .collect();
        assert_eq!(
            shown,
            [
                "a.yaml",
                "b/a/y.yaml",
                "b/z.yaml",
                "c.YML",
                "d/e/f/g.yaml",
                "d/e.yaml"
            ]
            .map(Path::new)
        );

        // a link anywhere hands the tree to the walk in order
        std::os::unix::fs::symlink(specs.join("b"), specs.join("d/e/link")).unwrap();
        assert_eq!(SpecFiles::walk_plain(&specs, true, 0).unwrap(), None);
    }

    #[test]
    fn a_page_whose_directory_is_another_pages_file_is_refused_with_it() {
        // `auth/token` writes the file `auth/token/curl.sh`; the page `auth/token/curl.sh`
        // needs it as a directory; `auth/token.md` likewise. Dots elsewhere clash with nothing.
        let (dir, _) = specs_holding(
            &[
                "auth/token.yaml",
                "auth/token/curl.sh.yaml",
                "auth/token.md.yaml",
                "auth/v1.2/list.yaml",
                "auth/v1.2.yaml",
                "plain/a.yaml",
            ]
            .map(|file| (file, "")),
        );
        // the specs directory as configured, with or without a slash at the end
        for specs_dir in ["specs", "specs/"] {
            std::fs::write(
                dir.path().join("samplegen.yaml"),
                format!("specs: {specs_dir}\n"),
            )
            .unwrap();
            assert_refused_and_kept(&Project::open(dir.path()).unwrap());
        }
    }

    fn assert_refused_and_kept(project: &Project) {
        let discovered = project.discover().unwrap();
        assert_eq!(
            discovered.failed,
            BTreeSet::from([
                "specs/auth/token.md.yaml".to_string(),
                "specs/auth/token.yaml".to_string(),
                "specs/auth/token/curl.sh.yaml".to_string(),
            ])
        );
        let shown = shown_files(project, &discovered);
        assert_eq!(
            shown,
            // a directory's entries in the order of their names: `v1.2` before `v1.2.yaml`
            [
                "specs/auth/v1.2/list.yaml",
                "specs/auth/v1.2.yaml",
                "specs/plain/a.yaml"
            ]
        );
    }

    #[test]
    fn each_stamp_taken_while_listing_is_the_stamp_of_its_file_by_path() {
        // `Users.yaml` and `users.yaml` are refused (their pages differ only in case): the
        // stamps of the others stay beside their files
        let (dir, specs) = specs_holding(&[
            ("a.yaml", "a"),
            ("m/Users.yaml", "bb"),
            ("m/n/deep.yaml", "ccc"),
            ("m/users.yaml", "dddd"),
            ("z.yml", "eeeee"),
        ]);
        // not a regular file: no stamp (the build then looks it up and reports it)
        let fifo = std::ffi::CString::new(
            specs
                .join("m/fifo.yaml")
                .into_os_string()
                .into_encoded_bytes(),
        )
        .unwrap();
        // SAFETY: a NUL-terminated path
        assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
        let project = Project::open(dir.path()).unwrap();
        let before = now_nanos();
        let discovered = project.discover_stamped().unwrap();
        assert!(discovered.listed_at >= before && discovered.listed_at <= now_nanos());
        assert_eq!(discovered.failed.len(), 2);
        let shown = shown_files(&project, &discovered);
        assert_eq!(
            shown,
            [
                "specs/a.yaml",
                "specs/m/fifo.yaml",
                "specs/m/n/deep.yaml",
                "specs/z.yml"
            ]
        );
        assert_eq!(discovered.stamps.len(), discovered.files.len());
        for (path, stamp) in discovered.files.iter().zip(&discovered.stamps) {
            let metadata = std::fs::metadata(path).unwrap();
            let by_path = metadata.is_file().then(|| Stamp::of(&metadata));
            assert_eq!(*stamp, by_path, "{}", path.display());
        }
        // without asking, or in a tree with a link, no stamps: the build stats each spec
        assert!(project.discover().unwrap().stamps.is_empty());
        std::os::unix::fs::symlink(specs.join("a.yaml"), specs.join("m/link.yaml")).unwrap();
        let linked = project.discover_stamped().unwrap();
        assert_eq!(linked.files.len(), 5);
        assert!(linked.stamps.is_empty());
    }
}
