//! The manifest: committed with the output, it records only which files below the output
//! directory samplegen wrote, for which spec, so that a build removes them when no spec produces
//! them any more and never removes anything else. It holds no hashes of inputs or contents and
//! nothing about the machine or samplegen's version, so it changes only when the set of files
//! changes; one line per spec, so that two branches touching different specs touch different
//! lines (and `merge=union` settles lines added side by side).

use std::collections::BTreeMap;
use std::io;
use std::path::Path;

use crate::fs_safe::{self, OUTPUT_LIMIT};

use super::*;

/// Spec (as shown, `specs/auth/token.yaml`) → the files it produced.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    pub specs: BTreeMap<String, FileList>,
}

/// The files one spec produced, sorted, kept as the manifest writes them (the prefix they share,
/// then the rest of each, tab-separated): a build with nothing to do reads thousands of these,
/// and this way each costs one allocation rather than one per file. Shared, not copied: a build
/// carries every spec's list from the cache it read to the one it writes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileList(std::sync::Arc<str>);

impl FileList {
    /// The list of `files`, which must be sorted.
    pub fn new(files: &[String]) -> FileList {
        let prefix = shared_prefix(files);
        let mut text = String::with_capacity(prefix.len() + files.len() * 12);
        text.push_str(prefix);
        for file in files {
            text.push('\t');
            text.push_str(&file[prefix.len()..]);
        }
        FileList(text.into())
    }

    /// Reads a list [`FileList::new`] made, checking that every file stays inside the output
    /// directory (a list with one that does not is refused whole).
    fn parse(text: &str) -> Option<FileList> {
        let (prefix, rests) = text.split_once('\t')?;
        // The directories before the prefix's last `/` are every file's: checked once. Each
        // file is safe when they are and so is the rest of it, from that `/` on.
        let (dirs, stem) = match prefix.rfind('/') {
            Some(at) => (Some(&prefix[..at]), &prefix[at + 1..]),
            None => (None, prefix),
        };
        if dirs.is_some_and(|dirs| !is_safe_relative(dirs)) {
            return None;
        }
        if stem.contains('\0') || !rests_are_safe_remembered(stem, rests) {
            return None;
        }
        Some(FileList(text.into()))
    }

    fn parts(&self) -> (&str, std::str::Split<'_, char>) {
        let (prefix, rests) = self.0.split_once('\t').unwrap_or(("", ""));
        let mut rests = rests.split('\t');
        if self.0.is_empty() {
            // an empty list has no rests at all
            rests.by_ref().for_each(drop);
        }
        (prefix, rests)
    }

    pub fn len(&self) -> usize {
        self.0.bytes().filter(|b| *b == b'\t').count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The files, as paths below the output directory.
    pub fn files(&self) -> impl Iterator<Item = String> + '_ {
        let (prefix, rests) = self.parts();
        rests.map(move |rest| format!("{prefix}{rest}"))
    }

    /// Whether `test` holds for the directory of every file (`""` for the top). A directory is
    /// tested once for each run of files in it, not once per file: a spec's files sit in one or
    /// two directories, and a no-op build asks this of every spec.
    pub fn all_dirs(&self, mut test: impl FnMut(&str) -> bool) -> bool {
        let (prefix, rests) = self.0.split_once('\t').unwrap_or(("", ""));
        if self.0.is_empty() {
            return true;
        }
        let prefix_dir = prefix.rfind('/').map_or("", |at| &prefix[..at]);
        let mut dir = String::new();
        let mut last_tested: Option<String> = None;
        with_rest_facts(rests, |facts| {
            for run in &facts.runs {
                let current = match *run {
                    DirRun::PrefixDir => prefix_dir,
                    DirRun::Prefix => prefix,
                    DirRun::Below(start, slash) => {
                        dir.clear();
                        dir.push_str(prefix);
                        dir.push_str(&rests[start..slash]);
                        &dir
                    }
                };
                if last_tested.as_deref() != Some(current) {
                    if !test(current) {
                        return false;
                    }
                    match &mut last_tested {
                        Some(last) => {
                            last.clear();
                            last.push_str(current);
                        }
                        None => last_tested = Some(current.to_string()),
                    }
                }
            }
            true
        })
    }
}

/// Where the directory of a file in a [`FileList`] lies, from its rest alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DirRun {
    /// The rest holds no `/`: the prefix's own directory.
    PrefixDir,
    /// The rest starts at its only `/`: the prefix is the directory.
    Prefix,
    /// The prefix, then the rest up to its last `/` (`start..slash` of the rests).
    Below(usize, usize),
}

/// What a list's rests (tab-separated, each file after the prefix the files share) say, whatever
/// that prefix is.
struct RestFacts {
    /// The directory of each file, in order, a run of the same one given once.
    runs: Vec<DirRun>,
    /// Whether every rest makes a safe path after a stem that is neither empty nor all dots:
    /// the answer is then the same for every such stem (see [`rests_are_safe`]).
    safe_after_a_name: bool,
}

impl RestFacts {
    fn of(rests: &str) -> RestFacts {
        let mut runs = Vec::new();
        dir_runs(rests, &mut runs);
        RestFacts {
            runs,
            // `a` stands for any stem neither empty nor all dots
            safe_after_a_name: rests_are_safe("a", rests),
        }
    }
}

/// Gives `work` the [`RestFacts`] of `rests`. Every spec producing the same targets has the same
/// rests: each thread keeps the last rests it read and their facts, and reuses them. A no-op
/// build of 10,000 specs reads one list per spec when it reads the cache, and again when it
/// looks at the list's directories; reading each list's bytes each time was a seventh of its
/// instructions.
fn with_rest_facts<T>(rests: &str, work: impl FnOnce(&RestFacts) -> T) -> T {
    thread_local! {
        static LAST: std::cell::RefCell<(String, Option<RestFacts>)> = const {
            std::cell::RefCell::new((String::new(), None))
        };
    }
    LAST.with(|last| match last.try_borrow_mut() {
        Ok(mut last) => {
            let (text, facts) = &mut *last;
            if facts.is_none() || text != rests {
                *facts = Some(RestFacts::of(rests));
                text.clear();
                text.push_str(rests);
            }
            work(facts.as_ref().expect("just set"))
        }
        // asked again from within `work`: read afresh
        Err(_) => work(&RestFacts::of(rests)),
    })
}

/// The directory of each file of `rests`, in order, a run of the same one given once.
fn dir_runs(rests: &str, runs: &mut Vec<DirRun>) {
    // one pass over the bytes: where each rest starts and its last `/` (a split and a search
    // per file cost ten times as much)
    let bytes = rests.as_bytes();
    let mut start = 0;
    let mut last_slash = None;
    for at in 0..=bytes.len() {
        match bytes.get(at) {
            Some(b'/') => last_slash = Some(at),
            Some(b'\t') | None => {
                let run = match last_slash {
                    None => DirRun::PrefixDir,
                    Some(slash) if slash == start => DirRun::Prefix,
                    Some(slash) => DirRun::Below(start, slash),
                };
                let same = match (runs.last(), run) {
                    (Some(DirRun::Below(a, b)), DirRun::Below(c, d)) => {
                        rests[*a..*b] == rests[c..d]
                    }
                    (Some(last), run) => *last == run,
                    (None, _) => false,
                };
                if !same {
                    runs.push(run);
                }
                start = at + 1;
                last_slash = None;
            }
            Some(_) => {}
        }
    }
}

impl Manifest {
    /// Reads the manifest of `output_dir`; an absent one is empty.
    pub fn read(output_dir: &Path) -> io::Result<Manifest> {
        Ok(Manifest::read_text(output_dir)?
            .as_deref()
            .map(Manifest::parse)
            .unwrap_or_default())
    }

    /// The text of the manifest of `output_dir`, if it has one: a regular file (not a link) of
    /// at most [`OUTPUT_LIMIT`] bytes.
    pub fn read_text(output_dir: &Path) -> io::Result<Option<String>> {
        let path = output_dir.join(MANIFEST);
        match fs_safe::read_regular(&path, OUTPUT_LIMIT, false, output_dir) {
            // valid UTF-8 (always, unless someone edited it) is taken as it is, not copied
            Ok(bytes) => Ok(Some(String::from_utf8(bytes).unwrap_or_else(|invalid| {
                String::from_utf8_lossy(invalid.as_bytes()).into_owned()
            }))),
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(error) => Err(error),
        }
    }

    /// Reads a manifest, whatever git left in it: lines it does not understand (a conflict
    /// marker, a line of an older format) are skipped, and a spec named on several lines (a union
    /// merge of two edits of one spec) owns the files of all of them; the next build writes it
    /// back clean. A path that could lead outside the output directory is dropped.
    pub fn parse(text: &str) -> Manifest {
        let mut specs: BTreeMap<String, FileList> = BTreeMap::new();
        for line in text.lines() {
            if line.starts_with('#') {
                continue;
            }
            let Some((spec, files)) = parse_line(line) else {
                continue;
            };
            match specs.get_mut(spec) {
                None => {
                    specs.insert(spec.to_string(), files);
                }
                Some(owned) if *owned == files => {}
                Some(owned) => {
                    let mut union: Vec<String> = owned.files().chain(files.files()).collect();
                    union.sort_unstable();
                    union.dedup();
                    *owned = FileList::new(&union);
                }
            }
        }
        Manifest { specs }
    }

    pub fn to_text(&self) -> String {
        Manifest::text_of(
            self.specs
                .iter()
                .map(|(spec, files)| (spec.as_str(), files)),
        )
    }

    /// The text of a manifest of `specs`, which must come in order: what
    /// [`Manifest::to_text`] writes, without the records copied into a manifest first.
    pub fn text_of<'a>(specs: impl ExactSizeIterator<Item = (&'a str, &'a FileList)>) -> String {
        let mut text = String::with_capacity(MANIFEST_HEADER.len() + 200 * specs.len());
        text.push_str(MANIFEST_HEADER);
        for (spec, files) in specs {
            push_line(&mut text, spec, files);
            text.push('\n');
        }
        text
    }

    /// The files recorded here that `produced` does not hold: stale once `produced` is the truth.
    pub fn files_not_in<'a>(
        &'a self,
        produced: &'a std::collections::HashSet<String, crate::hash::PathBuildHasher>,
    ) -> impl Iterator<Item = String> + 'a {
        self.specs
            .values()
            .flat_map(FileList::files)
            .filter(|path| !produced.contains(path))
    }
}

/// Writes one spec's line: the spec, then its [`FileList`]
/// (`specs/auth/token.yaml  auth/token  .md  /curl.sh …`), tab-separated.
pub(crate) fn push_line(text: &mut String, spec: &str, files: &FileList) {
    text.push_str(spec);
    text.push('\t');
    text.push_str(&files.0);
}

/// Reads a line [`push_line`] wrote.
pub(crate) fn parse_line(line: &str) -> Option<(&str, FileList)> {
    let (spec, files) = line.split_once('\t')?;
    if spec.is_empty() {
        return None;
    }
    Some((spec, FileList::parse(files)?))
}

/// The longest prefix of all `files` that leaves each a non-empty rest starting at a `/` or `.`.
fn shared_prefix(files: &[String]) -> &str {
    let Some(first) = files.first() else {
        return "";
    };
    let mut length = first.len();
    for file in &files[1..] {
        length = first
            .bytes()
            .zip(file.bytes())
            .take(length)
            .take_while(|(a, b)| a == b)
            .count();
    }
    // no file may be all prefix, and each rest starts at a `/` or `.`, for the reader's sake
    while length > 0
        && !files
            .iter()
            .all(|file| matches!(file.as_bytes().get(length), Some(b'/' | b'.')))
    {
        length -= 1;
    }
    &first[..length]
}

/// [`rests_are_safe`], from the thread's remembered [`RestFacts`] when the stem is neither empty
/// nor all dots (the answer then depends on the rests alone).
fn rests_are_safe_remembered(stem: &str, rests: &str) -> bool {
    if stem.is_empty() || stem.bytes().all(|b| b == b'.') {
        return rests_are_safe(stem, rests);
    }
    with_rest_facts(rests, |facts| facts.safe_after_a_name)
}

/// Whether `stem` (a path component without `/` or NUL) followed by each of the tab-separated
/// `rests` is a safe relative path (see [`is_safe_relative`]), no rest empty: one pass over the
/// bytes, nothing joined (a no-op build checks some 120,000 files).
fn rests_are_safe(stem: &str, rests: &str) -> bool {
    let stem_is_dots = stem.bytes().all(|b| b == b'.');
    let bytes = rests.as_bytes();
    let mut rest_start = 0;
    let mut component_start = 0;
    for at in 0..=bytes.len() {
        let byte = bytes.get(at).copied().unwrap_or(b'\t');
        match byte {
            b'/' | b'\t' => {
                if byte == b'\t' && at == rest_start {
                    return false;
                }
                let component = &bytes[component_start..at];
                let unsafe_component = if component_start == rest_start {
                    // a rest's first component continues the stem
                    let length = stem.len() + component.len();
                    length == 0
                        || (length <= 2 && stem_is_dots && component.iter().all(|b| *b == b'.'))
                } else {
                    matches!(component, b"" | b"." | b"..")
                };
                if unsafe_component {
                    return false;
                }
                component_start = at + 1;
                if byte == b'\t' {
                    rest_start = at + 1;
                }
            }
            0 => return false,
            _ => {}
        }
    }
    true
}

/// A manifest or cache entry must stay inside the output directory whatever the file says:
/// relative, and no `.` or `..` component.
pub(crate) fn is_safe_relative(path: &str) -> bool {
    // one pass over the bytes (a no-op build checks some 120,000 of these): every component
    // non-empty (so the path is neither empty nor absolute), none `.` or `..`, no NUL
    let bytes = path.as_bytes();
    let mut start = 0;
    for at in 0..=bytes.len() {
        match bytes.get(at) {
            None | Some(b'/') => {
                if matches!(&bytes[start..at], b"" | b"." | b"..") {
                    return false;
                }
                start = at + 1;
            }
            Some(0) => return false,
            Some(_) => {}
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(entries: &[(&str, &[&str])]) -> Manifest {
        Manifest {
            specs: entries
                .iter()
                .map(|(spec, files)| {
                    (
                        spec.to_string(),
                        FileList::new(&files.iter().map(|f| f.to_string()).collect::<Vec<_>>()),
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn round_trips_with_one_line_per_spec() {
        let m = manifest(&[
            (
                "specs/a/x.yaml",
                &["a/x.md", "a/x/curl.sh", "a/x/python.py"],
            ),
            ("specs/b.yaml", &["b.md"]),
        ]);
        let text = m.to_text();
        assert_eq!(text.lines().count(), 3, "{text}");
        assert!(
            text.contains("specs/a/x.yaml\ta/x\t.md\t/curl.sh\t/python.py\n"),
            "{text}"
        );
        assert!(text.contains("specs/b.yaml\tb\t.md\n"), "{text}");
        assert_eq!(Manifest::parse(&text), m);
        let list = &m.specs["specs/a/x.yaml"];
        assert_eq!(list.len(), 3);
        assert_eq!(
            list.files().collect::<Vec<_>>(),
            ["a/x.md", "a/x/curl.sh", "a/x/python.py"]
        );
        let mut dirs = Vec::new();
        assert!(list.all_dirs(|d| {
            dirs.push(d.to_string());
            true
        }));
        // once per run of files in one directory
        assert_eq!(dirs, ["a", "a/x"]);
        let list = FileList::new(&[
            "a/x.md".to_string(),
            "a/x/y/curl.sh".to_string(),
            "a/x/z.sh".to_string(),
        ]);
        let mut dirs = Vec::new();
        list.all_dirs(|d| {
            dirs.push(d.to_string());
            true
        });
        assert_eq!(dirs, ["a", "a/x/y", "a/x"]);
        // and it stops at the first directory the test refuses
        let mut tested = 0;
        assert!(!list.all_dirs(|d| {
            tested += 1;
            d != "a/x/y"
        }));
        assert_eq!(tested, 2);
    }

    #[test]
    fn a_union_merge_or_conflict_markers_are_read_as_the_union_of_the_lines() {
        let text = "# header\n<<<<<<< ours\nspecs/a.yaml\ta\t.md\t/curl.sh\n=======\nspecs/a.yaml\ta\t.md\t/go.go\n>>>>>>> theirs\nspecs/a.yaml\ta\t.md\t/curl.sh\n";
        assert_eq!(
            Manifest::parse(text),
            manifest(&[("specs/a.yaml", &["a.md", "a/curl.sh", "a/go.go"])])
        );
    }

    proptest::proptest! {
        #[test]
        fn all_dirs_tests_each_run_of_files_in_one_directory_once(
            mut files in proptest::collection::vec("[ab]{1,2}(/[ab]{1,2}){0,2}(\\.md)?", 1..6),
        ) {
            files.sort();
            files.dedup();
            let list = FileList::new(&files);
            let mut tested = Vec::new();
            list.all_dirs(|dir| {
                tested.push(dir.to_string());
                true
            });
            let mut expected: Vec<String> = list
                .files()
                .map(|file| file.rfind('/').map_or("", |at| &file[..at]).to_string())
                .collect();
            expected.dedup();
            proptest::prop_assert_eq!(tested, expected);
        }

        #[test]
        fn all_dirs_reusing_the_last_lists_directories_finds_what_reading_afresh_finds(
            mut files in proptest::collection::vec("[ab]{1,2}(/[ab]{1,2}){0,2}(\\.md)?", 1..6),
            other_top in "[cd]{1,2}",
        ) {
            files.sort();
            files.dedup();
            // the same rests under another prefix: the second list reuses the first's runs
            let moved: Vec<String> = files.iter().map(|f| format!("{other_top}/{f}")).collect();
            let lists = [FileList::new(&files), FileList::new(&moved)];
            let expected = |list: &FileList| {
                let mut dirs: Vec<String> = list
                    .files()
                    .map(|file| file.rfind('/').map_or("", |at| &file[..at]).to_string())
                    .collect();
                dirs.dedup();
                dirs
            };
            let tested = |list: &FileList| {
                let mut tested = Vec::new();
                list.all_dirs(|dir| {
                    tested.push(dir.to_string());
                    true
                });
                tested
            };
            for list in lists.iter().chain(lists.iter()) {
                proptest::prop_assert_eq!(tested(list), expected(list));
            }
            // asked again from within the test: each list's own directories all the same
            let mut inner = Vec::new();
            let mut outer = Vec::new();
            lists[0].all_dirs(|dir| {
                outer.push(dir.to_string());
                inner = tested(&lists[1]);
                true
            });
            proptest::prop_assert_eq!(outer, expected(&lists[0]));
            proptest::prop_assert_eq!(inner, expected(&lists[1]));
        }

        #[test]
        fn the_remembered_answer_is_the_answer(
            asked in proptest::collection::vec(
                ("[a.]{0,3}", "[a.]{0,3}", proptest::collection::vec("[a./\\x00]{0,5}", 1..3)),
                1..6,
            ),
        ) {
            // the same rests after two stems, each case twice: the answer remembered for the
            // one is asked with the other, and with itself again
            for (first, second, rests) in asked.iter().chain(asked.iter()) {
                let rests = rests.join("\t");
                for stem in [first, second] {
                    proptest::prop_assert_eq!(
                        rests_are_safe_remembered(stem, &rests),
                        rests_are_safe(stem, &rests),
                        "{:?} + {:?}", stem, rests
                    );
                }
            }
        }

        #[test]
        fn rests_are_safe_exactly_when_each_joined_to_the_stem_is_safe(
            stem in "[a./\\x00]{0,3}",
            rests in proptest::collection::vec("[a./\\x00]{0,5}", 1..4),
        ) {
            // a stem is a component: no `/`, and NUL refused before this is asked
            proptest::prop_assume!(!stem.contains('/') && !stem.contains('\0'));
            let joined_safe = rests
                .iter()
                .all(|rest| !rest.is_empty() && is_safe_relative(&format!("{stem}{rest}")));
            proptest::prop_assert_eq!(
                rests_are_safe(&stem, &rests.join("\t")),
                joined_safe,
                "{:?} + {:?}", stem, rests
            );
        }
    }

    #[test]
    fn paths_leading_outside_are_refused() {
        let hostile = "specs/a.yaml\t..\t/outside\nspecs/b.yaml\t/etc/\tpasswd\nspecs/c.yaml\tok\t.md\nspecs/d.yaml\ta/\t./x\nspecs/e.yaml\ta/.\t./x\nspecs/f.yaml\ta//b\t.md\n";
        assert_eq!(
            Manifest::parse(hostile),
            manifest(&[("specs/c.yaml", &["ok.md"])])
        );
    }

    #[test]
    fn a_safe_path_is_relative_with_only_named_components() {
        for safe in ["a", "a.md", "a/b/c.sh", "...", "a/..b/.c", "a./b"] {
            assert!(is_safe_relative(safe), "{safe:?}");
        }
        for unsafe_path in [
            "", "/", "/a", "a/", "a//b", ".", "..", "./a", "a/.", "a/../b", "a/..", "a\0b",
        ] {
            assert!(!is_safe_relative(unsafe_path), "{unsafe_path:?}");
        }
    }
}
