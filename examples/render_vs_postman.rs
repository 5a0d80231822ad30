//! samplegen's half of the side-by-side rendering comparison that `scripts/render-vs-postman.sh`
//! runs: renders N synthetic specs in memory (on all cores, and on one), and writes the same
//! requests as Postman SDK request definitions for the Postman code generators to render.
//!
//! `cargo run --release --example render_vs_postman -- N REQUESTS.json`

use std::time::{Duration, Instant};

use samplegen::project::Project;

#[path = "support/corpus.rs"]
mod corpus;

// the allocator the samplegen binary uses, so that rendering in memory costs what it does there
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let requests = args.next().unwrap_or_else(|| "requests.json".into());
    let dir = tempfile::tempdir().unwrap();
    corpus::write_corpus(dir.path(), count).expect("corpus written");
    let all: Vec<serde_json::Value> = (0..count).map(corpus::postman_request).collect();
    std::fs::write(&requests, serde_json::to_string(&all).unwrap()).unwrap();

    let project = Project::open(dir.path()).unwrap();
    let renderer = project.renderer().unwrap();
    let specs = project.load_specs().unwrap();
    assert_eq!(specs.endpoints.len(), count, "every spec is valid");
    let render = || {
        samplegen::render::render_all(&specs.endpoints, &renderer, &project.config)
            .expect("corpus renders")
    };
    render(); // warm, as the generators are
    let started = Instant::now();
    let counts = render();
    let all_cores = started.elapsed();
    let one_core = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(|| {
            let started = Instant::now();
            render();
            started.elapsed()
        });
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "samplegen: {} samples and {} pages: {} ms on {cores} cores, {} ms on one",
        counts.samples,
        counts.pages,
        ms(all_cores),
        ms(one_core)
    );
    println!("samplegen-ms {} {}", ms(all_cores), ms(one_core));
}

fn ms(d: Duration) -> String {
    format!("{:.0}", d.as_secs_f64() * 1000.0)
}
