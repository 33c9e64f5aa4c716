"""``jiezhen db upgrade``: create or migrate the schema; ``jiezhen db reindex``: rebuild search,
and add articles missing from the story index (those archived before it existed) to it."""
from __future__ import annotations

import argparse

from crawler.cli.options import add_db_option
from crawler.cli.summary import describe_db
from pipelines.logic.dedup import fingerprint
from storage.archive import Archive
from storage.db import resolve_db_url


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("db", help="database maintenance")
    p.add_argument("action", choices=("upgrade", "reindex"),
                   help="upgrade: migrate to the current schema; reindex: rebuild the search index "
                        "and index the stories of articles not yet in the repost index")
    add_db_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    url = resolve_db_url(args.db)
    if args.action == "reindex":
        with Archive.open(url) as archive:
            count = archive.reindex()
            print(f"search index rebuilt: {count} articles ({describe_db(url)})")
            added, linked = _index_stories(archive)
        if added:
            print(f"story index: {added} articles added, {linked} linked as reposts")
        return 0
    with Archive.open(url, migrate=True):
        pass
    print(f"database {describe_db(url)} is at the current schema")
    return 0


def _index_stories(archive: Archive) -> tuple[int, int]:
    """Fingerprint and index every article the story index lacks; (indexed, linked)."""
    added = linked = 0
    for batch in archive.stories_to_index():
        prints = [(row["id"], fingerprint(row["title"], row["body"])) for row in batch]
        prints = [(article_id, fp) for article_id, fp in prints if fp is not None]
        linked += len(archive.index_stories(prints))
        added += len(prints)
    return added, linked
