#!/usr/bin/python3
"""Edits one article through the back office every few seconds, as an editor would, and measures how long each edit
takes to reach a reader of the public page. usage: soak-editor.py BASE_URL SECONDS INTERVAL"""
import sys, time, urllib.request
from backoffice import BackOffice, hidden

base, seconds, interval = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
office = BackOffice(base)
office.set_up_owner("Soak Editor", "soak@example.org", "long soak test passphrase")
page = office.get("/admin/articles/edit")
status, location, _ = office.post("/admin/articles/edit", {"action": "Publish", "Form.Headline": "Soak edit 0", "Form.Slug": "soak-article",
    "Form.BodyMarkdown": "Edited while readers read.", "__RequestVerificationToken": hidden(page, "__RequestVerificationToken")})
editor = location

delays, failures, edit = [], 0, 0
until = time.time() + seconds
while time.time() < until:
    time.sleep(interval)
    edit += 1
    page = office.get(editor)
    fields = {"action": "Publish", "Form.Headline": f"Soak edit {edit}", "Form.Slug": "soak-article", "Form.BodyMarkdown": f"Edit number {edit}.",
              "Form.Version": hidden(page, "Form.Version"), "Form.BaseRevision": hidden(page, "Form.BaseRevision"),
              "__RequestVerificationToken": hidden(page, "__RequestVerificationToken")}
    status, _, _ = office.post(editor, fields)
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
