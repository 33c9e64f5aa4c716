"""Gzip members of a WARC file: finding where each complete one ends, and repairing torn files.

Our writer puts each WARC record in its own gzip member, written with one ``write``; a
crawl killed mid-write leaves at most one incomplete member at the end of a ``.open``
file. ``recover`` cuts the file back to its last complete member and closes it (renames
it). A member counts as complete only when it decompresses to its end and its gzip
trailer (CRC-32 and length) checks out: zlib verifies both before reporting the end of
the stream. ``warcio check`` reads gzip leniently and does not notice a cut member; this
module is what ``jiezhen verify`` uses instead.
"""
from __future__ import annotations

import fcntl
import logging
import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from crawler.warc.naming import OPEN_SUFFIX, closed_name, is_open_name

logger = logging.getLogger(__name__)

CHUNK = 1 << 20


@dataclass
class MemberScan:
    """Where the complete gzip members of a file end, and what (if anything) follows them."""

    ends: list[int] = field(default_factory=list)  # offset just past each complete member
    size: int = 0
    problem: str | None = None  # why the bytes after the last complete member are not one

    @property
    def complete_end(self) -> int:
        return self.ends[-1] if self.ends else 0

    @property
    def intact(self) -> bool:
        return self.problem is None and self.complete_end == self.size


def scan_members(path: Path) -> MemberScan:
    """Walk every gzip member of ``path`` (decompressing, nothing kept in memory)."""
    scan = MemberScan()
    with open(path, "rb") as fp:
        scan.size = os.fstat(fp.fileno()).st_size
        position = 0  # file offset of the first byte not yet given to a decompressor
        start = 0  # offset where the current member began
        decomp = zlib.decompressobj(zlib.MAX_WBITS | 16)
        pending = b""
        while True:
            data = pending or fp.read(CHUNK)
            pending = b""
            if not data:
                break
            try:
                decomp.decompress(data)
                while decomp.unconsumed_tail:  # no max_length given, so never; kept for clarity
                    decomp.decompress(decomp.unconsumed_tail)
            except zlib.error as exc:
                scan.problem = f"corrupt gzip data in the member at offset {start}: {exc}"
                return scan
            position += len(data)
            if decomp.eof:
                rest = decomp.unused_data
                end = position - len(rest)
                scan.ends.append(end)
                start = end
                position = end
                pending = rest
                decomp = zlib.decompressobj(zlib.MAX_WBITS | 16)
        if start < scan.size:
            scan.problem = (f"incomplete gzip member at offset {start} "
                            f"({scan.size - start} bytes, no end of stream)")
    return scan


def check_member(data: bytes) -> tuple[bytes | None, str | None]:
    """Decompress exactly one complete gzip member: (bytes, None) or (None, why not)."""
    decomp = zlib.decompressobj(zlib.MAX_WBITS | 16)
    try:
        out = decomp.decompress(data)
    except zlib.error as exc:
        return None, f"corrupt gzip data: {exc}"
    if not decomp.eof:
        return None, "gzip member is cut short (no end of stream)"
    if decomp.unused_data:
        return None, f"{len(decomp.unused_data)} bytes after the gzip member"
    return out, None


def is_locked(path: Path) -> bool:
    """True when a live writer holds ``path`` (it keeps an exclusive flock while writing);
    a killed process's lock is gone with it."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False
    finally:
        os.close(fd)


@dataclass
class Recovered:
    path: Path  # the closed file it became
    kept: int  # bytes of complete records kept
    dropped: int  # bytes of the torn tail cut off


def recover(directory: Path) -> list[Recovered]:
    """Close every ``.open`` file in ``directory`` that no live writer holds: truncate it
    to its last complete gzip member and drop the ``.open`` suffix. An empty file (killed
    before its warcinfo record was complete) is removed."""
    done: list[Recovered] = []
    if not directory.is_dir():
        return done
    for path in sorted(directory.iterdir()):
        if not is_open_name(path.name) or is_locked(path):
            continue
        fd = os.open(path, os.O_RDWR)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:  # a writer took it between our two looks
                continue
            scan = scan_members(path)
            keep = scan.complete_end
            if keep < scan.size:
                os.ftruncate(fd, keep)
            os.fsync(fd)
            if keep == 0:
                path.unlink()
                logger.warning("removed empty torn WARC file %s", path.name)
                continue
            target = path.with_name(closed_name(path.name))
            os.rename(path, target)
            done.append(Recovered(target, keep, scan.size - keep))
            logger.warning("recovered torn WARC file %s: kept %d bytes, cut %d", target.name,
                           keep, scan.size - keep)
        finally:
            os.close(fd)
    if done:
        _fsync_dir(directory)
    return done


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


__all__ = ["MemberScan", "Recovered", "scan_members", "check_member", "is_locked", "recover",
           "OPEN_SUFFIX"]
