#!/usr/bin/python3
"""A real SMTP server on loopback for the tests (Debian's python3-aiosmtpd): each accepted message is written once per
recipient to FOLDER/<recipient>/<time>-<n>.eml, as the server received it.

With --discard it keeps nothing and counts (for benchmarks). Recipients whose local part starts with:
  reject-   are refused at RCPT with 550 (a permanent failure: the address bounces),
  defer-    are refused at RCPT with 451 (a transient failure, every time),
  flaky-    are refused with 451 the first time the server sees them, and accepted after.
"""
import argparse
import asyncio
import itertools
import os
import signal
import time

from aiosmtpd.controller import Controller

counter = itertools.count()


class Sink:
    def __init__(self, folder, discard):
        self.folder = folder
        self.discard = discard
        self.seen = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0].lower()
        if local.startswith("reject-"):
            return "550 5.1.1 No such mailbox here"
        if local.startswith("defer-"):
            return "451 4.3.0 Try again later"
        if local.startswith("flaky-") and address.lower() not in self.seen:
            self.seen.add(address.lower())
            return "451 4.3.0 Greylisted, try again"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.discard:
            return "250 Message accepted"
        for rcpt in envelope.rcpt_tos:
            box = os.path.join(self.folder, rcpt.lower())
            os.makedirs(box, exist_ok=True)
            name = "%d-%06d" % (time.time_ns(), next(counter))
            temporary = os.path.join(box, name + ".tmp")
            with open(temporary, "wb") as f:
                f.write(envelope.original_content)
            os.replace(temporary, os.path.join(box, name + ".eml"))
        return "250 Message accepted"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--folder", required=True)
    parser.add_argument("--discard", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.folder, exist_ok=True)
    controller = Controller(Sink(args.folder, args.discard), hostname="127.0.0.1", port=args.port, data_size_limit=50 * 1024 * 1024)
    controller.start()
    loop = asyncio.new_event_loop()
    stop = asyncio.Event()
    for s in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(s, stop.set)
    loop.run_until_complete(stop.wait())
    controller.stop()


if __name__ == "__main__":
    main()
