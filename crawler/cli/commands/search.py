"""``jiezhen search QUERY``: full-text search of the archive (substring semantics, Chinese included)."""
from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import date
from typing import TextIO

from crawler.cli.options import add_db_option, iso_date, positive_int
from crawler.cli.render import highlight, table, use_colour
from storage.archive import Archive


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("search", help="search the archive (Chinese substring match)",
                       description="Every archived article whose title or body contains QUERY "
                                   "(several words: all must match), newest first.")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--site", help="only this site (slug, or host in generic mode)")
    p.add_argument("--since", type=iso_date, metavar="YYYY-MM-DD", help="published on or after")
    p.add_argument("--until", type=iso_date, metavar="YYYY-MM-DD", help="published on or before")
    p.add_argument("--person", help="(needs the meeting-metadata work; not available yet)")
    p.add_argument("--type", dest="event_type", help="(needs the meeting-metadata work; not available yet)")
    p.add_argument("--limit", type=positive_int, default=20, metavar="N", help="at most N results")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    add_db_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.person or args.event_type:
        print("jiezhen search: --person and --type need meeting metadata, which this archive "
              "does not have yet", file=sys.stderr)
        return 2
    if not args.query.strip():
        print("jiezhen search: the query is empty", file=sys.stderr)
        return 2
    with Archive.open(args.db) as archive:
        result = archive.search(
            args.query, site=args.site,
            since=date.fromisoformat(args.since) if args.since else None,
            until=date.fromisoformat(args.until) if args.until else None, limit=args.limit)
    print_hits(result, args.format, sys.stdout)
    return 0


def print_hits(result, fmt: str, out: TextIO) -> None:
    hits = result.hits
    if fmt == "json":
        json.dump(hits, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(["id", "published", "site", "title", "url", "score", "snippet"])
        for h in hits:
            writer.writerow([h["id"], h["published"], h["site"], h["title"], h["url"],
                             h["score"], h["snippet"]])
    else:
        colour = use_colour(out)
        rows = [[h["id"], (h["published"] or "")[:10], h["site"], h["title"],
                 highlight(h["snippet"], h.get("snippet_spans") or [], colour)] for h in hits]
        if rows:
            # Colour codes have no width: do not truncate the snippet column when colouring.
            widths = {3: 36} if colour else {3: 36, 4: 70}
            print(table(["id", "date", "site", "title", "snippet"], rows, max_widths=widths), file=out)
        print(f"{result.total} match{'es' if result.total != 1 else ''}"
              + (f", showing {len(hits)}" if len(hits) < result.total else ""), file=out)
