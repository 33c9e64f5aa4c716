"""``jiezhen import``: WARC files, saved pages and JSONL exports into the archive, no re-crawl.

(Named ``import_cmd`` because ``import`` is a Python keyword.)
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crawler.cli.exit_codes import ExitCode
from crawler.cli.options import add_offline_options, offline_setup
from crawler.importing.detect import FORMATS
from crawler.importing.run import Importer, record_run
from storage.archive import Archive


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
    add_offline_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    db_url, directory, settings = offline_setup(args)
    paths = [Path(p) for p in args.paths]
    with Archive.open(db_url, migrate=True) as archive:
        try:
            importer = Importer(archive, settings, site=args.site, base_url=args.base_url,
                                warc_dir=directory, sites_dir=args.sites_dir)
        except ValueError as exc:  # an unknown --site
            print(f"jiezhen import: {exc}", file=sys.stderr)
            return ExitCode.ERROR
        counts = record_run(archive, args.site,
                            {"paths": [str(p) for p in paths], "format": args.format,
                             "base_url": args.base_url},
                            lambda: importer.run(paths, args.format))
    for line in counts.summary():
        print(line)
    return ExitCode.INPUT_SKIPPED if counts.bad else ExitCode.OK
