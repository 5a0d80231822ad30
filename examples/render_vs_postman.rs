//! samplegen's half of the side-by-side rendering comparison that `scripts/render-vs-postman.sh`
//! runs: renders the 11 house samples of N synthetic specs in memory (on all cores, and on one),
//! builds their views alone (the rest is the templates), then renders with each spec's page too, each
//! the median of three runs, and writes the same requests as Postman SDK request
//! definitions for the Postman code generators to render.
//!
//! `cargo run --release --example render_vs_postman -- N REQUESTS.json [FIRST]`: specs `FIRST`
//! (0 by default) to `FIRST + N - 1` of the synthetic corpus (`scripts/build-pgo.sh` trains
//! on others than the measured ones).

use std::time::{Duration, Instant};

use rayon::prelude::*;
use samplegen::project::Project;

#[path = "support/corpus.rs"]
mod corpus;

// the allocator the samplegen binary uses, so that rendering in memory costs what it does there
#[global_allocator]
static ALLOCATOR: samplegen::allocator::Allocator = samplegen::allocator::Allocator;

fn main() {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let requests = args.next().unwrap_or_else(|| "requests.json".into());
    let first: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    let dir = tempfile::tempdir().unwrap();
    corpus::write_corpus_from(dir.path(), first, count).expect("corpus written");
    let all: Vec<serde_json::Value> = (first..first + count)
        .map(corpus::postman_request)
        .collect();
    std::fs::write(&requests, serde_json::to_string(&all).unwrap()).unwrap();

    let project = Project::open(dir.path()).unwrap();
    let renderer = project.renderer().unwrap();
    let specs = project.load_specs().unwrap();
    assert_eq!(specs.endpoints.len(), count, "every spec is valid");
    // The same work as the generators: each request's 11 samples. The pages come on top.
    let samples_only = || {
        specs
            .endpoints
            .par_iter()
            .map(|endpoint| Ok(renderer.samples(endpoint, &project.config)?.len()))
            .sum::<Result<usize, samplegen::render::RenderError>>()
            .expect("corpus renders")
    };
    // Building each request's view (the `request` value every template reads) on its own, each
    // view dropped at once as rendering drops it. The templates' share is the rest. (Timing the
    // templates over views built beforehand overstates them: 10,000 views do not fit in the
    // cache, while rendering reads each view right after building it.)
    let views_only = || {
        specs.endpoints.par_iter().for_each(|endpoint| {
            std::hint::black_box(samplegen::render::SampleContext::new(endpoint));
        })
    };
    let with_pages = || {
        samplegen::render::render_all(&specs.endpoints, &renderer, &project.config)
            .expect("corpus renders")
    };
    // warm, as the generators are
    samples_only();
    views_only();
    with_pages();
    // the median of ROUNDS runs: on a shared machine one run can land in a slow spell
    let timed = |work: &(dyn Fn() + Sync)| {
        let mut runs: Vec<Duration> = (0..ROUNDS)
            .map(|_| {
                let started = Instant::now();
                work();
                started.elapsed()
            })
            .collect();
        runs.sort();
        runs[ROUNDS / 2]
    };
    let all_cores = timed(&|| {
        samples_only();
    });
    let one_core = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(|| {
            timed(&|| {
                samples_only();
            })
        });
    let views_all_cores = timed(&|| {
        views_only();
    });
    let pages_all_cores = timed(&|| {
        with_pages();
    });
    let samples = samples_only();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "samplegen: {samples} samples: {} ms on {cores} cores, {} ms on one, of which building the views {} ms on {cores} cores; with the {count} pages too: {} ms on {cores} cores",
        ms(all_cores),
        ms(one_core),
        ms(views_all_cores),
        ms(pages_all_cores)
    );
    println!(
        "samplegen-ms {} {} {} {}",
        ms(all_cores),
        ms(one_core),
        ms(pages_all_cores),
        ms(views_all_cores)
    );
}

/// How many times each figure is measured; the median is printed. The script gives the
/// generators as many rounds.
const ROUNDS: usize = 3;

fn ms(d: Duration) -> String {
    format!("{:.0}", d.as_secs_f64() * 1000.0)
}
