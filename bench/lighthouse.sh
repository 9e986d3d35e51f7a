#!/usr/bin/env bash
# Lighthouse (npm, pinned in bench/lighthouse/) with Debian's Chromium on an article whose featured image and body picture
# are a 3000 x 2000 photo uploaded through the Media page, and on the demo article without pictures, on the mobile and
# desktop settings. Prints the performance score, layout shift, LCP and the picture audits that issue 16 is about.
# usage: bench/lighthouse.sh
set -euo pipefail
cd "$(dirname "$0")/.."
out=bench/out-lighthouse; port=5097
rm -rf "$out"; mkdir -p "$out"
[ -x /usr/bin/chromium ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
(cd bench/lighthouse && npm ci --no-audit --no-fund --silent)
dotnet publish src/Masthead -c Release -o "$out/app" --nologo -v quiet >/dev/null
dotnet publish bench/Masthead.ImageBench -c Release -o "$out/imagebench" --nologo -v quiet >/dev/null
dotnet "$out/imagebench/Masthead.ImageBench.dll" 3000 2000 "$out" --source-only

ASPNETCORE_ENVIRONMENT=Production "$out/app/masthead" --urls "http://127.0.0.1:$port" --Masthead:Database="sqlite:$PWD/$out/site.db" \
  --Masthead:DataFolder="$PWD/$out/data" --Masthead:LinkChecker:Enabled=false --Logging:LogLevel:Default=Warning &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
until curl -fs -o /dev/null "http://127.0.0.1:$port/healthz"; do sleep 0.1; done
article=$(python3 bench/lighthouse-site.py "http://127.0.0.1:$port" "$out/photo.jpg")
reference=/us-war-of-terror-continues-assassinating-irans-top-anti-isis-general/

printf "%-22s %-8s %6s %8s %8s  %s\n" page settings score CLS LCP "audits (score: unsized-images, uses-responsive-images, modern-image-formats, offscreen-images)"
for path in "$article" "$reference"; do
  for preset in mobile desktop; do
    name=$([ "$path" = "$article" ] && echo "article with photo" || echo "reference article")
    report="$out/$(echo "$name-$preset" | tr ' ' '-').json"
    CHROME_PATH=/usr/bin/chromium bench/lighthouse/node_modules/.bin/lighthouse "http://127.0.0.1:$port$path" --quiet \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage" --only-categories=performance \
      $([ "$preset" = desktop ] && echo "--preset=desktop") --output=json --output-path="$report" >/dev/null 2>&1 || true
    python3 - "$report" "$name" "$preset" <<'PY'
import json, sys
report, name, preset = sys.argv[1:]
r = json.load(open(report))
a = r["audits"]
def score(key): return "n/a" if a.get(key, {}).get("score") is None else f'{a[key]["score"]:.2f}'
print(f'{name:<22} {preset:<8} {r["categories"]["performance"]["score"] * 100:6.0f} {a["cumulative-layout-shift"]["numericValue"]:8.3f} '
      f'{a["largest-contentful-paint"]["numericValue"] / 1000:7.2f}s  {score("unsized-images")}, {score("uses-responsive-images")}, '
      f'{score("modern-image-formats")}, {score("offscreen-images")}')
PY
  done
done
