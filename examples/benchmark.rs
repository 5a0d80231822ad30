//! The performance figures samplegen publishes, measured on this machine: cold build, no-op
//! rebuild, one spec edited (by `build` and by `watch`), check, rendering alone, and the floor of
//! creating the same files without samplegen, on synthetic corpora of several sizes, with the
//! cost per spec so that scaling shows.
//!
//! `cargo run --release --example benchmark -- [N,N,…] [DIR]` (sizes, 1,000, 10,000 and 50,000
//! specs by default; each corpus goes to a new directory below DIR, the system's temporary
//! directory by default)

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use samplegen::project::Project;

#[path = "support/corpus.rs"]
mod corpus;

// the allocator the samplegen binary uses, so that rendering in memory costs what it does there
#[global_allocator]
static ALLOCATOR: samplegen::allocator::Allocator = samplegen::allocator::Allocator;

fn main() {
    let counts: Vec<usize> = std::env::args()
        .nth(1)
        .map(|list| list.split(',').filter_map(|n| n.parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 50_000]);
    let base = std::env::args()
        .nth(2)
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let binary = binary();
    let cores = cores();
    println!(
        "samplegen benchmark: 11 samples and a page per spec, {cores} cores, in {}",
        base.display()
    );
    println!(
        "| specs | render in memory | file-creation floor | cold build | peak memory | no-op rebuild | change-detection floor | one spec edited | watch: edit to written | check |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for count in counts {
        measure(&binary, &base, count);
    }
    println!("(each cell: total, then per spec in µs)");
    println!();
    println!(
        "| specs | CPU: reading the specs | CPU: rendering | CPU: creating the files | CPU floor of a cold build | that floor on {} cores (wall) |",
        cores
    );
    println!("| --- | --- | --- | --- | --- | --- |");
    FLOORS.with(|f| f.borrow().iter().for_each(|row| println!("{row}")));
    println!();
    println!("| specs | rendering in memory, the house tabs | every built-in target |");
    println!("| --- | --- | --- |");
    THROUGHPUT.with(|t| t.borrow().iter().for_each(|row| println!("{row}")));
}

/// The CPU time (user and system) this process has used so far, in seconds.
fn cpu_seconds() -> f64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given; RUSAGE_SELF counts every thread
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr());
        usage.assume_init()
    };
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

thread_local! {
    /// The cold build's CPU floors, printed after the main table.
    static FLOORS: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

thread_local! {
    /// The throughput rows, printed after the main table.
    static THROUGHPUT: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn measure(binary: &Path, base: &Path, count: usize) {
    let dir = base.join(format!("samplegen-bench-{count}"));
    let _ = std::fs::remove_dir_all(&dir);
    corpus::write_corpus(&dir, count).expect("corpus written");

    let project = Project::open(&dir).unwrap();
    let renderer = project.renderer().unwrap();
    let specs = project.load_specs().unwrap();
    let started = Instant::now();
    let cpu_before = cpu_seconds();
    let samples = samplegen::render::render_all(&specs.endpoints, &renderer, &project.config)
        .expect("corpus renders");
    let render = started.elapsed();
    let render_cpu = cpu_seconds() - cpu_before;
    assert_eq!(samples.pages, count);
    // the same specs with every built-in target enabled: throughput per sample must hold
    let every_target = project.config.with_every_target();
    let started = Instant::now();
    let all = samplegen::render::render_all(&specs.endpoints, &renderer, &every_target)
        .expect("corpus renders in every target");
    let render_all_targets = started.elapsed();
    THROUGHPUT.with(|t| {
        t.borrow_mut().push(format!(
            "| {count} | {:.0} samples/s ({} targets) | {:.0} samples/s ({} targets) |",
            samples.samples as f64 / render.as_secs_f64(),
            project.config.targets.len(),
            all.samples as f64 / render_all_targets.as_secs_f64(),
            every_target.targets.len(),
        ))
    });
    drop(specs);

    let (floor, floor_cpu) = creation_floor(&dir.join("floor"), count);
    // Reading the specs costs the build CPU time too (the rendering above starts from loaded
    // specs): with the other two, what no cold build can spend less than, and that CPU time
    // spread over every core is the least wall time a cold build can take.
    let cpu_before = cpu_seconds();
    let loaded = project.load_specs().unwrap();
    let load_cpu = cpu_seconds() - cpu_before;
    drop(loaded);
    FLOORS.with(|f| {
        let sum = render_cpu + floor_cpu + load_cpu;
        f.borrow_mut().push(format!(
            "| {count} | {load_cpu:.2} s | {render_cpu:.2} s | {floor_cpu:.2} s | {sum:.2} s | {:.2} s |",
            sum / cores() as f64
        ))
    });
    // the median of three cold builds (by wall time, with that run's CPU time and peak memory),
    // each into an empty output/: one run can land in a slow spell of a shared machine
    let mut colds: Vec<(Duration, u64, f64)> = (0..3)
        .map(|_| {
            let _ = std::fs::remove_dir_all(dir.join("output"));
            let (took, peak) = run(binary, &dir, &["build"]);
            (took, peak, LAST_CPU.with(|c| c.get()))
        })
        .collect();
    colds.sort_by_key(|run| run.0);
    let (cold, peak, cold_cpu) = colds[1];
    // the median of three, each after a build that settled the cache
    let noop = median(|| run(binary, &dir, &["build"]).0);
    let noop_floor = median(|| change_detection_floor(&dir));
    let edited = dir.join("specs").join(corpus::relative_path(count / 2));
    let text = std::fs::read_to_string(&edited).unwrap();
    let mut round = 0;
    let one = median(|| {
        round += 1;
        std::fs::write(
            &edited,
            text.replace("Operation", &format!("Edited {round} operation")),
        )
        .unwrap();
        let took = run(binary, &dir, &["build"]).0;
        run(binary, &dir, &["build"]);
        took
    });
    let watch = watch_latency(binary, &dir, &edited, &text);
    let check = median(|| run(binary, &dir, &["check"]).0);
    println!(
        "| {count} | {} | {} | {} (CPU {:.2} s) | {} MB | {} | {} | {} | {} | {} |",
        cell(render, count),
        cell(floor, count),
        cell(cold, count),
        cold_cpu,
        peak / 1024,
        cell(noop, count),
        cell(noop_floor, count),
        cell(one, count),
        watch.map_or("n/a".into(), |w| cell(w, count)),
        cell(check, count),
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn cell(d: Duration, count: usize) -> String {
    format!(
        "{:.0} ms ({:.1} µs)",
        d.as_secs_f64() * 1000.0,
        d.as_secs_f64() * 1e6 / count as f64
    )
}

fn median(mut measure: impl FnMut() -> Duration) -> Duration {
    let mut runs = [measure(), measure(), measure()];
    runs.sort();
    runs[1]
}

/// What creating the files of a cold build costs without samplegen: the same directories and
/// as many files of a typical size, written on all cores, each created once (no temporary file);
/// and the CPU time that took.
fn creation_floor(dir: &Path, count: usize) -> (Duration, f64) {
    let contents = vec![b'x'; 600];
    let started = Instant::now();
    let cpu_before = cpu_seconds();
    (0..count).into_par_iter().for_each(|i| {
        let page = dir.join(corpus::relative_path(i).replace(".yaml", ""));
        std::fs::create_dir_all(&page).unwrap();
        std::fs::write(page.with_extension("md"), &contents).unwrap();
        for sample in 0..11 {
            std::fs::write(page.join(format!("sample-{sample}.txt")), &contents).unwrap();
        }
    });
    let took = (started.elapsed(), cpu_seconds() - cpu_before);
    std::fs::remove_dir_all(dir).unwrap();
    took
}

/// What any build that trusts no daemon pays to learn that nothing changed, without samplegen:
/// listing the spec directories with one `stat` per spec (through the directory being listed,
/// the cheapest way), and one per output directory (below the output directory held open), on
/// all cores, in a fresh process's place (nothing read, nothing parsed). A no-op rebuild and a
/// one-spec edit cannot cost less.
fn change_detection_floor(dir: &Path) -> Duration {
    let started = Instant::now();
    let modules: Vec<PathBuf> = std::fs::read_dir(dir.join("specs"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    let specs: Vec<PathBuf> = modules
        .par_iter()
        .flat_map_iter(|module| {
            let mut found = Vec::new();
            let mut pending = vec![module.clone()];
            while let Some(current) = pending.pop() {
                for entry in std::fs::read_dir(&current).unwrap() {
                    let entry = entry.unwrap();
                    if entry.file_type().unwrap().is_dir() {
                        pending.push(entry.path());
                    } else {
                        entry.metadata().unwrap();
                        found.push(entry.path());
                    }
                }
            }
            found
        })
        .collect();
    // which output directories there are is known beforehand (a build has it from its cache):
    // working it out is not timed
    let listing = started.elapsed();
    let specs_dir = dir.join("specs");
    let mut output_dirs: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for spec in &specs {
        let page = spec.strip_prefix(&specs_dir).unwrap().with_extension("");
        for dir in page.ancestors().filter(|d| !d.as_os_str().is_empty()) {
            output_dirs.insert(dir.to_str().unwrap().to_string());
        }
    }
    let output_dirs: Vec<std::ffi::CString> = output_dirs
        .into_iter()
        .map(|d| std::ffi::CString::new(d).unwrap())
        .collect();
    // each looked up below the output directory held open, the cheapest way
    let output = std::fs::File::open(dir.join("output")).unwrap();
    let started = Instant::now();
    output_dirs.par_iter().for_each(|d| {
        use std::os::fd::AsRawFd;
        let mut stat = std::mem::MaybeUninit::<libc::stat>::uninit();
        // SAFETY: an open descriptor, a NUL-terminated path, and a buffer for the answer
        let result = unsafe {
            libc::fstatat(
                output.as_raw_fd(),
                d.as_ptr(),
                stat.as_mut_ptr(),
                libc::AT_SYMLINK_NOFOLLOW,
            )
        };
        assert_eq!(result, 0, "{d:?}");
    });
    listing + started.elapsed()
}

/// From saving a spec to `watch` reporting the files written, while it watches the corpus.
fn watch_latency(binary: &Path, dir: &Path, spec: &Path, text: &str) -> Option<Duration> {
    let mut child = Command::new(binary)
        .arg("-C")
        .arg(dir)
        .arg("watch")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut lines = BufReader::new(child.stdout.take()?).lines();
    let mut wait_for = |wanted: &str| {
        lines
            .by_ref()
            .map_while(Result::ok)
            .any(|line| line.contains(wanted))
    };
    let mut took = None;
    if wait_for("watching for changes") {
        std::thread::sleep(Duration::from_millis(300));
        let started = Instant::now();
        std::fs::write(spec, text.replace("Operation", "Watched operation")).unwrap();
        if wait_for("wrote ") {
            took = Some(started.elapsed());
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    took
}

thread_local! {
    /// The CPU time (user and system, seconds) of the last run, when `/usr/bin/time` told it:
    /// on a shared machine it says what a run costs when the wall clock includes waiting.
    static LAST_CPU: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
}

/// Runs the release binary under `/usr/bin/time` when there is one, for its peak memory and CPU
/// time.
fn run(binary: &Path, dir: &Path, args: &[&str]) -> (Duration, u64) {
    let time = Path::new("/usr/bin/time");
    let started = Instant::now();
    let output = if time.exists() {
        Command::new(time)
            .arg("-f")
            .arg("%U %S %M")
            .arg(binary)
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
    } else {
        Command::new(binary).arg("-C").arg(dir).args(args).output()
    }
    .expect("samplegen runs");
    let elapsed = started.elapsed();
    assert!(
        output.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    let fields: Vec<f64> = stderr
        .lines()
        .last()
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|f| f.parse().ok())
        .collect();
    let (cpu, peak) = match fields[..] {
        [user, system, peak] => (user + system, peak as u64),
        _ => (0.0, 0),
    };
    LAST_CPU.with(|c| c.set(cpu));
    (elapsed, peak)
}

/// The samplegen binary of the same profile as this example, built now (cargo builds only the
/// example for `cargo run --example`).
fn binary() -> PathBuf {
    let example = std::env::current_exe().unwrap();
    let profile_dir = example.parent().unwrap().parent().unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut build = Command::new(cargo);
    build.args(["build", "--quiet", "--bin", "samplegen"]);
    if profile_dir.ends_with("release") {
        build.arg("--release");
    }
    let status = build.status().expect("cargo runs");
    assert!(status.success(), "building samplegen failed");
    profile_dir.join("samplegen")
}
