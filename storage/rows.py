"""Between Article records and ``articles`` rows, both ways.

Writing: an ``Article`` becomes column values (plus ``published_date`` derived for
filters). Reading: a row becomes the *export record* that ``export``, ``search``
and ``get`` hand to users: the Article record of CONTRACT.md in contract order,
then the archive fields. One function builds it so every command prints the same shape.
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any, Mapping

from storage.people import meeting_columns
from storage.records import ARTICLE_KEYS, Article, content_hash

#: Archive fields appended to the Article record, in CONTRACT.md order.
ARCHIVE_KEYS = ("id", "first_seen", "last_seen", "sightings", "duplicate_of", "version", "capture")
#: Keys only ``export`` adds (``Archive.iter_records``), so ``jiezhen import`` can restore an
#: archive faithfully: superseded texts and the capture rows (WARC references).
HISTORY_KEYS = ("versions", "captures")
#: Every key of an export record, in order (also the CSV header).
EXPORT_KEYS = ARTICLE_KEYS + ARCHIVE_KEYS + HISTORY_KEYS


def iso_utc(value: datetime | None) -> str | None:
    """``2026-11-27T16:18:55Z``: ISO 8601, UTC, whole seconds (what users diff and sort)."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def published_date(published: str | None) -> date | None:
    """The date part of a record's ``published`` ("YYYY-MM-DD[THH:MM]"), None if unparseable."""
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _text(value: str | None) -> str | None:
    """Drop U+0000: PostgreSQL text cannot hold it (SQLite can), and it is never part of
    what a page says (only decoding damage), so both backends store the same text."""
    return value.replace("\x00", "") if isinstance(value, str) else value


def article_values(article: Article) -> dict[str, Any]:
    """Column values of ``articles`` for ``article`` (identity and timestamps excluded).

    ``content_hash`` is recomputed from the stored body rather than trusted: a
    pipeline that edited the body without ``rehash()`` must not make the archive
    miss a change.
    """
    if not isinstance(article.url, str) or not article.url:
        raise ValueError(f"cannot archive an article without a URL (title: {article.title!r})")
    body = _text(article.body)
    return {
        "url": _text(article.url),
        "site": _text(article.site),
        "title": _text(article.title),
        "subtitle": _text(article.subtitle),
        "published": _text(article.published),
        "published_date": published_date(article.published),
        "source": _text(article.source),
        "author": _text(article.author),
        "editor": _text(article.editor),
        "body": body,
        "images": list(article.images or []),
        "attachments": list(article.attachments or []),
        "meeting": article.meeting,
        "content_hash": content_hash(body) if body is not None else None,
        **meeting_columns(article.meeting),  # event_type, event_name, organizer, event_date
    }


def export_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """The export record of one ``articles`` row (a mapping of column name to value)."""
    record: dict[str, Any] = {key: row[key] for key in ARTICLE_KEYS}
    record["images"] = list(record["images"] or [])
    record["attachments"] = list(record["attachments"] or [])
    first_seen = iso_utc(row["first_seen"])
    record.update({
        "id": row["id"],
        "first_seen": first_seen,
        "last_seen": iso_utc(row["last_seen"]),
        # The article's own sighting; storage/sightings.py adds its story's other copies.
        "sightings": [{"url": row["url"], "site": row["site"], "first_seen": first_seen,
                       "published": row["published"], "source": row["source"], "id": row["id"],
                       "duplicate_of": row["duplicate_of"], "differs": []}],
        "duplicate_of": row["duplicate_of"],
        "version": row["version"],
        "capture": None,  # filled by storage.capture_refs (a query on captures)
    })
    return record
