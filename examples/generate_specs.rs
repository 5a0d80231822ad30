//! Writes N synthetic specs of mixed shapes into a directory: the corpus `benchmark` measures.
//! Deterministic: the same N gives the same files.
//!
//! `cargo run --release --example generate_specs -- 10000 /tmp/bench-project [FIRST]` (specs
//! `FIRST` on, 0 by default: `scripts/build-pgo.sh` trains on others than the measured ones)

use std::path::Path;

fn main() {
    let mut args = std::env::args().skip(1);
    let count: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let project = args.next().unwrap_or_else(|| "bench-project".into());
    let first: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    samplegen_bench::write_corpus_from(Path::new(&project), first, count).expect("corpus written");
    println!("wrote {count} specs to {project}/specs");
}

#[path = "support/corpus.rs"]
mod samplegen_bench;
