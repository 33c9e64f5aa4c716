"""What ``crawl --distributed`` and ``nightly --distributed`` share: checking the Redis URL,
turning registered targets into spiders, and making the crawl settings a worker's."""
from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from crawler.distributed.config import ENV_REDIS, default_worker_id
from crawler.distributed.keys import Keys
from crawler.distributed.seed import SeedTarget, generic_spider, registered_targets
from crawler.runner import CrawlTarget
from crawler.spiders.news import spider_for_profile


class RedisUnavailable(Exception):
    """Redis cannot be reached or was not named (one line for the user)."""


def redis_url(args: argparse.Namespace) -> str:
    url = getattr(args, "redis", None) or os.environ.get(ENV_REDIS)
    if not url:
        raise RedisUnavailable("name the shared crawl's Redis with --redis URL (or $JIEZHEN_REDIS_URL)")
    return url


def connect(url: str) -> Any:
    """A scrapy-redis connection, checked with PING."""
    from scrapy_redis.connection import get_redis

    try:
        server = get_redis(url=url, socket_connect_timeout=5, socket_timeout=30)
        server.ping()
    except Exception as exc:  # redis raises ConnectionError, ValueError on a bad URL...
        raise RedisUnavailable(f"cannot reach Redis at {url}: {exc}") from None
    return server


def connect_for(command: str, args: argparse.Namespace) -> tuple[str, Any] | None:
    """(URL, connection) of the shared crawl's Redis, or None after one line on stderr."""
    try:
        url = redis_url(args)
        return url, connect(url)
    except RedisUnavailable as exc:
        print(f"jiezhen {command}: {exc}", file=sys.stderr)
        return None


def crawl_targets(targets: list[SeedTarget], profiles: dict[str, Any]) -> list[CrawlTarget]:
    out = []
    for target in targets:
        if target.slug:
            out.append(CrawlTarget(spider_for_profile(profiles[target.slug]), label=target.slug))
        else:
            out.append(CrawlTarget(generic_spider(target.name), {"start_url": list(target.start_urls)},
                                   label=target.name))
    return out


def worker_targets(server: Any, keys: Keys, sites: list[str], profiles: dict[str, Any]) -> list[SeedTarget]:
    """The named sites, else every site seeded under this prefix."""
    if sites:
        return [SeedTarget(slug=s) for s in sites]
    return [t for t in registered_targets(server, keys) if not t.slug or t.slug in profiles]


def worker_overrides(args: argparse.Namespace, url: str) -> dict[str, Any]:
    """Settings for ``crawler.distributed.config.make_worker`` (applied by ``crawl_and_report``)."""
    return {"redis_url": url, "prefix": args.redis_prefix,
            "worker_id": args.worker_id or default_worker_id(), "idle_seconds": args.idle_seconds}
