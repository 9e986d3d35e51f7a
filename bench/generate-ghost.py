#!/usr/bin/env python3
"""A Ghost export of N posts (the reference page's paragraphs as html, 2 authors, 3 tags each) and N members, written
row by row so the generator's memory stays small too.  usage: generate-ghost.py N FILE PAGE"""
import json, sys

n, path, page = int(sys.argv[1]), sys.argv[2], sys.argv[3]
paragraphs = [p.strip() for p in open(page, encoding="utf-8").read().split("\n\n") if len(p.strip()) > 80][:12]
html = "".join(f"<p>{json.dumps(p)[1:-1]}</p>" for p in paragraphs)
users = [{"id": str(i), "name": f"Writer {i}", "slug": f"writer-{i}", "email": f"w{i}@example.org"} for i in range(20)]
tags = [{"id": str(i), "name": f"Topic {i}", "slug": f"topic-{i}", "visibility": "public"} for i in range(50)]
with open(path, "w", encoding="utf-8") as out:
    def table(name, rows, last=False):
        out.write(f'"{name}":[')
        for i, row in enumerate(rows):
            if i: out.write(",\n")
            out.write(json.dumps(row))
        out.write("]" + ("" if last else ",\n"))
    out.write('{"db":[{"meta":{"version":"5.80.0"},"data":{\n')
    table("posts", ({"id": str(i), "uuid": f"00000000-0000-4000-8000-{i:012d}", "title": f"Report {i}", "slug": f"report-{i}",
                     "html": html, "status": "published", "type": "post", "published_at": "2024-05-01T09:30:00.000Z",
                     "created_at": "2024-05-01T09:00:00.000Z", "updated_at": "2024-05-02T09:00:00.000Z"} for i in range(n)))
    table("posts_authors", ({"id": f"a{i}-{k}", "post_id": str(i), "author_id": str((i + k) % 20), "sort_order": k} for i in range(n) for k in range(2)))
    table("posts_tags", ({"id": f"t{i}-{k}", "post_id": str(i), "tag_id": str((i * 7 + k) % 50), "sort_order": k} for i in range(n) for k in range(3)))
    table("members", ({"id": f"m{i}", "email": f"reader{i}@example.org", "name": f"Reader {i}", "status": "free",
                       "created_at": "2024-01-01T00:00:00.000Z"} for i in range(n)))
    table("tags", tags)
    table("users", users, last=True)
    out.write("}}]}\n")
