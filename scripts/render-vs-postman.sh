#!/usr/bin/env bash
# Renders the same N synthetic requests (10,000 by default) in memory with samplegen and with the
# Postman code generators, side by side in one run, and prints how many times faster samplegen
# is at the same work, the 11 house samples of each request (on all cores, and on one core
# against Node's one), the same without the time building each request's view takes (timed on
# its own: Tera running the templates alone, what the ratio could be if the view cost nothing),
# and with samplegen also rendering each request's page. The two sides take
# turns for ROUNDS rounds (5 by default), each side's figure in a round the median of three runs;
# the ratio printed is the median round's, with the range.
#
# Needs node and npm. The generators are installed from npm once, into target/postman-bench:
#   npm install postman-code-generators@2.1.1 postman-collection
# (the script does this itself when they are missing).
#
# PGO=1 measures the build optimized with a training run's profile (scripts/build-pgo.sh, which
# the script runs when that build is missing or older than the sources); a plain `cargo build
# --release` otherwise.
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
ours_bin=target/release/examples/render_vs_postman
if [ "${PGO:-0}" = 1 ]; then
  ours_bin=target/pgo/release/examples/render_vs_postman
  if [ ! -x "$ours_bin" ] || [ -n "$(find src templates examples Cargo.lock -newer "$ours_bin" -print -quit)" ]; then
    scripts/build-pgo.sh >&2
  fi
  echo "the build optimized with a training run's profile (scripts/build-pgo.sh)" >&2
else
  cargo build --release --quiet --example render_vs_postman
fi
rounds=${ROUNDS:-5}
# The two sides take turns, and each round's ratio compares runs made within seconds of each
# other: this machine's speed drifts by tens of percent over minutes.
for round in $(seq "$rounds"); do
  ours=$("$ours_bin" "$count" "$bench/requests.json")
  theirs=$(node scripts/render-vs-postman.js "$PWD/$bench/node_modules" "$bench/requests.json")
  # the rounds' own lines on stderr, their figures to the summary below
  echo "round $round: $(echo "$ours" | grep -v '^samplegen-ms')" >&2
  echo "round $round: $(echo "$theirs" | grep -v '^postman-ms')" >&2
  read -r _ all one pages views <<<"$(echo "$ours" | grep '^samplegen-ms')"
  read -r _ postman <<<"$(echo "$theirs" | grep '^postman-ms')"
  echo "$postman $all $one $pages $views"
done | awk '/^[0-9]/ {
  n += 1; all[n] = $1 / $2; one[n] = $1 / $3; pages[n] = $1 / $4; templates[n] = $1 / ($2 - $5)
}
function sorted(a,   i, j, t) {
  for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
}
END {
  sorted(all); sorted(one); sorted(pages); sorted(templates); m = int((n + 1) / 2)
  printf "samplegen is %.1fx the Postman generators on all cores (rounds: %.1f to %.1f), %.1fx on one core (%.1f to %.1f), at the same 11 samples per request\n", all[m], all[1], all[n], one[m], one[1], one[n]
  printf "the templates alone, the time building each request'"'"'s view taken off (a ceiling for any change to the view): %.1fx on all cores (%.1f to %.1f)\n", templates[m], templates[1], templates[n]
  printf "with a page per request on top, which the generators do not write: %.1fx on all cores (%.1f to %.1f)\n", pages[m], pages[1], pages[n]
}'
