#!/bin/sh
# wrap.sh -- run a samplegen C# sample (C# 9 top-level statements, RestSharp 107-110 API) against
# the RestSharp test double (RestSharpDouble.cs), with mono.
#
#   wrap.sh SAMPLE.cs          run the sample's statements verbatim with SampleRunner.exe (mono's
#                              C# evaluator). Works for every sample, including those whose
#                              OnBeforeRequest lambda parameter `request` shadows the local
#                              `request` (legal since C# 8; mcs, which stops at C# 7.2, rejects it
#                              inside a method with error CS0136).
#   wrap.sh --many SAMPLE.cs RESULT [SAMPLE.cs RESULT]...
#                              run many samples as above in one mono process (each in a fresh
#                              evaluator); each RESULT gets `ok`, or `failed` and why.
#   wrap.sh --mcs SAMPLE.cs    the plain convention: put the statements in
#                                  using System; using System.IO; using System.Net.Http;
#                                  using System.Threading.Tasks; using RestSharp;
#                                  using RestSharp.Authenticators;
#                                  class Sample { static async Task Run() { <sample> }
#                                                 static void Main() { Run().Wait(); } }
#                              compile with `mcs -langversion:latest -r:System.Net.Http.dll
#                              -r:RestSharp.dll` and run. Fails with CS0136 for the OnBeforeRequest
#                              samples (methods RestSharp's Method enum lacks: PURGE, PROPFIND...).
#
# Exit status: the sample's (0 ran; 2 did not compile; 1 threw). What the sample prints goes to
# stdout, compiler errors to stderr. The double and the runner are built once into
# $RESTSHARP_DOUBLE_BUILD (default: ${TMPDIR:-/tmp}/restsharp-double), and again when a source
# is newer. Debian packages: mono-mcs libmono-system-net-http4.0-cil libmono-csharp4.0c-cil.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
mode=run
if [ "${1:-}" = "--mcs" ]; then mode=mcs; shift; fi
if [ "${1:-}" = "--many" ]; then mode=many; shift; fi
if { [ "$mode" = many ] && { [ $# -eq 0 ] || [ $(($# % 2)) -ne 0 ]; }; } \
   || { [ "$mode" != many ] && [ $# -ne 1 ]; }; then
  echo "usage: $0 [--mcs] SAMPLE.cs | $0 --many SAMPLE.cs RESULT [SAMPLE.cs RESULT]..." >&2
  exit 64
fi
sample=$1
build=${RESTSHARP_DOUBLE_BUILD:-${TMPDIR:-/tmp}/restsharp-double}
mkdir -p "$build"

# (Re)build RestSharp.dll and SampleRunner.exe; each is written beside and renamed into place, so
# concurrent runs never see a half-written file.
if [ ! -f "$build/RestSharp.dll" ] || [ "$here/RestSharpDouble.cs" -nt "$build/RestSharp.dll" ]; then
  tmp=$(mktemp "$build/RestSharp.XXXXXX")
  mcs -langversion:latest -nologo -target:library -r:System.Net.Http.dll -out:"$tmp" \
      "$here/RestSharpDouble.cs" >&2
  mv -f "$tmp" "$build/RestSharp.dll"
fi
if [ ! -f "$build/SampleRunner.exe" ] || [ "$here/SampleRunner.cs" -nt "$build/SampleRunner.exe" ] \
   || [ "$build/RestSharp.dll" -nt "$build/SampleRunner.exe" ]; then
  tmp=$(mktemp "$build/SampleRunner.XXXXXX")
  mcs -langversion:latest -nologo -r:Mono.CSharp.dll -r:System.Net.Http.dll \
      -r:"$build/RestSharp.dll" -out:"$tmp" "$here/SampleRunner.cs" >&2
  mv -f "$tmp" "$build/SampleRunner.exe"
fi

if [ "$mode" = many ]; then
  exec env MONO_PATH="$build" mono "$build/SampleRunner.exe" --many "$@"
fi
if [ "$mode" = run ]; then
  exec env MONO_PATH="$build" mono "$build/SampleRunner.exe" "$sample"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/restsharp-sample.XXXXXX")
trap 'rm -rf "$work"' EXIT
{
  printf 'using System;\nusing System.IO;\nusing System.Net.Http;\nusing System.Threading.Tasks;\n'
  printf 'using RestSharp;\nusing RestSharp.Authenticators;\n\nclass Sample\n{\n  static async Task Run()\n  {\n'
  printf '#line 1 "%s"\n' "$sample"
  cat "$sample"
  printf '\n#line default\n  }\n\n  static void Main() { Run().Wait(); }\n}\n'
} > "$work/Program.cs"
mcs -langversion:latest -nologo -r:System.Net.Http.dll -r:"$build/RestSharp.dll" \
    -out:"$work/sample.exe" "$work/Program.cs" >&2 || exit 2
set +e
MONO_PATH="$build" mono "$work/sample.exe"
