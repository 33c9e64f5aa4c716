"""scrapy-redis's scheduler, taking requests through the worker's in-flight record.

Everything else (the shared priority queue, the shared duplicate filter, serialisation) is
scrapy-redis's own. Two changes: ``next_request`` pops and records in one atomic step
(``InFlight.pop``), and ``close`` never flushes the shared queue (other workers are still
using it; scrapy-redis flushes unless ``SCHEDULER_PERSIST``) but settles this worker's
in-flight record: forgotten after a normal end, given back to the queue after any other.
And a site another worker already stopped as blocked hands out nothing.
"""
from __future__ import annotations

from typing import Any

from scrapy_redis.scheduler import Scheduler

from crawler.distributed.inflight import META_KEY, InFlight
from crawler.distributed.keys import Keys

#: finish reasons after which nothing this worker took can still be undone
NORMAL_END = ("finished",)


class SharedScheduler(Scheduler):
    crawler: Any = None
    inflight: InFlight | None = None
    blocked = False  # the site's blocked flag was set when this worker opened it

    @classmethod
    def from_crawler(cls, crawler: Any) -> "SharedScheduler":
        instance = super().from_crawler(crawler)
        instance.crawler = crawler
        return instance

    def open(self, spider: Any) -> Any:
        result = super().open(spider)
        settings = self.crawler.settings
        self.inflight = InFlight(self.server, Keys(settings.get("JIEZHEN_REDIS_PREFIX")),
                                 spider.name, settings.get("JIEZHEN_WORKER_ID"))
        self.crawler.jiezhen_inflight = self.inflight  # for the done middleware and the worker
        # A worker restarted under the same id: what its previous life held goes back first.
        self.inflight.close(finished=False)
        # A worker joining after another stopped the site as blocked asks it nothing (the
        # worker extension's first poll then closes the spider as blocked).
        try:
            self.blocked = bool(self.server.exists(Keys(settings.get("JIEZHEN_REDIS_PREFIX"))
                                                   .blocked(spider.name)))
        except Exception:  # noqa: BLE001 - Redis briefly away: the polls will see the flag
            self.blocked = False
        return result

    def next_request(self) -> Any:
        if self.blocked:
            return None
        got = self.inflight.pop() if self.inflight is not None else None
        if got is None:
            return None
        field, data = got
        request = self.queue._decode_request(data)
        request.meta[META_KEY] = field
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis", spider=self.spider)
        return request

    def close(self, reason: str) -> None:
        if self.inflight is not None:
            returned = self.inflight.close(finished=reason in NORMAL_END)
            if returned and self.stats:
                self.stats.set_value("jiezhen/distributed/requeued_at_close", returned)
