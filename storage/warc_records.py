"""Every WARC record a crawl wrote (table ``warc_records``, migration 0011).

Three readers: the WARC writer asks whether a URL's payload was captured before (so an
unchanged list page or attachment becomes a ``revisit``; ``storage/earlier_captures.py``); export/show link an article's
attachments to their captures; ``verify`` checks every record, not only article ones.

Attachments are linked by URL when the record is read, not when the article is stored:
an attachment is fetched after its article (often after the article's batch committed),
and the same file may be linked from several articles. The link is the newest successful
(2xx) capture of the URL, following recorded redirects (``downfile.jsp?id=`` -> the file);
else the newest answer or failure, so a 404 or a refused connection shows as such.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

from sqlalchemy import Connection, Engine, insert, select
from w3lib.url import safe_url_string

from storage.models import WarcRecordRow
from storage.records import WarcRef
from storage.upsert import IN_CHUNK

#: Redirects followed from an attachment link to the file (a download script, then a CDN).
MAX_REDIRECTS = 5
#: Keys each attachment (after ``url`` and ``name``) and image of an export record gains.
ATTACHMENT_KEYS = ("status", "content_type", "length", "fetched_url", "error", "capture")


@dataclass(frozen=True)
class WrittenRecord:
    """What the WARC writer wrote for one exchange (or one failed request)."""

    ref: WarcRef
    fetched_at: datetime
    status: int  # HTTP status; negative: no response (Heritrix fetch status codes)
    content_type: str | None = None
    length: int | None = None
    location: str | None = None
    error: str | None = None


def add(engine: Engine, written: Sequence[WrittenRecord]) -> int:
    """Insert rows for records already on disk (the caller closed/fsynced their files)."""
    rows = [{"url": w.ref.url, "fetched_at": w.fetched_at, "status": w.status,
             "content_type": w.content_type, "length": w.length, "location": w.location,
             "error": w.error, "warc_file": w.ref.warc_file, "warc_record_id": w.ref.record_id,
             "warc_offset": w.ref.offset, "warc_length": w.ref.length,
             "payload_digest": w.ref.payload_digest} for w in written]
    for i in range(0, len(rows), IN_CHUNK):
        with engine.begin() as conn:
            conn.execute(insert(WarcRecordRow), rows[i:i + IN_CHUNK])
    return len(rows)


def iterate(engine: Engine, batch_size: int = 1000) -> Iterator[dict[str, Any]]:
    """Every row, by id, in the shape ``verify`` checks (``label`` names the table)."""
    last_id = 0
    while True:
        with engine.connect() as conn:
            rows = conn.execute(select(WarcRecordRow.__table__).where(WarcRecordRow.id > last_id)
                                .order_by(WarcRecordRow.id).limit(batch_size)).mappings().all()
        if not rows:
            return
        yield from ({**row, "label": "record"} for row in rows)
        last_id = rows[-1]["id"]


def request_url(url: str) -> str:
    """The URL as a crawl requests it (and WARC records it): percent-encoded, no fragment."""
    return safe_url_string(url.split("#", 1)[0], encoding="utf-8")


def _best(conn: Connection, urls: Iterable[str]) -> dict[str, dict[str, Any]]:
    """url -> its newest 2xx row, else its newest row of any status."""
    urls = sorted(set(urls))
    best: dict[str, dict[str, Any]] = {}
    for i in range(0, len(urls), IN_CHUNK):
        rows = conn.execute(select(WarcRecordRow.__table__)
                            .where(WarcRecordRow.url.in_(urls[i:i + IN_CHUNK]))
                            .order_by(WarcRecordRow.id)).mappings()
        for row in rows:
            held = best.get(row["url"])
            if held is None or 200 <= row["status"] < 300 or not 200 <= held["status"] < 300:
                best[row["url"]] = dict(row)
    return best


def _resolve(conn: Connection, urls: Iterable[str]) -> dict[str, dict[str, Any]]:
    """link URL -> the row of the answer it finally led to (redirects followed)."""
    final = {url: url for url in urls}
    rows = _best(conn, final.values())
    for _ in range(MAX_REDIRECTS):
        hops = {}
        for link, at in final.items():
            row = rows.get(at)
            if row is not None and 300 <= row["status"] < 400 and row["location"]:
                hops[link] = request_url(urljoin(at, row["location"]))
        if not hops:
            break
        rows.update(_best(conn, set(hops.values()) - set(rows)))
        final.update(hops)
    return {link: rows[at] for link, at in final.items() if at in rows}


#: Lists of an export record whose entries name a file fetched with the article: the key of
#: each entry holding the file's URL, and whether an entry never fetched gets the keys too
#: (null). Attachments are fetched by default, so a null says "not fetched"; images only with
#: JIEZHEN_IMAGES, so their entries stay as the contract has them unless a capture exists.
LINKED_FILES = (("attachments", "url", True), ("images", "src", False))


def fill_file_captures(conn: Connection, records: Sequence[dict[str, Any]]) -> None:
    """Give each attachment and captured image of each export record its capture (in place)."""
    links = {entry[key]: request_url(entry[key]) for r in records for field, key, _ in LINKED_FILES
             for entry in r.get(field) or [] if entry.get(key)}
    found = _resolve(conn, set(links.values())) if links else {}
    for record in records:
        for field, key, always in LINKED_FILES:
            if field not in record:
                continue
            out = []
            for entry in record[field] or []:
                row = found.get(links.get(entry.get(key) or "", ""))
                out.append({**entry, **_describe(row)} if row is not None or always else entry)
            record[field] = out


def _describe(row: dict[str, Any] | None) -> dict[str, Any]:
    if row is None:
        return dict.fromkeys(ATTACHMENT_KEYS)
    return {"status": row["status"], "content_type": row["content_type"], "length": row["length"],
            "fetched_url": row["url"], "error": row["error"],
            "capture": {"warc_file": row["warc_file"], "warc_record_id": row["warc_record_id"],
                        "warc_offset": row["warc_offset"], "payload_digest": row["payload_digest"]}}
