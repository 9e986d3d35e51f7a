#!/usr/bin/python3
"""Edits one article through the back office every few seconds, as an editor would, and measures how long each edit
takes to reach a reader of the public page. usage: soak-editor.py BASE_URL SECONDS INTERVAL"""
import html, http.cookiejar, re, sys, time, urllib.parse, urllib.request

base, seconds, interval = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
jar = http.cookiejar.CookieJar()

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args): return None

browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)

def get(path):
    return browser.open(base + path).read().decode()

def post(path, fields):
    try:
        response = browser.open(base + path, urllib.parse.urlencode(fields).encode())
        return response.status, response.headers.get("Location"), response.read().decode()
    except urllib.error.HTTPError as redirect:
        return redirect.code, redirect.headers.get("Location"), ""

def hidden(page, name):
    found = re.search(r'name="%s"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="%s"' % (re.escape(name), re.escape(name)), page)
    return html.unescape(found.group(1) or found.group(2)) if found else ""

page = get("/admin/setup")
post("/admin/setup", {"Name": "Soak Editor", "Email": "soak@example.org", "Password": "long soak test passphrase",
                      "__RequestVerificationToken": hidden(page, "__RequestVerificationToken")})
page = get("/admin/articles/edit")
status, location, _ = post("/admin/articles/edit", {"action": "Publish", "Form.Headline": "Soak edit 0", "Form.Slug": "soak-article",
    "Form.BodyMarkdown": "Edited while readers read.", "__RequestVerificationToken": hidden(page, "__RequestVerificationToken")})
editor = location

delays, failures, edit = [], 0, 0
until = time.time() + seconds
while time.time() < until:
    time.sleep(interval)
    edit += 1
    page = get(editor)
    fields = {"action": "Publish", "Form.Headline": f"Soak edit {edit}", "Form.Slug": "soak-article", "Form.BodyMarkdown": f"Edit number {edit}.",
              "Form.Version": hidden(page, "Form.Version"), "Form.BaseRevision": hidden(page, "Form.BaseRevision"),
              "__RequestVerificationToken": hidden(page, "__RequestVerificationToken")}
    status, _, _ = post(editor, fields)
    if status != 302:
        failures += 1
        continue
    saved = time.time()
    while f"Soak edit {edit}<" not in urllib.request.urlopen(base + "/soak-article/").read().decode():
        if time.time() - saved > 10: break
        time.sleep(0.005)
    delays.append((time.time() - saved) * 1000)

delays.sort()
print(f"edits {edit}, refused {failures}, visible after p50 {delays[len(delays) // 2]:.0f} ms, max {delays[-1]:.0f} ms")
