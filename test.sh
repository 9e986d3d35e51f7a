#!/usr/bin/env bash
# Installs what the tests need (PostgreSQL, Debian's Chromium, aiosmtpd, nginx, promtool, npm packages), starts a throwaway PostgreSQL and an SMTP server
# on loopback ports, and runs the whole suite twice: once on SQLite, once on PostgreSQL. Exits with the tests' status.
set -euo pipefail
cd "$(dirname "$0")"

need=()
for package in postgresql wrk chromium python3-aiosmtpd nginx prometheus; do
  dpkg -s "$package" >/dev/null 2>&1 || need+=("$package")
done
# Node may come from elsewhere than Debian (its npm would conflict with Debian's): ask for the command, not the package.
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing: ${need[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

# axe-core for the accessibility checks in the browser tests, pinned by the committed lockfile.
(cd tests/Masthead.Browser && npm ci --no-audit --no-fund --silent)
# feedparser and the sitemaps.org schema for the feed and sitemap conformance tests, pinned the same way.
(cd tests/conformance && npm ci --no-audit --no-fund --silent)

pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_dir=$(mktemp -d /tmp/masthead-pg.XXXXXX)
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
pg_port=$(free_port)
smtp_port=$(free_port)
as_postgres=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres: "$pg_dir"
  as_postgres=(runuser -u postgres --)
fi
smtp_dir=$(mktemp -d /tmp/masthead-smtp.XXXXXX)
smtp_pid=""
stop_servers() {
  "${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
  [ -z "$smtp_pid" ] || kill "$smtp_pid" 2>/dev/null || true
  rm -rf "$pg_dir" "$smtp_dir"
}
trap stop_servers EXIT
"${as_postgres[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 >/dev/null
"${as_postgres[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
  -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200" start >/dev/null
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port"

# The SMTP server the mail tests talk to: Debian's aiosmtpd, writing each message it accepts to a folder per recipient.
/usr/bin/python3 tests/smtp/sink.py --port "$smtp_port" --folder "$smtp_dir/mail" >"$smtp_dir/server.log" 2>&1 &
smtp_pid=$!
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$smtp_port") 2>/dev/null && break; sleep 0.1; done
echo "SMTP (aiosmtpd) on 127.0.0.1:$smtp_port"

dotnet build --nologo -v quiet -c Debug >/dev/null || dotnet build --nologo -c Debug

status=0
results=$(mktemp)
run_suite() { # $1: store
  echo "== tests on $1"
  MASTHEAD_TEST_DATABASE="$1" \
  MASTHEAD_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Pooling=true" \
  MASTHEAD_TEST_SMTP="127.0.0.1:$smtp_port" MASTHEAD_TEST_MAIL_FOLDER="$smtp_dir/mail" \
    dotnet test --no-build --nologo 2>&1 | tee -a "$results" | grep -vE '^\s*$' || status=1
}
run_suite sqlite
run_suite postgres

# One closing line over both runs, from the runners' own summaries.
awk '/^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { gsub(",", "", p); printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$results"
grep -qE '^Failed!' "$results" && status=1
rm -f "$results"
exit $status
