"""The ``capture`` object of export records: which WARC record an article's text came from.

Kept apart from ``rows.export_record`` (which maps one ``articles`` row) because it reads
another table: callers fill a whole page of records with one query here.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, select

from storage.models import CaptureRow
from storage.upsert import IN_CHUNK
from storage.warc_records import fill_file_captures


def latest_warc_refs(conn: Connection, article_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """article id -> the ``capture`` object of its newest capture that has a WARC record."""
    ids = sorted(set(article_ids))
    found: dict[int, dict[str, Any]] = {}
    for i in range(0, len(ids), IN_CHUNK):
        rows = conn.execute(
            select(CaptureRow.article_id, CaptureRow.warc_file, CaptureRow.warc_record_id,
                   CaptureRow.warc_offset, CaptureRow.payload_digest)
            .where(CaptureRow.article_id.in_(ids[i:i + IN_CHUNK]), CaptureRow.warc_file.is_not(None))
            .order_by(CaptureRow.id))
        for article_id, warc_file, record_id, offset, payload_digest in rows:
            found[article_id] = {"warc_file": warc_file, "warc_record_id": record_id,
                                 "warc_offset": offset, "payload_digest": payload_digest}
    return found


def fill_captures(conn: Connection, records: Sequence[dict[str, Any]]) -> None:
    """Set ``capture`` of each export record (in place); null when it has no WARC record.
    Records that carry ``attachments`` or ``images`` get each file's capture too."""
    refs = latest_warc_refs(conn, [r["id"] for r in records])
    for record in records:
        record["capture"] = refs.get(record["id"])
    if any("attachments" in record or "images" in record for record in records):
        fill_file_captures(conn, records)


#: Capture columns an export carries (``captures``) so an import restores the provenance rows.
EXPORTED_CAPTURE_COLUMNS = ("url", "fetched_at", "status", "headers", "encoding", "digest", "warc_file",
                            "warc_record_id", "warc_offset", "warc_length", "payload_digest")


def warc_capture_rows(conn: Connection, article_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """article id -> its capture rows that point at a WARC record, oldest first (no bytes: a
    capture kept only in the database, ``--no-warc``, is not exported)."""
    from storage.rows import iso_utc

    ids = sorted(set(article_ids))
    columns = [CaptureRow.__table__.c[name] for name in EXPORTED_CAPTURE_COLUMNS]
    found: dict[int, list[dict[str, Any]]] = {}
    for i in range(0, len(ids), IN_CHUNK):
        for row in conn.execute(select(CaptureRow.article_id, *columns)
                                .where(CaptureRow.article_id.in_(ids[i:i + IN_CHUNK]),
                                       CaptureRow.warc_file.is_not(None))
                                .order_by(CaptureRow.id)).mappings():
            entry = {name: row[name] for name in EXPORTED_CAPTURE_COLUMNS}
            entry["fetched_at"] = iso_utc(entry["fetched_at"])
            found.setdefault(row["article_id"], []).append(entry)
    return found
