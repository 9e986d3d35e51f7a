"""The back office as a bench script drives it: one signed-in browser (cookies kept, redirects not followed), form
tokens read from the pages, and the one-time owner setup. Used by soak-editor.py and lighthouse-site.py."""
import html, http.cookiejar, re, urllib.error, urllib.parse, urllib.request


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args): return None


class BackOffice:
    def __init__(self, base):
        self.base = base
        self.browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect)

    def get(self, path):
        return self.browser.open(self.base + path).read().decode()

    def send(self, path, body, content_type):
        """→ (status, Location, body)"""
        request = urllib.request.Request(self.base + path, body, {"Content-Type": content_type})
        try:
            response = self.browser.open(request)
            return response.status, response.headers.get("Location"), response.read().decode()
        except urllib.error.HTTPError as answer:
            return answer.code, answer.headers.get("Location"), ""

    def post(self, path, fields):
        return self.send(path, urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded")

    def set_up_owner(self, name, email, password):
        status, _, _ = self.post("/admin/setup", {"Name": name, "Email": email, "Password": password,
                                                  "__RequestVerificationToken": hidden(self.get("/admin/setup"), "__RequestVerificationToken")})
        assert status == 302, f"setup answered {status}"


def hidden(page, name):
    """The value of a form's field, in either attribute order; empty when the page has none."""
    found = re.search(r'name="%s"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="%s"' % (re.escape(name), re.escape(name)), page)
    return html.unescape(found.group(1) or found.group(2)) if found else ""
