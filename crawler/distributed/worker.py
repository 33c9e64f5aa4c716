"""The worker extension: keeps a distributed worker alive, honest and able to stop.

- **Alive**: refreshes ``Keys.alive(worker)`` every third of ``JIEZHEN_WORKER_TTL``; a worker
  whose key has expired is dead, and its in-flight requests go back to the queue.
- **Polling**: Scrapy asks the scheduler for work on its own only every 5 s once the spider is
  idle (its engine heartbeat); a worker that ran out of work while another is still parsing list
  pages would sit out most of a small crawl. Every ``JIEZHEN_POLL_SECONDS`` the extension wakes
  the engine (``engine._slot.nextcall``: Scrapy has no public call for this), which also runs the
  idle check below.
- **Idle stop**: the spider stays open (``DontCloseSpider``) while the site's queue holds
  requests or another worker holds in-flight ones (it may queue more), and closes, reason
  ``finished``, once neither has been true for ``JIEZHEN_IDLE_SECONDS``: the same rule as
  scrapy-redis's ``MAX_IDLE_TIME_BEFORE_CLOSE``, plus the other workers' in-flight work.
- **Blocked**: a worker that stops a site as blocked (``crawler/blocking.py``) sets the
  site's blocked key; every worker closes that site (reason ``blocked``) when it sees it.
- **Finished work**: committed or dropped articles settle their in-flight requests.
"""
from __future__ import annotations

import logging
import time
from typing import Any

from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy_redis import connection
from twisted.internet import task

from crawler.closing import close_spider
from crawler.distributed.done import ITEM_ATTR
from crawler.distributed.keys import Keys
from pipelines.signals import items_stored

logger = logging.getLogger(__name__)

BLOCKED_REASON = "blocked"


class WorkerExtension:
    def __init__(self, crawler: Any):
        self.crawler = crawler
        settings = crawler.settings
        self.keys = Keys(settings.get("JIEZHEN_REDIS_PREFIX"))
        self.worker = settings.get("JIEZHEN_WORKER_ID")
        self.ttl = max(1, settings.getint("JIEZHEN_WORKER_TTL", 60))
        self.idle_seconds = settings.getfloat("JIEZHEN_IDLE_SECONDS", 60.0)
        self.poll_seconds = settings.getfloat("JIEZHEN_POLL_SECONDS", 0.5)
        self.block_ttl = settings.getint("JIEZHEN_BLOCK_PAUSE_SECONDS", 6 * 3600)
        self.server = connection.from_settings(settings)
        self.idle_since: float | None = None
        self.spider_name: str | None = None
        self.closing = False
        self._alive_loop: task.LoopingCall | None = None
        self._poll_loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> "WorkerExtension":
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.items_stored, signal=items_stored)
        crawler.signals.connect(ext.item_dropped, signal=signals.item_dropped)
        return ext

    @property
    def inflight(self) -> Any:
        return getattr(self.crawler, "jiezhen_inflight", None)

    # -- life ----------------------------------------------------------------------------
    def spider_opened(self, spider: Any) -> None:
        # Connected now, after the item pipelines: the store's idle flush runs before our idle
        # check, so at our check nothing of this worker is waiting for a commit.
        self.crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)
        self.spider_name = spider.name
        self._beat()
        self._alive_loop = task.LoopingCall(self._beat)
        self._alive_loop.start(self.ttl / 3, now=False)
        self._poll_loop = task.LoopingCall(self._poll)
        self._poll_loop.start(self.poll_seconds, now=False)
        from twisted.internet import reactor

        reactor.callLater(0, self._poll)  # a site already flagged blocked closes at once
        if self.inflight is not None:
            moved = self.inflight.recover_dead()
            if moved:
                logger.warning("%s: %d requests of dead workers put back in the queue", spider.name, moved)
        self.crawler.stats.set_value("jiezhen/worker", self.worker)

    def _beat(self) -> None:
        try:
            self.server.set(self.keys.alive(self.worker), str(time.time()), ex=self.ttl)
        except Exception:  # Redis briefly away: the next beat tries again
            logger.warning("could not refresh the worker's alive key", exc_info=True)

    def _poll(self) -> None:
        if self.closing or self.spider_name is None:
            return
        try:
            if self.server.exists(self.keys.blocked(self.spider_name)):
                self.closing = True
                logger.error("%s: another worker found the site blocking; stopping it here too",
                             self.spider_name)
                close_spider(self.crawler, BLOCKED_REASON)
                return
        except Exception:
            logger.warning("could not read the blocked flag", exc_info=True)
            return
        slot = getattr(self.crawler.engine, "_slot", None)
        if slot is not None and getattr(slot, "nextcall", None) is not None:
            slot.nextcall.schedule()

    def spider_idle(self, spider: Any) -> None:
        inflight = self.inflight
        if self.closing or inflight is None:
            return
        now = time.monotonic()
        inflight.forget_all()
        moved = inflight.recover_dead()
        if moved:
            logger.warning("%s: %d requests of dead workers put back in the queue", spider.name, moved)
            self.crawler.stats.inc_value("jiezhen/distributed/recovered", moved)
        if self.server.zcard(self.keys.queue(spider.name)) or inflight.others_busy():
            self.idle_since = None
            raise DontCloseSpider
        if self.idle_since is None:
            self.idle_since = now
        if now - self.idle_since < self.idle_seconds:
            raise DontCloseSpider
        logger.info("%s: queue empty and no worker busy for %.0f s: stopping", spider.name,
                    now - self.idle_since)

    def spider_closed(self, spider: Any, reason: str) -> None:
        self.closing = True
        for loop in (self._poll_loop, self._alive_loop):
            if loop is not None and loop.running:
                loop.stop()
        try:
            if reason == BLOCKED_REASON:
                self.server.set(self.keys.blocked(spider.name), self.worker, ex=self.block_ttl)
        except Exception:
            logger.warning("could not record the block in Redis", exc_info=True)

    # -- finished work ------------------------------------------------------------------------
    def items_stored(self, items: list) -> None:
        inflight = self.inflight
        if inflight is None:
            return
        for item in items:
            field = getattr(item, ITEM_ATTR, None)
            if field:
                inflight.item_settled(field)

    def item_dropped(self, item: Any, **kwargs: Any) -> None:
        field = getattr(item, ITEM_ATTR, None)
        if field and self.inflight is not None:
            self.inflight.item_settled(field)
