"""Reading one response (or failure ``metadata``) record back, by file and offset (what the archive stores)."""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from crawler.warc.members import check_member
from crawler.warc.naming import OPEN_SUFFIX


class RecordUnreadable(Exception):
    """The record is missing, cut, corrupt, or not the one expected."""


@dataclass
class StoredResponse:
    url: str
    record_id: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes  # the payload decoded as Scrapy would hand it to a spider (content-coding undone)
    raw_payload: bytes  # the payload as recorded
    warc_headers: dict[str, str]
    block: bytes  # the record block (HTTP headers + payload) as recorded


def locate(directory: Path, warc_file: str) -> Path | None:
    """The file on disk: its closed name, else a still-``.open`` one (a live or torn crawl)."""
    for candidate in (directory / warc_file, directory / (warc_file + OPEN_SUFFIX)):
        if candidate.is_file():
            return candidate
    return None


def read_member(path: Path, offset: int, length: int) -> bytes:
    """The decompressed bytes of the gzip member at ``offset``, checked whole (or the record
    at ``offset`` of an uncompressed WARC file, which ``jiezhen import`` may point at)."""
    with open(path, "rb") as fp:
        fp.seek(offset)
        data = fp.read(length)
    if len(data) != length:
        raise RecordUnreadable(f"file ends {length - len(data)} bytes before the record does")
    if data.startswith(b"WARC/"):  # an uncompressed WARC (imported): the record itself
        return data
    out, problem = check_member(data)
    if problem:
        raise RecordUnreadable(problem)
    return out


def parse_record(raw: bytes) -> StoredResponse:
    """A WARC response record (uncompressed bytes) as headers, block and decoded body."""
    head_end = raw.find(b"\r\n\r\n")
    if not raw.startswith(b"WARC/") or head_end < 0:
        raise RecordUnreadable("not a WARC record")
    warc_headers = {}
    for line in raw[:head_end].decode("utf-8", "replace").split("\r\n")[1:]:
        name, _, value = line.partition(":")
        warc_headers[name.strip()] = value.strip()
    try:
        length = int(warc_headers.get("Content-Length", ""))
    except ValueError:
        raise RecordUnreadable("record has no Content-Length") from None
    block = raw[head_end + 4: head_end + 4 + length]
    if len(block) != length:
        raise RecordUnreadable("record block is shorter than its Content-Length")
    record = next(iter(ArchiveIterator(io.BytesIO(raw))), None)
    if record is not None and record.http_headers is None and record.rec_type == "metadata":
        # a failed request's record (crawler/warc/failures.py): the block is the payload
        return StoredResponse(
            url=warc_headers.get("WARC-Target-URI", ""), record_id=warc_headers.get("WARC-Record-ID", ""),
            status=0, headers=[], body=block, raw_payload=block, warc_headers=warc_headers, block=block)
    if record is None or record.http_headers is None:
        raise RecordUnreadable("record has no HTTP response")
    http_end = block.find(b"\r\n\r\n")
    raw_payload = block[http_end + 4:] if http_end >= 0 else b""
    try:
        body = record.content_stream().read()
    except Exception as exc:  # a content-coding the recorded body does not honour
        raise RecordUnreadable(f"payload cannot be decoded: {exc}") from None
    return StoredResponse(
        url=warc_headers.get("WARC-Target-URI", ""), record_id=warc_headers.get("WARC-Record-ID", ""),
        status=int(record.http_headers.get_statuscode() or 0),
        headers=list(record.http_headers.headers), body=body, raw_payload=raw_payload,
        warc_headers=warc_headers, block=block)


def read_response(directory: Path, warc_file: str, offset: int, length: int) -> StoredResponse:
    path = locate(directory, warc_file)
    if path is None:
        raise RecordUnreadable(f"WARC file {warc_file} not found in {directory}")
    return parse_record(read_member(path, offset, length))
