"""Placing a text seen EARLIER than the article's current one into its version history.

A crawl always sees pages in time order, so a changed text is the newest and becomes the
current version. ``jiezhen import`` does not: a WARC file from last year imported after
this week's crawl carries an older capture of a page. Applying it as a change would make
the old text current (what search, export and the person registry show) and record this
week's text as superseded by it: the history would be false. Here such a text goes into
``article_versions`` at the place its capture date says; the current text stays current.

The history is a timeline (``Archive.versions``): version 1 seen from ``first_seen`` until
its ``replaced_at``, each next version from the previous one's ``replaced_at``, the current
one until ``last_seen``. A text seen at ``t``:
  - before ``first_seen``: it is the first version, replaced at the old ``first_seen``
    (or, if it is version 1's text, version 1 was simply seen earlier);
  - inside a superseded version's span with that version's text: nothing to add (another
    sighting); with the next version's text: the next version was seen from ``t``;
    otherwise the version was replaced at ``t`` by this text, which lasted until the span's
    end (the fewest changes that fit what was seen);
  - inside the current version's span (the current text was seen before and after ``t``):
    the current text until ``t``, this text at ``t``, the current text again from ``t``
    (the page changed and changed back; nothing says when exactly, so the middle version
    is seen from ``t`` until ``t``).
Version numbers follow the timeline: later versions are renumbered.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Connection, insert, select, update

from storage.models import ArticleRow, ArticleVersionRow

#: Columns of a version (``storage/upsert.py`` ``VERSION_COLUMNS`` minus the number).
TEXT_COLUMNS = ("content_hash", "title", "subtitle", "published", "source", "author", "editor", "body")


def utc(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)


def current_since(conn: Connection, article_id: int, first_seen: datetime) -> datetime:
    """When the current text was first seen: the last superseded version's ``replaced_at``."""
    replaced = conn.execute(select(ArticleVersionRow.replaced_at)
                            .where(ArticleVersionRow.article_id == article_id)
                            .order_by(ArticleVersionRow.version.desc()).limit(1)).scalar()
    return utc(replaced if replaced is not None else first_seen)


def is_earlier(conn: Connection, article_id: int, first_seen: datetime, last_seen: datetime,
               seen: datetime, same_text: bool) -> bool:
    """Whether a capture seen at ``seen`` belongs in the history rather than at its head."""
    seen = utc(seen)
    if seen >= utc(last_seen):
        return False
    return not same_text or seen < current_since(conn, article_id, first_seen)


def place(conn: Connection, article_id: int, text: dict[str, Any], seen: datetime) -> str:
    """Put ``text`` (values of ``TEXT_COLUMNS``) seen at ``seen`` into the history; returns
    what was done: ``inserted``, ``split`` (the current text seen around it), ``moved`` (a
    known version seen earlier than recorded) or ``sighting`` (nothing to record)."""
    seen = utc(seen)
    article = conn.execute(select(ArticleRow.__table__).where(ArticleRow.id == article_id)).mappings().one()
    older = conn.execute(select(ArticleVersionRow.__table__)
                         .where(ArticleVersionRow.article_id == article_id)
                         .order_by(ArticleVersionRow.version)).mappings().all()
    spans = []  # (version, content_hash, seen_from, seen_until, superseded row or None)
    seen_from = utc(article["first_seen"])
    for row in older:
        spans.append((row["version"], row["content_hash"], seen_from, utc(row["replaced_at"]), row))
        seen_from = utc(row["replaced_at"])
    spans.append((article["version"], article["content_hash"], seen_from, utc(article["last_seen"]), None))

    first_version, first_hash, first_from = spans[0][0], spans[0][1], spans[0][2]
    if seen < first_from:
        if text["content_hash"] == first_hash:
            return "sighting"  # first_seen moves back (the caller's update does that)
        _make_room(conn, article_id, first_version, 1)
        _insert(conn, article_id, first_version, text, replaced_at=first_from)
        return "inserted"
    for index, (version, digest, _, until, row) in enumerate(spans):
        if seen >= until and row is not None:
            continue
        if digest == text["content_hash"]:
            return "sighting"
        if row is None:  # inside the current span: current, this text, current again
            current = {name: article[name] for name in TEXT_COLUMNS}
            _make_room(conn, article_id, version, 2)
            _insert(conn, article_id, version, current, replaced_at=seen)
            _insert(conn, article_id, version + 1, text, replaced_at=seen)
            return "split"
        if spans[index + 1][1] == text["content_hash"]:
            _set_replaced(conn, row["id"], seen)  # the next text was there from ``seen``
            return "moved"
        _make_room(conn, article_id, version + 1, 1)
        _set_replaced(conn, row["id"], seen)
        _insert(conn, article_id, version + 1, text, replaced_at=until)
        return "inserted"
    raise AssertionError("a sighting before last_seen falls in some span")


def _make_room(conn: Connection, article_id: int, from_version: int, count: int) -> None:
    """Renumber versions >= ``from_version`` (and the current one) up by ``count``. Two
    steps through negative numbers: the (article_id, version) unique constraint is checked
    row by row, so shifting in place would collide."""
    versions = ArticleVersionRow.__table__
    where = (versions.c.article_id == article_id) & (versions.c.version >= from_version)
    conn.execute(update(versions).where(where).values(version=-(versions.c.version + count)))
    conn.execute(update(versions).where((versions.c.article_id == article_id) & (versions.c.version < 0))
                 .values(version=-versions.c.version))
    conn.execute(update(ArticleRow).where(ArticleRow.id == article_id)
                 .values(version=ArticleRow.version + count))


def _insert(conn: Connection, article_id: int, version: int, text: dict[str, Any],
            replaced_at: datetime) -> None:
    conn.execute(insert(ArticleVersionRow).values(
        article_id=article_id, version=version, replaced_at=replaced_at,
        **{name: text[name] for name in TEXT_COLUMNS}))


def _set_replaced(conn: Connection, version_row_id: int, replaced_at: datetime) -> None:
    conn.execute(update(ArticleVersionRow).where(ArticleVersionRow.id == version_row_id)
                 .values(replaced_at=replaced_at))
