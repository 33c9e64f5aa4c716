"""A shared crawl on this machine: local sites (one loopback address each, so each is its own
host), the Redis on 127.0.0.1:6379 under a key prefix of the test's own, PostgreSQL as the
archive, and `jiezhen crawl --distributed` workers as subprocesses.

Redis is required: if it is down the fixture fails (it never skips).
"""
from __future__ import annotations

import uuid
from contextlib import ExitStack
from pathlib import Path

import pytest
import redis

from benchmarks.shared_crawl import REDIS_URL, SharedCrawl, make_shared_crawl

#: Loopback crawling, fast; the per-host limit stays 2 so politeness across workers is exercised.
WORKER_FAST = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2",
               "-s", "DOWNLOAD_TIMEOUT=10", "-s", "RETRY_TIMES=1", "-s", "JIEZHEN_POLL_SECONDS=0.3"]
HOST_LIMIT = 2


@pytest.fixture
def redis_prefix():
    """A key prefix of this test's own on the local Redis; its keys are deleted afterwards."""
    server = redis.Redis.from_url(REDIS_URL)
    server.ping()  # Redis down: the test fails here, it is not skipped
    prefix = f"jiezhen-test-{uuid.uuid4().hex[:10]}"
    yield prefix
    for key in server.scan_iter(match=f"{prefix}:*", count=500):
        server.delete(key)
    server.close()


@pytest.fixture
def shared_crawl_factory(tmp_path: Path, postgres_url: str, redis_prefix: str):
    made: list[SharedCrawl] = []
    with ExitStack() as stack:
        def make(**kwargs) -> SharedCrawl:
            made.append(make_shared_crawl(tmp_path, postgres_url, redis_prefix, stack, **kwargs))
            made[-1].fast = tuple(WORKER_FAST)
            return made[-1]
        yield make
        for crawl in made:  # a failed test must not leave workers behind
            for proc in crawl.procs.values():
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()
