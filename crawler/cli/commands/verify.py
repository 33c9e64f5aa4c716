"""``jiezhen verify``: check every WARC capture the archive refers to, and every closed file."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from crawler.cli.exit_codes import ExitCode
from crawler.cli.options import add_db_option, add_warc_dir_option
from crawler.warc.fixity import verify
from crawler.warc.naming import default_warc_dir
from storage.archive import Archive
from storage.db import resolve_db_url

#: How many problems are printed before "... and N more".
SHOWN = 50


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("verify", help="check the WARC captures the archive refers to (fixity)",
                       description="For every capture the archive refers to (articles, and "
                                   "the list pages, attachments and failed requests it lists): the WARC file is "
                                   "there, the record at its offset decompresses whole, is the "
                                   "record named, and its block and payload digests match. Then "
                                   "every closed WARC file in the folder is read to its end. Exit "
                                   f"status {ExitCode.INTEGRITY.value} names each mismatch.")
    add_db_option(p)
    add_warc_dir_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    db_url = resolve_db_url(args.db)
    directory = Path(args.warc_dir) if args.warc_dir else default_warc_dir(db_url)
    with Archive.open(db_url) as archive:
        report = verify(directory, archive.warc_captures(), archive.warc_records())
    for note in report.notes:
        print(f"note: {note}")
    for problem in report.problems[:SHOWN]:
        print(f"MISMATCH {problem}", file=sys.stderr)
    if len(report.problems) > SHOWN:
        print(f"... and {len(report.problems) - SHOWN} more", file=sys.stderr)
    status = "OK" if report.ok else f"{len(report.problems)} problem(s)"
    print(f"verified {report.captures} captures and {report.files} WARC files in {directory}: {status}"
          f" ({report.records} listed records of every exchange: list pages, attachments, failed requests)")
    return ExitCode.OK if report.ok else ExitCode.INTEGRITY
