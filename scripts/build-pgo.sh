#!/usr/bin/env bash
# Builds samplegen (and the render_vs_postman example) optimized with the profile of a training
# run (profile-guided optimization): an instrumented build renders synthetic specs other than
# those the benchmarks measure (specs 10,000 to 12,999 of the corpus), and a second build is
# optimized for what that run did. Rendering is then about a sixth faster than a plain
# `cargo build --release` (README, Benchmark).
#
# Needs rustup's llvm-tools (for llvm-profdata); the script adds them when they are missing.
# Takes two release builds: about 6 minutes on 2 cores.
#
# scripts/build-pgo.sh       -> target/pgo/release/samplegen, target/pgo/release/examples/render_vs_postman
set -euo pipefail
cd "$(dirname "$0")/.."
host=$(rustc -vV | sed -n 's/^host: //p')
profdata="$(rustc --print sysroot)/lib/rustlib/$host/bin/llvm-profdata"
if [ ! -x "$profdata" ]; then
  rustup component add llvm-tools
fi
profiles=$PWD/target/pgo-profiles
rm -rf "$profiles"
# the instrumented build writes its counts under $profiles when it runs
RUSTFLAGS="-Cprofile-generate=$profiles" cargo build --release --quiet --target-dir target/pgo-generate \
  --bin samplegen --example render_vs_postman --example generate_specs
train=$(mktemp -d)
trap 'rm -rf "$train"' EXIT
# rendering in memory, as the comparison with the Postman generators does
target/pgo-generate/release/examples/render_vs_postman 3000 "$train/requests.json" 10000 > /dev/null
# and a project's builds: cold, after one edit, and checked
target/pgo-generate/release/examples/generate_specs 3000 "$train/project" 10000 > /dev/null
instrumented=$PWD/target/pgo-generate/release/samplegen
(cd "$train/project" && for _ in 1 2; do rm -rf output; "$instrumented" build > /dev/null; done \
  && "$instrumented" check > /dev/null)
"$profdata" merge -o target/pgo-profiles.profdata "$profiles"
RUSTFLAGS="-Cprofile-use=$PWD/target/pgo-profiles.profdata" cargo build --release --quiet --target-dir target/pgo \
  --bin samplegen --example render_vs_postman
echo "built target/pgo/release/samplegen and target/pgo/release/examples/render_vs_postman"
