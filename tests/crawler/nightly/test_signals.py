"""Stopped runs resume with nothing lost: SIGINT (graceful) and SIGKILL (nothing finishes)."""
from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

from storage.archive import Archive
from tests.crawler.conftest import jiezhen_command


def _count(db_url: str) -> int:
    try:
        with Archive.open(db_url) as archive:
            return archive.count()
    except Exception:  # not created / migrated yet
        return 0


def _start_slow(site, delay: float = 0.3) -> subprocess.Popen:
    """About 10 s of crawling: 2 requests at a time, each answered after ``delay``; articles are
    stored 5 at a time so the archive fills while the run goes on."""
    site.server.routes["/col1/"] = {"delay": delay}
    env = {k: v for k, v in os.environ.items() if k != "JIEZHEN_DB"}
    argv = site.nightly_argv("-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2", "-s", "JIEZHEN_BATCH_SIZE=5")
    return subprocess.Popen([*jiezhen_command(), *argv], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for_articles(site, proc: subprocess.Popen, at_least: int, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while _count(site.db_url) < at_least:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the crawl archived nothing in time"
        time.sleep(0.1)


def _children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _resume_and_check(site, archived_before: set[str]) -> None:
    site.server.routes.clear()
    site.server.hits.clear()
    result = site.nightly()
    assert result.code == 0, result.err + result.out
    # the set is complete ...
    assert site.archived_urls() == {site.url(p) for p in site.paths}
    # ... and nothing archived before the stop was fetched again
    fetched_again = {p for p in site.article_hits() if site.url(p) in archived_before}
    assert fetched_again == set()
    # the resumed run read every list page (the last run did not reach the end)
    assert len(site.list_hits()) == 3


def test_sigint_finishes_in_flight_work_and_the_next_run_completes_the_set(sqlite_night_site):
    site = sqlite_night_site
    proc = _start_slow(site)
    _wait_for_articles(site, proc, 8)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 3, err.decode()
    run = site.runs()[0]
    assert run["status"] == "interrupted" and run["finish_reason"] == "shutdown"
    archived = site.archived_urls()
    assert 8 <= len(archived) < 60
    assert run["new"] == len(archived)  # what the run says it stored is what is there
    _resume_and_check(site, archived)


def test_sigkill_loses_nothing_archived_and_the_next_run_completes_the_set(sqlite_night_site):
    site = sqlite_night_site
    proc = _start_slow(site)
    _wait_for_articles(site, proc, 8)
    children = _children(proc.pid)
    assert children, "nightly runs each site in a child process"
    for pid in [proc.pid, *children]:  # as the OOM killer or a power cut would: nobody cleans up
        os.kill(pid, signal.SIGKILL)
    proc.communicate(timeout=30)
    for pid in children:
        while Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2]:
            time.sleep(0.05)
    archived = site.archived_urls()
    assert 8 <= len(archived) < 60
    # the killed run never closed its record; `runs` sees its process is gone (zombie or reaped)
    assert site.runs()[0]["status"] == "killed"
    _resume_and_check(site, archived)
    statuses = [r["status"] for r in site.runs()]
    assert statuses == ["finished", "killed"]  # the stale lock was taken over
