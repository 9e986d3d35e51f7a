#!/usr/bin/env bash
# Publication-event lag: from the commit of a change to its consumption by each consumer (the CDN purge, sent to a
# loopback purge API, and the link queue). Two paths, each on SQLite and PostgreSQL, with the Release build:
#   editor  — N articles published one after another through the back office over HTTP (the server wakes its own
#             dispatcher at commit);
#   cli     — N articles imported by `masthead import markdown` in another process (the server finds them by polling,
#             Masthead:Events:PollIntervalMs, default 1000 ms).
# Prints p50 and p99 of the lag per consumer, as `masthead events status` reports them.
# usage: bench/events.sh [N=200]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200}
out=bench/out-events; rm -rf "$out"; mkdir -p "$out"
dotnet publish src/Masthead -c Release -o "$out/app" --nologo -v quiet >/dev/null
mkdir -p "$out/md"
awk -v n="$n" -v dir="$out/md" -f bench/generate.awk src/Masthead/Publishing/Demo/article-page.txt

pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_dir=$(mktemp -d /tmp/masthead-events-pg.XXXXXX); pg_port=55497
as_postgres=(); if [ "$(id -u)" -eq 0 ]; then chown postgres: "$pg_dir"; as_postgres=(runuser -u postgres --); fi
python3 bench/purge-sink.py 55496 & sink=$!
app=""
cleanup() {
  [ -n "$app" ] && kill "$app" 2>/dev/null || true
  kill "$sink" 2>/dev/null || true
  "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
}
trap cleanup EXIT
"${as_postgres[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 >/dev/null
"${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1" start >/dev/null

start_app() { # $1 database
  "$out/app/masthead" --urls http://127.0.0.1:55495 --no-demo --Masthead:Database="$1" --Masthead:DataFolder="$out/data" \
    --Masthead:LinkChecker:Enabled=false --Masthead:Cdn:PurgeUrl=http://127.0.0.1:55496/purge > "$out/app.log" 2>&1 &
  app=$!
  for _ in $(seq 100); do curl -sf -o /dev/null http://127.0.0.1:55495/robots.txt && return; sleep 0.1; done
  echo "the site did not start:"; tail "$out/app.log"; exit 1
}
stop_app() { kill "$app"; wait "$app" 2>/dev/null || true; app=""; }
token() { grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//'; }

printf "%-9s %-7s %-11s %8s %12s %12s\n" store path consumer events "lag p50 ms" "lag p99 ms"
for store in sqlite postgres; do
  for path in editor cli; do
    if [ "$store" = sqlite ]; then rm -f "$out"/events-*.db*; db="sqlite:$PWD/$out/events-$path.db"
    else db="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=events_$path"; fi
    rm -rf "$out/data"; start_app "$db"
    if [ "$path" = editor ]; then
      jar="$out/cookies"; rm -f "$jar"
      t=$(curl -s -c "$jar" -b "$jar" http://127.0.0.1:55495/admin/setup | token)
      curl -s -o /dev/null -c "$jar" -b "$jar" -d "__RequestVerificationToken=$t" --data-urlencode "Name=Bench Owner" \
        --data-urlencode "Email=bench@example.org" --data-urlencode "Password=a long bench password" http://127.0.0.1:55495/admin/setup
      began=$(date +%s%N)
      for i in $(seq "$n"); do
        t=$(curl -s -c "$jar" -b "$jar" http://127.0.0.1:55495/admin/articles/edit | token)
        curl -s -o /dev/null -c "$jar" -b "$jar" -d "__RequestVerificationToken=$t" -d "action=Publish" \
          --data-urlencode "Form.Headline=Bench article $i" --data-urlencode "Form.BodyMarkdown=Body of article $i." \
          http://127.0.0.1:55495/admin/articles/edit
      done
      echo "# $store: $n publishes through the editor, $(( ($(date +%s%N) - began) / n / 1000000 )) ms each (GET editor + POST publish)"
    else
      "$out/app/masthead" import markdown "$out/md" --database "$db" > "$out/import.log" 2>/dev/null
    fi
    for _ in $(seq 300); do  # until every delivery is done (at most 30 s)
      waiting=$("$out/app/masthead" events status --database "$db" | awk -F'\t' 'NR > 1 && $1 !~ /^failing/ { w += $2 } END { print w + 0 }')
      [ "$waiting" = 0 ] && break; sleep 0.1
    done
    "$out/app/masthead" events status --database "$db" | awk -F'\t' -v s="$store" -v p="$path" \
      'NR > 1 && $1 !~ /^failing/ { printf "%-9s %-7s %-11s %8d %12s %12s\n", s, p, $1, $4, $5, $6 }'
    stop_app
  done
done
