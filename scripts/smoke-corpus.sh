#!/usr/bin/env bash
# smoke-corpus.sh -- the importers against public inputs nobody on this project wrote: every
# OpenAPI document of @readme/oas-examples (Swagger 2.0, OpenAPI 3.0 and 3.1, MIT), every HAR of
# har-examples (MIT), the Postman collections in postman-code-generators' tests (Apache-2.0), all
# three from npm (tests/support/smoke, `npm ci --ignore-scripts`), and every example command of
# curl's own man page (/usr/share/man/man1/curl.1.gz, from Debian's curl).
#
#   scripts/smoke-corpus.sh              (SMOKE_PROJECT=DIR keeps the imported project in DIR)
#
# Each input is imported into one project. A document, HAR or collection must import; a curl
# example must import or be refused (exit 1, saying it is not representable, such as an FTP URL
# or a `-F` the spec cannot say, or that it names no URL, such as `curl --version`), never crash. The project must then
# build, agree with `check`, and pass `verify --require-all` in the house targets (the runtimes
# .ci/run installs). Prints one line per source and the verify table's summary.
set -euo pipefail
cd "$(dirname "$0")/.."

corpus=tests/support/smoke/node_modules
[ -d "$corpus" ] || { echo "smoke: run 'npm ci --ignore-scripts' in tests/support/smoke first" >&2; exit 1; }

cargo build --locked --release --quiet
bin=$PWD/target/release/samplegen
scratch=$(mktemp -d)
# SMOKE_PROJECT=DIR keeps the imported project there, to look into a failure
if [ -n "${SMOKE_PROJECT:-}" ]; then
  project=$SMOKE_PROJECT
  mkdir -p "$project"
  trap 'rm -rf "$scratch"' EXIT
else
  project=$(mktemp -d)
  trap 'rm -rf "$project" "$scratch"' EXIT
fi

manpage=/usr/share/man/man1/curl.1.gz
if [ ! -f "$manpage" ]; then
  # images that leave man pages out of installs: the page from Debian's curl package itself
  (cd "$scratch" && apt-get download curl >/dev/null && dpkg-deb -x curl_*.deb curl-package)
  manpage=$scratch/curl-package/usr/share/man/man1/curl.1.gz
fi

# Runs one import; any exit but 0 is a failure of the run, with its output shown.
must_import() {
  local log=$scratch/log
  if ! "$bin" -C "$project" import "$@" >"$log" 2>&1; then
    echo "smoke: import $* failed:" >&2
    cat "$log" >&2
    exit 1
  fi
}

documents=0
for document in "$corpus"/@readme/oas-examples/{2.0,3.0,3.1}/json/*.json; do
  version=$(basename "$(dirname "$(dirname "$document")")")
  must_import openapi "$PWD/$document" --into "specs/openapi/$version-$(basename "$document" .json)"
  documents=$((documents + 1))
done
echo "smoke: $documents OpenAPI documents imported"

# har-examples exports its HAR files as JavaScript values: each written out as a .har file
(cd tests/support/smoke && node --input-type=module -e "
  import hars from 'har-examples';
  import { writeFileSync } from 'node:fs';
  for (const [name, har] of Object.entries(hars)) writeFileSync('$scratch/' + name + '.har', JSON.stringify(har));
")
hars=0
for har in "$scratch"/*.har; do
  must_import har "$har" --into "specs/har/$(basename "$har" .har)"
  hars=$((hars + 1))
done
echo "smoke: $hars HAR files imported"

collections=0
while IFS= read -r collection; do
  name=$(echo "$collection" | sed -e 's|.*/codegens/||' -e 's|/.*||')
  must_import postman "$PWD/$collection" --into "specs/postman/$name"
  collections=$((collections + 1))
done < <(find "$corpus/postman-code-generators/codegens" -name '*collection*.json' | sort)
[ "$collections" -gt 0 ] || { echo "smoke: no Postman collection found in postman-code-generators" >&2; exit 1; }
echo "smoke: $collections Postman collections imported"

# The man page's examples: the indented lines that start with `curl `, roff escapes undone, a
# line ending in `\` joined with the next as the shell would.
zcat "$manpage" | awk '
  function unroff(s) { gsub(/\\-/, "-", s); gsub(/\\\(aq/, "\047", s); gsub(/\\\(dq/, "\"", s); gsub(/\\\\/, "\\", s); return s }
  pending != "" { line = unroff($0); sub(/^ +/, "", line); pending = pending " " line }
  pending == "" && /^ curl / { pending = unroff(substr($0, 2)) }
  pending != "" { if (pending ~ /\\$/) { sub(/ *\\$/, "", pending) } else { print pending; pending = "" } }
' >"$scratch/curl-examples.txt"
imported=0
refused=0
number=0
while IFS= read -r command; do
  number=$((number + 1))
  status=0
  printf '%s\n' "$command" | "$bin" -C "$project" import curl - --into "specs/curl/example-$number" \
    >"$scratch/log" 2>&1 || status=$?
  if [ "$status" -eq 0 ]; then
    imported=$((imported + 1))
  elif [ "$status" -eq 1 ] && grep -qE '^samplegen import: .* not representable|^error: -: the command names no URL|^error: -: .* is no URL curl can send' "$scratch/log"; then
    refused=$((refused + 1))
  else
    echo "smoke: curl example $number ($command) exited $status:" >&2
    cat "$scratch/log" >&2
    exit 1
  fi
done <"$scratch/curl-examples.txt"
[ "$imported" -gt 100 ] || { echo "smoke: only $imported curl examples imported" >&2; exit 1; }
echo "smoke: curl's man page: $number examples, $imported imported, $refused refused as not representable"

"$bin" -C "$project" build >/dev/null
"$bin" -C "$project" check
echo "smoke: $(find "$project/specs" -name '*.yaml' | wc -l) specs built; verify --require-all:"
"$bin" -C "$project" verify --require-all | tail -2
