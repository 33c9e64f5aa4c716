"""``jiezhen reprocess``: re-extract the archive from its stored captures, with no network."""
from __future__ import annotations

import argparse

from crawler.cli.options import add_offline_options, iso_date, offline_setup
from crawler.reprocess import iter_lines, reprocess
from storage.archive import Archive


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("reprocess", help="re-extract archived articles from their stored captures",
                       description="Run extraction, cleaning, metadata and every pipeline stage "
                                   "again on each article's newest capture (its WARC record, or the "
                                   "bytes in the database when crawled with --no-warc), without "
                                   "the network; prints the articles whose record changed.")
    p.add_argument("--site", help="only this site")
    p.add_argument("--since", type=iso_date, metavar="YYYY-MM-DD",
                   help="only articles published on or after this date")
    add_offline_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    db_url, directory, settings = offline_setup(args)
    with Archive.open(db_url) as archive:
        report = reprocess(archive, settings, warc_dir=directory, site=args.site,
                           since=args.since, sites_dir=args.sites_dir)
    for line in iter_lines(report):
        print(line)
    return 0
