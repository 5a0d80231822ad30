//! The cache: machine-local (never committed), only ever a hint. It lets a rebuild skip a spec
//! without reading it: what the spec's file and the directories holding its output looked like
//! after the last build, under which inputs (config, templates, samplegen's version) and which
//! manifest. Anything that does not match what is on disk now sends the spec down the full path
//! (read, render, compare with the disk).

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::fs_safe;
use crate::hash::PathMap;

use super::manifest::{FileList, is_safe_relative, parse_line, push_line};
use super::*;

/// What a file or directory looked like: its size, modification and change times (ns) and inode.
/// The change time cannot be set back by hand, and git and samplegen replace a file (a new inode)
/// rather than write into it, so any of them changing says "look again".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    pub modified: i64,
    pub changed: i64,
    pub inode: u64,
}

/// How long after a change an entry's times may still not move when it changes again: the
/// file system's clock tick, and 1 ms more for the difference between that clock and the one
/// `now` is read from. An entry changed within this long of being stamped is not trusted as it
/// is (the build waits this long and looks again).
///
/// Linux stamps files from its coarse clock, which advances once per timer tick (4 ms at the
/// usual 250 Hz; `clock_getres` tells it), so a change later than one tick after the last
/// always moves the times. Where the tick cannot be learned, 12 ms covers ticks of up to 10 ms
/// (100 Hz).
pub fn racy_nanos() -> i64 {
    static RACY: std::sync::OnceLock<i64> = std::sync::OnceLock::new();
    *RACY.get_or_init(|| coarse_tick().map_or(12_000_000, |tick| tick + 1_000_000))
}

/// The resolution of the clock file times are taken from, when the system says it.
fn coarse_tick() -> Option<i64> {
    #[cfg(target_os = "linux")]
    {
        let mut resolution = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: clock_getres writes the resolution into the struct it is given
        let read = unsafe { libc::clock_getres(libc::CLOCK_REALTIME_COARSE, &mut resolution) };
        let tick = resolution.tv_sec * 1_000_000_000 + resolution.tv_nsec;
        // a tick beyond 10 ms is no timer tick this reasoning knows: the default then
        (read == 0 && tick > 0 && tick <= 10_000_000).then_some(tick)
    }
    #[cfg(not(target_os = "linux"))]
    None
}

impl Stamp {
    pub fn of(metadata: &fs::Metadata) -> Stamp {
        Stamp {
            size: metadata.len(),
            modified: metadata.mtime() * 1_000_000_000 + metadata.mtime_nsec(),
            changed: metadata.ctime() * 1_000_000_000 + metadata.ctime_nsec(),
            inode: metadata.ino(),
        }
    }

    /// The stamp `lstat` or `stat` gave.
    pub fn of_stat(stat: &libc::stat) -> Stamp {
        Stamp {
            size: stat.st_size as u64,
            modified: stat.st_mtime * 1_000_000_000 + stat.st_mtime_nsec,
            changed: stat.st_ctime * 1_000_000_000 + stat.st_ctime_nsec,
            inode: stat.st_ino,
        }
    }

    /// The stamp, unless the entry changed so recently (before `now`, taken just before the
    /// metadata was read) that a further change could leave it as it is.
    pub fn settled(metadata: &fs::Metadata, now: i64) -> Option<Stamp> {
        Stamp::of(metadata).settled_by(now)
    }

    /// This stamp, unless it was taken so soon after a change (before `now`, read before it
    /// was taken) that a further change could leave it as it is.
    pub fn settled_by(self, now: i64) -> Option<Stamp> {
        (self.modified.max(self.changed) + racy_nanos() < now).then_some(self)
    }
}

/// The time now in nanoseconds, to tell a settled stamp from a racy one.
pub fn now_nanos() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i64)
}

/// What the last build knew about one spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecEntry {
    /// The spec file's stamp when it was rendered; `None` when it must be read again (it
    /// failed, or changed while the build ran).
    pub stamp: Option<Stamp>,
    /// The files it produced (as the manifest records them).
    pub files: FileList,
}

/// The cache of the output directory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cache {
    /// The inputs fingerprint the specs were rendered under; another makes every entry stale.
    pub inputs: String,
    /// Hash of the manifest text the build left: while the manifest still hashes so, `specs`
    /// holds exactly its records and it need not be parsed.
    pub manifest: String,
    pub specs: PathMap<String, SpecEntry>,
    /// Each directory holding output files, as the build left it (racy ones left out).
    pub dirs: PathMap<String, Stamp>,
}

const CACHE_HEADER: &str = "samplegen-cache 2";

impl Cache {
    /// Reads the cache of `output_dir`; a missing, damaged or foreign one (not a regular file
    /// within [`OUTPUT_LIMIT`], another format) is empty. Every path in it is checked to stay
    /// inside the output directory.
    pub fn read(output_dir: &Path) -> Cache {
        let bytes = fs_safe::read_regular(
            &output_dir.join(CACHE),
            fs_safe::OUTPUT_LIMIT,
            false,
            output_dir,
        )
        .unwrap_or_default();
        std::str::from_utf8(&bytes)
            .ok()
            .and_then(Cache::parse)
            .unwrap_or_default()
    }

    /// The inputs fingerprint the cache of `output_dir` records, read from its first lines
    /// alone: a glance, without the lock, at whether a build will find its entries usable.
    pub fn inputs_hint(output_dir: &Path) -> Option<String> {
        let start = fs_safe::read_regular_start(&output_dir.join(CACHE), 256, output_dir).ok()?;
        let mut lines = std::str::from_utf8(&start).ok()?.splitn(3, '\n');
        if lines.next()? != CACHE_HEADER {
            return None;
        }
        let inputs = lines.next()?.strip_prefix("inputs\t")?;
        // a line cut short by the 256 bytes is no fingerprint
        lines.next()?;
        Some(inputs.to_string())
    }

    fn parse(text: &str) -> Option<Cache> {
        use rayon::prelude::*;
        let mut lines = text.splitn(4, '\n');
        if lines.next()? != CACHE_HEADER {
            return None;
        }
        let inputs = lines.next()?.strip_prefix("inputs\t")?.to_string();
        let manifest = lines.next()?.strip_prefix("manifest\t")?.to_string();
        let mut cache = Cache {
            inputs,
            manifest,
            ..Cache::default()
        };
        // in parallel: at 10,000 specs this is a sixth of a no-op build
        let entries: Vec<Entry> = lines
            .next()
            .unwrap_or_default()
            .par_lines()
            .map(Entry::parse)
            .collect::<Option<_>>()?;
        // sized up front: growing the maps entry by entry took a third of the reading
        let dirs = entries
            .iter()
            .filter(|entry| matches!(entry, Entry::Dir(..)))
            .count();
        cache.dirs.reserve(dirs);
        cache.specs.reserve(entries.len() - dirs);
        for entry in entries {
            match entry {
                Entry::Dir(dir, stamp) => {
                    cache.dirs.insert(dir, stamp);
                }
                Entry::Spec(spec, entry) => {
                    cache.specs.insert(spec, entry);
                }
            }
        }
        Some(cache)
    }

    pub fn to_text(&self) -> String {
        use rayon::prelude::*;
        use std::fmt::Write as _;
        let mut text = String::with_capacity(200 * self.specs.len() + 80 * self.dirs.len() + 80);
        let _ = writeln!(text, "{CACHE_HEADER}");
        let _ = writeln!(text, "inputs\t{}", self.inputs);
        let _ = writeln!(text, "manifest\t{}", self.manifest);
        // the lines in any order (the cache is read into maps), written on all cores: at
        // 10,000 specs this was a serial step of every build that renders
        let (specs, dirs) = rayon::join(
            || {
                self.specs
                    .par_iter()
                    .fold(String::new, |mut text, (spec, entry)| {
                        text.push_str("s\t");
                        write_stamp(&mut text, entry.stamp);
                        push_line(&mut text, spec, &entry.files);
                        text.push('\n');
                        text
                    })
                    .collect::<Vec<String>>()
            },
            || {
                self.dirs
                    .par_iter()
                    .fold(String::new, |mut text, (dir, stamp)| {
                        text.push_str("d\t");
                        write_stamp(&mut text, Some(*stamp));
                        text.push_str(dir);
                        text.push('\n');
                        text
                    })
                    .collect::<Vec<String>>()
            },
        );
        for part in specs.iter().chain(&dirs) {
            text.push_str(part);
        }
        text
    }
}

/// One line of the cache.
enum Entry {
    Dir(String, Stamp),
    Spec(String, SpecEntry),
}

impl Entry {
    fn parse(line: &str) -> Option<Entry> {
        if let Some(rest) = line.strip_prefix("d\t") {
            let (stamp, dir) = parse_stamp(rest)?;
            is_safe_relative(dir).then_some(Entry::Dir(dir.to_string(), stamp?))
        } else {
            let (stamp, rest) = parse_stamp(line.strip_prefix("s\t")?)?;
            let (spec, files) = parse_line(rest)?;
            Some(Entry::Spec(spec.to_string(), SpecEntry { stamp, files }))
        }
    }
}

fn write_stamp(text: &mut String, stamp: Option<Stamp>) {
    // itoa, not `write!`: a build that renders writes one stamp per spec and per directory, and
    // the formatting machinery cost about a thousand instructions each
    let mut digits = itoa::Buffer::new();
    match stamp {
        Some(s) => {
            text.push_str(digits.format(s.size));
            text.push('\t');
            text.push_str(digits.format(s.modified));
            text.push('\t');
            text.push_str(digits.format(s.changed));
            text.push('\t');
            text.push_str(digits.format(s.inode));
            text.push('\t');
        }
        None => text.push_str("-\t-\t-\t-\t"),
    }
}

/// A stamp (or `-` fields for none) and the rest of the line. Each number is read in the one
/// pass that finds its end: 22,000 stamps are read at the start of every build of 10,000 specs.
fn parse_stamp(text: &str) -> Option<(Option<Stamp>, &str)> {
    if let Some(rest) = text.strip_prefix("-\t-\t-\t-\t") {
        return Some((None, rest));
    }
    let (size, rest) = unsigned_field(text)?;
    let (modified, rest) = signed_field(rest)?;
    let (changed, rest) = signed_field(rest)?;
    let (inode, rest) = unsigned_field(rest)?;
    Some((
        Some(Stamp {
            size,
            modified,
            changed,
            inode,
        }),
        rest,
    ))
}

/// The number at the start of `text`, one or more digits ended by a tab, and what follows the
/// tab.
fn unsigned_field(text: &str) -> Option<(u64, &str)> {
    let mut number: u64 = 0;
    for (at, byte) in text.bytes().enumerate() {
        match byte {
            b'0'..=b'9' => {
                number = number
                    .checked_mul(10)?
                    .checked_add(u64::from(byte - b'0'))?;
            }
            b'\t' if at > 0 => return Some((number, &text[at + 1..])),
            _ => return None,
        }
    }
    None
}

/// [`unsigned_field`], or `-` and one, as an `i64`.
fn signed_field(text: &str) -> Option<(i64, &str)> {
    match text.strip_prefix('-') {
        Some(digits) => {
            let (number, rest) = unsigned_field(digits)?;
            Some((0i64.checked_sub_unsigned(number)?, rest))
        }
        None => {
            let (number, rest) = unsigned_field(text)?;
            Some((i64::try_from(number).ok()?, rest))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_what_it_does_not_understand() {
        let stamp = Stamp {
            size: 3,
            modified: 7,
            changed: 8,
            inode: 9,
        };
        let mut cache = Cache {
            inputs: "fingerprint".into(),
            manifest: "00ff".into(),
            ..Cache::default()
        };
        cache.specs.insert(
            "specs/a.yaml".into(),
            SpecEntry {
                stamp: Some(stamp),
                files: FileList::new(&["a.md".into(), "a/curl.sh".into()]),
            },
        );
        cache.specs.insert(
            "specs/b.yaml".into(),
            SpecEntry {
                stamp: None,
                files: FileList::new(&["b.md".into()]),
            },
        );
        cache.dirs.insert("a".into(), stamp);
        assert_eq!(Cache::parse(&cache.to_text()), Some(cache.clone()));
        assert_eq!(Cache::parse("samplegen-cache 1\n"), None);
        let hostile = cache.to_text() + "d\t1\t2\t3\t4\t../outside\n";
        assert_eq!(Cache::parse(&hostile), None);
    }

    #[test]
    fn a_stamp_taken_within_the_racy_window_before_now_is_not_settled() {
        let now = now_nanos();
        let changed_at = |at: i64| Stamp {
            size: 1,
            modified: at,
            changed: at,
            inode: 1,
        };
        // changed after, at, or within a window before the moment the stamp is judged by
        for at in [now + 1, now, now - racy_nanos()] {
            assert_eq!(changed_at(at).settled_by(now), None, "{at}");
        }
        let settled = changed_at(now - racy_nanos() - 1);
        assert_eq!(settled.settled_by(now), Some(settled));
        // the later of the two times counts
        let touched = Stamp {
            changed: now,
            ..settled
        };
        assert_eq!(touched.settled_by(now), None);
    }

    #[test]
    fn stamps_round_trip_at_the_edges_and_a_field_that_is_no_number_is_refused() {
        for stamp in [
            Stamp {
                size: 0,
                modified: i64::MIN,
                changed: i64::MAX,
                inode: u64::MAX,
            },
            Stamp {
                size: u64::MAX,
                modified: -1,
                changed: 0,
                inode: 1,
            },
        ] {
            let mut text = String::new();
            write_stamp(&mut text, Some(stamp));
            text.push_str("rest");
            assert_eq!(parse_stamp(&text), Some((Some(stamp), "rest")));
        }
        assert_eq!(parse_stamp("-\t-\t-\t-\trest"), Some((None, "rest")));
        for bad in [
            "1\t2\t3\trest",
            "1\t2\t3\t\trest",
            "+1\t2\t3\t4\trest",
            "1\t2 \t3\t4\trest",
            "-1\t2\t3\t4\trest",
            "18446744073709551616\t2\t3\t4\trest",
            "1\t9223372036854775808\t3\t4\trest",
            "1\t-9223372036854775809\t3\t4\trest",
            "1\t--2\t3\t4\trest",
            "1\t-\t3\t4\trest",
        ] {
            assert_eq!(parse_stamp(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_change_later_than_the_racy_window_moves_a_files_times() {
        // the window is a timer tick and a millisecond, or the 12 ms default
        let window = racy_nanos();
        assert!((1_000_000..=12_000_000).contains(&window), "{window}");
        // what the window rests on, on this machine's file system: after waiting it out, a
        // change always shows in the times
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x");
        for round in 0..5 {
            fs::write(&path, format!("{round}")).unwrap();
            let before = Stamp::of(&fs::metadata(&path).unwrap());
            std::thread::sleep(std::time::Duration::from_nanos(window as u64));
            fs::write(&path, format!("{round}")).unwrap();
            let after = Stamp::of(&fs::metadata(&path).unwrap());
            assert!(after.modified > before.modified, "round {round}");
        }
    }

    #[test]
    fn a_stamp_taken_within_a_clock_tick_of_a_change_is_not_settled() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x");
        fs::write(&path, "x").unwrap();
        let metadata = fs::metadata(&path).unwrap();
        let stamp = Stamp::of(&metadata);
        assert_eq!(Stamp::settled(&metadata, stamp.changed), None);
        assert_eq!(
            Stamp::settled(&metadata, stamp.changed + 2 * racy_nanos()),
            Some(stamp)
        );
    }
}
