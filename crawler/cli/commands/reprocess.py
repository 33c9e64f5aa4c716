"""``jiezhen reprocess``: re-extract the archive from its stored captures, with no network."""
from __future__ import annotations

import argparse
from pathlib import Path

from crawler.cli.options import add_db_option, add_warc_dir_option, iso_date, log_level
from crawler.reprocess import iter_lines, reprocess
from crawler.runner import build_settings
from crawler.warc.naming import default_warc_dir
from storage.archive import Archive
from storage.db import resolve_db_url


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("reprocess", help="re-extract archived articles from their stored captures",
                       description="Run extraction, cleaning, metadata and every pipeline stage "
                                   "again on each article's newest capture (its WARC record, or the "
                                   "bytes in the database when crawled with --no-warc), without "
                                   "the network; prints the articles whose record changed.")
    p.add_argument("--site", help="only this site")
    p.add_argument("--since", type=iso_date, metavar="YYYY-MM-DD",
                   help="only articles published on or after this date")
    p.add_argument("--sites-dir", metavar="DIR", help="extra folder of site profiles")
    add_db_option(p)
    add_warc_dir_option(p)
    p.add_argument("-v", "--verbose", action="count", default=0, help="log more")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import logging

    logging.basicConfig(level=log_level(args.verbose), format="%(levelname)s: %(message)s")
    db_url = resolve_db_url(args.db)
    directory = Path(args.warc_dir) if args.warc_dir else default_warc_dir(db_url)
    settings = build_settings(db_url=db_url, sites_dir=args.sites_dir)
    with Archive.open(db_url) as archive:
        report = reprocess(archive, settings, warc_dir=directory, site=args.site,
                           since=args.since, sites_dir=args.sites_dir)
    for line in iter_lines(report):
        print(line)
    return 0
