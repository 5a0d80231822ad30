#!/usr/bin/env bash
# verify-benchmark.sh -- how long `samplegen verify --require-all` takes over a docs CI's worth of
# specs: the 31 request shapes of tests/fixtures/specs and the 7 house specs, copied until there
# are at least N specs (default 150), each sample of the 11 house targets run in its runtime.
#
#   scripts/verify-benchmark.sh [N]
#
# Needs the runtimes .ci/run installs (go, ruby, php, mono, java with OkHttp, node packages in
# tests/support/node, python requests). Prints three timings: a first run (--fresh: every sample
# runs), a second run (everything proved by the first is reused), and a run after one spec changed.
set -euo pipefail
cd "$(dirname "$0")/.."
want=${1:-150}

cargo build --release --quiet
bin=$PWD/target/release/samplegen
project=$(mktemp -d)
cache=$(mktemp -d)
trap 'rm -rf "$project" "$cache"' EXIT
export SAMPLEGEN_CACHE_DIR=$cache

count=0
copy=0
while [ "$count" -lt "$want" ]; do
  copy=$((copy + 1))
  mkdir -p "$project/specs/copy$copy"
  cp -r tests/fixtures/specs/. "$project/specs/copy$copy/shapes"
  cp -r specs/. "$project/specs/copy$copy/house"
  count=$(find "$project/specs" -name '*.yaml' | wc -l)
done
echo "$count specs x 11 targets, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

timed() {
  local label=$1
  shift
  local started ended
  started=$(date +%s.%N)
  "$bin" -C "$project" verify --require-all "$@" --support "$PWD/tests/support" 2>/dev/null | tail -2 | head -1
  ended=$(date +%s.%N)
  printf '%s: %.1f s\n' "$label" "$(echo "$ended - $started" | bc)"
}

timed "first run (--fresh)" --fresh
timed "second run (unchanged)"
first=$(find "$project/specs" -name '*.yaml' | sort | head -1)
sed -i 's/^title: \(.*\)$/title: \1 (edited)/' "$first"
timed "one spec edited"
