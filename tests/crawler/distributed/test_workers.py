"""Several workers share one crawl: every article archived once, fetched once, politely."""
from __future__ import annotations

import collections
import time
from pathlib import Path

import pytest

from tests.crawler.distributed.conftest import HOST_LIMIT

ARTICLES = 500
SITES = 4


@pytest.mark.parametrize("workers", [2, 4])
def test_workers_archive_every_article_once_and_fetch_each_once(shared_crawl_factory, workers):
    crawl = shared_crawl_factory(sites=SITES, articles=ARTICLES, delay=0.01)
    seeded = crawl.enqueue()
    assert seeded.code == 0, seeded.err
    assert all(f"{s.slug}: 1 start page(s) queued" in seeded.out for s in crawl.sites), seeded.out
    for n in range(workers):
        crawl.start_worker(f"w{n}")
    results = crawl.wait_all()
    for worker, result in results.items():
        assert result.code == 0, (worker, result.err[-2000:])

    urls = crawl.archived_urls()
    assert len(urls) == ARTICLES  # no article twice
    assert set(urls) == crawl.all_urls()  # none lost
    for site in crawl.sites:
        hits = site.article_hits()
        assert set(hits) == set(site.paths)
        assert set(hits.values()) == {1}, {p: n for p, n in hits.items() if n != 1}
        # politeness: never more than the per-host limit in flight, across all workers
        assert site.server.max_in_flight <= HOST_LIMIT

    runs = crawl.runs()
    assert {r["worker"] for r in runs} == {f"w{n}" for n in range(workers)}
    assert {r["status"] for r in runs} == {"finished"}
    assert sum(r["new"] for r in runs) == ARTICLES
    per_worker = collections.Counter((r["worker"], r["site"]) for r in runs)
    assert set(per_worker.values()) == {1}  # one run per worker and site it worked on
    names = [p.name for p in Path(crawl.warc_dir).iterdir()]
    for n in range(workers):  # each worker its own WARC files
        assert any(f"-w{n}-" in name for name in names), names


def test_a_worker_killed_mid_crawl_loses_nothing(shared_crawl_factory):
    crawl = shared_crawl_factory(sites=SITES, articles=ARTICLES, delay=0.03)
    assert crawl.enqueue().code == 0
    # the victim's host slots come back after their lease: short here, requests take 30 ms
    ttl = ["-s", "JIEZHEN_WORKER_TTL=3", "-s", "JIEZHEN_HOST_SLOT_LEASE=4"]
    victim = crawl.start_worker("victim", *ttl)
    crawl.start_worker("survivor", *ttl, idle=4)
    deadline = time.monotonic() + 60
    while crawl.archived_count() < 100 and time.monotonic() < deadline:
        time.sleep(0.3)
    assert victim.poll() is None, "the victim finished before it could be killed"
    victim.kill()
    victim.wait()
    del crawl.procs["victim"]
    results = crawl.wait_all()
    assert results["survivor"].code == 0, results["survivor"].err[-2000:]

    urls = crawl.archived_urls()
    assert len(urls) == ARTICLES and set(urls) == crawl.all_urls()
    for site in crawl.sites:
        hits = site.article_hits()
        assert set(hits) == set(site.paths)  # every article fetched, some perhaps twice
    runs = crawl.runs()
    assert {r["status"] for r in runs if r["worker"] == "victim"} == {"running"}  # it never closed
    assert {r["status"] for r in runs if r["worker"] == "survivor"} == {"finished"}


def test_a_site_one_worker_finds_blocking_is_stopped_by_every_worker(shared_crawl_factory):
    """Site 0 answers every article with a rate-limit notice. The worker that meets
    JIEZHEN_BLOCK_LIMIT of them in a row stops the site and sets its shared blocked flag; a
    worker that joins afterwards stops the site at once, without asking it anything (it does
    not have to find out for itself). The other site is archived in full."""
    import redis

    from benchmarks.shared_crawl import REDIS_URL
    from crawler.distributed.keys import Keys

    crawl = shared_crawl_factory(sites=2, articles=160, delay=0.02)
    blocking = crawl.sites[0]
    notice = "<html><body>您的访问过于频繁，请稍后再试</body></html>".encode("utf-8")
    for path in blocking.paths:
        (Path(blocking.server.root) / path.lstrip("/")).write_bytes(notice)
    assert crawl.enqueue().code == 0
    crawl.start_worker("w0", "-s", "JIEZHEN_BLOCK_LIMIT=3")
    server = redis.Redis.from_url(REDIS_URL)
    deadline = time.monotonic() + 60
    while not server.exists(Keys(crawl.prefix).blocked(blocking.slug)):
        assert time.monotonic() < deadline, "the first worker never flagged the site"
        time.sleep(0.05)
    server.close()
    crawl.start_worker("w1", "-s", "JIEZHEN_BLOCK_LIMIT=3")
    results = crawl.wait_all()
    assert "another worker found the site blocking" in results["w1"].err
    runs = [r for r in crawl.runs() if r["site"] == blocking.slug]
    assert {r["status"] for r in runs} == {"blocked"}, [(r["worker"], r["status"], r["finish_reason"]) for r in runs]
    # the late worker asked the blocking site nothing (a worker that got no request of a
    # site records no run for it)
    assert not [r for r in runs if r["worker"] == "w1" and r["pages"]], runs
    # stopped before the end: not every one of its 80 articles was asked for
    assert len(blocking.article_hits()) < len(blocking.paths), blocking.article_hits()
    assert crawl.sites[1].urls() <= set(crawl.archived_urls())
