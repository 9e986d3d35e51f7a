#!/usr/bin/env bash
# Search benchmark: N generated articles (default 100,000) imported into SQLite and into a PostgreSQL of its own; for
# each store the full index build time (`masthead search rebuild`) and, over HTTP from the Release build, p50 and p99
# of the twenty queries in bench/search-queries.txt, each sent R times (default 30) one after another. A static file of
# the median answer's size, from the same Kestrel, is the floor every figure is divided by.
# Imports are kept in bench/out-search between runs (SQLite file, PostgreSQL data folder); FRESH=1 imports again.
# usage: bench/search.sh [N] [R]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}; reps=${2:-30}; port=5098
out=bench/out-search; mkdir -p "$out"
results="$out/results"; rm -rf "$results"; mkdir -p "$results"

dotnet publish src/Masthead -c Release -o "$out/app" --nologo -v quiet >/dev/null
if [ ! -f "$out/md/.generated-$n" ]; then
  rm -rf "$out/md"; mkdir -p "$out/md"
  awk -v n="$n" -v dir="$out/md" -f bench/generate.awk src/Masthead/Publishing/Demo/article-page.txt
  touch "$out/md/.generated-$n"
fi
mapfile -t queries < <(grep -v '^#' bench/search-queries.txt | grep -v '^$')

# A throwaway PostgreSQL on a loopback port, as in test.sh.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_dir="$PWD/$out/pg"; pg_port=55499
if [ "${FRESH:-0}" = 1 ] || [ ! -f "$out/.imported-$n" ]; then rm -rf "$pg_dir" "$out/bench.db"* "$out/.imported-"*; fi
mkdir -p "$pg_dir"
as_postgres=(); if [ "$(id -u)" -eq 0 ]; then chown postgres: "$pg_dir"; as_postgres=(runuser -u postgres --); fi
app=""
cleanup() {
  [ -n "$app" ] && kill "$app" 2>/dev/null || true
  "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
[ -d "$pg_dir/data" ] || "${as_postgres[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 >/dev/null
"${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
  -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c shared_buffers=512MB" start >/dev/null

percentile() { sort -n | awk -v p="$1" '{ v[NR] = $1 } END { i = int(p * NR + 0.999999); if (i < 1) i = 1; printf "%.2f", v[i] * 1000 }'; }
seconds_since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

bench_store() { # $1 label, $2 database setting
  local label=$1 db=$2
  if [ ! -f "$out/.imported-$n-$label" ]; then
    local start; start=$(date +%s.%N)
    "$out/app/masthead" import markdown "$out/md" --database "$db" | tail -n 1
    echo "$label import: $n articles in $(seconds_since "$start") s, index kept on the way" | tee "$out/import-$label"
    touch "$out/.imported-$n-$label" "$out/.imported-$n"
  fi
  cat "$out/import-$label" >> "$results/summary"
  "$out/app/masthead" search rebuild --database "$db" | sed "s/^/$label /" | tee -a "$results/summary"

  mkdir -p "$out/theme"
  ASPNETCORE_ENVIRONMENT=Production "$out/app/masthead" --urls "http://127.0.0.1:$port" --no-demo \
    --Masthead:Database="$db" --Masthead:ThemeFolder="$PWD/$out/theme" --Logging:LogLevel:Default=Warning &
  app=$!
  for _ in $(seq 1 150); do curl -fs "http://127.0.0.1:$port/robots.txt" >/dev/null 2>&1 && break; sleep 0.2; done

  local i=0
  for query in "${queries[@]}"; do
    i=$((i + 1))
    local url="http://127.0.0.1:$port/search.json?$query"
    curl -fs "$url" > "$results/$label-$i.json"
    for _ in 1 2; do curl -fs -o /dev/null "$url"; done
    for _ in $(seq 1 "$reps"); do curl -fs -o /dev/null -w '%{time_total}\n' "$url"; done > "$results/$label-$i.times"
    cat "$results/$label-$i.times" >> "$results/$label.all"
    wc -c < "$results/$label-$i.json" >> "$results/sizes"
  done
  if [ ! -f "$results/static.times" ]; then
    local size; size=$(sort -n "$results/sizes" | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    head -c "$size" /dev/zero | tr '\0' 'x' > "$out/theme/static-$size.json"
    curl -fs -o /dev/null "http://127.0.0.1:$port/assets/static-$size.json"
    for _ in $(seq 1 "$reps"); do curl -fs -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$port/assets/static-$size.json"; done > "$results/static.times"
    echo "static file ($size B): p50 $(percentile 0.5 < "$results/static.times") ms" | tee -a "$results/summary"
  fi
  kill "$app"; wait "$app" 2>/dev/null || true; app=""
}

bench_store sqlite "sqlite:$PWD/$out/bench.db"
bench_store postgres "Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=masthead_bench"

floor=$(percentile 0.5 < "$results/static.times")
printf "\n%-45s %8s %10s %10s %10s %10s\n" query results "sqlite p50" "p99" "pg p50" "p99"
i=0
for query in "${queries[@]}"; do
  i=$((i + 1))
  printf "%-45s %8s %10s %10s %10s %10s\n" "$query" "$(jq .total "$results/sqlite-$i.json")" \
    "$(percentile 0.5 < "$results/sqlite-$i.times")" "$(percentile 0.99 < "$results/sqlite-$i.times")" \
    "$(percentile 0.5 < "$results/postgres-$i.times")" "$(percentile 0.99 < "$results/postgres-$i.times")"
  cmp -s <(jq -c '[.total]' "$results/sqlite-$i.json") <(jq -c '[.total]' "$results/postgres-$i.json") \
    || echo "  (totals differ between stores)"
done
for label in sqlite postgres; do
  p50=$(percentile 0.5 < "$results/$label.all"); p99=$(percentile 0.99 < "$results/$label.all")
  printf "%-9s all %d requests: p50 %s ms, p99 %s ms; p50 = %s x the static file's p50 (%s ms)\n" "$label" \
    "$(wc -l < "$results/$label.all")" "$p50" "$p99" "$(awk -v a="$p50" -v b="$floor" 'BEGIN { printf "%.1f", a / b }')" "$floor"
done
cat "$results/summary"
