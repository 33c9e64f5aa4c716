"""Storing a batch of articles: insert new URLs, version changed texts, keep raw captures.

Runs inside the caller's transaction (``Archive.store_batch`` owns it and retries
it on a lost race). Rows are handled in URL order so that two writers with
overlapping batches lock rows in the same order and cannot deadlock each other on
PostgreSQL. ``last_seen``/``first_seen`` move only outwards, computed in SQL, so a
late writer with an older timestamp never drags them back.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection, case, insert, literal, select, update

from storage.models import ArticleRow, CaptureRow, UTCDateTime
from storage.records import Article, Capture
from storage.rows import article_values

#: Bound-parameter budget per IN (...) query (SQLite's limit is far above this).
IN_CHUNK = 500


@dataclass
class StoreResult:
    """Article ids by outcome, one entry per stored item, in the order given."""

    new: list[int] = field(default_factory=list)
    changed: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)


def store_items(conn: Connection, items: Sequence[tuple[Article, Capture | None]],
                seen_at: datetime) -> StoreResult:
    values = [article_values(article) for article, _ in items]
    known = _existing(conn, sorted({v["url"] for v in values}))
    seen = literal(seen_at, UTCDateTime())
    outcomes: list[tuple[int, str, int]] = []
    for index in sorted(range(len(items)), key=lambda i: values[i]["url"]):
        row_values, capture = values[index], items[index][1]
        url = row_values["url"]
        if url not in known:
            article_id = conn.execute(
                insert(ArticleRow).values(**row_values, version=1, first_seen=seen_at,
                                          last_seen=seen_at)
            ).inserted_primary_key[0]
            known[url] = (article_id, row_values["content_hash"])
            outcome = "new"
        else:
            article_id, stored_hash = known[url]
            changes = {
                "last_seen": case((ArticleRow.last_seen < seen, seen), else_=ArticleRow.last_seen),
                "first_seen": case((ArticleRow.first_seen > seen, seen), else_=ArticleRow.first_seen),
            }
            if stored_hash == row_values["content_hash"]:
                outcome = "unchanged"
            else:
                changes.update(row_values, version=ArticleRow.version + 1)
                known[url] = (article_id, row_values["content_hash"])
                outcome = "changed"
            conn.execute(update(ArticleRow).where(ArticleRow.id == article_id).values(**changes))
        if capture is not None:
            _add_capture(conn, article_id, capture, check=outcome != "new")
        outcomes.append((index, outcome, article_id))
    result = StoreResult()
    for _, outcome, article_id in sorted(outcomes):
        getattr(result, outcome).append(article_id)
    return result


def _existing(conn: Connection, urls: list[str]) -> dict[str, tuple[int, str]]:
    """url -> (id, content_hash) of the given URLs already archived."""
    found: dict[str, tuple[int, str]] = {}
    for i in range(0, len(urls), IN_CHUNK):
        rows = conn.execute(
            select(ArticleRow.url, ArticleRow.id, ArticleRow.content_hash)
            .where(ArticleRow.url.in_(urls[i:i + IN_CHUNK]))
        )
        found.update((url, (article_id, digest)) for url, article_id, digest in rows)
    return found


def _add_capture(conn: Connection, article_id: int, capture: Capture, *, check: bool) -> None:
    """Append ``capture`` unless this article already has one with the same bytes."""
    digest = capture.digest
    if check and conn.execute(
        select(CaptureRow.id).where(CaptureRow.article_id == article_id, CaptureRow.digest == digest)
    ).first() is not None:
        return
    conn.execute(insert(CaptureRow).values(
        article_id=article_id, url=capture.url, fetched_at=capture.fetched_at,
        status=capture.status, headers=dict(capture.headers or {}), encoding=capture.encoding,
        digest=digest, body=bytes(capture.body),
    ))
