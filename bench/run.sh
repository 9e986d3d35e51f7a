#!/usr/bin/env bash
# Load benchmark. N generated articles (default 10,000) imported through the Markdown importer, the app in Release on
# SQLite, and for each target — article page, home page, term archive, feed, Content API posts browse — wrk against
# Masthead and against Debian's nginx serving, as a static file, exactly the bytes Masthead served for that address.
# Same wrk settings, alternating Masthead / nginx / Masthead / nginx, in this one run; the ratio is Masthead over nginx.
# Then the same targets with the output cache off (cold renders), the server's peak RSS under load, and the time from
# process start to the first answer; last, the article page with the article data cache off too.
# Beside them, Kestrel alone (bench/Masthead.KestrelFloor: no middleware, the same bytes from memory), the floor.
# usage: bench/run.sh [N] [seconds per measurement]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}; seconds=${2:-10}; port=5099; static_port=5098; floor_port=5097
out=bench/out; rm -rf "$out"; mkdir -p "$out/md" "$out/theme" "$out/static"
for tool in wrk nginx; do command -v "$tool" >/dev/null || command -v "/usr/sbin/$tool" >/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx >/dev/null; }; done

dotnet publish src/Masthead -c Release -o "$out/app" --nologo -v quiet >/dev/null
dotnet publish bench/Masthead.KestrelFloor -c Release -o "$out/floor" --nologo -v quiet >/dev/null
awk -v n="$n" -v dir="$out/md" -f bench/generate.awk src/Masthead/Publishing/Demo/article-page.txt
db="sqlite:$PWD/$out/bench.db"
"$out/app/masthead" migrate --database "$db" >/dev/null
begin=$(date +%s.%N)
"$out/app/masthead" import markdown "$out/md" --database "$db" | tail -n 1
echo "import: $n articles in $(awk -v a="$begin" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
"$out/app/masthead" import page src/Masthead/Publishing/Demo/article-page.txt --database "$db" | tail -n 1
key=$("$out/app/masthead" content-key create bench --database "$db" | tail -n 1)

app=""; nginx_pid=""; floor_pid=""
stop() { for pid in "$app" "$nginx_pid" "$floor_pid"; do [ -z "$pid" ] || kill "$pid" 2>/dev/null || true; done; }
trap stop EXIT

serve() { # extra settings… → starts Masthead on $port; sets first_answer to the ms from start to its first answer
  local begin; begin=$(date +%s%N)
  ASPNETCORE_ENVIRONMENT=Production "$out/app/masthead" --urls "http://127.0.0.1:$port" --no-demo \
    --Masthead:Database="$db" --Masthead:ThemeFolder="$PWD/$out/theme" --Masthead:LinkChecker:Enabled=false \
    --Logging:LogLevel:Default=Warning "$@" &
  app=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null; do sleep 0.005; done
  first_answer=$(( ($(date +%s%N) - begin) / 1000000 ))
}
unserve() { kill "$app"; wait "$app" 2>/dev/null || true; app=""; }
peak_rss() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$app/status"; }

targets=(
  "article page|/us-war-of-terror-continues-assassinating-irans-top-anti-isis-general/"
  "home page|/"
  "term archive|/theme/law-and-justice/"
  "feed|/feed/"
  "Content API browse|/ghost/api/content/posts/?key=$key&limit=15"
)

serve
# The import's events (a delivery per consumer each) are worked through first: measuring during that backlog measures it.
until [ "$("$out/app/masthead" events status --database "$db" | awk 'NR > 1 { waiting += $2 } END { print waiting + 0 }')" = 0 ]; do sleep 2; done
# nginx serves, byte for byte, what Masthead answered each address without compression (wrk asks for none).
i=0
for target in "${targets[@]}"; do
  curl -fs "http://127.0.0.1:$port${target#*|}" -o "$out/static/t$i"; i=$((i + 1))
done
cat > "$out/nginx.conf" <<EOF
daemon off;
worker_processes auto;
pid $PWD/$out/nginx.pid;
error_log $PWD/$out/nginx-error.log warn;
$( [ "$(id -u)" -eq 0 ] && echo "user root;" )
events { worker_connections 1024; }
http {
  access_log off;
  default_type text/html;
  sendfile on; tcp_nopush on; keepalive_requests 100000;
  client_body_temp_path $PWD/$out/nginx-body; proxy_temp_path $PWD/$out/nginx-proxy;
  fastcgi_temp_path $PWD/$out/nginx-fastcgi; uwsgi_temp_path $PWD/$out/nginx-uwsgi; scgi_temp_path $PWD/$out/nginx-scgi;
  server { listen 127.0.0.1:$static_port; root $PWD/$out/static; location / { try_files \$uri =404; } }
}
EOF
/usr/sbin/nginx -p "$PWD/$out" -c "$PWD/$out/nginx.conf" &
nginx_pid=$!
until curl -fs -o /dev/null "http://127.0.0.1:$static_port/t0"; do sleep 0.05; done
# Kestrel alone (no middleware, the same bytes from memory): the floor under any ASP.NET Core answer.
"$out/floor/Masthead.KestrelFloor" "$PWD/$out/static" "http://127.0.0.1:$floor_port" &
floor_pid=$!
until curl -fs -o /dev/null "http://127.0.0.1:$floor_port/t0"; do sleep 0.05; done

measure() { # url → "req/s p99"; 5 s of the same load first
  curl -fs -o /dev/null "$1"
  wrk -t2 -c32 -d5s "$1" >/dev/null
  wrk -t2 -c32 -d"${seconds}s" --latency "$1" | awk '
    /Requests\/sec/ { rps = $2 }
    /^ +99%/ { p99 = $2 }
    END { print rps, p99 }'
}
# Before any figure, 20 s of load on each target: on two cores the JIT's tiers (PGO's instrumented one, then the
# optimised one) take 15–20 s to settle, and throughput climbs until they have (5 s windows from a fresh start:
# 21k, 29k, 26k, 27k, 30k, 30k, 30k req/s on the Content API).
warm_up() { for target in "${targets[@]}"; do wrk -t2 -c32 -d20s "http://127.0.0.1:$port${target#*|}" >/dev/null; done; }
warm_up_floor() { for t in "${!targets[@]}"; do wrk -t2 -c32 -d20s "http://127.0.0.1:$floor_port/t$t" >/dev/null; done; }
mean() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f", (a + b) / 2 }'; }

warm_up; warm_up_floor
echo
echo "output cache on (first answer $first_answer ms after start); each figure the mean of two ${seconds}s runs, alternating"
echo "Masthead, nginx, Kestrel alone; ratio = Masthead / nginx; floor = Kestrel alone / nginx"
printf "%-20s %10s %9s %10s %9s %10s %7s %7s\n" target "Masthead" p99 "nginx" p99 "Kestrel" ratio floor
i=0
declare -A cached
for target in "${targets[@]}"; do
  url="http://127.0.0.1:$port${target#*|}"; static="http://127.0.0.1:$static_port/t$i"; floor="http://127.0.0.1:$floor_port/t$i"
  i=$((i + 1))
  read -r m1 mp1 <<<"$(measure "$url")"; read -r s1 sp1 <<<"$(measure "$static")"; read -r k1 _ <<<"$(measure "$floor")"
  read -r m2 mp2 <<<"$(measure "$url")"; read -r s2 sp2 <<<"$(measure "$static")"; read -r k2 _ <<<"$(measure "$floor")"
  m=$(mean "$m1" "$m2"); s=$(mean "$s1" "$s2"); k=$(mean "$k1" "$k2"); cached[${target%%|*}]=$m
  printf "%-20s %10s %9s %10s %9s %10s %7.2f %7.2f\n" "${target%%|*}" "$m" "$mp2" "$s" "$sp2" "$k" \
    "$(awk -v a="$m" -v b="$s" 'BEGIN { print a / b }')" "$(awk -v a="$k" -v b="$s" 'BEGIN { print a / b }')"
done
echo "peak RSS with the output cache on: $(peak_rss) MiB; Kestrel alone: $(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$floor_pid/status") MiB"
kill "$floor_pid"; floor_pid=""
unserve

serve --Masthead:OutputCache:Enabled=false
warm_up
echo
echo "output cache off (every answer rendered)"
printf "%-20s %10s %9s %12s\n" target "req/s" p99 "vs cached"
for target in "${targets[@]}"; do
  read -r rps p99 <<<"$(measure "http://127.0.0.1:$port${target#*|}")"
  printf "%-20s %10.0f %9s %12.3f\n" "${target%%|*}" "$rps" "$p99" "$(awk -v a="$rps" -v b="${cached[${target%%|*}]}" 'BEGIN { print a / b }')"
done
echo "peak RSS with the output cache off: $(peak_rss) MiB; first answer $first_answer ms after start"
unserve

# The article's data is kept for renders the output cache does not answer; without it every render reads the store.
serve --Masthead:OutputCache:Enabled=false --Masthead:OutputCache:ArticleDataMB=0
wrk -t2 -c32 -d20s "http://127.0.0.1:$port${targets[0]#*|}" >/dev/null
echo
echo "output cache and article data off (every answer rendered from the store)"
target=${targets[0]}
read -r rps p99 <<<"$(measure "http://127.0.0.1:$port${target#*|}")"
printf "%-20s %10.0f %9s %12.3f\n" "${target%%|*}" "$rps" "$p99" "$(awk -v a="$rps" -v b="${cached[${target%%|*}]}" 'BEGIN { print a / b }')"
unserve
