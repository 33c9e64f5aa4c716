"""Per-host politeness across workers: a Redis semaphore per host, in a downloader middleware.

Scrapy's ``CONCURRENT_REQUESTS_PER_DOMAIN`` is counted inside one process: N workers would put
N times the limit on a host. Dividing the limit by N was the other option; it needs N known in
advance, wastes the limit when workers crawl different sites, and is wrong as soon as a worker
dies or joins. So each request takes one of the host's ``JIEZHEN_HOST_CONCURRENCY`` slots (default:
``CONCURRENT_REQUESTS_PER_DOMAIN``) before it goes to the network and gives it back with its
response or failure. A slot is a lease (``JIEZHEN_HOST_SLOT_LEASE``, default ``DOWNLOAD_TIMEOUT``
+ 30 s) in a Redis sorted set, so a killed worker's slots come back on their own (until then
the host has fewer slots: politeness errs on the slow side). A request that finds no free slot waits
``JIEZHEN_HOST_SLOT_WAIT`` seconds and tries again (the reactor keeps running meanwhile).

The middleware sits last (960), next to the network: Scrapy's own per-process slot and delay
apply before it, so a request waiting here has already waited its ``DOWNLOAD_DELAY``.
``DOWNLOAD_DELAY`` and AutoThrottle stay per worker: the total rate on a host is bounded by the
shared concurrency over the response time, not by the delay.
"""
from __future__ import annotations

import asyncio
import uuid
from typing import Any

from scrapy.utils.httpobj import urlparse_cached
from scrapy_redis import connection

from crawler.distributed.keys import Keys
from crawler.distributed.scripts import ACQUIRE_SLOT

META_KEY = "jiezhen_host_slot"


class HostSlots:
    """The shared slots of every host (plain Redis calls; the middleware wraps them)."""

    def __init__(self, server: Any, keys: Keys, limit: int, lease: float):
        self.server, self.keys, self.limit, self.lease = server, keys, limit, lease
        self._acquire = server.register_script(ACQUIRE_SLOT)

    def try_acquire(self, host: str) -> str | None:
        token = uuid.uuid4().hex
        taken = self._acquire(keys=[self.keys.host_slots(host)], args=[self.limit, token, self.lease])
        return token if int(taken) else None

    def release(self, host: str, token: str) -> None:
        self.server.zrem(self.keys.host_slots(host), token)

    def held(self, host: str) -> int:
        return int(self.server.zcard(self.keys.host_slots(host)))


class SharedHostSlots:
    def __init__(self, crawler: Any):
        settings = crawler.settings
        limit = settings.getint("JIEZHEN_HOST_CONCURRENCY") or settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN", 2)
        lease = settings.getfloat("JIEZHEN_HOST_SLOT_LEASE") or settings.getfloat("DOWNLOAD_TIMEOUT", 180) + 30
        self.slots = HostSlots(connection.from_settings(settings), Keys(settings.get("JIEZHEN_REDIS_PREFIX")),
                               limit=max(1, limit), lease=lease)
        self.wait = settings.getfloat("JIEZHEN_HOST_SLOT_WAIT", 0.05)
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> "SharedHostSlots":
        return cls(crawler)

    async def process_request(self, request: Any, spider: Any = None) -> None:
        host = urlparse_cached(request).hostname or ""
        while True:
            token = self.slots.try_acquire(host)
            if token is not None:
                break
            self.crawler.stats.inc_value("jiezhen/distributed/host_slot_waits")
            await _sleep(self.wait)
        request.meta[META_KEY] = (host, token)
        return None

    def _release(self, request: Any) -> None:
        held = request.meta.pop(META_KEY, None)
        if held is not None:
            self.slots.release(*held)

    def process_response(self, request: Any, response: Any, spider: Any = None) -> Any:
        self._release(request)
        return response

    def process_exception(self, request: Any, exception: BaseException, spider: Any = None) -> None:
        self._release(request)
        return None


async def _sleep(seconds: float) -> None:
    """Sleep without blocking the reactor, asyncio reactor or not."""
    from scrapy.utils.reactor import is_asyncio_reactor_installed

    if is_asyncio_reactor_installed():
        await asyncio.sleep(seconds)
        return
    from twisted.internet import reactor, task

    await task.deferLater(reactor, seconds, lambda: None)
