"""What a worker has taken from a site's queue and not finished yet, kept in Redis.

scrapy-redis pops requests destructively: a worker killed outright (SIGKILL, power cut) would
take its in-flight requests with it, and the shared duplicate filter would keep every other
worker from ever fetching them again. So a worker pops through ``POP_AND_RECORD``, which moves
the request into the worker's own in-flight hash in the same atomic step, and removes it
(``finish``) only once its outcome is durable:

- an article page: when the store stage has committed its article (``items_stored``) or a
  stage dropped it on purpose (its callback yields nothing else);
- any other page (list pages, 304s, non-articles, failures): when the worker is next idle,
  i.e. Scrapy has scheduled every follow-up request and the store has flushed.

Every worker refreshes an "alive" key
with a short time to live; another worker that finds an in-flight hash whose owner is no longer
alive puts its requests back in the queue (``REQUEUE_ALL``, atomic, so only once). The guarantee
is therefore at-least-once: nothing is lost, and a page the dead worker had finished but not yet
reported may be fetched a second time (its article is then stored as unchanged, never twice).
"""
from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any

from crawler.distributed.keys import Keys
from crawler.distributed.scripts import POP_AND_RECORD, REQUEUE_ALL

logger = logging.getLogger(__name__)

#: request.meta key holding the request's field in the worker's in-flight hash.
META_KEY = "jiezhen_inflight"


class InFlight:
    """One worker's in-flight requests for one site (spider)."""

    def __init__(self, server: Any, keys: Keys, spider: str, worker: str):
        self.server, self.keys, self.spider, self.worker = server, keys, spider, worker
        self.key = keys.inflight(spider, worker)
        self.queue_key = keys.queue(spider)
        self._pop = server.register_script(POP_AND_RECORD)
        self._requeue = server.register_script(REQUEUE_ALL)
        #: field -> articles yielded from that response and not yet committed
        self.waiting: dict[str, int] = defaultdict(int)
        self.output_done: set[str] = set()
        self.workers_key = keys.workers(spider)

    # -- taking ---------------------------------------------------------------------------
    def pop(self) -> tuple[str, bytes] | None:
        """(field, encoded request) of the best queued request, now recorded as ours."""
        got = self._pop(keys=[self.queue_key, self.key, self.workers_key], args=[self.worker])
        if not got:
            return None
        field, data = got
        return (field.decode() if isinstance(field, bytes) else field), data

    # -- finishing ------------------------------------------------------------------------
    def expect_item(self, field: str) -> None:
        self.waiting[field] += 1

    def output_consumed(self, field: str) -> None:
        """The callback of ``field``'s response has produced everything it will.

        That is not yet "done": Scrapy hands a callback's output to a queue its workers drain
        later, so the follow-up requests of a list page may not be in the shared queue yet (a
        kill there lost the next-page link and the rest of a site, found by the kill test). A
        response with articles is done when they are committed (``item_settled``); any other
        stays recorded until this worker is idle (``forget_all``), so a kill before that puts
        it back in the queue: its page is fetched again and its follow-ups the filter has not
        seen are queued."""
        if self.waiting.get(field):
            self.output_done.add(field)

    def item_settled(self, field: str) -> None:
        """One article of ``field``'s response was committed (or dropped on purpose)."""
        left = self.waiting.get(field, 0) - 1
        if left > 0:
            self.waiting[field] = left
            return
        self.waiting.pop(field, None)
        if field in self.output_done:
            self.output_done.discard(field)
            self.finish(field)

    def finish(self, field: str) -> None:
        self.server.hdel(self.key, field)

    def forget_all(self) -> None:
        """Idle, after the store's idle flush: nothing of ours is downloading, parsing or waiting
        for a commit, so every recorded request has ended (failed ones included). Forgetting
        them lets the other workers stop; keeping them would hold every peer open (a batch the
        database refused stays in memory and is retried, but is no longer kill-safe)."""
        dropped = self.server.delete(self.key)
        if dropped:
            logger.debug("%s: idle, forgetting what %s had taken", self.spider, self.worker)
        self.waiting.clear()
        self.output_done.clear()

    # -- closing and recovery -------------------------------------------------------------
    def close(self, finished: bool) -> int:
        """At the end: forget (finished) or give back to the queue (stopped early) what is left."""
        if finished:
            self.server.delete(self.key)
            return 0
        return int(self._requeue(keys=[self.key, self.queue_key, self.workers_key], args=[self.worker]))

    def _others(self) -> list[tuple[str, str]]:
        """(worker, in-flight key) of every other worker known to have worked on this site."""
        out = []
        for worker in self.server.smembers(self.workers_key):
            worker = worker.decode() if isinstance(worker, bytes) else worker
            if worker != self.worker:
                out.append((worker, self.keys.inflight(self.spider, worker)))
        return out

    def others_busy(self) -> bool:
        """Another worker still holds requests of this site (it may queue more)."""
        return any(self.server.exists(key) for _, key in self._others())

    def recover_dead(self) -> int:
        """Give the requests of every dead worker of this site back to the queue."""
        moved = 0
        for worker, key in self._others():
            if not self.server.exists(self.keys.alive(worker)):
                back = int(self._requeue(keys=[key, self.queue_key, self.workers_key], args=[worker]))
                if back:
                    logger.warning("%s: worker %s is gone; %d of its requests put back in the queue",
                                   self.spider, worker, back)
                moved += back
        return moved
