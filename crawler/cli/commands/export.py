"""``jiezhen export``: every archived article as an Article record plus archive fields."""
from __future__ import annotations

import argparse
import sys

from crawler.cli.options import add_db_option
from storage.archive import Archive
from storage.export import write_csv, write_jsonl


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export the archive as JSON lines or CSV")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    p.add_argument("--output", "-o", metavar="FILE", help="write here instead of standard output")
    p.add_argument("--site", help="only this site")
    p.add_argument("--district", metavar="NAME",
                   help="only this district or town and every site under it (e.g. 长宁区)")
    add_db_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    writer = write_jsonl if args.format == "jsonl" else write_csv
    with Archive.open(args.db) as archive:
        if args.district and not archive.has_district(args.district):
            print(f"jiezhen export: no district or site {args.district!r} in the archive "
                  "(sites are recorded when they are crawled)", file=sys.stderr)
            return 1
        records = archive.iter_records(site=args.site, district=args.district)
        if args.output:
            # newline="" lets the csv module write its own line ends.
            with open(args.output, "w", encoding="utf-8", newline="") as fp:
                writer(records, fp)
        else:
            writer(records, sys.stdout)
    return 0
