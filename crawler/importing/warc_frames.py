"""Cutting a WARC file into its records' bytes, strictly, one record at a time.

warcio reads leniently: a cut gzip member, garbage in the middle of a file or a text file
all come out as plausible records. An import must say which bytes were bad, so the framing
is done here: a ``.warc.gz`` is walked gzip member by gzip member with zlib (which checks
each member's CRC-32 and length, as ``crawler/warc/members.py`` does for ``verify``), a plain
``.warc`` record by record (header block, ``Content-Length`` bytes, the blank line after).
Each ``Frame`` is the raw bytes of one member or record and where it lies in the file, which
is what a capture points at. Damage yields a ``BadInput`` with the byte offset, and reading
resumes at the next gzip header / ``WARC/1.`` line found after it.
"""
from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from crawler.importing.inputs import BadInput

GZIP_MAGIC = b"\x1f\x8b\x08"
WARC_MAGIC = b"WARC/1."
#: An ARC file (the format before WARC: Heritrix 1, the Internet Archive's older crawls)
#: starts with its ``filedesc://`` version record.
ARC_MAGIC = b"filedesc://"
CHUNK = 1 << 20
#: A WARC header block longer than this is not one.
MAX_HEADER = 1 << 16


@dataclass
class Frame:
    offset: int
    length: int  # bytes in the file (compressed, for a gzip member)
    raw: bytes  # the record's bytes, uncompressed


def sniff(path: Path) -> str | None:
    """``"gzip"`` (a WARC or ARC, gzipped), ``"plain"`` (a WARC) or ``"arc"`` (a plain ARC)
    when the file starts like one, else None."""
    with open(path, "rb") as fp:
        head = fp.read(4096)
    if head.startswith(GZIP_MAGIC):
        try:
            inner = zlib.decompressobj(zlib.MAX_WBITS | 16).decompress(head, 16)
        except zlib.error:
            return None
        return "gzip" if inner.startswith((WARC_MAGIC, ARC_MAGIC)) else None
    if head.startswith(ARC_MAGIC):
        return "arc"
    return "plain" if head.startswith(WARC_MAGIC) else None


def iter_frames(path: Path) -> Iterator[Frame | BadInput]:
    kind = sniff(path)
    if kind is None:
        yield BadInput(f"{path}@0", "not a WARC file")
        return
    with open(path, "rb") as fp:
        if kind == "arc":  # no strict framing for plain ARC (rare): one frame, read whole
            yield Frame(offset=0, length=path.stat().st_size, raw=fp.read())
            return
        yield from (_gzip_frames if kind == "gzip" else _plain_frames)(fp, path)


def _resync(fp, after: int, magic: bytes) -> int | None:  # noqa: ANN001
    """Offset of the next ``magic`` strictly after ``after``, or None."""
    position, tail = after + 1, b""
    while True:
        fp.seek(position)
        chunk = fp.read(CHUNK)
        if not chunk:
            return None
        data = tail + chunk
        found = data.find(magic)
        if found >= 0:
            return position - len(tail) + found
        tail = data[-(len(magic) - 1):]
        position += len(chunk)


def _gzip_frames(fp, path: Path) -> Iterator[Frame | BadInput]:  # noqa: ANN001
    start = 0
    while True:
        fp.seek(start)
        decomp = zlib.decompressobj(zlib.MAX_WBITS | 16)
        out: list[bytes] = []
        consumed = 0
        problem = None
        while not decomp.eof:
            data = fp.read(CHUNK)
            if not data:
                problem = "gzip member is cut short (the file ends inside it)" if consumed else None
                break
            try:
                out.append(decomp.decompress(data))
            except zlib.error as exc:
                problem = f"corrupt gzip data: {exc}"
                break
            consumed += len(data) - len(decomp.unused_data)
        if problem is None and not decomp.eof:
            return  # clean end of file
        if problem is not None:
            yield BadInput(f"{path}@{start}", problem)
            resume = _resync(fp, start, GZIP_MAGIC)
            if resume is None:
                return
            start = resume
            continue
        yield Frame(offset=start, length=consumed, raw=b"".join(out))
        start += consumed


def _plain_frames(fp, path: Path) -> Iterator[Frame | BadInput]:  # noqa: ANN001
    start = 0
    while True:
        fp.seek(start)
        head = fp.read(MAX_HEADER)
        if not head.strip(b"\r\n"):
            return
        skip = len(head) - len(head.lstrip(b"\r\n"))  # blank lines between records
        if skip:
            start += skip
            continue
        problem, total = _plain_record_length(head)
        if problem is None:
            fp.seek(start)
            raw = fp.read(total)
            if len(raw) < total:
                problem = "record is cut short (the file ends inside it)"
            elif not raw.endswith(b"\r\n\r\n"):
                problem = "record is not followed by a blank line: its Content-Length is wrong"
            else:
                yield Frame(offset=start, length=total, raw=raw)
                start += total
                continue
        yield BadInput(f"{path}@{start}", problem)
        resume = _resync(fp, start, WARC_MAGIC)
        if resume is None:
            return
        start = resume


def _plain_record_length(head: bytes) -> tuple[str | None, int]:
    """(problem, bytes of the whole record including the trailing blank line)."""
    if not head.startswith(WARC_MAGIC):
        return "no WARC record starts here", 0
    end = head.find(b"\r\n\r\n")
    if end < 0:
        return "WARC header block does not end", 0
    length = None
    for line in head[:end].split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            try:
                length = int(value.strip())
            except ValueError:
                return "Content-Length is not a number", 0
    if length is None or length < 0:
        return "record has no Content-Length", 0
    return None, end + 4 + length + 4
