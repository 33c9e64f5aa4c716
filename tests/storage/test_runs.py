"""Crawl-run bookkeeping behind ``jiezhen runs`` and ``health``."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
from datetime import timedelta

import pytest

from .factories import T0

RUN_KEYS = ["id", "site", "started", "finished", "status", "finish_reason", "pages", "new",
            "changed", "unchanged", "errors", "bytes", "list_pages", "not_modified", "known",
            "reposts", "flags", "worker", "host", "pid"]


def test_a_started_run_is_running_until_finished(archive):
    run_id = archive.start_run("changning", settings={"DOWNLOAD_DELAY": 0}, started=T0)
    (run,) = archive.runs()
    assert list(run) == RUN_KEYS
    assert run == {"id": run_id, "site": "changning", "started": "2026-11-27T08:00:00Z",
                   "finished": None, "status": "running", "finish_reason": None, "pages": 0,
                   "new": 0, "changed": 0, "unchanged": 0, "errors": {}, "bytes": 0,
                   "list_pages": 0, "not_modified": 0, "known": 0, "reposts": 0, "flags": [],
                   "worker": None, "host": socket.gethostname(), "pid": os.getpid()}
    archive.finish_run(run_id, status="finished", finish_reason="finished", pages=12, new=3,
                       changed=1, unchanged=8, errors={"http_404": 2, "parse": 1},
                       bytes=123_456_789_012, finished=T0 + timedelta(minutes=5), reposts=2)
    (run,) = archive.runs()
    assert run["finished"] == "2026-11-27T08:05:00Z"
    assert (run["status"], run["finish_reason"]) == ("finished", "finished")
    assert (run["pages"], run["new"], run["changed"], run["unchanged"], run["reposts"]) == (12, 3, 1, 8, 2)
    assert run["errors"] == {"http_404": 2, "parse": 1}
    assert run["bytes"] == 123_456_789_012  # more than 32 bits


def test_nightly_counts_and_flags_are_recorded(archive):
    run_id = archive.start_run("changning", started=T0)
    archive.finish_run(run_id, status="suspect", finish_reason="finished", pages=4, new=0,
                       changed=0, unchanged=0, errors={}, bytes=10, list_pages=4,
                       not_modified=2, known=37, flags=["no_links"])
    (run,) = archive.runs()
    assert (run["status"], run["list_pages"], run["not_modified"], run["known"]) == ("suspect", 4, 2, 37)
    assert run["flags"] == ["no_links"] and run["reposts"] == 0


def test_runs_newest_first_filtered_and_limited(archive):
    older = archive.start_run("changning", started=T0)
    other = archive.start_run("xinjing", started=T0 + timedelta(hours=1))
    newer = archive.start_run("changning", started=T0 + timedelta(hours=2))
    assert [r["id"] for r in archive.runs()] == [newer, other, older]
    assert [r["id"] for r in archive.runs(site="changning")] == [newer, older]
    assert [r["id"] for r in archive.runs(last=2)] == [newer, other]
    assert [r["id"] for r in archive.runs(site="changning", last=1)] == [newer]


def test_finishing_an_unknown_run_is_an_error(archive):
    with pytest.raises(KeyError):
        archive.finish_run(999, status="failed", finish_reason=None, pages=0, new=0, changed=0,
                           unchanged=0, errors={}, bytes=0)


def test_a_distributed_run_says_which_worker_ran_it_and_an_empty_one_can_be_discarded(archive):
    kept = archive.start_run("changning", started=T0, worker="crawler-2-4711")
    empty = archive.start_run("changning", started=T0, worker="crawler-3-42")
    archive.discard_run(empty)
    assert [(r["id"], r["worker"]) for r in archive.runs()] == [(kept, "crawler-2-4711")]


def _dead_pid() -> int:
    """The pid of a process that has exited (and been reaped)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_run_whose_process_is_gone_is_marked_killed(archive):
    """A crawl SIGKILLed never closes its run; the next look at the runs on that host does."""
    dead = archive.start_run("changning", started=T0)
    alive = archive.start_run("xinjing", started=T0)  # this process: alive
    elsewhere = archive.start_run("changning", started=T0 + timedelta(minutes=1))
    finished = archive.start_run("xinjing", started=T0 + timedelta(minutes=2))
    archive.finish_run(finished, status="finished", finish_reason="finished", pages=1, new=0,
                       changed=0, unchanged=0, errors={}, bytes=1)
    from sqlalchemy import update

    from storage.models import CrawlRun
    with archive._engine.begin() as conn:  # what other processes' start_run would have written
        conn.execute(update(CrawlRun).where(CrawlRun.id == dead).values(pid=_dead_pid()))
        conn.execute(update(CrawlRun).where(CrawlRun.id == elsewhere).values(host="another-host", pid=_dead_pid()))
    assert archive.reap_dead_runs() == 1
    status = {run["id"]: (run["status"], run["finish_reason"]) for run in archive.runs()}
    assert status == {dead: ("killed", "killed (its process is gone)"), alive: ("running", None),
                      elsewhere: ("running", None), finished: ("finished", "finished")}
    assert archive.reap_dead_runs() == 0  # nothing more to do
