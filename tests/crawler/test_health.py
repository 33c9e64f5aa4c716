"""Health rules over run records (crawler/health.py)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from crawler.health import Thresholds, assess, rates

NOW = datetime(2026, 11, 27, 6, 0, tzinfo=timezone.utc)


def run(days_ago: float, new: int, status: str = "finished", pages: int = 30, errors=None, flags=None):
    stamp = (NOW - timedelta(days=days_ago)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {"started": stamp, "finished": stamp, "status": status, "new": new, "pages": pages,
            "errors": errors or {}, "flags": flags or [], "finish_reason": "finished"}


def history(*news: int):
    """Nightly runs, newest first, one a day."""
    return [run(i, n) for i, n in enumerate(news)]


def test_a_site_that_usually_yields_and_yields_nothing_for_n_runs_is_unhealthy():
    h = assess("a", history(0, 0, 0, 4, 6, 5, 3), NOW)
    assert not h.healthy and h.median_new == 4.5
    assert h.problems == ["no_new: no new article in the last 3 runs (usually 4.5)"]
    assert assess("a", history(0, 0, 2, 4, 6, 5, 3), NOW).healthy  # only two quiet nights
    assert assess("a", history(0, 0, 0, 0, 1, 0, 0), NOW).healthy  # a site that rarely publishes


def test_flagged_last_run_is_unhealthy():
    h = assess("a", [run(0, 0, status="suspect", flags=["no_links"]), *history(3, 4)[1:]], NOW)
    assert h.problems == ["flagged: last run suspect (no_links)"]
    assert assess("a", [run(0, 0, status="blocked", errors={"blocked": 5})], NOW).problems[0] \
        .startswith("flagged: last run blocked")


def test_error_and_block_rates_against_thresholds():
    assert rates(run(0, 1, pages=8, errors={"http_500": 2, "timeout": 2, "robots": 3})) == (0.4, 0.0)
    h = assess("a", [run(0, 5, pages=8, errors={"http_500": 2, "timeout": 2})], NOW)
    assert h.problems == ["errors: 40% of requests failed (threshold 20%)"]
    h = assess("a", [run(0, 5, pages=18, errors={"blocked": 2})], NOW, Thresholds(block_rate=0.05))
    assert h.problems == ["blocked: 10% of requests blocked (threshold 5%)"]


def test_no_success_for_d_days_is_stale():
    h = assess("a", [run(0, 0, status="failed"), run(3, 5)], NOW)
    assert h.problems == [f"stale: no successful run since {h.last_success} (threshold 2 days)"]
    assert assess("a", [run(0, 0, status="failed"), run(1, 5)], NOW).healthy
    assert assess("a", [], NOW).problems == ["stale: never crawled"]
    assert assess("a", [run(0, 0, status="running")], NOW).problems == ["stale: never crawled"]
