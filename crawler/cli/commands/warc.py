"""``jiezhen warc index``: a CDXJ index of the WARC folder, for replay with pywb."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crawler.cli.exit_codes import ExitCode
from crawler.cli.options import add_db_option, add_warc_dir_option
from crawler.warc.naming import default_warc_dir
from storage.db import resolve_db_url


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("warc", help="WARC files: build the CDXJ index for replay",
                       description="index: write a sorted CDXJ index of every closed WARC file "
                                   "(default: index.cdxj in the WARC folder).")
    p.add_argument("action", choices=("index",))
    p.add_argument("--output", "-o", metavar="FILE", help="where the index goes")
    add_db_option(p)
    add_warc_dir_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    directory = Path(args.warc_dir) if args.warc_dir else default_warc_dir(resolve_db_url(args.db))
    if not directory.is_dir():
        print(f"jiezhen warc: no WARC folder at {directory} (give --warc-dir DIR)", file=sys.stderr)
        return ExitCode.ERROR
    from crawler.warc.cdxj import write_index  # cdxj-indexer takes ~1 s to import: only here

    path, lines = write_index(directory, Path(args.output) if args.output else None)
    print(f"{lines} records indexed into {path}")
    return ExitCode.OK
