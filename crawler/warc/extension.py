"""Scrapy wiring of WARC capture: every HTTP exchange, as downloaded, goes to the writer.

``response_downloaded`` fires for every response the downloader gets (list pages, articles,
attachments, robots.txt, redirects and error answers that middlewares later retry or
drop), before decompression: the closest Scrapy comes to the bytes on the wire (scrapy#2002
asks for WARC output; there is none upstream). The exchange is queued to the writer's
thread (``background``); a ``Future`` of the record's location goes into
``request.meta["jiezhen_warc"]``, the spider passes it on with the item, and the store
stage resolves it (``resolve``) after ``barrier()``, just before its commit.

At spider open, ``.open`` files that no live crawl holds (a SIGKILLed one) are cut back to
their last complete record and closed. If the WARC folder cannot be written, or a write
fails (disk full), the crawl is closed with reason ``warc_error`` and an error naming the
folder; responses after the failure get no WARC reference, so the database keeps their
bytes and never points at a record that was not written.
"""
from __future__ import annotations

import json
import logging
import socket
from concurrent.futures import Future
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import scrapy
import warcio
from scrapy import signals

from crawler.version import __version__
from crawler.warc.members import recover
from crawler.warc.naming import default_warc_dir
from crawler.warc.background import BackgroundWriter
from crawler.warc.writer import Exchange, FailedRequest, WarcWriter
from storage.archive import Archive
from storage.db import resolve_db_url
from storage.records import WarcRef

logger = logging.getLogger(__name__)

META_KEY = "jiezhen_warc"
CLOSE_REASON = "warc_error"
#: Settings written into each file's warcinfo record (how the capture was made).
RECORDED_SETTINGS = ("USER_AGENT", "ROBOTSTXT_OBEY", "AUTOTHROTTLE_ENABLED", "DOWNLOAD_DELAY",
                     "CONCURRENT_REQUESTS_PER_DOMAIN", "CLOSESPIDER_PAGECOUNT", "JIEZHEN_SINCE",
                     "JIEZHEN_WARC_MAX_BYTES")


def warc_dir_from_settings(settings: Any) -> Path:
    """--warc-dir / JIEZHEN_WARC_DIR, else the default for the archive the crawl writes to."""
    return Path(settings.get("JIEZHEN_WARC_DIR")
                or default_warc_dir(resolve_db_url(settings.get("JIEZHEN_DB"))))


def _header_pairs(headers: Any) -> list[tuple[str, str]]:
    return [(name.decode("latin-1"), value.decode("latin-1"))
            for name, values in headers.items() for value in values]


class WarcCapture:
    def __init__(self, crawler: Any):
        self.crawler = crawler
        self.writer: BackgroundWriter | None = None
        self.archive: Archive | None = None
        self.failed = False
        self._files: WarcWriter | None = None  # kept after a failure: its records are listed
        self._files_closed = False  # ... in ``warc_records`` only if its file was closed cleanly
        self._unlisted: list = []  # durable records not yet in ``warc_records`` (a failed insert)

    @classmethod
    def from_crawler(cls, crawler: Any) -> "WarcCapture":
        ext = cls(crawler)
        if crawler.settings.getbool("JIEZHEN_WARC", True):
            crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
            crawler.signals.connect(ext.response_downloaded, signal=signals.response_downloaded)
            crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
            crawler.jiezhen_warc = ext  # the store stage calls barrier() before each commit
        return ext

    # -- lifecycle ---------------------------------------------------------------------------

    def spider_opened(self, spider: Any) -> None:
        settings = self.crawler.settings
        directory = warc_dir_from_settings(settings)
        site = getattr(spider, "site", spider.name)
        worker = settings.get("JIEZHEN_WORKER_ID")
        name = f"{site}-{worker}" if worker else site  # workers of one crawl never share a file
        try:
            if directory.is_dir():
                recovered = recover(directory)
                if recovered:
                    self.crawler.stats.set_value("jiezhen/warc/recovered_files", len(recovered))
            self.archive = Archive.open(settings.get("JIEZHEN_DB"), migrate=True)
            writer = WarcWriter(
                directory, name, info=self._info(spider, site),
                max_bytes=settings.getint("JIEZHEN_WARC_MAX_BYTES"),
                known=self.archive.find_warc_capture,
                fsync=settings.getbool("JIEZHEN_WARC_FSYNC", True)).open()
            self.writer = BackgroundWriter(writer, self._failed_on_worker)
            self._files = writer
        except OSError as exc:
            self._fail(exc)
            return
        self.crawler.stats.set_value("jiezhen/warc/dir", str(directory.resolve()))

    def _info(self, spider: Any, site: str) -> dict[str, Any]:
        settings = self.crawler.settings
        recorded = {name: settings.get(name) for name in RECORDED_SETTINGS}
        return {
            "software": f"jiezhen/{__version__} (Scrapy {scrapy.__version__}; warcio "
                        f"{getattr(warcio, '__version__', '?')})",
            "hostname": socket.gethostname(),
            "isPartOf": site,
            "profile": getattr(getattr(spider, "profile", None), "slug", None) or "generic",
            "start-urls": " ".join(getattr(spider, "start_urls", [])),
            "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
            "http-header-user-agent": settings.get("USER_AGENT"),
            "settings": json.dumps(recorded, ensure_ascii=False, sort_keys=True, default=str),
            "note": "HTTP bodies are recorded as received (content-coding kept); transfer "
                    "coding is undone by the client, so Transfer-Encoding is recorded as "
                    "X-Jiezhen-Original-Transfer-Encoding and Content-Length is the recorded length",
        }

    def spider_closed(self, spider: Any, reason: str) -> None:
        try:
            if self.writer is not None:
                self.writer.close()
                self._files_closed = True
                writer, stats = self.writer.writer, self.crawler.stats
                stats.set_value("jiezhen/warc/records", writer.records)
                stats.set_value("jiezhen/warc/bytes", writer.bytes_written)
                stats.set_value("jiezhen/warc/files", len(writer.closed_files))
            self._list_records()
        except OSError as exc:
            logger.error("WARC capture: %s", exc)
        finally:
            self.writer = None
            if self.archive is not None:
                self.archive.close()

    def _list_records(self) -> None:
        """Rows in ``warc_records`` for this crawl's records, now that their files are closed
        and fsynced (so no row names a record that is not on disk). A crawl killed before
        this point leaves its records unlisted: the next crawl writes them in full again
        instead of as revisits, and nothing points at a lost record."""
        if self._files is None or not self._files_closed or self.archive is None:
            return
        self._unlisted += self._files.drain()
        self._list(final=True)

    def _list(self, *, final: bool) -> None:
        if not self._unlisted or self.archive is None:
            return
        try:
            self.archive.add_warc_records(self._unlisted)
            self._unlisted = []
        except Exception:  # the WARC files are whole; only revisit/attachment links are at stake
            if final:
                logger.exception("could not list %d WARC records in the archive", len(self._unlisted))
            else:
                logger.warning("could not list %d WARC records in the archive yet; will retry",
                               len(self._unlisted), exc_info=True)

    # -- per response ------------------------------------------------------------------------

    def response_downloaded(self, response: Any, request: Any, spider: Any) -> None:
        request.meta.pop(META_KEY, None)  # a copy from a redirect's or retry's meta
        if self.writer is None:
            return
        exchange = Exchange(
            url=request.url, method=request.method, request_headers=_header_pairs(request.headers),
            request_body=request.body or b"", status=response.status,
            response_headers=_header_pairs(response.headers), body=response.body,
            fetched_at=datetime.now(timezone.utc), protocol=getattr(response, "protocol", None),
            ip_address=str(response.ip_address) if getattr(response, "ip_address", None) else None)
        request.meta[META_KEY] = self.writer.submit(exchange)

    def record_failure(self, failure: FailedRequest) -> None:
        """A request that got no response (crawler/warc/failures.py): a metadata record."""
        if self.writer is None:
            return
        self.crawler.stats.inc_value("jiezhen/warc/failed_requests")
        self.writer.submit_failure(failure)

    def barrier(self) -> None:
        """Called by the store stage before it commits rows that may point at our records:
        every record queued so far is written and fsynced when this returns. Those records
        are listed in ``warc_records`` now rather than only at the crawl's end, so a crawl
        killed later still has them for revisits, attachment links and ``verify``: they are
        durable, and recovery only ever cuts a torn tail after the last complete record."""
        if self.writer is not None:
            self._unlisted += self.writer.barrier()
            self._list(final=False)

    @staticmethod
    def resolve(pending: Any, url: str) -> WarcRef | None:
        """The record of a response, after ``barrier()``: None if it was not written."""
        if isinstance(pending, Future):
            if not pending.done() or pending.exception() is not None:
                return None
            pending = pending.result()
        return pending if isinstance(pending, WarcRef) and pending.url == url else None

    def _failed_on_worker(self, exc: OSError) -> None:
        from twisted.internet import reactor

        reactor.callFromThread(self._fail, exc)

    def _fail(self, exc: OSError) -> None:
        """Stop capturing and close the crawl: an archive without its WARC is not what was asked."""
        if self.failed:
            return
        self.failed = True
        writer, self.writer = self.writer, None
        if writer is not None:
            try:  # keep what was written as a closed, valid file (its records are complete)
                writer.close()
                self._files_closed = True
            except OSError:
                pass  # left .open; the next crawl's recovery closes it
        self.crawler.stats.inc_value("jiezhen/errors/warc")
        logger.error("WARC capture failed, stopping the crawl: %s", exc)
        engine = self.crawler.engine
        if hasattr(engine, "close_spider_async"):  # Scrapy >= 2.14
            from scrapy.utils.defer import deferred_from_coro

            deferred_from_coro(engine.close_spider_async(reason=CLOSE_REASON))
        else:
            engine.close_spider(self.crawler.spider, CLOSE_REASON)
