#!/usr/bin/python3
"""Sets up an owner through /admin/setup, uploads a photo through the Media page and publishes an article with it as the
featured image and in the body, as an editor would. Prints the article's path. usage: lighthouse-site.py BASE_URL PHOTO"""
import re, sys, urllib.parse, uuid
from backoffice import BackOffice, hidden

base, photo = sys.argv[1], sys.argv[2]
office = BackOffice(base)
office.set_up_owner("Bench Editor", "bench@example.org", "long lighthouse bench passphrase")
boundary = uuid.uuid4().hex
with open(photo, "rb") as f:
    content = f.read()
body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{hidden(office.get('/admin/media'), '__RequestVerificationToken')}\r\n"
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"harbour.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").encode() \
    + content + f"\r\n--{boundary}--\r\n".encode()
status, _, _ = office.send("/admin/media", body, f"multipart/form-data; boundary={boundary}")
assert status == 302, f"upload answered {status}"
url = re.search(r'<a href="(/media/[0-9a-f]{64}\.jpg)"', office.get("/admin/media")).group(1)
paragraphs = "\n\n".join(["The harbour authority said on Tuesday that the strike had ended after nine days, and that ships held at anchor "
                          "would be brought in over the weekend."] * 6)
status, _, _ = office.post("/admin/articles/edit?confirmed=true", {
    "action": "Publish", "Form.Headline": "The harbour from the air", "Form.FeaturedImage": url,
    "Form.FeaturedImageAlt": "The harbour and its breakwater seen from a plane", "Form.FeaturedImageCaption": "Photo: the harbour authority",
    "Form.BodyMarkdown": f"{paragraphs}\n\n![Cranes on the quay]({url})\n\n{paragraphs}",
    "__RequestVerificationToken": hidden(office.get("/admin/articles/edit"), "__RequestVerificationToken")})
assert status == 302, f"publish answered {status}"
print("/the-harbour-from-the-air/")
