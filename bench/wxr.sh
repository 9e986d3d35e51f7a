#!/usr/bin/env bash
# WordPress import benchmark: a generated WXR file of N posts (default 100,000; bench/generate-wxr.awk) imported with the
# Release build into a fresh SQLite file and a fresh PostgreSQL database; prints wall time, posts per second and peak
# memory (maximum resident set size from /usr/bin/time), for N and for N/10 in the same run, to show memory stays flat.
# usage: bench/wxr.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
out=bench/out-wxr; mkdir -p "$out"
command -v /usr/bin/time >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
dotnet publish src/Masthead -c Release -o "$out/app" --nologo -v quiet >/dev/null

pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_dir=$(mktemp -d /tmp/masthead-wxr-pg.XXXXXX); pg_port=55498
as_postgres=(); if [ "$(id -u)" -eq 0 ]; then chown postgres: "$pg_dir"; as_postgres=(runuser -u postgres --); fi
trap '"${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$pg_dir"' EXIT
"${as_postgres[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 >/dev/null
"${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1" start >/dev/null

printf "%-10s %8s %10s %10s %12s %12s\n" store posts "file MB" seconds "posts/s" "peak RSS MB"
for count in $((n / 10)) "$n"; do
  file="$out/posts-$count.xml"
  [ -f "$file" ] || awk -v n="$count" -v file="$file" -f bench/generate-wxr.awk src/Masthead/Publishing/Demo/article-page.txt
  size=$(awk -v b="$(stat -c %s "$file")" 'BEGIN { printf "%.0f", b / 1048576 }')
  for store in sqlite postgres; do
    if [ "$store" = sqlite ]; then rm -f "$out/wxr.db"*; db="sqlite:$PWD/$out/wxr.db"
    else db="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=wxr_$count"; fi
    /usr/bin/time -f "%e %M" -o "$out/time" "$out/app/masthead" import wordpress "$file" --database "$db" > "$out/import.log"
    read -r seconds rss < "$out/time"
    tail -n 1 "$out/import.log" | grep -q "^$count created" || { echo "import of $count posts into $store did not complete:"; tail -n 3 "$out/import.log"; exit 1; }
    printf "%-10s %8d %10s %10s %12.0f %12.0f\n" "$store" "$count" "$size" "$seconds" "$(awk -v a="$count" -v b="$seconds" 'BEGIN { print a / b }')" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')"
  done
done
