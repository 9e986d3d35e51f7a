#!/usr/bin/env bash
# Ghost import benchmark: a generated export of N posts and N members (bench/generate-ghost.py) imported with the Release
# build into a fresh SQLite file; prints wall time, posts per second and peak memory (maximum resident set size from
# /usr/bin/time) for N/10 and N in the same run, to show memory is bounded by the row, not the file.
# usage: bench/ghost.sh [N=20000]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20000}
out=bench/out-ghost; mkdir -p "$out"
command -v /usr/bin/time >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
dotnet publish src/Masthead -c Release -o "$out/app" --nologo -v quiet >/dev/null

printf "%8s %10s %10s %12s %12s\n" posts "file MB" seconds "posts/s" "peak RSS MB"
for count in $((n / 10)) "$n"; do
  file="$out/export-$count.json"
  [ -f "$file" ] || python3 bench/generate-ghost.py "$count" "$file" src/Masthead/Publishing/Demo/article-page.txt
  size=$(awk -v b="$(stat -c %s "$file")" 'BEGIN { printf "%.0f", b / 1048576 }')
  rm -f "$out/ghost.db"*
  /usr/bin/time -f "%e %M" -o "$out/time" "$out/app/masthead" import ghost "$file" --database "sqlite:$PWD/$out/ghost.db" > "$out/import.log"
  read -r seconds rss < "$out/time"
  grep -q "^$count created" "$out/import.log" || { echo "import of $count posts did not complete:"; tail -n 3 "$out/import.log"; exit 1; }
  printf "%8d %10s %10s %12.0f %12.0f\n" "$count" "$size" "$seconds" "$(awk -v a="$count" -v b="$seconds" 'BEGIN { print a / b }')" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')"
done
