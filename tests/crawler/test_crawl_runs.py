"""The worker runs of one distributed crawl are judged as one crawl (crawler/crawl_runs.py)."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from crawler.crawl_runs import one_per_crawl
from storage.archive import Archive
from tests.crawler.conftest import run_cli

NIGHT = datetime.now(timezone.utc).replace(hour=2, minute=0, second=0, microsecond=0) - timedelta(days=1)


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def run(night: int, worker: str | None, new: int, start_min: int = 0, minutes: int = 30,
        status: str = "finished", pages: int = 40, flags=(), errors=None):
    """A run ``night`` nights before NIGHT (newest first when sorted by the caller)."""
    start = NIGHT - timedelta(days=night) + timedelta(minutes=start_min)
    return {"site": "s", "started": _stamp(start), "finished": _stamp(start + timedelta(minutes=minutes)),
            "status": status, "finish_reason": "finished", "pages": pages, "new": new, "changed": 0,
            "unchanged": 0, "errors": dict(errors or {}), "bytes": 0, "list_pages": 2,
            "not_modified": 0, "known": 0, "reposts": 0, "flags": list(flags), "worker": worker}


def test_overlapping_worker_runs_become_one_crawl_with_summed_counts():
    runs = [run(0, "w2", 0, start_min=1), run(0, "w1", 12, errors={"http_404": 1}),
            run(1, "w1", 3, start_min=2), run(1, "w2", 4, errors={"http_404": 2}),
            run(2, None, 9)]
    merged = one_per_crawl(runs)
    assert [(m["new"], m.get("workers"), m["pages"]) for m in merged] == [(12, 2, 80), (7, 2, 80), (9, None, 40)]
    assert merged[0]["errors"] == {"http_404": 1} and merged[1]["errors"] == {"http_404": 2}
    assert merged[0]["started"] == runs[1]["started"] and merged[0]["finished"] == runs[0]["finished"]


def test_a_flag_one_worker_raised_on_its_share_is_not_the_crawls():
    [both] = one_per_crawl([run(0, "w1", 0, flags=["no_links"], status="suspect"), run(0, "w2", 5)])
    assert both["status"] == "finished" and both["flags"] == []
    [both] = one_per_crawl([run(0, "w1", 0, flags=["no_links"], status="suspect"),
                            run(0, "w2", 0, flags=["no_links"], status="suspect")])
    assert both["status"] == "suspect" and both["flags"] == ["no_links"]
    [blocked] = one_per_crawl([run(0, "w1", 0, status="blocked"), run(0, "w2", 5)])
    assert blocked["status"] == "blocked"


def test_health_judges_a_distributed_crawl_by_all_its_workers(tmp_path):
    """Every night one of four workers got all the new articles and the others only list
    pages: judged per worker run, the site would look dead (3 runs without a new article)."""
    db = f"sqlite:///{tmp_path / 'a.db'}"
    with Archive.open(db, migrate=True) as archive:
        for night in range(6, -1, -1):
            for worker, new, offset in (("w1", 5, 0), ("w2", 0, 1), ("w3", 0, 1), ("w4", 0, 2)):
                r = run(night, worker, new, start_min=offset)
                started = datetime.fromisoformat(r["started"].replace("Z", "+00:00"))
                finished = datetime.fromisoformat(r["finished"].replace("Z", "+00:00"))
                run_id = archive.start_run("s", started=started, worker=worker)
                archive.finish_run(run_id, status="finished", finish_reason="finished", pages=40,
                                   new=new, changed=0, unchanged=0, errors={}, bytes=0,
                                   finished=finished)
    result = run_cli("health", "--db", db, "--format", "json")
    assert result.code == 0, result.out + result.err
    [site] = json.loads(result.out)
    assert site["healthy"] and site["problems"] == []
    assert site["last_new"] == 5 and site["median_new"] == 5
    # the run history itself stays one row per worker, and the table names the worker
    listed = run_cli("runs", "--db", db, "--last", "4")
    header, *rows = [line for line in listed.out.splitlines() if line.strip() and not set(line) <= set("-+ ")]
    assert header.split()[:3] == ["run", "site", "worker"]
    assert sorted(row.split()[2] for row in rows) == ["w1", "w2", "w3", "w4"]
