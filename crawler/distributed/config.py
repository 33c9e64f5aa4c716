"""The Scrapy settings that turn a crawl into a distributed worker (``crawl --distributed``)."""
from __future__ import annotations

import os
import socket

from scrapy.settings import Settings

from crawler.distributed.keys import DEFAULT_PREFIX, Keys
from storage.db import share_engines

ENV_REDIS = "JIEZHEN_REDIS_URL"


def default_worker_id() -> str:
    """``host-pid``: unique among live workers, and readable in run records and file names."""
    return f"{socket.gethostname()}-{os.getpid()}"


def make_worker(settings: Settings, *, redis_url: str, prefix: str = DEFAULT_PREFIX,
                worker_id: str | None = None, idle_seconds: float | None = None) -> None:
    """Add scrapy-redis's scheduler and duplicate filter and jiezhen's worker components."""
    keys = Keys(prefix)
    values = {
        "REDIS_URL": redis_url,
        "SCHEDULER": "crawler.distributed.scheduler.SharedScheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        "SCHEDULER_QUEUE_KEY": keys.queue_template,
        "SCHEDULER_DUPEFILTER_KEY": keys.dupefilter_template,
        "SCHEDULER_PERSIST": True,  # the queue is shared: one worker ending must not flush it
        "JIEZHEN_DISTRIBUTED": True,
        "JIEZHEN_REDIS_PREFIX": prefix,
        "JIEZHEN_WORKER_ID": worker_id or default_worker_id(),
    }
    if idle_seconds is not None:
        values["JIEZHEN_IDLE_SECONDS"] = idle_seconds
    for name, value in values.items():
        settings.set(name, value, priority="cmdline")
    share_engines()  # one connection pool per worker process, whatever the number of sites
    _add(settings, "EXTENSIONS", "crawler.distributed.worker.WorkerExtension", 520)
    _add(settings, "DOWNLOADER_MIDDLEWARES", "crawler.distributed.host_slots.SharedHostSlots", 960)
    _add(settings, "SPIDER_MIDDLEWARES", "crawler.distributed.done.DoneMiddleware", 10)


def _add(settings: Settings, name: str, component: str, order: int) -> None:
    components = dict(settings.getdict(name))
    components[component] = order
    settings.set(name, components, priority="cmdline")
