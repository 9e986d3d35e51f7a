#!/usr/bin/env bash
# Soak: Masthead in Release on SQLite with N generated articles (default 2,000) under mixed readers' traffic at a fixed
# rate (pages, search, feeds; wrk with bench/soak-traffic.lua) for MINUTES (default 10), while bench/soak-editor.py
# edits one article through the back office every few seconds and times how long each edit takes to reach a reader.
# Prints wrk's errors and latency, the editor's figures, and the server's RSS every 30 s.
# usage: bench/soak.sh [N] [minutes] [pause ms per connection]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2000}; minutes=${2:-10}; pause=${3:-20}; port=5097
out=bench/out-soak; rm -rf "$out"; mkdir -p "$out/md"
dotnet publish src/Masthead -c Release -o "$out/app" --nologo -v quiet >/dev/null
awk -v n="$n" -v dir="$out/md" -f bench/generate.awk src/Masthead/Publishing/Demo/article-page.txt
db="sqlite:$PWD/$out/soak.db"
"$out/app/masthead" migrate --database "$db" >/dev/null
"$out/app/masthead" import markdown "$out/md" --database "$db" | tail -n 1
ASPNETCORE_ENVIRONMENT=Production "$out/app/masthead" --urls "http://127.0.0.1:$port" --no-demo --Masthead:Database="$db" \
  --Masthead:DataFolder="$PWD/$out/data" --Masthead:LinkChecker:Enabled=false --Logging:LogLevel:Default=Warning &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
until curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null; do sleep 0.1; done

seconds=$((minutes * 60))
echo "rate: 16 connections, one request each ${pause} ms: about $((16 * 1000 / pause)) requests/s"
(while kill -0 "$app" 2>/dev/null; do awk -v t="$SECONDS" '/VmRSS/ { printf "t=%ds RSS %.0f MiB\n", t, $2 / 1024 }' "/proc/$app/status"; sleep 30; done) &
sampler=$!
/usr/bin/python3 bench/soak-editor.py "http://127.0.0.1:$port" "$seconds" 3 &
editor=$!
sleep 2 # the editor's article exists before readers ask for it
SOAK_PAUSE_MS=$pause wrk -t2 -c16 -d"${seconds}s" -s bench/soak-traffic.lua "http://127.0.0.1:$port" | tail -n 2
wait "$editor"
kill "$sampler" 2>/dev/null || true
awk '/VmHWM/ { printf "peak RSS %.0f MiB\n", $2 / 1024 }' "/proc/$app/status"
