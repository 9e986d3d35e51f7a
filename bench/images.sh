#!/usr/bin/env bash
# Image processing benchmark: one generated camera-like JPEG (default 6000 x 4000) through ImageVariants.Make (upright,
# stripped, full-size copy and the variant widths in JPEG and WebP), twice; prints the time and the process's peak RSS.
# usage: bench/images.sh [WIDTH=6000] [HEIGHT=4000]
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out-images; rm -rf "$out"; mkdir -p "$out"
dotnet publish bench/Masthead.ImageBench -c Release -o "$out/app" --nologo -v quiet >/dev/null
dotnet "$out/app/Masthead.ImageBench.dll" "${1:-6000}" "${2:-4000}" "$out/files"
ls -l "$out/files" | awk 'NR > 1 { total += $5; n++ } END { printf "%d files, %.1f MB written per run pair\n", n, total / 1048576 }'
