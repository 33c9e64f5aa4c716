"""The ``sightings`` of export records: every copy of a story the archive holds.

A story is its canonical article plus every article whose ``duplicate_of`` names it
(``storage/stories.py``). Each record of a story, canonical or repost, lists the same
sightings: canonical copy first, then by publication date and first sighting. Each says
where and when (``url``, ``site``, ``first_seen``, ``published``, ``source``, ``id``) and
what differs from the canonical copy (``differs``: the fields whose values differ, among
title, published, source and body); the full text of every copy stays in its own record.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, or_, select

from storage.models import ArticleRow
from storage.rows import iso_utc

A = ArticleRow.__table__
IN_CHUNK = 500
#: Fields compared between a sighting and its story's canonical copy.
COMPARED = ("title", "published", "source", "content_hash")


def _differs(row: Any, canonical: Any) -> list[str]:
    return ["body" if name == "content_hash" else name for name in COMPARED
            if row[name] != canonical[name]]


def story_sightings(conn: Connection, roots: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """canonical id -> its story's sightings, for the given canonical ids."""
    wanted = sorted(set(roots))
    members: dict[int, list[Any]] = defaultdict(list)
    for i in range(0, len(wanted), IN_CHUNK):
        chunk = wanted[i:i + IN_CHUNK]
        for row in conn.execute(
                select(A.c.id, A.c.duplicate_of, A.c.url, A.c.site, A.c.first_seen, A.c.published,
                       A.c.published_date, A.c.title, A.c.source, A.c.content_hash)
                .where(or_(A.c.id.in_(chunk), A.c.duplicate_of.in_(chunk)))).mappings():
            members[row["duplicate_of"] or row["id"]].append(row)
    result = {}
    for root, rows in members.items():
        canonical = next((r for r in rows if r["id"] == root), None)
        if canonical is None:
            continue
        others = sorted((r for r in rows if r["id"] != root),
                        key=lambda r: (r["published_date"] is None, r["published_date"] or 0,
                                       r["first_seen"], r["id"]))
        result[root] = [{"url": r["url"], "site": r["site"], "first_seen": iso_utc(r["first_seen"]),
                         "published": r["published"], "source": r["source"], "id": r["id"],
                         "duplicate_of": r["duplicate_of"], "differs": _differs(r, canonical)}
                        for r in [canonical, *others]]
    return result


def attach_sightings(conn: Connection, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Fill ``sightings`` of export records (in place) from the archive; returns them."""
    by_root = story_sightings(conn, [r["duplicate_of"] or r["id"] for r in records])
    for record in records:
        found = by_root.get(record["duplicate_of"] or record["id"])
        if found:
            record["sightings"] = found
    return records
