"""Extraction in worker processes (crawler/parsing/offload.py): the same answer as in this
process, and a worker's death costs at most the pages it held, never the crawl."""
from __future__ import annotations

import asyncio
import os
import signal

import pytest

from crawler.parsing import offload
from crawler.parsing.article import extract_article
from crawler.parsing.offload import ExtractionPool, WorkerDied


def devset_pages(devset) -> list[tuple[str, bytes]]:
    pages = sorted((devset / "pages" / "html").glob("*.html"))
    assert len(pages) >= 10
    return [(path.name, path.read_bytes()) for path in pages]


def run(coroutine):
    return asyncio.run(coroutine)


def test_workers_extract_exactly_what_this_process_extracts(devset):
    pool = ExtractionPool(2)

    async def extract_all(pages):  # all in flight at once, as in a crawl
        return await asyncio.gather(*(pool.extract(body, f"https://example.gov.cn/{name}", None)
                                      for name, body in pages))
    try:
        pages = devset_pages(devset)
        got = run(extract_all(pages))
    finally:
        pool.close()
    for (name, body), result in zip(pages, got):
        assert result == extract_article(body, f"https://example.gov.cn/{name}", None), name
    assert sum(r.is_article for r in got) >= 10  # real articles, not a run of empty answers


def test_profile_selectors_reach_the_worker():
    page = ("<html><head><title>站点</title></head><body><div class='x'>"
            "<h2 class='mytitle'>新泾镇召开安全生产工作会议</h2><div class='t'>2024-03-01</div>"
            "<div id='main'>" + "<p>新泾镇召开安全生产工作会议，部署下一阶段重点工作，会议要求各单位压实责任。</p>" * 6
            + "</div></div></body></html>").encode("utf-8")
    selectors = {"title": ["h2.mytitle"], "body": ["#main"]}
    pool = ExtractionPool(1)
    try:
        result = run(pool.extract(page, "https://example.gov.cn/a.html", {}, selectors))
    finally:
        pool.close()
    assert result.article.title == "新泾镇召开安全生产工作会议"
    assert result == extract_article(page, "https://example.gov.cn/a.html", {}, selectors=selectors)


def test_no_processes_means_in_this_process(monkeypatch):
    pool = ExtractionPool(0)
    monkeypatch.setattr(offload, "ProcessPoolExecutor", None)  # any use of a pool would fail
    result = run(pool.extract(b"<html><body><p>x</p></body></html>", None, None))
    assert not result.is_article and pool.in_process


def _kill_workers(pool: ExtractionPool) -> int:
    executor = pool._executor
    pids = list(executor._processes) if executor is not None and executor._processes else []
    for pid in pids:
        os.kill(pid, signal.SIGKILL)
    return len(pids)


def _slow_page() -> bytes:
    """A page the extractor needs a while for, so a worker can be killed while it holds it."""
    paragraph = "<div><p>" + "新泾镇召开会议，研究部署重点工作。" * 40 + "</p></div>"
    return ("<html><body>" + paragraph * 3000 + "</body></html>").encode("utf-8")


async def _extract_while_killing(pool: ExtractionPool, kills: int):
    """Extract the slow page while SIGKILLing the workers holding it ``kills`` times."""
    task = asyncio.ensure_future(pool.extract(_slow_page(), "https://example.gov.cn/slow.html", None))
    for _ in range(kills):
        restarts = pool.restarts
        for _ in range(400):  # wait for a worker to hold the page
            await asyncio.sleep(0.05)
            if pool.restarts == restarts and _kill_workers(pool):
                break
        else:
            raise AssertionError("no worker started")
        while pool.restarts == restarts and not task.done():
            await asyncio.sleep(0.01)
    return await task


def test_a_page_caught_in_one_worker_death_is_tried_again():
    pool = ExtractionPool(1)
    try:
        result = run(_extract_while_killing(pool, kills=1))
        assert pool.restarts == 1
        assert result.encoding == "utf-8"  # extracted after all, by the new worker
        # and the pool goes on working
        again = run(pool.extract(b"<html><body><h1>t</h1></body></html>", None, None))
        assert again.reason is not None
    finally:
        pool.close()


def test_a_page_whose_workers_die_twice_is_lost_alone():
    pool = ExtractionPool(1)
    try:
        with pytest.raises(WorkerDied):
            run(_extract_while_killing(pool, kills=2))
        assert pool.restarts == 2 and not pool.in_process
        page = b"<html><head><title>t</title></head><body><p>ok</p></body></html>"
        assert run(pool.extract(page, None, None)) == extract_article(page, None, None)
    finally:
        pool.close()


def test_after_too_many_deaths_extraction_comes_back_in_process(monkeypatch):
    monkeypatch.setattr(offload, "MAX_RESTARTS", 1)
    pool = ExtractionPool(1)
    try:
        with pytest.raises(WorkerDied):
            run(_extract_while_killing(pool, kills=2))
        assert pool.in_process and pool._executor is None
        page = b"<html><head><title>t</title></head><body><p>ok</p></body></html>"
        assert run(pool.extract(page, None, None)) == extract_article(page, None, None)
        assert pool._executor is None  # no new worker was started
    finally:
        pool.close()


HOLDER = """
import asyncio, sys, time
sys.path.insert(0, {root!r})
from crawler.parsing.offload import ExtractionPool
pool = ExtractionPool(2)
asyncio.run(pool.extract(b"<html><body><p>x</p></body></html>", None, None))
print(" ".join(str(pid) for pid in pool._executor._processes), flush=True)
time.sleep(120)
"""


def _gone(pid: int) -> bool:
    try:
        state = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return True
    return state == "Z"


def test_workers_die_with_a_crawl_killed_outright(tmp_path):
    """SIGKILL (the OOM killer, a power-cut test) gives the crawl no chance to stop its
    workers: they must not live on holding its pipes (cron or a test waiting for EOF)."""
    import subprocess
    import sys
    import time
    from pathlib import Path

    root = str(Path(__file__).resolve().parents[3])
    proc = subprocess.Popen([sys.executable, "-c", HOLDER.format(root=root)], stdout=subprocess.PIPE)
    try:
        workers = [int(pid) for pid in proc.stdout.readline().split()]
        assert workers and not any(_gone(pid) for pid in workers)
        os.kill(workers[0], signal.SIGINT)  # a terminal's Ctrl-C reaches the workers too:
        os.kill(workers[0], signal.SIGTERM)  # ignored, the crawl decides when they stop
        time.sleep(0.5)
        assert not _gone(workers[0])
        proc.kill()
        proc.wait(timeout=10)
        deadline = time.monotonic() + 10
        while not all(_gone(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert all(_gone(pid) for pid in workers)
        assert proc.stdout.read() == b""  # EOF: nobody holds the pipe any more
    finally:
        proc.kill()
