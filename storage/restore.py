"""Restoring export records as they were: ``jiezhen import`` of a JSONL ``export``.

A faithful copy, not a re-crawl: text, hashes, ``first_seen``/``last_seen``, ``version``,
the superseded versions and the capture rows that point at WARC records (``versions`` and
``captures``, which ``export`` writes for this; the WARC files themselves are not in the
JSONL: copy the WARC folder along), and the story links
(``duplicate_of``, given in the record as the canonical copy's id and, through
``sightings``, its URL) are written as recorded, not recomputed; only ids are new. The
caller supplies each record's story fingerprint so that later crawls link to the restored
stories (keys are indexed; links are taken from the record, never re-derived).

Idempotent: a URL already archived with the same ``content_hash`` (or one of its older
versions' hashes) is a ``duplicate``: only its first/last_seen widen to the record's. A URL
archived with another text is ``updated``: the stored text becomes a version, as a crawl does.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, case, insert, literal, select, update

from storage.models import ArticleRow, ArticleVersionRow, CaptureRow, UTCDateTime
from storage.people import write_appearances
from storage.records import Article
from storage.rows import article_values, iso_utc
from storage.stories import StoryFingerprint, _insert_keys
from storage.upsert import IN_CHUNK, VERSION_COLUMNS, _existing, _keep_version


class RecordInvalid(ValueError):
    """An export record that cannot be restored faithfully (missing or inconsistent fields)."""


@dataclass
class RestoreResult:
    new: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    duplicate: list[int] = field(default_factory=list)
    #: (article url, canonical url) links whose canonical copy is not archived yet
    unresolved: list[tuple[str, str]] = field(default_factory=list)


def parse_time(value: Any) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise RecordInvalid(f"not an ISO 8601 time: {value!r}") from None
    if moment.tzinfo is None:
        raise RecordInvalid(f"time without a time zone: {value!r}")
    return moment


def canonical_url(record: dict[str, Any]) -> str | None:
    """The URL of the record's canonical copy (its ``duplicate_of``), read from ``sightings``."""
    target = record.get("duplicate_of")
    if target is None:
        return None
    for sighting in record.get("sightings") or []:
        if sighting.get("id") == target:
            return sighting.get("url")
    raise RecordInvalid(f"duplicate_of {target} is not among the record's sightings")


def check_record(record: dict[str, Any]) -> Article:
    """The record's Article, after checking it is whole and its hash is its body's."""
    for key in ("url", "title", "body", "content_hash", "first_seen", "last_seen"):
        if record.get(key) in (None, ""):
            raise RecordInvalid(f"missing {key}")
    article = Article.from_record(record)
    if article_values(article)["content_hash"] != record["content_hash"]:
        raise RecordInvalid("content_hash is not the hash of the body (edited record?)")
    for old in record.get("versions") or []:
        body = old.get("body")
        if body is None or Article(url=None, title="", body=body).content_hash != old.get("content_hash"):
            raise RecordInvalid(f"version {old.get('version')}: content_hash is not the hash of its body")
    for entry in record.get("captures") or []:
        missing = [k for k in ("url", "fetched_at", "status", "digest", "warc_file", "warc_offset",
                               "warc_length") if entry.get(k) in (None, "")]
        if missing:
            raise RecordInvalid(f"capture without {', '.join(missing)}")
        parse_time(entry["fetched_at"])
    return article


def restore_records(conn: Connection, records: Sequence[dict[str, Any]],
                    fingerprints: Sequence[StoryFingerprint | None]) -> RestoreResult:
    """Write checked records (``check_record`` first) in the caller's transaction."""
    result = RestoreResult()
    articles = [Article.from_record(r) for r in records]
    known = _existing(conn, sorted({a.url for a in articles}))
    versions = _version_hashes(conn, [known[url][0] for url in known])
    fresh: dict[str, int] = {}  # url -> index of the record that inserts it
    later: list[int] = []  # records of a URL inserted by an earlier record of this batch
    appearances = []
    for index, (record, article) in enumerate(zip(records, articles)):
        if article.url in fresh:
            later.append(index)
            continue
        if article.url not in known:
            fresh[article.url] = index
            continue
        values = article_values(article)
        first, last = parse_time(record["first_seen"]), parse_time(record["last_seen"])
        article_id, stored_hash = known[article.url]
        if stored_hash == values["content_hash"] or values["content_hash"] in versions.get(article_id, ()):
            _widen(conn, article_id, first, last)
            result.duplicate.append(article_id)
            continue
        _keep_version(conn, article_id, literal(first, UTCDateTime()))
        conn.execute(update(ArticleRow).where(ArticleRow.id == article_id).values(
            **values, version=ArticleRow.version + 1))
        _widen(conn, article_id, first, last)
        known[article.url] = (article_id, values["content_hash"])
        result.updated.append(article_id)
        appearances.append((article_id, article.meeting))
    order = list(fresh.values())
    if order:
        # One multi-row INSERT ... RETURNING: a statement per row costs more than the write.
        rows = conn.execute(insert(ArticleRow).returning(ArticleRow.id, sort_by_parameter_order=True), [
            {**article_values(articles[i]), "version": int(records[i].get("version") or 1),
             "first_seen": parse_time(records[i]["first_seen"]),
             "last_seen": parse_time(records[i]["last_seen"])} for i in order]).all()
        old_versions, new_keys = [], []
        for i, (article_id,) in zip(order, rows):
            record, article = records[i], articles[i]
            known[article.url] = (article_id, article.content_hash)
            first = parse_time(record["first_seen"])
            old_versions += [{**{name: entry.get(name) for name in VERSION_COLUMNS},
                              "article_id": article_id,
                              "replaced_at": parse_time(entry.get("replaced_at")) or first}
                             for entry in record.get("versions") or []]
            if fingerprints[i] is not None:
                new_keys.extend((key, article_id) for key in set(fingerprints[i].keys))
            target = canonical_url(record)
            if target is not None:
                result.unresolved.append((article.url, target))
            result.new.append(article_id)
            appearances.append((article_id, article.meeting))
        if old_versions:
            conn.execute(insert(ArticleVersionRow), old_versions)
        captures = [{**entry, "article_id": article_id, "body": None,
                     "fetched_at": parse_time(entry.get("fetched_at")), "headers": entry.get("headers") or {}}
                    for i, (article_id,) in zip(order, rows)
                    for entry in records[i].get("captures") or [] if entry.get("warc_file")]
        if captures:
            conn.execute(insert(CaptureRow), captures)
        _insert_keys(conn, sorted(new_keys))
    for i in later:
        article_id = known[articles[i].url][0]
        _widen(conn, article_id, parse_time(records[i]["first_seen"]), parse_time(records[i]["last_seen"]))
        result.duplicate.append(article_id)
    write_appearances(conn, appearances)
    result.unresolved = link_by_url(conn, result.unresolved)
    return result


def link_by_url(conn: Connection, links: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Set ``duplicate_of`` for (repost url, canonical url) pairs both archived; returns the
    pairs whose canonical copy is not archived (yet)."""
    if not links:
        return []
    ids = _existing(conn, sorted({u for pair in links for u in pair}))
    left = []
    for repost, canonical in links:
        if repost in ids and canonical in ids:
            conn.execute(update(ArticleRow).where(ArticleRow.id == ids[repost][0])
                         .values(duplicate_of=ids[canonical][0]))
        else:
            left.append((repost, canonical))
    return left


def _widen(conn: Connection, article_id: int, first: datetime, last: datetime) -> None:
    first_at, last_at = literal(first, UTCDateTime()), literal(last, UTCDateTime())
    conn.execute(update(ArticleRow).where(ArticleRow.id == article_id).values(
        first_seen=case((ArticleRow.first_seen > first_at, first_at), else_=ArticleRow.first_seen),
        last_seen=case((ArticleRow.last_seen < last_at, last_at), else_=ArticleRow.last_seen)))


def _version_hashes(conn: Connection, ids: list[int]) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    for i in range(0, len(ids), IN_CHUNK):
        for article_id, digest in conn.execute(
                select(ArticleVersionRow.article_id, ArticleVersionRow.content_hash)
                .where(ArticleVersionRow.article_id.in_(ids[i:i + IN_CHUNK]))):
            found.setdefault(article_id, set()).add(digest)
    return found


def older_versions(conn: Connection, article_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """article id -> its superseded versions, oldest first (the ``versions`` export key)."""
    ids = sorted(set(article_ids))
    found: dict[int, list[dict[str, Any]]] = {}
    for i in range(0, len(ids), IN_CHUNK):
        for row in conn.execute(select(ArticleVersionRow.__table__)
                                .where(ArticleVersionRow.article_id.in_(ids[i:i + IN_CHUNK]))
                                .order_by(ArticleVersionRow.article_id, ArticleVersionRow.version)
                                ).mappings():
            found.setdefault(row["article_id"], []).append(
                {**{name: row[name] for name in VERSION_COLUMNS},
                 "replaced_at": iso_utc(row["replaced_at"])})
    return found
