"""``jiezhen import``: WARC files, saved pages and JSONL exports into the archive, no re-crawl.

(Named ``import_cmd`` because ``import`` is a Python keyword.)
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crawler.cli.exit_codes import ExitCode
from crawler.cli.options import add_db_option, add_warc_dir_option, log_level
from crawler.importing.detect import FORMATS
from crawler.importing.progress import Progress
from crawler.importing.run import Importer, record_run
from crawler.runner import build_settings
from crawler.warc.naming import default_warc_dir
from storage.archive import Archive
from storage.db import resolve_db_url


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import", help="import WARC files, saved pages or a JSONL export",
        description="Bring existing collections in without a re-crawl. WARC/WARC.gz files: every "
                    "HTML 200 response goes through extraction, cleaning, metadata, dedup and "
                    "store, with the record as its capture and WARC-Date as when it was seen. "
                    "Folders of saved .html pages: URL from NAME.html.url, urls.tsv, "
                    "<link rel=canonical>/og:url, or --base-url; the bytes are written into a "
                    "WARC file of ours. JSONL of `jiezhen export` records: restored as they were "
                    "(texts, hashes, versions, sightings). Importing the same input twice adds "
                    "nothing. Bad input is named on stderr (file and offset or line), skipped, and "
                    "the import goes on; exit status 8 then.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    p.add_argument("--format", choices=("auto", *FORMATS), default="auto",
                   help="input format (default: detected per path)")
    p.add_argument("--site", metavar="SLUG",
                   help="extract pages with this site profile (default: generic rules, site = host)")
    p.add_argument("--base-url", metavar="URL",
                   help="saved pages with no other URL: this URL joined with the file's path")
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
    paths = [Path(p) for p in args.paths]
    with Archive.open(db_url, migrate=True) as archive:
        importer = Importer(archive, settings, site=args.site, base_url=args.base_url,
                            warc_dir=directory, sites_dir=args.sites_dir,
                            progress=None)
        try:
            counts = record_run(archive, args.site,
                                {"paths": [str(p) for p in paths], "format": args.format,
                                 "base_url": args.base_url},
                                lambda: importer.run(paths, args.format))
        except ValueError as exc:
            print(f"jiezhen import: {exc}", file=sys.stderr)
            return ExitCode.ERROR
    for line in counts.summary():
        print(line)
    return ExitCode.INPUT_SKIPPED if counts.bad else ExitCode.OK
