"""Stage 3 (ITEM_PIPELINES 900): write articles and their captures to the archive.

Items are written in batches, one transaction each (``JIEZHEN_BATCH_SIZE`` items or
every ``JIEZHEN_FLUSH_SECONDS``). The upsert is keyed by canonical URL: a page seen
again unchanged only updates ``last_seen``; a changed one bumps ``version``. If the
database refuses a batch, the items stay queued and are retried at the next flush;
what was already committed is never touched.
"""
from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Any

from scrapy import signals

from pipelines._drop import quiet_drop
from pipelines.logic.batching import Batcher
from pipelines.signals import items_stored
from storage.archive import Archive
from storage.records import WarcRef

logger = logging.getLogger(__name__)

#: Give up (close the spider) when this many batches' worth of items are waiting.
MAX_PENDING_BATCHES = 10


class StorePipeline:
    def __init__(self, crawler: Any):
        self.crawler = crawler
        settings = crawler.settings
        self.db_url = settings.get("JIEZHEN_DB")
        self.batch = Batcher(settings.getint("JIEZHEN_BATCH_SIZE", 50),
                             settings.getfloat("JIEZHEN_FLUSH_SECONDS", 5.0))
        self.archive: Archive | None = None
        # `jiezhen reprocess` runs this stage on stored captures: not a new sighting, and
        # fields re-extracted from an unchanged body are written too.
        self.store_options = ({"sighting": False, "refresh": True}
                              if settings.getbool("JIEZHEN_REPROCESS", False) else {})

    @classmethod
    def from_crawler(cls, crawler: Any) -> "StorePipeline":
        pipeline = cls(crawler)
        # Nothing left to fetch or parse: write what waits rather than hold it until more
        # items come (a distributed worker waits for its peers' work to be committed).
        crawler.signals.connect(pipeline.spider_idle, signal=signals.spider_idle)
        return pipeline

    def spider_idle(self, spider: Any = None) -> None:
        self.flush()

    def open_spider(self, spider: Any = None) -> None:
        self.archive = Archive.open(self.db_url, migrate=True)

    def process_item(self, item: Any, spider: Any = None) -> Any:
        if getattr(item, "truncated", False) and self.archive is not None \
                and self.archive.known_urls([item.article.url]):
            # A cut-off copy of a page we already hold: keep what is stored.
            self.crawler.stats.inc_value("jiezhen/skipped/truncated_kept_stored")
            raise quiet_drop(f"truncated copy of an archived page: {item.article.url}")
        if self.batch.add(item):
            self.flush()
        return item

    def flush(self) -> bool:
        if not len(self.batch) or self.archive is None:
            return True
        items = self.batch.take()
        warc = getattr(self.crawler, "jiezhen_warc", None)
        if warc is not None:
            # The WARC records these rows point at must be on disk before the rows are.
            try:
                warc.barrier()
            except OSError as exc:
                self.batch.items[:0] = items
                self.crawler.stats.inc_value("jiezhen/errors/warc")
                logger.error("WARC files could not be flushed; %d articles not stored: %s",
                             len(items), exc)
                self._close("warc_error")
                return False
        items = self._attach_warc(items, warc)
        if not items:
            return True
        try:
            # An article was seen when its capture was fetched: in a crawl, moments ago; in
            # `jiezhen import`, when the WARC record (or saved file) says.
            now = datetime.now(timezone.utc)
            options = {**self.store_options,
                       "seen_at": [i.capture.fetched_at if i.capture is not None else now for i in items]}
            result = self.archive.store_batch([(i.article, i.capture) for i in items],
                                              fingerprints=[getattr(i, "fingerprint", None) for i in items],
                                              **options)
        except Exception as exc:
            self.batch.items[:0] = items  # keep them for the next try, in order
            self.crawler.stats.inc_value("jiezhen/errors/database")
            logger.error("could not store %d articles (will retry): %s", len(items), exc)
            if len(self.batch) >= MAX_PENDING_BATCHES * self.batch.size:
                self._close("database_error")
            return False
        stats = self.crawler.stats
        stats.inc_value("jiezhen/articles/new", len(result.new))
        stats.inc_value("jiezhen/articles/changed", len(result.changed))
        stats.inc_value("jiezhen/articles/unchanged", len(result.unchanged))
        if result.refreshed:
            stats.inc_value("jiezhen/articles/refreshed", len(result.refreshed))
        if result.older:  # texts older than the current one, put into its history
            stats.inc_value("jiezhen/articles/older", len(result.older))
        stats.inc_value("jiezhen/articles/reposts", len(result.reposts))
        self.crawler.signals.send_catch_log(signal=items_stored, items=items)
        return True

    def _attach_warc(self, items: list, warc: Any) -> list:
        """Point each capture at its WARC record (written: the barrier has run). With WARC
        capture on, an item whose record was not written (the WARC folder failed; the crawl is
        closing) is not archived: the next crawl fetches it and captures it properly."""
        kept = []
        for item in items:
            pending = getattr(item, "warc", None)
            if item.capture is not None:
                if warc is not None:
                    item.capture.warc = warc.resolve(pending, item.capture.url)
                    if item.capture.warc is None:
                        self.crawler.stats.inc_value("jiezhen/skipped/no_warc_record")
                        continue
                elif isinstance(pending, WarcRef):  # reprocess: the record it came from
                    item.capture.warc = pending
            kept.append(item)
        return kept

    def _close(self, reason: str) -> None:
        engine = self.crawler.engine
        if hasattr(engine, "close_spider_async"):  # Scrapy >= 2.14
            from scrapy.utils.defer import deferred_from_coro

            deferred_from_coro(engine.close_spider_async(reason=reason))
        else:
            engine.close_spider(self.crawler.spider, reason)

    def close_spider(self, spider: Any = None) -> None:
        try:
            if not self.flush():
                logger.error("%d articles were not stored; the next crawl will fetch them again",
                             len(self.batch))
        finally:
            if self.archive is not None:
                self.archive.close()
