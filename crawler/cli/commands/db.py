"""``jiezhen db upgrade``: create or migrate the schema; ``jiezhen db reindex``: rebuild search."""
from __future__ import annotations

import argparse

from crawler.cli.options import add_db_option
from crawler.cli.summary import describe_db
from storage.archive import Archive
from storage.db import resolve_db_url


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("db", help="database maintenance")
    p.add_argument("action", choices=("upgrade", "reindex"),
                   help="upgrade: migrate to the current schema; reindex: rebuild the search index")
    add_db_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    url = resolve_db_url(args.db)
    if args.action == "reindex":
        with Archive.open(url) as archive:
            count = archive.reindex()
        print(f"search index rebuilt: {count} articles ({describe_db(url)})")
        return 0
    with Archive.open(url, migrate=True):
        pass
    print(f"database {describe_db(url)} is at the current schema")
    return 0
