#!/usr/bin/python3
"""Sets up an owner through /admin/setup, uploads a photo through the Media page and publishes an article with it as the
featured image and in the body, as an editor would. Prints the article's path. usage: lighthouse-site.py BASE_URL PHOTO"""
import html, http.cookiejar, re, sys, urllib.parse, urllib.request, uuid

base, photo = sys.argv[1], sys.argv[2]
jar = http.cookiejar.CookieJar()

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args): return None

browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)

def get(path):
    return browser.open(base + path).read().decode()

def send(path, body, content_type):
    request = urllib.request.Request(base + path, body, {"Content-Type": content_type})
    try:
        response = browser.open(request)
        return response.status, response.headers.get("Location")
    except urllib.error.HTTPError as answer:
        return answer.code, answer.headers.get("Location")

def token(page):
    return html.unescape(re.search(r'name="__RequestVerificationToken"[^>]*value="([^"]*)"', page).group(1))

send("/admin/setup", urllib.parse.urlencode({"Name": "Bench Editor", "Email": "bench@example.org", "Password": "long lighthouse bench passphrase",
                                             "__RequestVerificationToken": token(get("/admin/setup"))}).encode(), "application/x-www-form-urlencoded")
boundary = uuid.uuid4().hex
with open(photo, "rb") as f:
    content = f.read()
body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token(get('/admin/media'))}\r\n"
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"harbour.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").encode() \
    + content + f"\r\n--{boundary}--\r\n".encode()
status, _ = send("/admin/media", body, f"multipart/form-data; boundary={boundary}")
assert status == 302, f"upload answered {status}"
url = re.search(r'<a href="(/media/[0-9a-f]{64}\.jpg)"', get("/admin/media")).group(1)
paragraphs = "\n\n".join(["The harbour authority said on Tuesday that the strike had ended after nine days, and that ships held at anchor "
                          "would be brought in over the weekend."] * 6)
status, _ = send("/admin/articles/edit?confirmed=true", urllib.parse.urlencode({
    "action": "Publish", "Form.Headline": "The harbour from the air", "Form.FeaturedImage": url,
    "Form.FeaturedImageAlt": "The harbour and its breakwater seen from a plane", "Form.FeaturedImageCaption": "Photo: the harbour authority",
    "Form.BodyMarkdown": f"{paragraphs}\n\n![Cranes on the quay]({url})\n\n{paragraphs}",
    "__RequestVerificationToken": token(get("/admin/articles/edit"))}).encode(), "application/x-www-form-urlencoded")
assert status == 302, f"publish answered {status}"
print("/the-harbour-from-the-air/")
