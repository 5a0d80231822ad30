//! The performance figures samplegen publishes, measured on this machine: cold build, no-op
//! rebuild, one spec edited, check, and rendering alone, on a synthetic corpus.
//!
//! `cargo run --release --example benchmark -- [N] [DIR]` (N specs, 10,000 by default; the
//! corpus goes to a new directory below DIR, the system's temporary directory by default)

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use samplegen::project::Project;

#[path = "support/corpus.rs"]
mod corpus;

fn main() {
    let count: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let base = std::env::args()
        .nth(2)
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let dir = base.join(format!("samplegen-bench-{count}"));
    let _ = std::fs::remove_dir_all(&dir);
    corpus::write_corpus(&dir, count).expect("corpus written");
    let binary = binary();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "samplegen benchmark: {count} specs (11 samples and a page each), {cores} cores, in {}",
        base.display()
    );

    let project = Project::open(&dir).unwrap();
    let renderer = project.renderer().unwrap();
    let specs = project.load_specs().unwrap();
    let started = Instant::now();
    let samples = samplegen::render::render_all(&specs.endpoints, &renderer, &project.config)
        .expect("corpus renders");
    let render = started.elapsed();
    println!(
        "render in memory: {} samples and {} pages in {} ({:.0} samples/s)",
        samples.samples,
        samples.pages,
        ms(render),
        samples.samples as f64 / render.as_secs_f64()
    );

    let (cold, peak) = run(&binary, &dir, "build");
    println!("cold build: {} , peak memory {} MB", ms(cold), peak / 1024);
    let (noop, _) = run(&binary, &dir, "build");
    println!("no-op rebuild: {}", ms(noop));
    let edited = dir.join("specs").join(corpus::relative_path(count / 2));
    let text = std::fs::read_to_string(&edited).unwrap();
    std::fs::write(&edited, text.replace("Operation", "Edited operation")).unwrap();
    let (one, _) = run(&binary, &dir, "build");
    println!("one spec edited: {}", ms(one));
    let (check, _) = run(&binary, &dir, "check");
    println!("check (in sync): {}", ms(check));
    let _ = std::fs::remove_dir_all(&dir);
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

/// Runs the release binary under `/usr/bin/time` when there is one, for its peak memory.
fn run(binary: &Path, dir: &Path, command: &str) -> (Duration, u64) {
    let time = Path::new("/usr/bin/time");
    let started = Instant::now();
    let output = if time.exists() {
        Command::new(time)
            .arg("-f")
            .arg("%M")
            .arg(binary)
            .arg("-C")
            .arg(dir)
            .arg(command)
            .output()
    } else {
        Command::new(binary)
            .arg("-C")
            .arg(dir)
            .arg(command)
            .output()
    }
    .expect("samplegen runs");
    let elapsed = started.elapsed();
    assert!(
        output.status.success(),
        "{command} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let peak = String::from_utf8_lossy(&output.stderr)
        .lines()
        .last()
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or(0);
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
