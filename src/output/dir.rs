//! Writing the output directory: the build lock, atomic writes of changed files only, removal of
//! files samplegen wrote and no longer produces, and the leftovers of an interrupted build.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::fs_safe::{self, Confined, Refusal, TEMPORARY_SUFFIX};

use super::*;

/// The output directory, ready for writing: created, locked against other builds, with the
/// leftovers of an interrupted build removed. Every file is reached through no link.
pub struct OutputDir {
    pub dir: PathBuf,
    files: Confined,
    /// The directory itself, held open: its directories' stamps are looked up below it.
    root: fs_safe::OpenDir,
    /// The marker, locked while this build runs.
    marker: fs::File,
    /// The last build was interrupted: nothing it left can be trusted without a look.
    interrupted: bool,
}

impl OutputDir {
    /// Opens `dir` (which must not be a link) for a build: creates it, takes the build lock
    /// (an error naming the other build's process id when one holds it), and removes what an
    /// interrupted build left behind.
    pub fn open(dir: &Path) -> io::Result<OutputDir> {
        fs::create_dir_all(dir)?;
        if fs::symlink_metadata(dir)?.file_type().is_symlink() {
            return Err(Refusal::LinkOnTheWay {
                path: dir.to_path_buf(),
                to: dir.to_path_buf(),
            }
            .into());
        }
        let (marker, interrupted) = lock(dir)?;
        // walking the whole tree is worth it only after an interrupted build
        if interrupted {
            remove_interrupted_writes(dir)?;
        }
        let files = Confined::new(dir);
        Ok(OutputDir {
            dir: dir.to_path_buf(),
            root: files.open_dir(Path::new(""))?,
            files,
            marker,
            interrupted,
        })
    }

    /// The reader of the directory, following no link.
    pub fn files(&self) -> &Confined {
        &self.files
    }

    /// The stamp of the directory at `path` below the output directory, unless it changed
    /// within a clock tick before `now`.
    ///
    /// A plain `lstat`, as [`OutputDir::dir_unchanged`] compares it with: a stamp only ever lets
    /// a later build leave a spec's files alone when the directory still looks the same, and
    /// every read and write checks the way for links itself. (A cold build stamps 12,000.)
    pub fn dir_stamp(&self, path: &str, now: i64) -> Option<Stamp> {
        self.dir_stamp_now(path)?.settled_by(now)
    }

    /// The stamp of the directory at `path`, if it is one: a plain `lstat` below the open
    /// output directory.
    fn dir_stamp_now(&self, path: &str) -> Option<Stamp> {
        let stat = self.root.lstat(path).ok()?;
        (stat.st_mode & libc::S_IFMT == libc::S_IFDIR).then(|| Stamp::of_stat(&stat))
    }

    /// When the directory at `path` last changed (ns), if it is one reached through no link.
    pub fn dir_changed_at(&self, path: &str) -> Option<i64> {
        let metadata = self.files.metadata(path).ok()??;
        let stamp = Stamp::of(&metadata);
        metadata
            .is_dir()
            .then_some(stamp.modified.max(stamp.changed))
    }

    /// Whether the directory at `path` still looks as `stamp` says.
    ///
    /// A plain `lstat`, without checking the directories on the way for links as every read and
    /// write does: the answer only ever lets a build leave a spec's files alone. A directory
    /// reached through a link that still matched would be the very one the stamp was taken of,
    /// and a spec found unchanged has nothing read or written.
    pub fn dir_unchanged(&self, path: &str, stamp: &Stamp) -> bool {
        self.dir_stamp_now(path) == Some(*stamp)
    }

    /// Makes the file at `path` (below the directory) hold `contents`, writing only when it
    /// differs: a new file directly, an existing one atomically. Returns whether it wrote. A
    /// link at the file or on its way is refused.
    pub fn sync(&self, path: &str, contents: &str) -> io::Result<bool> {
        self.writer().sync(path, contents)
    }

    /// A writer of several files, for one spec's: each directory is opened once.
    pub fn writer(&self) -> Writer<'_> {
        Writer {
            out: self,
            opened: None,
        }
    }

    /// Removes the files at `paths` (recorded as samplegen's own), and the directories that
    /// become empty. Returns the paths removed. A path below a link is left alone; a link
    /// where samplegen's file was is removed itself (never what it leads to).
    pub fn remove(&self, paths: &[String]) -> io::Result<Vec<String>> {
        let mut removed = Vec::new();
        for path in paths {
            match self.files.metadata(path) {
                Ok(Some(metadata)) if !metadata.is_dir() => {}
                _ => continue,
            }
            let full = self.dir.join(path);
            match fs::remove_file(&full) {
                Ok(()) => {
                    self.remove_empty_parents(path);
                    removed.push(path.clone());
                }
                Err(error) if error.kind() == io::ErrorKind::NotFound => {}
                Err(error) => return Err(error),
            }
        }
        Ok(removed)
    }

    /// Removes the directories between the file at `path` and the output directory that are
    /// now empty.
    fn remove_empty_parents(&self, path: &str) {
        let mut dir = Path::new(path).parent();
        while let Some(current) = dir {
            if current.as_os_str().is_empty() || fs::remove_dir(self.dir.join(current)).is_err() {
                break;
            }
            self.files.forget(current);
            dir = current.parent();
        }
    }

    /// Writes the manifest and the cache given (`None` when they are as the build found them),
    /// writes `.gitattributes` when there is none, and marks the build finished (which releases
    /// the lock).
    pub fn finish(self, changed: Option<(Option<&str>, Option<&Cache>)>) -> io::Result<()> {
        let (manifest, cache) = changed.unwrap_or_default();
        if let Some(manifest) = manifest {
            self.files.write(MANIFEST, manifest.as_bytes())?;
        }
        // written only where there is none: a project's own is left as it is
        self.files
            .create(GITATTRIBUTES, GITATTRIBUTES_TEXT.as_bytes())?;
        if let Some(cache) = cache {
            // the cache is only a shortcut: failing to write it costs time, not correctness
            let _ = self.files.write(CACHE, cache.to_text().as_bytes());
        }
        // removed while still locked, so that no other build finds it unlocked meanwhile
        let removed = fs::remove_file(self.dir.join(BUILDING));
        drop(self.marker);
        removed
    }

    /// Whether the last build was interrupted (its marker was found unlocked).
    pub fn interrupted(&self) -> bool {
        self.interrupted
    }
}

/// Takes the build lock of `dir`: its marker file, created (never through a link) or opened,
/// locked, and holding this process's id. Returns it, and whether it was there before (an
/// interrupted build left it).
fn lock(dir: &Path) -> io::Result<(fs::File, bool)> {
    use std::io::{Read, Seek, Write};
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
    let path = dir.join(BUILDING);
    loop {
        let (mut file, existed) = match fs_safe::create_new(&path) {
            Ok(file) => (file, false),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
                let file = fs::OpenOptions::new()
                    .read(true)
                    .write(true)
                    .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
                    .open(&path);
                match file {
                    Ok(file) => (file, true),
                    Err(error) if error.raw_os_error() == Some(libc::ELOOP) => {
                        return Err(Refusal::Link {
                            path,
                            area: dir.to_path_buf(),
                        }
                        .into());
                    }
                    // gone meanwhile: the build holding it finished
                    Err(error) if error.kind() == io::ErrorKind::NotFound => continue,
                    Err(error) => return Err(error),
                }
            }
            Err(error) => return Err(error),
        };
        let metadata = file.metadata()?;
        if !metadata.is_file() {
            return Err(Refusal::NotRegular { path }.into());
        }
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                // the holder writes its pid just after taking the lock: give it a moment
                let mut holder = String::new();
                for _ in 0..50 {
                    let mut text = String::new();
                    let _ = file.rewind();
                    let _ = (&mut file).take(64).read_to_string(&mut text);
                    if let Ok(pid) = text.trim().parse::<u32>() {
                        holder = format!(" (pid {pid})");
                        break;
                    }
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                return Err(io::Error::new(
                    io::ErrorKind::WouldBlock,
                    format!(
                        "another build is running{holder}: `{}` is locked",
                        path.display()
                    ),
                ));
            }
            Err(fs::TryLockError::Error(error)) => return Err(error),
        }
        // The build that held it may have removed it before letting go: then this lock is on
        // a file no one else sees, and the marker must be taken afresh.
        match fs::symlink_metadata(&path) {
            Ok(now) if now.ino() == metadata.ino() && now.dev() == metadata.dev() => {}
            _ => continue,
        }
        file.set_len(0)?;
        file.rewind()?;
        write!(file, "{}", std::process::id())?;
        return Ok((file, existed));
    }
}

/// The manifest (as text) and cache a build started from.
#[derive(Debug, Default)]
pub struct Recorded {
    pub manifest_text: Option<String>,
    pub cache: Cache,
}

/// Removes the temporary files an interrupted build left below `root`. The folders to read
/// are kept in a list, not on the call stack: the output directory comes from the repository,
/// where a pull request can nest folders thousands deep.
fn remove_interrupted_writes(root: &Path) -> io::Result<()> {
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir)? {
            let entry = entry?;
            let kind = entry.file_type()?;
            let name = entry.file_name();
            if kind.is_dir() {
                pending.push(entry.path());
            } else if kind.is_file() && name.to_string_lossy().ends_with(TEMPORARY_SUFFIX) {
                fs::remove_file(entry.path())?;
            }
        }
    }
    Ok(())
}

/// Writes files below an [`OutputDir`], keeping the directory it last wrote into open: a spec's
/// files sit in one or two directories, and a cold build of 10,000 specs creates 120,000 files.
pub struct Writer<'a> {
    out: &'a OutputDir,
    opened: Option<(String, fs_safe::OpenDir)>,
}

impl Writer<'_> {
    /// [`OutputDir::sync`].
    pub fn sync(&mut self, path: &str, contents: &str) -> io::Result<bool> {
        let (parent, name) = path.rsplit_once('/').unwrap_or(("", path));
        let dir = match &self.opened {
            Some((opened, dir)) if opened == parent => dir,
            _ => {
                let dir = self.out.files.open_dir(Path::new(parent))?;
                &self.opened.insert((parent.to_string(), dir)).1
            }
        };
        // tried first: on a cold build every file is new, and this spares a `stat` each
        if dir.create(name, contents.as_bytes())? {
            return Ok(true);
        }
        // a link, a directory or anything else not a regular file is for `write` to refuse or
        // replace, as it would any file that differs
        if let Ok(true) = self.out.files.holds(path, contents.as_bytes()) {
            return Ok(false);
        }
        self.out.files.write(path, contents.as_bytes())?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_directory_stamp_looked_up_below_the_open_output_is_its_lstat_by_path() {
        let project = tempfile::tempdir().unwrap();
        let output = project.path().join("output");
        fs::create_dir_all(output.join("a/b")).unwrap();
        fs::write(output.join("a/page.md"), "x").unwrap();
        std::os::unix::fs::symlink(output.join("a"), output.join("link")).unwrap();
        let out = OutputDir::open(&output).unwrap();
        let by_path = |path: &str| {
            let metadata = fs::symlink_metadata(output.join(path)).unwrap();
            metadata.is_dir().then(|| Stamp::of(&metadata))
        };
        // the output directory itself, a directory, one below it, and through a link on the way
        for dir in ["", "a", "a/b", "link/b"] {
            let stamp = out.dir_stamp_now(dir);
            assert!(stamp.is_some(), "`{dir}`");
            assert_eq!(stamp, by_path(dir), "`{dir}`");
            assert!(out.dir_unchanged(dir, &stamp.unwrap()));
        }
        // a file, a link at the end (not followed) and nothing at all are no directory
        for not_a_dir in ["a/page.md", "link", "missing", "a/missing/b"] {
            assert_eq!(out.dir_stamp_now(not_a_dir), None, "`{not_a_dir}`");
        }
        // a change moves the stamp
        let before = out.dir_stamp_now("a").unwrap();
        std::thread::sleep(std::time::Duration::from_nanos(racy_nanos() as u64 * 2));
        fs::write(output.join("a/new.md"), "y").unwrap();
        assert!(!out.dir_unchanged("a", &before));
        // a path longer than the lookup's buffer on the stack takes the other way
        let long = ["d"; 200].join("/");
        fs::create_dir_all(output.join(&long)).unwrap();
        assert_eq!(out.dir_stamp_now(&long), by_path(&long));
    }
}
