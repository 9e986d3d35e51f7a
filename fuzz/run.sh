#!/usr/bin/env bash
# Fuzzes one parser with Debian's afl++ through SharpFuzz, on demand (never from ./test.sh).
# usage: fuzz/run.sh TARGET [MINUTES=10]      targets: page frontmatter markdown sanitizer wxr lexical mobiledoc nql search members ghost archive
# Findings land in fuzz/findings/TARGET/default/{crashes,hangs}; each one found becomes a regression test in
# tests/Masthead.Tests (see fuzz/README.md). Several targets may run at once, one core each.
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?target}; minutes=${2:-10}
command -v afl-fuzz >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null; }
export PATH="$PATH:$HOME/.dotnet/tools"
command -v sharpfuzz >/dev/null || dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0 >/dev/null

out=out
# One build per commit for all targets (runs side by side wait for it); the assemblies whose branches matter are
# instrumented (sharpfuzz rewrites them in place).
build=$(git rev-parse HEAD)$(git status --porcelain -- ../src | md5sum | cut -c1-8)
(
  flock 9
  if [ "$(cat "$out/.instrumented" 2>/dev/null)" != "$build" ]; then
    rm -rf "$out"
    dotnet publish Masthead.Fuzz -c Release -o "$out" --nologo -v quiet >/dev/null
    for assembly in masthead.dll Markdig.dll YamlDotNet.dll AngleSharp.dll HtmlSanitizer.dll CsvHelper.dll; do sharpfuzz "$out/$assembly" >/dev/null; done
    echo "$build" > "$out/.instrumented"
  fi
) 9>"$out.lock"

mkdir -p findings
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
# -t: a run over 5 s is a hang (every parser must answer in linear time); -m none: the CLR maps more than afl's default.
timeout --preserve-status "$((minutes * 60))" afl-fuzz -i "seeds/$target" -o "findings/$target" -t 5000 -m none -- dotnet "$out/Masthead.Fuzz.dll" "$target" \
  > "findings/$target.log" 2>&1 || true
stats="findings/$target/default/fuzzer_stats"
[ -f "$stats" ] && grep -E '^(execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|run_time|bitmap_cvg)' "$stats"
