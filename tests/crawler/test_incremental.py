"""The incremental rules (crawler/incremental.py): what to fetch, when to stop paging."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from crawler.incremental import Policy, keep_paging, next_streak, plan_links, previous_run_complete

NOW = datetime(2026, 11, 27, 2, 0, tzinfo=timezone.utc)
FRESH = {"last_seen": NOW - timedelta(days=1), "etag": '"abc"', "last_modified": "Wed, 25 Nov 2026 01:00:00 GMT"}
OLD = {"last_seen": NOW - timedelta(days=40), "etag": '"def"', "last_modified": None}


def test_new_are_fetched_recent_skipped_due_rechecked_conditionally():
    plan = plan_links(["a", "b", "c"], {"b": FRESH, "c": OLD}, NOW, Policy())
    assert plan.fetch == ["a"]
    assert plan.known == ["b"]
    assert plan.recheck == [("c", {"If-None-Match": '"def"'})]
    assert not plan.all_known


def test_both_validators_are_sent_when_stored():
    plan = plan_links(["b"], {"b": FRESH}, NOW, Policy(recheck_after=timedelta(0)))
    assert plan.recheck == [("b", {"If-None-Match": '"abc"',
                                   "If-Modified-Since": "Wed, 25 Nov 2026 01:00:00 GMT"})]
    assert plan.all_known


def test_full_mode_fetches_everything():
    plan = plan_links(["a", "b"], {"b": FRESH}, NOW, Policy(enabled=False))
    assert plan.fetch == ["a", "b"] and not plan.known


def test_paging_stops_after_overlap_pages_of_archived_articles():
    policy = Policy(overlap=1)
    all_known = plan_links(["b"], {"b": FRESH}, NOW, policy)
    has_new = plan_links(["a", "b"], {"b": FRESH}, NOW, policy)
    streak = next_streak(0, has_new)
    assert streak == 0 and keep_paging(streak, policy)
    streak = next_streak(streak, all_known)
    assert streak == 1 and keep_paging(streak, policy)  # the overlap page
    streak = next_streak(streak, all_known)
    assert streak == 2 and not keep_paging(streak, policy)
    assert next_streak(5, has_new) == 0


def test_an_empty_list_page_is_not_all_known():
    assert not plan_links([], {}, NOW, Policy()).all_known


def test_every_list_page_is_read_after_an_incomplete_run():
    assert keep_paging(10, Policy(deep=True))
    assert keep_paging(10, Policy(enabled=False))
    assert previous_run_complete({"status": "finished", "finish_reason": "finished"})
    for run in (None, {"status": "interrupted", "finish_reason": "shutdown"},
                {"status": "running", "finish_reason": None}, {"status": "killed", "finish_reason": "killed"},
                {"status": "finished", "finish_reason": "closespider_pagecount"},
                {"status": "suspect", "finish_reason": "finished"},
                {"status": "blocked", "finish_reason": "blocked"}):
        assert not previous_run_complete(run), run
