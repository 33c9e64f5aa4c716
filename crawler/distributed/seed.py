"""Seeding a shared crawl (``jiezhen enqueue``) and finding what a worker should crawl.

A seeded site gets: its start pages in its scrapy-redis queue (serialised by scrapy-redis's own
queue class, so workers decode them like any other request), an empty duplicate filter (a new
crawl: last night's fingerprints must not hide today's pages), no blocked flag, and an entry in
the targets registry, from which ``crawl --distributed`` without SITE arguments builds its
spiders. A site whose crawl is still under way (requests queued or in flight) is left alone
unless ``reset``: re-seeding it would clear the duplicate filter under the running workers.

Incremental crawls decide "read every list page" (``deep``) from the site's previous run; a
distributed crawl decides it here, once, and the start requests carry it, because every worker
opens its own run row and would otherwise see its peers' unfinished rows.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

from scrapy_redis.queue import PriorityQueue

from crawler import incremental
from crawler.distributed.keys import Keys
from crawler.spiders.news import NewsSpider, spider_for_profile
from crawler.urls import host_of
from crawler.warc.naming import safe_site

SEED_LOCK_SECONDS = 60


@dataclass
class SeedTarget:
    """A site to crawl: a profile slug, or generic-mode start URLs."""
    slug: str | None = None
    start_urls: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The spider name, which names the site's Redis keys."""
        if self.slug:
            return self.slug
        hosts = list(dict.fromkeys(host_of(u) for u in self.start_urls))
        return "news-" + safe_site(",".join(hosts))

    def registry_value(self) -> str:
        return json.dumps({"site": self.slug} if self.slug else {"start_url": self.start_urls})


@dataclass
class SeedResult:
    name: str
    queued: int  # start pages put in the queue (0: left alone)
    note: str = ""


def generic_spider(name: str) -> type[NewsSpider]:
    """A generic-mode spider class under its distributed name (its keys are per name)."""
    return type("Spider_" + name.replace("-", "_").replace(".", "_"), (NewsSpider,), {"name": name})


def build_spider(target: SeedTarget, profiles: dict[str, Any]) -> NewsSpider:
    if target.slug:
        return spider_for_profile(profiles[target.slug])()
    return generic_spider(target.name)(start_url=list(target.start_urls))


def under_way(server: Any, keys: Keys, name: str) -> int:
    """Requests queued or in flight for ``name`` (0: no crawl of it is running)."""
    queued = int(server.zcard(keys.queue(name)))
    held = sum(int(server.hlen(keys.inflight(name, w.decode() if isinstance(w, bytes) else w)))
               for w in server.smembers(keys.workers(name)))
    return queued + held


def seed(server: Any, keys: Keys, targets: list[SeedTarget], profiles: dict[str, Any], *,
         archive: Any = None, reset: bool = False, min_interval: float = 0.0) -> list[SeedResult]:
    """Put each target's start pages in the shared queue (see the module docstring)."""
    lock = server.lock(keys.seed_lock, timeout=SEED_LOCK_SECONDS, blocking_timeout=SEED_LOCK_SECONDS)
    if not lock.acquire():
        raise TimeoutError("another `jiezhen enqueue` held the seed lock for a minute")
    try:
        return [_seed_one(server, keys, t, profiles, archive=archive, reset=reset,
                          min_interval=min_interval) for t in targets]
    finally:
        lock.release()


def _seed_one(server: Any, keys: Keys, target: SeedTarget, profiles: dict[str, Any], *,
              archive: Any, reset: bool, min_interval: float) -> SeedResult:
    name = target.name
    busy = under_way(server, keys, name)
    if busy and not reset:
        return SeedResult(name, 0, f"already under way ({busy} requests queued or in flight)")
    seeded = server.get(keys.seeded(name))
    if min_interval and seeded and not reset and time.time() - float(seeded) < min_interval:
        return SeedResult(name, 0, f"seeded {time.time() - float(seeded):.0f} s ago")
    spider = build_spider(target, profiles)
    site = spider.site
    deep = None
    if archive is not None:
        last = archive.runs(site=site, last=1)
        deep = not incremental.previous_run_complete(last[0] if last else None)
    with server.pipeline() as pipe:
        if reset:
            pipe.delete(keys.queue(name))
            for worker in server.smembers(keys.workers(name)):
                worker = worker.decode() if isinstance(worker, bytes) else worker
                pipe.delete(keys.inflight(name, worker))
            pipe.delete(keys.workers(name))
        pipe.delete(keys.dupefilter(name), keys.blocked(name))
        pipe.hset(keys.targets, name, target.registry_value())
        pipe.set(keys.seeded(name), str(time.time()))
        pipe.execute()
    queue = PriorityQueue(server=server, spider=spider, key=keys.queue_template)
    for url in spider.start_urls:
        queue.push(spider.list_request(url, deep=deep))
    return SeedResult(name, len(spider.start_urls), "every list page" if deep else "")


def registered_targets(server: Any, keys: Keys) -> list[SeedTarget]:
    """Every site ever seeded under this prefix (what a worker without SITE arguments crawls)."""
    targets = []
    for name, value in sorted(server.hgetall(keys.targets).items()):
        data = json.loads(value)
        targets.append(SeedTarget(slug=data.get("site"), start_urls=list(data.get("start_url") or [])))
    return targets
