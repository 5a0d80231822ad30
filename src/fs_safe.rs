//! Files of a repository samplegen does not trust: reading only regular files, within a size
//! limit and without blocking; writing only below a directory, through no link, into temporary
//! files created exclusively under unpredictable names.

use std::collections::HashMap;
use std::fmt;
use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, Read, Write};
use std::os::fd::FromRawFd;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// The largest spec, config or template samplegen reads: 1 MiB.
pub const INPUT_LIMIT: u64 = 1 << 20;

/// The largest manifest, cache or output file samplegen reads: 256 MiB (a 10,000-spec project's
/// manifest is about 12 MB).
pub const OUTPUT_LIMIT: u64 = 256 << 20;

/// The suffix of the temporary files [`write_atomically`] writes before renaming them.
pub const TEMPORARY_SUFFIX: &str = ".samplegen.tmp";

/// Why samplegen refused a path.
#[derive(Debug)]
pub enum Refusal {
    /// A symbolic link where samplegen follows none: at `path`, in the directory `area`.
    Link { path: PathBuf, area: PathBuf },
    /// A symbolic link at `path`, on the way to the directory `to` that samplegen must reach
    /// through none.
    LinkOnTheWay { path: PathBuf, to: PathBuf },
    /// Not a regular file: a directory, FIFO, socket or device.
    NotRegular { path: PathBuf },
    /// A file where a directory must be.
    NotDirectory { path: PathBuf },
    /// Larger than samplegen reads.
    TooLarge { path: PathBuf, limit: u64 },
    /// A path that leads outside the directory `area` it must stay in.
    Outside { path: PathBuf, area: PathBuf },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Link { path, area } => write!(
                f,
                "`{}` is a symbolic link; samplegen never follows links in `{}`",
                path.display(),
                area.display()
            ),
            Refusal::LinkOnTheWay { path, to } if path == to => write!(
                f,
                "`{}` is a symbolic link; samplegen reaches this directory through no link",
                path.display()
            ),
            Refusal::LinkOnTheWay { path, to } => write!(
                f,
                "`{}` is a symbolic link on the way to `{}`; samplegen reaches that directory through no link",
                path.display(),
                to.display()
            ),
            Refusal::NotRegular { path } => write!(
                f,
                "`{}` is not a regular file (a directory, FIFO, socket or device); samplegen reads only regular files",
                path.display()
            ),
            Refusal::NotDirectory { path } => {
                write!(
                    f,
                    "`{}` is in the way: it is not a directory",
                    path.display()
                )
            }
            Refusal::TooLarge { path, limit } => write!(
                f,
                "`{}` is larger than the {} samplegen reads",
                path.display(),
                human(*limit)
            ),
            Refusal::Outside { path, area } => write!(
                f,
                "`{}` leads outside `{}`, where samplegen must stay",
                path.display(),
                area.display()
            ),
        }
    }
}

impl std::error::Error for Refusal {}

impl From<Refusal> for io::Error {
    fn from(refusal: Refusal) -> io::Error {
        io::Error::other(refusal)
    }
}

/// The refusal an error carries, if it is one.
pub fn refusal(error: &io::Error) -> Option<&Refusal> {
    error.get_ref()?.downcast_ref()
}

/// `1 MiB`, `256 MiB`, or the number of bytes.
pub fn human(bytes: u64) -> String {
    if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{bytes} bytes")
    }
}

/// Reads the regular file at `path`, at most `limit` bytes, without blocking on a FIFO or a
/// device. A link at `path` itself is followed only when `follow`; otherwise it is refused as a
/// link in `area`.
pub fn read_regular(path: &Path, limit: u64, follow: bool, area: &Path) -> io::Result<Vec<u8>> {
    read_regular_with_metadata(path, limit, follow, area).map(|(bytes, _)| bytes)
}

/// [`read_regular`], with the file's metadata as it was when opened, before it was read.
pub fn read_regular_with_metadata(
    path: &Path,
    limit: u64,
    follow: bool,
    area: &Path,
) -> io::Result<(Vec<u8>, Metadata)> {
    let (file, metadata) = open_regular(path, follow, area)?;
    let bytes = read_open(file, &metadata, path, limit)?;
    Ok((bytes, metadata))
}

/// The first `bytes` bytes of the regular file at `path` (all of it when shorter), reached
/// through no link, without blocking on a FIFO or a device.
pub fn read_regular_start(path: &Path, bytes: u64, area: &Path) -> io::Result<Vec<u8>> {
    let mut start = Vec::new();
    open_regular(path, false, area)?
        .0
        .take(bytes)
        .read_to_end(&mut start)?;
    Ok(start)
}

/// Opens the regular file at `path` for reading, as [`read_regular`] describes, with its
/// metadata.
fn open_regular(path: &Path, follow: bool, area: &Path) -> io::Result<(File, Metadata)> {
    let mut flags = libc::O_NONBLOCK | libc::O_CLOEXEC;
    if !follow {
        flags |= libc::O_NOFOLLOW;
    }
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(flags)
        .open(path)
        .map_err(|error| {
            if !follow && error.raw_os_error() == Some(libc::ELOOP) {
                Refusal::Link {
                    path: path.to_path_buf(),
                    area: area.to_path_buf(),
                }
                .into()
            } else {
                error
            }
        })?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(Refusal::NotRegular {
            path: path.to_path_buf(),
        }
        .into());
    }
    Ok((file, metadata))
}

fn read_open(file: File, metadata: &Metadata, path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let too_large = || -> io::Error {
        Refusal::TooLarge {
            path: path.to_path_buf(),
            limit,
        }
        .into()
    };
    if metadata.len() > limit {
        return Err(too_large());
    }
    // One read of a byte more than the file's size: a regular file that gives fewer bytes is at
    // its end, so no second read is needed to find it (every spec a build renders is read).
    // The file may grow while it is read: then the rest is read too, up to the limit.
    let size = metadata.len() as usize;
    let mut bytes = vec![0; size + 1];
    let mut file = file;
    let read = loop {
        match file.read(&mut bytes) {
            Ok(read) => break read,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    };
    bytes.truncate(read);
    if read > size {
        file.take(limit + 1 - read as u64).read_to_end(&mut bytes)?;
    }
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

/// [`read_regular`] as UTF-8 text.
pub fn read_regular_text(path: &Path, limit: u64, follow: bool, area: &Path) -> io::Result<String> {
    String::from_utf8(read_regular(path, limit, follow, area)?).map_err(|_| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("`{}` is not valid UTF-8", path.display()),
        )
    })
}

/// Checks that `relative`, a directory below `base`, stays below it: only plain components (no
/// `..`, not absolute), and no existing component a link or a file. Returns `base/relative`
/// and whether it exists.
pub fn plain_dir_below(base: &Path, relative: &Path) -> io::Result<(PathBuf, bool)> {
    let target = base.join(relative);
    let mut current = base.to_path_buf();
    for component in relative.components() {
        match component {
            Component::CurDir => continue,
            Component::Normal(part) => current.push(part),
            _ => {
                return Err(Refusal::Outside {
                    path: relative.to_path_buf(),
                    area: shown_dir(base),
                }
                .into());
            }
        }
        match fs::symlink_metadata(&current) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                return Err(Refusal::LinkOnTheWay {
                    path: current,
                    to: target,
                }
                .into());
            }
            Ok(metadata) if metadata.is_dir() => {}
            Ok(_) => return Err(Refusal::NotDirectory { path: current }.into()),
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                return Ok((target, false));
            }
            Err(error) => return Err(error),
        }
    }
    Ok((current, true))
}

/// `dir` as shown in a message: `.` for the current directory.
pub fn shown_dir(dir: &Path) -> PathBuf {
    if dir.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        dir.to_path_buf()
    }
}

/// Whether `path`, once its deepest existing ancestor is resolved (links followed), lies inside
/// `root` (a canonical directory).
pub fn resolves_inside(root: &Path, path: &Path) -> io::Result<bool> {
    let mut current = Some(path);
    while let Some(candidate) = current {
        let candidate = if candidate.as_os_str().is_empty() {
            Path::new(".")
        } else {
            candidate
        };
        match candidate.canonicalize() {
            Ok(canonical) => return Ok(canonical.starts_with(root)),
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                current = candidate.parent();
            }
            Err(error) => return Err(error),
        }
    }
    Ok(false)
}

/// A directory samplegen writes or reads below without following any link: every directory on
/// the way to a file is checked to be a real directory (once), and the file itself is never
/// followed.
pub struct Confined {
    /// The directory, as shown to users (`output`).
    pub dir: PathBuf,
    /// Directories below it (relative) known to be real directories, each with whether this
    /// process made it (then nothing was in it when it was made).
    checked: Mutex<HashMap<PathBuf, bool>>,
}

impl Confined {
    /// `dir` itself must already be known to be a real directory, or absent.
    pub fn new(dir: &Path) -> Confined {
        Confined {
            dir: dir.to_path_buf(),
            checked: Mutex::default(),
        }
    }

    fn link(&self, path: PathBuf) -> io::Error {
        Refusal::Link {
            path,
            area: self.dir.clone(),
        }
        .into()
    }

    /// Whether the directory `relative` (below this one) exists, every component a real
    /// directory; with `create`, missing ones are created. A link or a file on the way is an error.
    pub fn dir_exists(&self, relative: &Path, create: bool) -> io::Result<bool> {
        if relative.as_os_str().is_empty() {
            return Ok(true);
        }
        if self.lock().contains_key(relative) {
            return Ok(true);
        }
        let mut prefix = PathBuf::new();
        // whether the directory before this one was made by this process
        let mut parent_made = false;
        for component in relative.components() {
            let Component::Normal(part) = component else {
                return Err(Refusal::Outside {
                    path: self.dir.join(relative),
                    area: self.dir.clone(),
                }
                .into());
            };
            prefix.push(part);
            if let Some(&made) = self.lock().get(&prefix) {
                parent_made = made;
                continue;
            }
            let full = self.dir.join(&prefix);
            // Whether mkdir made it (`false` when the name is taken). It never follows a link at
            // the end, and the directories on the way were checked above, so the directory it
            // made is a real one.
            let make = || match fs::create_dir(&full) {
                Ok(()) => Ok(true),
                Err(error) if error.kind() == io::ErrorKind::AlreadyExists => Ok(false),
                Err(error) => Err(error),
            };
            // In a directory this process made, a new one is made first and looked at only if
            // something got there meanwhile: a cold build makes 12,000 directories, and an
            // `lstat` before each `mkdir` was a failed lookup each. (Elsewhere the directory is
            // usually there already, and a look first is the one call.)
            let mut made = create && parent_made && make()?;
            // a name found missing is made once; one taken meanwhile is looked at again
            let mut tried = false;
            while !made {
                match fs::symlink_metadata(&full) {
                    Ok(metadata) if metadata.file_type().is_symlink() => {
                        return Err(self.link(full));
                    }
                    Ok(metadata) if metadata.is_dir() => break,
                    Ok(_) => return Err(Refusal::NotDirectory { path: full }.into()),
                    Err(error) if error.kind() == io::ErrorKind::NotFound && !tried => {
                        if !create {
                            return Ok(false);
                        }
                        made = make()?;
                        tried = true;
                    }
                    Err(error) => return Err(error),
                }
            }
            self.lock().insert(prefix.clone(), made);
            parent_made = made;
        }
        Ok(true)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, bool>> {
        self.checked.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Forgets a directory that was removed.
    pub fn forget(&self, relative: &Path) {
        self.lock().remove(relative);
    }

    /// The metadata of the file at `relative` (not followed), if it and its directories exist.
    pub fn metadata(&self, relative: &str) -> io::Result<Option<Metadata>> {
        let relative = Path::new(relative);
        if !self.dir_exists(relative.parent().unwrap_or(Path::new("")), false)? {
            return Ok(None);
        }
        match fs::symlink_metadata(self.dir.join(relative)) {
            Ok(metadata) => Ok(Some(metadata)),
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(error) => Err(error),
        }
    }

    /// Whether the regular file at `relative` holds exactly `contents`: `false` when it does not
    /// exist or differs, an error for a link on the way or at the file, or a file that is not
    /// regular. A file of another size is settled by its metadata, unread; one of the same size
    /// is read in one call into a buffer each thread reuses (no end-of-file read, no allocation),
    /// which is what a drift check does for every file.
    pub fn holds(&self, relative: &str, contents: &[u8]) -> io::Result<bool> {
        thread_local! {
            static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        let relative = Path::new(relative);
        if !self.dir_exists(relative.parent().unwrap_or(Path::new("")), false)? {
            return Ok(false);
        }
        let (mut file, metadata) = match open_regular(&self.dir.join(relative), false, &self.dir) {
            Ok(opened) => opened,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(false),
            Err(error) => return Err(error),
        };
        if metadata.len() != contents.len() as u64 {
            return Ok(false);
        }
        BUFFER.with_borrow_mut(|buffer| {
            buffer.clear();
            buffer.resize(contents.len(), 0);
            match file.read_exact(buffer) {
                Ok(()) => Ok(buffer.as_slice() == contents),
                // it shrank since its metadata was read
                Err(error) if error.kind() == io::ErrorKind::UnexpectedEof => Ok(false),
                Err(error) => Err(error),
            }
        })
    }

    /// The contents of the regular file at `relative`, `None` when it does not exist. A link on
    /// the way or at the file, or a file that is not regular or larger than `limit`, is an error.
    pub fn read(&self, relative: &str, limit: u64) -> io::Result<Option<Vec<u8>>> {
        let relative = Path::new(relative);
        if !self.dir_exists(relative.parent().unwrap_or(Path::new("")), false)? {
            return Ok(None);
        }
        match read_regular(&self.dir.join(relative), limit, false, &self.dir) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(error) => Err(error),
        }
    }

    /// Makes the file at `relative` hold `contents`, atomically, creating its directories. A
    /// link on the way or at the file is refused, never followed or replaced.
    pub fn write(&self, relative: &str, contents: &[u8]) -> io::Result<()> {
        let relative = Path::new(relative);
        self.dir_exists(relative.parent().unwrap_or(Path::new("")), true)?;
        let full = self.dir.join(relative);
        match fs::symlink_metadata(&full) {
            Ok(metadata) if metadata.file_type().is_symlink() => return Err(self.link(full)),
            Ok(metadata) if metadata.is_dir() => {
                return Err(Refusal::NotRegular { path: full }.into());
            }
            _ => {}
        }
        write_atomically(&full, contents)
    }

    /// The directory `relative` (below this one), created if missing, opened for creating files
    /// in it by name: its path is walked once, not once per file. A link or a file on the way
    /// is refused.
    pub fn open_dir(&self, relative: &Path) -> io::Result<OpenDir> {
        use std::os::unix::ffi::OsStrExt;
        self.dir_exists(relative, true)?;
        let full = self.dir.join(relative);
        let path = std::ffi::CString::new(full.as_os_str().as_bytes())
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "a NUL in a path"))?;
        // O_NOFOLLOW: a link put where the directory was checked to be is refused, not followed;
        // O_PATH (Linux) opens it for `openat` alone, without reading it
        #[cfg(target_os = "linux")]
        let access = libc::O_PATH;
        #[cfg(not(target_os = "linux"))]
        let access = libc::O_RDONLY;
        // SAFETY: `path` is a NUL-terminated string that outlives the call
        let fd = unsafe {
            libc::open(
                path.as_ptr(),
                access | libc::O_DIRECTORY | libc::O_NOFOLLOW | libc::O_CLOEXEC,
            )
        };
        if fd < 0 {
            let error = io::Error::last_os_error();
            return Err(match error.raw_os_error() {
                Some(libc::ELOOP) => self.link(full),
                Some(libc::ENOTDIR) => Refusal::NotDirectory { path: full }.into(),
                _ => error,
            });
        }
        // SAFETY: `fd` was just opened and is owned by nothing else
        let fd = unsafe { std::os::fd::OwnedFd::from_raw_fd(fd) };
        Ok(OpenDir { fd })
    }

    /// Creates the file at `relative` holding `contents`, creating its directories, unless a file
    /// (or anything else) is there already: then returns `false` and writes nothing. Written in
    /// place, with no temporary file and rename, which halves a cold build's work on the file
    /// system. Safe for a build because a file that did not exist has no old contents to keep: if
    /// the build is interrupted, its marker makes the next one compare every file with what it
    /// should hold. Never follows a link (one on the way is refused).
    pub fn create(&self, relative: &str, contents: &[u8]) -> io::Result<bool> {
        let (parent, name) = relative.rsplit_once('/').unwrap_or(("", relative));
        self.open_dir(Path::new(parent))?.create(name, contents)
    }
}

/// A directory opened by [`Confined::open_dir`].
pub struct OpenDir {
    fd: std::os::fd::OwnedFd,
}

impl OpenDir {
    /// Creates the file `name` in this directory holding `contents`, unless a file (or anything
    /// else) is there already: then returns `false` and writes nothing. See
    /// [`Confined::create`]: in place, never through a link, and a file that could not be
    /// written whole is removed.
    pub fn create(&self, name: &str, contents: &[u8]) -> io::Result<bool> {
        use std::os::fd::AsRawFd;
        if name.contains('/') {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("`{name}` is not a file name"),
            ));
        }
        let name = std::ffi::CString::new(name)
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "a NUL in a file name"))?;
        // SAFETY: the directory descriptor is open and `name` is NUL-terminated
        let fd = unsafe {
            libc::openat(
                self.fd.as_raw_fd(),
                name.as_ptr(),
                libc::O_WRONLY | libc::O_CREAT | libc::O_EXCL | libc::O_NOFOLLOW | libc::O_CLOEXEC,
                0o666 as libc::c_uint,
            )
        };
        if fd < 0 {
            let error = io::Error::last_os_error();
            return match error.kind() {
                io::ErrorKind::AlreadyExists => Ok(false),
                _ => Err(error),
            };
        }
        // SAFETY: `fd` was just opened and is owned by nothing else
        let mut file = unsafe { File::from_raw_fd(fd) };
        match file.write_all(contents) {
            Ok(()) => Ok(true),
            Err(error) => {
                // SAFETY: as above
                unsafe { libc::unlinkat(self.fd.as_raw_fd(), name.as_ptr(), 0) };
                Err(error)
            }
        }
    }

    /// What `lstat` says of the entry at `relative` below this directory (itself when empty).
    /// Only the path below the directory is walked, not the directory's own path again: a
    /// third of the work of an `lstat` by the whole path, which the output directory's 12,000
    /// stamps of a 10,000-spec build add up. A link on the way is followed, as `lstat` by the
    /// whole path would; one at the end is not.
    pub fn lstat(&self, relative: &str) -> io::Result<libc::stat> {
        use std::os::fd::AsRawFd;
        let relative = if relative.is_empty() { "." } else { relative };
        // the path with its NUL on the stack: no allocation for each of thousands of lookups
        let mut buffer = [0u8; 256];
        let owned;
        let path: &std::ffi::CStr = if relative.len() < buffer.len() && !relative.contains('\0') {
            buffer[..relative.len()].copy_from_slice(relative.as_bytes());
            std::ffi::CStr::from_bytes_until_nul(&buffer).expect("a NUL ends the buffer")
        } else {
            owned = std::ffi::CString::new(relative)
                .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "a NUL in a path"))?;
            &owned
        };
        let mut stat = std::mem::MaybeUninit::<libc::stat>::uninit();
        // SAFETY: the descriptor is open, `path` is NUL-terminated, and `stat` is written by a
        // successful call before it is read
        let result = unsafe {
            libc::fstatat(
                self.fd.as_raw_fd(),
                path.as_ptr(),
                stat.as_mut_ptr(),
                libc::AT_SYMLINK_NOFOLLOW,
            )
        };
        if result == 0 {
            // SAFETY: as above
            Ok(unsafe { stat.assume_init() })
        } else {
            Err(io::Error::last_os_error())
        }
    }
}

/// A name no one can predict for a temporary file beside `name`: the process's randomly keyed
/// hasher over the process id, a counter and the time.
fn temporary_name(name: &str) -> String {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u32(std::process::id());
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    if let Ok(now) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        hasher.write_u128(now.as_nanos());
    }
    // a file's name is at most 255 bytes: the temporary one beside a long name takes its start
    let room = 255 - ".".len() - ".".len() - 16 - TEMPORARY_SUFFIX.len();
    let mut cut = name.len().min(room);
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    format!(
        ".{}.{:016x}{TEMPORARY_SUFFIX}",
        &name[..cut],
        hasher.finish()
    )
}

/// Creates a new file at `path` for writing: never an existing file, never through a link.
pub fn create_new(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(path)
}

/// Writes `contents` to a new temporary file beside `path` (created exclusively, under a name
/// no one can guess), then renames it over `path`, so that a reader (or an interrupted build)
/// sees the old file or the new one, never half of one. The directory must exist; a link at
/// `path` is replaced, not followed.
pub fn write_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let mut attempts = 0;
    let (temporary, mut file) = loop {
        let temporary = dir.join(temporary_name(name));
        match create_new(&temporary) {
            Ok(file) => break (temporary, file),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists && attempts < 16 => {
                attempts += 1;
            }
            Err(error) => return Err(error),
        }
    };
    let result = file.write_all(contents).and_then(|()| {
        drop(file);
        fs::rename(&temporary, path)
    });
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_only_regular_files_within_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.yaml");
        fs::write(&file, "abc").unwrap();
        assert_eq!(read_regular(&file, 3, false, dir.path()).unwrap(), b"abc");
        let error = read_regular(&file, 2, false, dir.path()).unwrap_err();
        assert!(matches!(refusal(&error), Some(Refusal::TooLarge { .. })));
        let link = dir.path().join("link.yaml");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        let error = read_regular(&link, 3, false, dir.path()).unwrap_err();
        assert!(matches!(refusal(&error), Some(Refusal::Link { .. })));
        assert_eq!(read_regular(&link, 3, true, dir.path()).unwrap(), b"abc");
        let error = read_regular(dir.path(), 3, true, dir.path()).unwrap_err();
        assert!(matches!(refusal(&error), Some(Refusal::NotRegular { .. })));
        let error = read_regular(Path::new("/dev/zero"), 3, true, dir.path()).unwrap_err();
        assert!(matches!(refusal(&error), Some(Refusal::NotRegular { .. })));
        fs::write(&file, "").unwrap();
        assert_eq!(read_regular(&file, 3, false, dir.path()).unwrap(), b"");
    }

    #[test]
    fn a_file_that_grows_after_its_size_was_read_is_read_to_its_end_within_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        fs::write(&path, "abc").unwrap();
        let (file, metadata) = open_regular(&path, false, dir.path()).unwrap();
        fs::write(&path, "abcdefgh").unwrap();
        assert_eq!(read_open(file, &metadata, &path, 100).unwrap(), b"abcdefgh");
        let (file, metadata) = open_regular(&path, false, dir.path()).unwrap();
        fs::write(&path, "abcdefghijkl").unwrap();
        let error = read_open(file, &metadata, &path, 10).unwrap_err();
        assert!(matches!(refusal(&error), Some(Refusal::TooLarge { .. })));
    }

    #[test]
    fn temporary_names_are_not_predictable() {
        let a = temporary_name("x.md");
        let b = temporary_name("x.md");
        assert_ne!(a, b);
        assert!(
            a.starts_with(".x.md.") && a.ends_with(TEMPORARY_SUFFIX),
            "{a}"
        );
        let random = &a[".x.md.".len()..a.len() - TEMPORARY_SUFFIX.len()];
        assert_eq!(random.len(), 16, "{a}");
        // beside a name of 250 bytes, one that a file system takes
        let long = format!("{}.md", "é".repeat(123));
        let temporary = temporary_name(&long);
        assert!(temporary.len() <= 255, "{}", temporary.len());
        assert!(temporary.starts_with(".éé") && temporary.ends_with(TEMPORARY_SUFFIX));
    }

    /// An output directory `out` (made, empty), and a directory outside it for links to lead
    /// to; the first guard holds `out`.
    fn output_and_outside() -> (tempfile::TempDir, tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        fs::create_dir(&out).unwrap();
        (dir, outside, out)
    }

    #[test]
    fn a_confined_write_refuses_links_on_the_way_and_at_the_file() {
        let (_dir, outside, out) = output_and_outside();
        let confined = Confined::new(&out);
        confined.write("a/b/x.md", b"x").unwrap();
        assert_eq!(fs::read(out.join("a/b/x.md")).unwrap(), b"x");

        // a link to a directory inside is refused too: no component may be a link
        std::os::unix::fs::symlink(out.join("a"), out.join("c")).unwrap();
        let error = confined.write("c/y.md", b"y").unwrap_err();
        assert!(
            matches!(refusal(&error), Some(Refusal::Link { .. })),
            "{error}"
        );

        let victim = outside.path().join("victim");
        fs::write(&victim, "precious").unwrap();
        std::os::unix::fs::symlink(&victim, out.join("a/b/z.md")).unwrap();
        let error = confined.write("a/b/z.md", b"z").unwrap_err();
        assert!(
            matches!(refusal(&error), Some(Refusal::Link { .. })),
            "{error}"
        );
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        assert!(confined.read("a/b/z.md", 10).is_err());
        assert!(confined.read("c/x.md", 10).is_err());
        assert_eq!(confined.read("a/none.md", 10).unwrap(), None);
        assert_eq!(confined.read("none/x.md", 10).unwrap(), None);
    }

    #[test]
    fn a_directory_made_first_in_one_this_process_made_is_still_checked_when_something_is_there() {
        let (_dir, outside, out) = output_and_outside();
        fs::create_dir(out.join("there")).unwrap();
        let confined = Confined::new(&out);
        // made here: `a`, then `a/b` and `a/b/c` made first, each in a directory made here
        assert!(confined.dir_exists(Path::new("a/b/c"), true).unwrap());
        assert!(out.join("a/b/c").is_dir());
        // something put meanwhile where this process would make a directory in one it made:
        // a link, or a file, is found when mkdir finds the name taken
        std::os::unix::fs::symlink(outside.path(), out.join("a/b/link")).unwrap();
        let error = confined
            .dir_exists(Path::new("a/b/link"), true)
            .unwrap_err();
        assert!(
            matches!(refusal(&error), Some(Refusal::Link { .. })),
            "{error}"
        );
        fs::write(out.join("a/file"), "x").unwrap();
        let error = confined
            .dir_exists(Path::new("a/file/d"), true)
            .unwrap_err();
        assert!(
            matches!(refusal(&error), Some(Refusal::NotDirectory { .. })),
            "{error}"
        );
        // a real directory put there meanwhile is simply used
        fs::create_dir(out.join("a/b/made-elsewhere")).unwrap();
        assert!(
            confined
                .dir_exists(Path::new("a/b/made-elsewhere/e"), true)
                .unwrap()
        );
        // one that was there before the build, and below it
        assert!(confined.dir_exists(Path::new("there/f/g"), true).unwrap());
        assert!(out.join("there/f/g").is_dir());
        assert!(fs::read_dir(outside.path()).unwrap().next().is_none());
    }

    #[test]
    fn an_opened_directory_creates_new_files_only_and_never_through_a_link() {
        let (_dir, outside, out) = output_and_outside();
        let confined = Confined::new(&out);
        let opened = confined.open_dir(Path::new("a/b")).unwrap();
        assert!(opened.create("x.md", b"x").unwrap());
        assert_eq!(fs::read(out.join("a/b/x.md")).unwrap(), b"x");
        // a file already there is left as it is
        assert!(!opened.create("x.md", b"other").unwrap());
        assert_eq!(fs::read(out.join("a/b/x.md")).unwrap(), b"x");
        assert!(opened.create("y/z.md", b"z").is_err());

        // a link at the file is neither followed nor replaced
        let victim = outside.path().join("victim");
        fs::write(&victim, "precious").unwrap();
        std::os::unix::fs::symlink(&victim, out.join("a/b/v.md")).unwrap();
        assert!(!opened.create("v.md", b"v").unwrap());
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");

        // a link as the directory, or on the way to it, is refused
        std::os::unix::fs::symlink(outside.path(), out.join("a/l")).unwrap();
        for linked in ["a/l", "a/l/deeper"] {
            let error = confined.open_dir(Path::new(linked)).err().unwrap();
            assert!(
                matches!(refusal(&error), Some(Refusal::Link { .. })),
                "{linked}: {error}"
            );
        }
        assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 1);
    }

    #[test]
    fn holds_compares_a_file_without_following_links() {
        let (_dir, outside, out) = output_and_outside();
        fs::create_dir(out.join("a")).unwrap();
        fs::write(out.join("a/x.md"), "same text").unwrap();
        let confined = Confined::new(&out);
        assert!(confined.holds("a/x.md", b"same text").unwrap());
        assert!(
            !confined.holds("a/x.md", b"same texT").unwrap(),
            "same size"
        );
        assert!(!confined.holds("a/x.md", b"same").unwrap(), "shorter");
        assert!(!confined.holds("a/x.md", b"same text, longer").unwrap());
        assert!(!confined.holds("a/none.md", b"").unwrap());
        assert!(!confined.holds("none/x.md", b"").unwrap());
        fs::write(out.join("a/empty.md"), "").unwrap();
        assert!(confined.holds("a/empty.md", b"").unwrap());

        let victim = outside.path().join("victim");
        fs::write(&victim, "same text").unwrap();
        std::os::unix::fs::symlink(&victim, out.join("a/link.md")).unwrap();
        std::os::unix::fs::symlink(outside.path(), out.join("b")).unwrap();
        for linked in ["a/link.md", "b/victim"] {
            let error = confined.holds(linked, b"same text").unwrap_err();
            assert!(
                matches!(refusal(&error), Some(Refusal::Link { .. })),
                "{linked}: {error}"
            );
        }
        let error = confined.holds("a", b"").unwrap_err();
        assert!(
            matches!(refusal(&error), Some(Refusal::NotRegular { .. })),
            "{error}"
        );
    }
}
