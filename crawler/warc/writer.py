"""Writing a crawl's HTTP exchanges to rolling gzip WARC files (Scrapy-free).

One ``WarcWriter`` per crawl of a site. Each record is one gzip member, built in memory
and written with a single ``os.write``: the file is never left with half a record by us,
only by a kill, and a failed write (disk full) is cut back off at once, so the file stays a
run of complete records. The writer holds an exclusive ``flock`` on its ``.open`` file so
that recovery in another crawl never touches a live file.

Ordering guarantee (NOTES.md): a record is in the kernel's page cache when
``write_exchange`` returns (it survives SIGKILL); ``barrier()`` fsyncs it (it survives a
power cut). The store stage calls ``barrier()`` before every commit, so no database row
ever points at a record that is not on disk.
"""
from __future__ import annotations

import fcntl
import gzip
import io
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from warcio.utils import Digester
from warcio.warcwriter import WARCWriter

from crawler.warc.http_block import Headers, request_headers, response_headers
from crawler.warc.naming import DEFAULT_MAX_BYTES, OPEN_SUFFIX, file_name
from storage.records import WarcRef
from storage.warc_records import WrittenRecord

logger = logging.getLogger(__name__)

#: zlib level of each record's gzip member (6: zlib's default balance of speed and size).
GZIP_LEVEL = 6
#: Looks up an earlier capture of (url, payload digest) outside this run (the archive).
KnownCapture = Callable[[str, str], "WarcRef | None"]


class WarcWriteError(OSError):
    """The WARC file could not be written (disk full, folder gone or unwritable)."""


def payload_digest(body: bytes) -> str:
    """WARC-Payload-Digest of ``body``: ``sha1:`` + base32, as warcio and pywb write it."""
    digester = Digester("sha1")
    digester.update(body)
    return str(digester)


def warc_date(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Exchange:
    """One HTTP request and the response it got, as Scrapy saw them."""

    url: str
    method: str
    request_headers: Headers
    status: int
    response_headers: Headers
    body: bytes  # entity body as received (content-coded, not transfer-coded)
    fetched_at: datetime
    protocol: str | None = None
    ip_address: str | None = None
    request_body: bytes = b""


@dataclass
class FailedRequest:
    """A request that got no response (DNS, refused, timeout, over the size limit)."""

    url: str
    fetch_status: int  # Heritrix's negative fetch status code (crawler/warc/fetch_status.py)
    kind: str  # the crawl's error kind (crawler/outcomes.py)
    message: str
    fetched_at: datetime
    method: str = "GET"


def _header(headers: Headers, name: str) -> str | None:
    wanted = name.lower()
    return next((value for key, value in headers if key.lower() == wanted), None)


class WarcWriter:
    def __init__(self, directory: Path | str, site: str, *, info: dict[str, Any] | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES, known: KnownCapture | None = None,
                 fsync: bool = True) -> None:
        self.directory = Path(directory)
        self.site = site
        self.info = dict(info or {})
        self.max_bytes = max_bytes
        self.known = known
        self.fsync = fsync
        self.started = datetime.now(timezone.utc)
        self.seq = 0
        self.fd: int | None = None
        self.name: str | None = None  # closed name of the current file
        self.offset = 0
        self.closed_files: list[str] = []
        self.records = 0
        self.bytes_written = 0
        self._seen: dict[tuple[str, str], WarcRef] = {}
        #: Records written since the last ``drain()`` (not revisits), for the archive's
        #: ``warc_records`` table once their file is closed.
        self.written: list[WrittenRecord] = []
        self._dirty = False
        self._roll_pending = False
        # warcio builds the records (headers, digests); we gzip each one ourselves at level 6:
        # warcio's own gzip runs at level 9, about twice the CPU for ~3% smaller files.
        self._builder = WARCWriter(io.BytesIO(), gzip=False)

    # -- files -------------------------------------------------------------------------------

    def open(self) -> "WarcWriter":
        """Create the folder and the first file (raises ``WarcWriteError`` if it cannot)."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WarcWriteError(exc.errno, f"cannot create WARC folder {self.directory}: "
                                 f"{exc.strerror or exc}") from None
        self._open_next()
        return self

    def _open_next(self) -> None:
        while True:
            self.seq += 1
            name = file_name(self.site, self.started, self.seq)
            if (self.directory / name).exists():
                continue
            try:
                fd = os.open(self.directory / (name + OPEN_SUFFIX),
                             os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                continue
            except OSError as exc:
                raise WarcWriteError(exc.errno, f"cannot create a WARC file in {self.directory}: "
                                     f"{exc.strerror or exc}") from None
            break
        fcntl.flock(fd, fcntl.LOCK_EX)
        self.fd, self.name, self.offset = fd, name, 0
        info = {"software": self.info.get("software", "jiezhen"), "format": "WARC File Format 1.0",
                **{k: v for k, v in self.info.items() if k != "software"}}
        record = self._builder.create_warcinfo_record(name, info)
        self._append([self._serialise(record)])

    def _close_current(self) -> None:
        if self.fd is None:
            return
        fd, name = self.fd, self.name
        self.fd = None
        try:
            os.fsync(fd)
            os.rename(self.directory / (name + OPEN_SUFFIX), self.directory / name)
            dir_fd = os.open(self.directory, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        except OSError as exc:
            raise WarcWriteError(exc.errno, f"cannot close WARC file {name}: {exc.strerror or exc}") from None
        finally:
            os.close(fd)  # releases the flock
        self.closed_files.append(name)
        self._dirty = False

    def close(self) -> None:
        self._close_current()

    # -- records -----------------------------------------------------------------------------

    def _serialise(self, record) -> bytes:  # noqa: ANN001
        """One record as one complete gzip member (what readers seek to by offset)."""
        out = io.BytesIO()
        self._builder.out = out
        self._builder.write_record(record)
        return gzip.compress(out.getvalue(), compresslevel=GZIP_LEVEL, mtime=0)

    def _append(self, members: list[bytes]) -> list[int]:
        """Write members with one write; returns their offsets. On failure the file is cut
        back to where it was, so it never ends in a partial record of ours."""
        if self.fd is None:
            raise WarcWriteError(0, "the WARC writer is closed")
        data = b"".join(members)
        start = self.offset
        try:
            view = memoryview(data)
            while view:
                written = os.write(self.fd, view)
                view = view[written:]
        except OSError as exc:
            try:
                os.ftruncate(self.fd, start)
                os.lseek(self.fd, start, os.SEEK_SET)
            except OSError:
                pass
            raise WarcWriteError(exc.errno, f"cannot write WARC file {self.name} in "
                                 f"{self.directory}: {exc.strerror or exc}") from None
        offsets = []
        position = start
        for member in members:
            offsets.append(position)
            position += len(member)
        self.offset = position
        self.bytes_written += len(data)
        self._dirty = True
        return offsets

    def write_exchange(self, exchange: Exchange) -> WarcRef:
        """Write the response (or a ``revisit`` when this URL's payload was captured before)
        and the request; returns where the payload-bearing response record is."""
        self._ensure_open()
        digest = payload_digest(exchange.body)
        date = warc_date(exchange.fetched_at)
        earlier = self._seen.get((exchange.url, digest))
        if earlier is None and self.known is not None:
            try:
                earlier = self.known(exchange.url, digest)
            except Exception as exc:  # noqa: BLE001 - a full record is always a correct answer
                logger.warning("WARC: could not look up an earlier capture of %s (%s); "
                               "writing the full response", exchange.url, exc)
        http = response_headers(exchange.status, exchange.response_headers, len(exchange.body),
                                exchange.protocol)
        extra = {"WARC-Date": date, "WARC-Payload-Digest": digest}  # computed once, above
        if exchange.ip_address:
            extra["WARC-IP-Address"] = exchange.ip_address
        if earlier is not None:
            response = self._builder.create_revisit_record(
                exchange.url, digest, earlier.url or exchange.url, earlier.date, http_headers=http,
                warc_headers_dict=extra)
            response.rec_headers.add_header("WARC-Refers-To", earlier.record_id)
        else:
            response = self._builder.create_warc_record(
                exchange.url, "response", payload=io.BytesIO(exchange.body),
                length=len(exchange.body), http_headers=http, warc_headers_dict=extra)
        record_id = response.rec_headers.get_header("WARC-Record-ID")
        request = self._builder.create_warc_record(
            exchange.url, "request", payload=io.BytesIO(exchange.request_body),
            length=len(exchange.request_body),
            http_headers=request_headers(exchange.method, exchange.url, exchange.request_headers),
            warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": record_id})
        members = [self._serialise(response), self._serialise(request)]
        offsets = self._append(members)
        self.records += 2
        if earlier is not None:
            ref = earlier
        else:
            ref = WarcRef(warc_file=self.name, record_id=record_id, offset=offsets[0],
                          length=len(members[0]), payload_digest=digest, date=date, url=exchange.url)
            self._seen[(exchange.url, digest)] = ref
            self.written.append(WrittenRecord(
                ref=ref, fetched_at=exchange.fetched_at, status=exchange.status,
                content_type=_header(exchange.response_headers, "Content-Type"),
                length=len(exchange.body), location=_header(exchange.response_headers, "Location")))
        self._roll_if_full()
        return ref

    def _ensure_open(self) -> None:
        if self.fd is None and self._roll_pending:
            self._roll_pending = False
            self._open_next()
        if self.fd is None:
            raise WarcWriteError(0, "the WARC writer is closed")

    def _roll_if_full(self) -> None:
        if self.offset >= self.max_bytes:
            self._close_current()
            self._roll_pending = True  # the next file is started by the next record

    def write_failure(self, failure: FailedRequest) -> WarcRef:
        """A ``metadata`` record for a request that got no response: what was asked, when,
        and why it failed (``application/warc-fields``; Heritrix logs the same as a negative
        fetch status in crawl.log). Replay tools skip metadata records."""
        self._ensure_open()
        date = warc_date(failure.fetched_at)
        fields = (f"fetch-status: {failure.fetch_status}\r\nerror-kind: {failure.kind}\r\n"
                  f"method: {failure.method}\r\nerror: {' '.join(failure.message.split())}\r\n")
        payload = fields.encode("utf-8")
        record = self._builder.create_warc_record(
            failure.url, "metadata", payload=io.BytesIO(payload), length=len(payload),
            warc_content_type="application/warc-fields", warc_headers_dict={"WARC-Date": date})
        member = self._serialise(record)
        offset = self._append([member])[0]
        self.records += 1
        ref = WarcRef(warc_file=self.name, record_id=record.rec_headers.get_header("WARC-Record-ID"),
                      offset=offset, length=len(member),
                      payload_digest=record.rec_headers.get_header("WARC-Payload-Digest"),
                      date=date, url=failure.url)
        self.written.append(WrittenRecord(ref=ref, fetched_at=failure.fetched_at,
                                          status=failure.fetch_status, error=failure.message))
        self._roll_if_full()
        return ref

    def drain(self) -> list[WrittenRecord]:
        """The records written since the last call (for the archive, once their file is closed)."""
        out, self.written = self.written, []
        return out

    def barrier(self) -> None:
        """Make every record written so far durable (fsync) before a commit refers to it."""
        if self.fd is None or not self._dirty or not self.fsync:
            return
        try:
            os.fsync(self.fd)
        except OSError as exc:
            raise WarcWriteError(exc.errno, f"cannot flush WARC file {self.name}: "
                                 f"{exc.strerror or exc}") from None
        self._dirty = False
