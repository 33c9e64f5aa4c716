"""Storing re-extracted articles (``jiezhen reprocess``): no new sighting, fields refreshed."""
from __future__ import annotations

from datetime import timedelta

from tests.storage.factories import T0, article, capture


def test_refresh_rewrites_fields_of_an_unchanged_body_without_a_new_version(archive):
    archive.store_batch([(article(1, title="旧标题"), capture("https://www.shcn.gov.cn/art/1.html", b"x"))],
                        seen_at=T0)
    before = archive.get(1)
    later = T0 + timedelta(days=3)
    result = archive.store_batch([(article(1, title="新标题", published="2023-02-01"), None)],
                                 seen_at=later, sighting=False, refresh=True)
    assert result.refreshed == [1] and result.changed == [] and result.unchanged == []
    after = archive.get(1)
    assert after["title"] == "新标题" and after["published"] == "2023-02-01"
    assert after["version"] == before["version"] == 1
    assert (after["first_seen"], after["last_seen"]) == (before["first_seen"], before["last_seen"])
    assert [h["id"] for h in archive.search("新标题").hits] == [1]
    assert archive.search("旧标题").total == 0


def test_refresh_of_identical_fields_changes_nothing(archive):
    archive.store_batch([(article(1), None)], seen_at=T0)
    before = archive.get(1)
    result = archive.store_batch([(article(1), None)], seen_at=T0 + timedelta(days=1),
                                 sighting=False, refresh=True)
    assert result.unchanged == [1] and result.refreshed == []
    assert archive.get(1) == before


def test_without_refresh_an_unchanged_body_keeps_the_stored_fields(archive):
    """A crawl (not reprocess) still only moves last_seen when the body is the same."""
    archive.store_batch([(article(1, title="旧标题"), None)], seen_at=T0)
    result = archive.store_batch([(article(1, title="新标题"), None)], seen_at=T0 + timedelta(days=1))
    assert result.unchanged == [1]
    assert archive.get(1)["title"] == "旧标题"
