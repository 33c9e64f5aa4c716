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
from storage.search import FACETS


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("search", help="full-text search of the archive, in Chinese",
                       description="Every archived article whose title or body contains QUERY, "
                                   "one character and up. Several terms: all must match; "
                                   '"two words" is one term; -term excludes. Ranked: every term in '
                                   "the title first, then relevance, then newest.")
    p.add_argument("query", metavar="QUERY", nargs="+",
                   help="one or more terms (several words are joined with spaces: all must match); "
                        "-term excludes; '\"a b\"' is one term")
    p.add_argument("--site", help="only this site (slug, or host in generic mode)")
    p.add_argument("--district", metavar="NAME",
                   help="only this district or town and every site under it (region name such as "
                        "长宁区, or a slug); the hierarchy comes from the crawled profiles")
    p.add_argument("--since", type=iso_date, metavar="YYYY-MM-DD", help="published on or after")
    p.add_argument("--until", type=iso_date, metavar="YYYY-MM-DD", help="published on or before")
    p.add_argument("--person", help="only articles where this person appears (meeting metadata)")
    p.add_argument("--type", dest="event_type", help="only this event type, e.g. 调研 or 座谈会")
    p.add_argument("--organizer", help="only events held by this body, e.g. 区政协")
    p.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    p.add_argument("--facets", type=facet_list, default=[], metavar="F[,F]",
                   help="also count matches by site, month, type, organizer")
    p.add_argument("--limit", type=positive_int, default=20, metavar="N", help="at most N results")
    p.add_argument("--offset", type=int, default=0, metavar="N", help="skip the first N results")
    p.add_argument("--format", choices=("table", "json", "csv"), default="table")
    add_db_option(p)
    p.set_defaults(func=run)


def facet_list(value: str) -> list[str]:
    names = [v.strip() for v in value.split(",") if v.strip()]
    bad = [n for n in names if n not in FACETS]
    if bad or not names:
        raise argparse.ArgumentTypeError(f"facets are {', '.join(FACETS)}; got {value!r}")
    return names


def run(args: argparse.Namespace) -> int:
    args.query = " ".join(args.query)
    if not args.query.strip():
        print("jiezhen search: the query is empty", file=sys.stderr)
        return 2
    with Archive.open(args.db) as archive:
        if args.district and not archive.has_district(args.district):
            print(f"jiezhen search: no district or site {args.district!r} in the archive "
                  "(sites are recorded when they are crawled)", file=sys.stderr)
            return 1
        try:
            result = archive.search(
                args.query, site=args.site, district=args.district,
                since=date.fromisoformat(args.since) if args.since else None,
                until=date.fromisoformat(args.until) if args.until else None,
                event_type=args.event_type, organizer=args.organizer, person=args.person,
                sort=args.sort, limit=args.limit, offset=max(0, args.offset), facets=args.facets)
        except ValueError as exc:
            print(f"jiezhen search: {exc}", file=sys.stderr)
            return 2
    print_hits(result, args.format, sys.stdout)
    return 0


def print_hits(result, fmt: str, out: TextIO) -> None:
    hits = result.hits
    if fmt == "json":
        # A list of Article records (with score and snippet), as the contract says; totals and
        # facets, which are not records, go to stderr as one JSON line.
        json.dump(hits, out, ensure_ascii=False, indent=2)
        out.write("\n")
        print(json.dumps({"total": result.total, "facets": result.facets}, ensure_ascii=False),
              file=sys.stderr)
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
        for name, counts in result.facets.items():
            shown = ", ".join(f"{value or '(none)'} {n}" for value, n in counts[:12])
            more = f", … {len(counts) - 12} more" if len(counts) > 12 else ""
            print(f"{name}: {shown}{more}", file=out)
