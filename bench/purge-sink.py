#!/usr/bin/env python3
"""A CDN purge API stand-in for bench/events.sh: answers every POST with 200 and counts them."""
import http.server, sys

class Sink(http.server.BaseHTTPRequestHandler):
    count = 0
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        Sink.count += 1
        self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
    def log_message(self, *args): pass

http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Sink).serve_forever()
