#!/usr/bin/env bash
# Load benchmark: N generated articles (default 10,000) imported through the Markdown importer, the app in Release on
# SQLite, and wrk against the article page, the home page, a term archive, and a static file of the article page's
# size served by the same Kestrel. Prints req/s, p99 and each page's ratio to the static file, all from this one run.
# usage: bench/run.sh [N] [seconds per target]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}; seconds=${2:-10}; port=5099
out=bench/out; rm -rf "$out"; mkdir -p "$out/md" "$out/theme"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

dotnet publish src/Masthead -c Release -o "$out/app" --nologo -v quiet >/dev/null
awk -v n="$n" -v dir="$out/md" -f bench/generate.awk src/Masthead/Publishing/Demo/article-page.txt
db="sqlite:$PWD/$out/bench.db"
start=$(date +%s.%N)
"$out/app/masthead" import markdown "$out/md" --database "$db" | tail -n 1
echo "import: $n articles in $(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
"$out/app/masthead" import page src/Masthead/Publishing/Demo/article-page.txt --database "$db" | tail -n 1

ASPNETCORE_ENVIRONMENT=Production "$out/app/masthead" --urls "http://127.0.0.1:$port" --no-demo \
  --Masthead:Database="$db" --Masthead:ThemeFolder="$PWD/$out/theme" --Logging:LogLevel:Default=Warning &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/" >/dev/null 2>&1 && break; sleep 0.2; done

article="/us-war-of-terror-continues-assassinating-irans-top-anti-isis-general/"
size=$(curl -fs "http://127.0.0.1:$port$article" | wc -c)
head -c "$size" /dev/zero | tr '\0' 'x' > "$out/theme/static-$size.html"
static="/assets/static-$size.html"

measure() { # url → "req/s p99"
  curl -fs "http://127.0.0.1:$port$1" >/dev/null
  wrk -t2 -c32 -d"${seconds}s" --latency "http://127.0.0.1:$port$1" | awk '
    /Requests\/sec/ { rps = $2 }
    /^ +99%/ { p99 = $2 }
    END { print rps, p99 }'
}
read -r static_rps static_p99 <<<"$(measure "$static")"
printf "%-28s %10s %10s %8s\n" target "req/s" p99 "vs static"
printf "%-28s %10.0f %10s %8s\n" "static file ($size B)" "$static_rps" "$static_p99" "1.00"
for target in "article page|$article" "home page|/" "term archive|/theme/law-and-justice/" "home page 50|/?page=50"; do
  read -r rps p99 <<<"$(measure "${target#*|}")"
  printf "%-28s %10.0f %10s %8.2f\n" "${target%%|*}" "$rps" "$p99" "$(awk -v a="$rps" -v b="$static_rps" 'BEGIN { print a / b }')"
done
