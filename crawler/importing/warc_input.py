"""Reading WARC / WARC.gz files written by any conforming tool (Heritrix, Browsertrix, wget,
warcio...) into pages, with the record itself as the page's capture.

warcio's ``ArchiveIterator`` parses the records (gzip per record or plain, ARC converted);
this module adds what an import needs on top of it:

- each HTML 200 ``response`` (or ``resource``) becomes a ``Page`` whose ``warc`` names the
  source file (absolute path: ``locate`` in ``crawler/warc/reader.py`` accepts it), the
  record's offset and length, id and payload digest, and whose time is the ``WARC-Date``;
- ``revisit`` records become ``Revisit`` (the page was seen again at that date);
- a record split into segments (``WARC-Segment-Number`` 1, then ``continuation`` records
  carrying ``WARC-Segment-Origin-ID``, the last with ``WARC-Segment-Total-Length``), in this
  file or a later one of the same import, is joined before it is decoded; its capture is a
  record of ours holding the joined payload (the first segment alone is not the page); so is
  a page from a file gzipped whole (one gzip stream of many records: no offset addresses
  one record; such a file is also read into memory whole);
- a cut or corrupt member, or a file that is not a WARC, is a ``BadInput`` naming the file
  and byte offset; reading goes on at the next record boundary found after it (strict
  framing: ``warc_frames.py``; warcio then parses each record's bytes).
"""
from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataReader, DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed

from crawler.importing.inputs import BadInput, Page, Revisit, Skipped
from crawler.importing.warc_frames import WARC_MAGIC, Frame, iter_frames
from crawler.warc.writer import payload_digest
from storage.records import WarcRef

#: HTML-ish media types, as the spider accepts them (crawler/spiders/news.py HTML_TYPES).
HTML_TYPES = ("text/html", "application/xhtml")
#: Record types that never hold a page: counted as skipped by their type.
NOT_PAGES = ("request", "warcinfo", "metadata", "conversion")
READ_ERRORS = (ArchiveLoadFailed, zlib.error, EOFError, ValueError, OSError)


class Segments:
    """Records split across segments, waiting for their last part (kept across files)."""

    def __init__(self) -> None:
        self.pending: dict[str, dict] = {}

    def unfinished(self) -> list[BadInput]:
        return [BadInput(part["where"], f"record {origin} is split into segments and its last "
                                        f"segment was not found")
                for origin, part in self.pending.items()]


def warc_date(value: str | None) -> datetime:
    """WARC-Date (``2023-02-06T08:01:02Z``, maybe with fractions) as an aware UTC datetime."""
    if not value:
        return datetime.now(timezone.utc)
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _headers(http_headers) -> dict[str, str]:  # noqa: ANN001
    out: dict[str, str] = {}
    for name, value in http_headers.headers:
        out[name] = f"{out[name]}, {value}" if name in out else value
    return out


def _media_type(headers: dict[str, str]) -> str:
    value = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
    return value.split(";")[0].strip().lower()


def _entity(raw: bytes, headers: dict[str, str]) -> bytes:
    """A payload with its transfer coding undone and its content coding kept: what a record of
    ours holds (our writer records the entity as a crawl receives it)."""
    lower = {k.lower(): v.lower() for k, v in headers.items()}
    if "chunked" in lower.get("transfer-encoding", ""):
        return ChunkedDataReader(io.BytesIO(raw), decomp_type=None).read()
    return raw


def _decoded(entity: bytes, headers: dict[str, str]) -> bytes:
    """An entity with its content coding undone (the body a spider reads), as warcio does for
    one record."""
    lower = {k.lower(): v.lower() for k, v in headers.items()}
    encoding = lower.get("content-encoding", "").strip()
    if encoding in ("gzip", "deflate", "br"):
        return DecompressingBufferedReader(io.BytesIO(entity), decomp_type=encoding).read()
    return entity


def _holds_one_record(raw: bytes) -> bool:
    """Whether a frame's bytes are one record (a gzip member per record, as the WARC standard
    recommends) rather than several (a whole file gzipped as one stream): only then do the
    frame's offset and length address the record."""
    head_end = raw.find(b"\r\n\r\n")
    if head_end < 0:
        return True  # not a record at all: warcio says what is wrong with it
    for line in raw[:head_end].split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            try:
                end = head_end + 4 + int(value.strip())
            except ValueError:
                return True
            return not raw[end:].strip()
    return True


def read_warc(path: Path, segments: Segments) -> Iterator[Page | Skipped | Revisit | BadInput]:
    """Every record of one WARC file, in order (see the module docstring)."""
    name = str(path.resolve())
    for frame in iter_frames(path):
        if isinstance(frame, BadInput):
            yield frame
            continue
        where = f"{path}@{frame.offset}"
        # Only a frame that is one WARC record can be a capture (``verify`` and ``reprocess``
        # read WARC records by offset); ARC records are converted by warcio and kept as ours.
        alone = frame.raw.startswith(WARC_MAGIC) and _holds_one_record(frame.raw)
        try:
            for record in ArchiveIterator(io.BytesIO(frame.raw), arc2warc=True):
                if not alone:
                    where = f"{path}@{frame.offset}+{record.rec_headers.get_header('WARC-Record-ID')}"
                result = _read_record(record, name, frame, segments, where, addressable=alone)
                if result is not None:
                    yield result
        except READ_ERRORS as exc:
            text = str(exc).strip()
            yield BadInput(where, f"unreadable record: {text.splitlines()[0][:200] if text else type(exc).__name__}")


def _read_record(record, name: str, frame: Frame, segments: Segments, where: str,  # noqa: ANN001
                 addressable: bool = True):
    """One record as a page, a revisit, a skip, or None (part of a segmented record).
    ``addressable=False``: the frame holds other records too, so the page's capture must be a
    record of ours (``Page.raw_payload``), as for a record joined from segments."""
    headers = record.rec_headers
    kind = record.rec_type
    url = headers.get_header("WARC-Target-URI") or ""
    date = headers.get_header("WARC-Date")
    if kind == "continuation":
        return _continue_segment(segments, headers, record.raw_stream.read(), where)
    if kind in NOT_PAGES:
        return Skipped(kind)
    if kind == "revisit":
        return Revisit(url=url, seen_at=warc_date(date), where=where)
    if kind not in ("response", "resource"):
        return Skipped(f"record_{kind}")
    if kind == "response":
        if record.http_headers is None:
            return Skipped("no_http")
        status = int(record.http_headers.get_statuscode() or 0)
        http = _headers(record.http_headers)
    else:  # a resource record: the block is the document itself
        status, http = 200, {"Content-Type": headers.get_header("Content-Type") or ""}
    segmented = headers.get_header("WARC-Segment-Number")
    if segmented:
        segments.pending[headers.get_header("WARC-Record-ID")] = {
            "parts": [record.raw_stream.read()], "url": url, "date": date, "status": status,
            "headers": http, "where": where, "ref": (frame.offset, frame.length), "name": name,
            "record_id": headers.get_header("WARC-Record-ID"),
            "digest": headers.get_header("WARC-Payload-Digest")}
        return None
    if status != 200:
        return Skipped(f"http_{status}")
    media = _media_type(http)
    if media and not media.startswith(HTML_TYPES):
        return Skipped("not_html")
    if not addressable:
        try:
            entity = _entity(record.raw_stream.read(), http)
            body = _decoded(entity, http)
        except READ_ERRORS as exc:
            return BadInput(where, f"payload cannot be decoded: {exc}")
        return Page(url=url, status=status, headers=http, body=body, fetched_at=warc_date(date),
                    warc=None, where=where, raw_payload=entity)
    body = record.content_stream().read()
    digest = headers.get_header("WARC-Payload-Digest")
    ref = WarcRef(warc_file=name, record_id=headers.get_header("WARC-Record-ID") or "",
                  offset=frame.offset, length=frame.length,
                  payload_digest=digest or payload_digest(body), date=date or "", url=url)
    return Page(url=url, status=status, headers=http, body=body, fetched_at=warc_date(date),
                warc=ref, where=where)


def _continue_segment(segments: Segments, headers, raw: bytes, where: str):  # noqa: ANN001
    origin = headers.get_header("WARC-Segment-Origin-ID")
    part = segments.pending.get(origin)
    if part is None:
        return BadInput(where, f"continuation of record {origin}, whose first segment was not read")
    part["parts"].append(raw)
    if not headers.get_header("WARC-Segment-Total-Length"):
        return None
    del segments.pending[origin]
    if part["status"] != 200:
        return Skipped(f"http_{part['status']}")
    media = _media_type(part["headers"])
    if media and not media.startswith(HTML_TYPES):
        return Skipped("not_html")
    try:
        entity = _entity(b"".join(part["parts"]), part["headers"])
        body = _decoded(entity, part["headers"])
    except READ_ERRORS as exc:
        return BadInput(part["where"], f"joined segments cannot be decoded: {exc}")
    # No one record holds the whole page: the capture is a record of ours with the joined
    # payload (written by the importer), so verify and reprocess read it like any other.
    return Page(url=part["url"], status=200, headers=part["headers"], body=body,
                fetched_at=warc_date(part["date"]), warc=None, where=part["where"],
                raw_payload=entity)
