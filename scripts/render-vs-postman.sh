#!/usr/bin/env bash
# Renders the same N synthetic requests (10,000 by default) in memory with samplegen and with the
# Postman code generators, side by side in one run, and prints how many times faster samplegen
# is at the same work, the 11 house samples of each request (on all cores, and on one core
# against Node's one), and with samplegen also rendering each request's page.
#
# Needs node and npm. The generators are installed from npm once, into target/postman-bench:
#   npm install postman-code-generators@2.1.1 postman-collection
# (the script does this itself when they are missing).
#
# scripts/render-vs-postman.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000}
bench=target/postman-bench
if [ ! -d "$bench/node_modules/postman-code-generators" ]; then
  mkdir -p "$bench"
  [ -f "$bench/package.json" ] || echo '{"name": "postman-bench", "private": true}' > "$bench/package.json"
  (cd "$bench" && npm install --silent --no-audit --no-fund postman-code-generators@2.1.1 postman-collection)
fi
ours=$(cargo run --release --quiet --example render_vs_postman -- "$count" "$bench/requests.json")
theirs=$(node scripts/render-vs-postman.js "$PWD/$bench/node_modules" "$bench/requests.json")
echo "$ours" | grep -v '^samplegen-ms'
echo "$theirs" | grep -v '^postman-ms'
read -r _ all one pages <<<"$(echo "$ours" | grep '^samplegen-ms')"
read -r _ postman <<<"$(echo "$theirs" | grep '^postman-ms')"
awk -v a="$all" -v o="$one" -v g="$pages" -v p="$postman" 'BEGIN {
  printf "samplegen is %.1fx the Postman generators on all cores, %.1fx on one core (the same 11 samples per request)\n", p / a, p / o
  printf "with a page per request on top, which the generators do not write: %.1fx on all cores\n", p / g
}'
