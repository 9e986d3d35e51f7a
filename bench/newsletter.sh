#!/usr/bin/env bash
# Newsletter send: N members (default 100,000) subscribed to one newsletter, one send of the reference article to the
# loopback SMTP server (tests/smtp/sink.py --discard, Debian's aiosmtpd), the app in Release on SQLite. Prints the
# messages per second, the server's resident memory idle and at its peak during the send, and the article page's
# throughput (wrk) before and during the send, all from this one run.
# usage: bench/newsletter.sh [N] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}; connections=${2:-2}; port=5098; smtp=2598
out=bench/out-newsletter; rm -rf "$out"; mkdir -p "$out"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
dpkg -s python3-aiosmtpd >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-aiosmtpd >/dev/null; }

dotnet publish src/Masthead -c Release -o "$out/app" --nologo -v quiet >/dev/null
db_file="$PWD/$out/bench.db"; db="sqlite:$db_file"
"$out/app/masthead" import page src/Masthead/Publishing/Demo/article-page.txt --database "$db" | tail -n 1
/usr/bin/python3 - "$db_file" "$n" <<'PY'
import sqlite3, sys, uuid
db, n = sys.argv[1], int(sys.argv[2])
c = sqlite3.connect(db)
c.execute("""INSERT INTO "Newsletters" ("Uuid","Slug","Name","Description","SenderName","ReplyTo","SubscribeOnSignUp","Active","Position")
             VALUES (?, 'daily', 'The Daily', NULL, NULL, NULL, 1, 1, 0)""", (str(uuid.uuid4()).upper(),))
newsletter = c.execute("SELECT last_insert_rowid()").fetchone()[0]
c.executemany("""INSERT INTO "Members" ("Uuid","Email","CreatedAt","Complimentary","SecurityStamp","Version") VALUES (?, ?, '2026-01-01 00:00:00', 0, ?, 0)""",
              ((str(uuid.uuid4()).upper(), f"reader{i}@example.org", uuid.uuid4().hex) for i in range(n)))
c.execute("""INSERT INTO "NewsletterSubscriptions" ("MemberId","NewslettersId") SELECT "Id", ? FROM "Members" """, (newsletter,))
c.commit()
print(f"{n} members subscribed to newsletter {newsletter}")
PY

/usr/bin/python3 tests/smtp/sink.py --port "$smtp" --folder "$out/mail" --discard &
sink=$!
env ${GC:+DOTNET_gcServer=0} ASPNETCORE_ENVIRONMENT=Production "$out/app/masthead" --urls "http://127.0.0.1:$port" --no-demo --Masthead:Database="$db" \
  --Masthead:DataFolder="$PWD/$out/data" --Masthead:LinkChecker:Enabled=false --Logging:LogLevel:Default=Warning \
  --Masthead:Mail:Host=127.0.0.1 --Masthead:Mail:Port="$smtp" --Masthead:Mail:Security=None \
  --Masthead:Mail:From="The Daily <news@example.org>" --Masthead:Mail:Connections="$connections" &
app=$!
trap 'kill $app $sink 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/robots.txt" >/dev/null 2>&1 && break; sleep 0.2; done

# The owner, through the setup page, with its antiforgery token.
jar="$out/cookies"
token() { curl -fs -b "$jar" -c "$jar" "http://127.0.0.1:$port$1" | grep -o 'name="__RequestVerificationToken"[^>]*value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//'; }
curl -fs -b "$jar" -c "$jar" -o /dev/null -d "Name=Bench Owner&Email=owner@example.org&Password=a long bench passphrase&__RequestVerificationToken=$(token /admin/setup)" "http://127.0.0.1:$port/admin/setup"

article="/us-war-of-terror-continues-assassinating-irans-top-anti-isis-general/"
# CPU seconds (user + system) a process has used so far, from /proc/PID/stat (fields 14 and 15, in clock ticks).
cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$1/stat"; }
rss() { awk '/^VmRSS/ { print int($2 / 1024) }' "/proc/$app/status"; }
measure() { wrk -t2 -c32 -d10s "http://127.0.0.1:$port$article" | awk '/Requests\/sec/ { printf "%.0f", $2 }'; }
wrk -t2 -c32 -d10s "http://127.0.0.1:$port$article" >/dev/null # warm-up: JIT tiers, caches
before=$(measure)
idle=$(rss)

article_id=$(/usr/bin/python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT Id FROM Articles').fetchone()[0])" "$db_file")
newsletter_id=$(/usr/bin/python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT Id FROM Newsletters').fetchone()[0])" "$db_file")
start=$(date +%s.%N)
app_cpu0=$(cpu $app); sink_cpu0=$(cpu $sink)
curl -fs -b "$jar" -c "$jar" -o /dev/null -d "ArticleId=$article_id&NewsletterId=$newsletter_id&Audience=Everyone&__RequestVerificationToken=$(token /admin/newsletters)" \
  "http://127.0.0.1:$port/admin/newsletters?handler=Send"
asked=$(date +%s.%N)
peak=$idle
left() { /usr/bin/python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1], timeout=30).execute('SELECT COUNT(*) FROM SendRecipients WHERE State IN (0,1)').fetchone()[0])" "$db_file"; }
during=$(measure) # while the send runs
while :; do
  r=$(rss); [ "$r" -gt "$peak" ] && peak=$r
  [ "$(left)" -eq 0 ] && break
  sleep 0.5
done
end=$(date +%s.%N)
app_cpu=$(awk -v a="$(cpu $app)" -v b="$app_cpu0" 'BEGIN { printf "%.0f", a - b }')
sink_cpu=$(awk -v a="$(cpu $sink)" -v b="$sink_cpu0" 'BEGIN { printf "%.0f", a - b }')
read -r accepted failed unconfirmed <<<"$(/usr/bin/python3 -c "
import sqlite3,sys; c=sqlite3.connect(sys.argv[1])
print(*[c.execute('SELECT COUNT(*) FROM SendRecipients WHERE State=?', (s,)).fetchone()[0] for s in (2,3,4)])" "$db_file")"
awk -v n="$n" -v s="$start" -v a="$asked" -v e="$end" -v acc="$accepted" -v f="$failed" -v u="$unconfirmed" -v i="$idle" -v p="$peak" \
    -v b="$before" -v d="$during" -v c="$connections" -v ac="$app_cpu" -v sc="$sink_cpu" 'BEGIN {
  printf "recipients            %d (accepted %d, failed %d, unconfirmed %d)\n", n, acc, f, u
  printf "send request          %.2f s (recipient rows written)\n", a - s
  printf "whole send            %.1f s, %.0f messages/s over %d connections\n", e - s, n / (e - s), c
  printf "CPU during the send    app %d s (wrk page requests included), SMTP server %d s\n", ac, sc
  printf "server RSS            idle %d MB, peak %d MB (+%d MB)\n", i, p, p - i
  printf "article page          %d req/s before, %d req/s during the send (%.2f)\n", b, d, d / b
}'
