"""Storing a batch of articles: insert new URLs, version changed texts (the superseded text is
copied to ``article_versions`` first), keep raw captures,
and keep the person registry (``storage/people.py``) in step with the texts.

Runs inside the caller's transaction (``Archive.store_batch`` owns it and retries
it on a lost race). Rows are handled in URL order so that two writers with
overlapping batches lock rows in the same order and cannot deadlock each other on
PostgreSQL. ``last_seen``/``first_seen`` move only outwards, computed in SQL, so a
late writer with an older timestamp never drags them back.
"""
from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection, case, insert, literal, select, update

from storage import history
from storage.models import ArticleRow, ArticleVersionRow, CaptureRow, UTCDateTime
from storage.people import write_appearances
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
    #: same body, other fields re-extracted differently (only with ``refresh=True``)
    refreshed: list[int] = field(default_factory=list)
    #: a text seen before the current one (an import of an older capture), placed in the
    #: version history (``storage/history.py``); the current text did not change
    older: list[int] = field(default_factory=list)
    #: (outcome, article id) of each item, in the order given ("new", "changed", "unchanged",
    #: "refreshed", "older")
    items: list[tuple[str, int]] = field(default_factory=list)
    #: (repost id, canonical id) of every repost linked to its story in this batch
    reposts: list[tuple[int, int]] = field(default_factory=list)


#: Article columns that ``refresh`` compares (everything extraction and the stages produce).
REFRESH_COLUMNS = ("site", "title", "body", "subtitle", "published", "source", "author", "editor",
                   "images", "attachments", "meeting")


def store_items(conn: Connection, items: Sequence[tuple[Article, Capture | None]],
                seen_at: datetime | Sequence[datetime], *, sighting: bool = True,
                refresh: bool = False) -> StoreResult:
    """``sighting=False`` (reprocessing stored captures) leaves first/last_seen alone;
    ``refresh=True`` also rewrites an article whose body is the same but whose other fields
    (title, date, meeting...) now come out differently; its version does not move.
    ``seen_at`` is one time for the batch (a crawl: now) or one per item (``jiezhen import``:
    each WARC record's date)."""
    seen_times = list(seen_at) if isinstance(seen_at, Sequence) else [seen_at] * len(items)
    values = [{**article_values(article), "etag": None, "last_modified": None, **_validators(capture)}
              for article, capture in items]
    known, spans = _existing_with_spans(conn, sorted({v["url"] for v in values}))
    order = sorted(range(len(items)), key=lambda i: values[i]["url"])
    outcomes: list[tuple[int, str, int]] = []

    # New URLs first, in one multi-row INSERT ... RETURNING (a statement per row costs more
    # than the write itself); the first item of a URL inserts, any repeat is an update below.
    fresh = [i for i in order if values[i]["url"] not in known]
    fresh = [i for n, i in enumerate(fresh) if n == 0 or values[i]["url"] != values[fresh[n - 1]]["url"]]
    if fresh:
        rows = conn.execute(
            insert(ArticleRow).returning(ArticleRow.id, sort_by_parameter_order=True),
            [{**values[i], "version": 1, "first_seen": seen_times[i], "last_seen": seen_times[i]}
             for i in fresh],
        ).all()
        for i, (article_id,) in zip(fresh, rows):
            known[values[i]["url"]] = (article_id, values[i]["content_hash"])
            outcomes.append((i, "new", article_id))
        new_captures = [_capture_values(known[values[i]["url"]][0], items[i][1])
                        for i in fresh if items[i][1] is not None]
        if new_captures:
            conn.execute(insert(CaptureRow), new_captures)

    inserted = set(fresh)
    for index in order:
        if index in inserted:
            continue
        seen = literal(seen_times[index], UTCDateTime())
        row_values, capture = values[index], items[index][1]
        article_id, stored_hash = known[row_values["url"]]
        span = spans.get(row_values["url"])  # None: inserted by this batch
        if sighting and span is not None and _into_history(conn, article_id, span, row_values,
                                                           seen_times[index], stored_hash):
            conn.execute(update(ArticleRow).where(ArticleRow.id == article_id).values(
                first_seen=case((ArticleRow.first_seen > seen, seen), else_=ArticleRow.first_seen)))
            if capture is not None:
                _add_capture(conn, article_id, capture)
            outcomes.append((index, "older", article_id))
            continue
        changes = {
            "last_seen": case((ArticleRow.last_seen < seen, seen), else_=ArticleRow.last_seen),
            "first_seen": case((ArticleRow.first_seen > seen, seen), else_=ArticleRow.first_seen),
        } if sighting else {}
        if stored_hash == row_values["content_hash"]:
            changes.update(_validators(capture))  # same text, maybe new validators
            outcome = "unchanged"
            if refresh and _fields_differ(conn, article_id, row_values):
                changes.update(row_values)
                outcome = "refreshed"
        else:
            _keep_version(conn, article_id, seen)
            changes.update(row_values, version=ArticleRow.version + 1)
            known[row_values["url"]] = (article_id, row_values["content_hash"])
            outcome = "changed"
        if changes:
            conn.execute(update(ArticleRow).where(ArticleRow.id == article_id).values(**changes))
        if capture is not None:
            _add_capture(conn, article_id, capture)
        if span is not None and sighting:  # a later item of this URL in this batch sees this one
            spans[row_values["url"]] = (min(history.utc(span[0]), history.utc(seen_times[index])),
                                        max(history.utc(span[1]), history.utc(seen_times[index])))
        outcomes.append((index, outcome, article_id))
    # The person registry follows the text: new and changed articles get their meeting's people.
    write_appearances(conn, [(article_id, items[index][0].meeting)
                             for index, outcome, article_id in outcomes
                             if outcome not in ("unchanged", "older")])
    result = StoreResult()
    for _, outcome, article_id in sorted(outcomes):
        getattr(result, outcome).append(article_id)
        result.items.append((outcome, article_id))
    return result


def _into_history(conn: Connection, article_id: int, span: tuple[datetime, datetime],
                  row_values: dict, seen: datetime, stored_hash: str) -> bool:
    """A capture older than the current text (an import of an old WARC, a slower concurrent
    writer) goes into the version history, and the current text stays (``storage/history.py``).
    False when it is an ordinary sighting or change, for the caller to store as usual."""
    same_text = stored_hash == row_values["content_hash"]
    if not history.is_earlier(conn, article_id, *span, seen, same_text):
        return False
    placed = history.place(conn, article_id, row_values, seen)
    return not (placed == "sighting" and same_text)  # the current text seen early: unchanged


def _validators(capture: Capture | None) -> dict[str, str | None]:
    """ETag / Last-Modified of the response stored, for conditional re-checks (none: no capture)."""
    if capture is None:
        return {}
    headers = {k.lower(): v for k, v in (capture.headers or {}).items()}
    return {"etag": headers.get("etag"), "last_modified": headers.get("last-modified")}


def _fields_differ(conn: Connection, article_id: int, row_values: dict) -> bool:
    columns = [getattr(ArticleRow, name) for name in REFRESH_COLUMNS]
    stored = conn.execute(select(*columns).where(ArticleRow.id == article_id)).one()
    return any(_comparable(stored[i]) != _comparable(row_values[name])
               for i, name in enumerate(REFRESH_COLUMNS))


def _comparable(value: object) -> str:
    """JSON columns come back as freshly parsed objects: compare their canonical text."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


#: Columns of a superseded version, copied from ``articles`` as they were before the change.
VERSION_COLUMNS = ("version", "content_hash", "title", "subtitle", "published", "source", "author",
                   "editor", "body")


def _keep_version(conn: Connection, article_id: int, replaced_at) -> None:
    """Copy the article's current text into ``article_versions`` before it is overwritten."""
    columns = [ArticleRow.__table__.c[name] for name in VERSION_COLUMNS]
    conn.execute(insert(ArticleVersionRow).from_select(
        ["article_id", *VERSION_COLUMNS, "replaced_at"],
        select(ArticleRow.id, *columns, replaced_at).where(ArticleRow.id == article_id)))


def _existing(conn: Connection, urls: list[str]) -> dict[str, tuple[int, str]]:
    """url -> (id, content_hash) of the given URLs already archived."""
    return _existing_with_spans(conn, urls)[0]


def _existing_with_spans(conn: Connection, urls: list[str]) -> tuple[
        dict[str, tuple[int, str]], dict[str, tuple[datetime, datetime]]]:
    """For the given URLs already archived: url -> (id, content_hash), and url ->
    (first_seen, last_seen)."""
    found: dict[str, tuple[int, str]] = {}
    spans: dict[str, tuple[datetime, datetime]] = {}
    for i in range(0, len(urls), IN_CHUNK):
        rows = conn.execute(
            select(ArticleRow.url, ArticleRow.id, ArticleRow.content_hash, ArticleRow.first_seen,
                   ArticleRow.last_seen)
            .where(ArticleRow.url.in_(urls[i:i + IN_CHUNK]))
        )
        for url, article_id, digest, first_seen, last_seen in rows:
            found[url] = (article_id, digest)
            spans[url] = (first_seen, last_seen)
    return found, spans


def _capture_values(article_id: int, capture: Capture) -> dict:
    """A capture row. With a WARC record the bytes are kept there only (NOTES.md: WARC
    capture); the writer has flushed that record before this row's transaction commits."""
    warc = capture.warc
    return dict(article_id=article_id, url=capture.url, fetched_at=capture.fetched_at,
                status=capture.status, headers=dict(capture.headers or {}),
                encoding=capture.encoding, digest=capture.digest,
                body=None if warc is not None else bytes(capture.body),
                warc_file=warc.warc_file if warc else None,
                warc_record_id=warc.record_id if warc else None,
                warc_offset=warc.offset if warc else None,
                warc_length=warc.length if warc else None,
                payload_digest=warc.payload_digest if warc else None)


def _add_capture(conn: Connection, article_id: int, capture: Capture) -> None:
    """Append ``capture`` unless this article already has one with the same bytes."""
    if conn.execute(
        select(CaptureRow.id).where(CaptureRow.article_id == article_id,
                                    CaptureRow.digest == capture.digest)
    ).first() is not None:
        return
    conn.execute(insert(CaptureRow).values(**_capture_values(article_id, capture)))
