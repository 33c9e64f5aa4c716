"""store_batch: new / unchanged / changed, append-only captures, all-or-nothing batches."""
from __future__ import annotations

import hashlib
import threading
import time
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from storage.archive import Archive
from storage.db import make_engine, write_options
from storage.models import ArticleRow
from storage.upsert import store_items

from .factories import T0, article, capture

T1, T2, T3 = (T0 + timedelta(days=d) for d in (1, 2, 3))


def records(archive: Archive) -> list[dict]:
    return list(archive.iter_records())


def test_new_articles_are_version_1_seen_once(archive):
    result = archive.store_batch([(article(1), None), (article(2), None)], seen_at=T0)
    assert result.changed == [] and result.unchanged == []
    assert len(result.new) == 2
    first = archive.get(result.new[0])
    assert first["url"] == "https://www.shcn.gov.cn/art/1.html"
    assert first["body"] == "正文1。"
    assert first["version"] == 1
    assert first["first_seen"] == first["last_seen"] == "2026-11-27T08:00:00Z"
    assert first["duplicate_of"] is None and first["capture"] is None
    assert first["sightings"] == [{"url": "https://www.shcn.gov.cn/art/1.html", "site": "changning",
                                   "first_seen": "2026-11-27T08:00:00Z", "published": None,
                                   "source": None, "id": first["id"], "duplicate_of": None,
                                   "differs": []}]


def test_result_lists_follow_the_order_given(archive):
    first = archive.store_batch([(article("b"), None), (article("a"), None)], seen_at=T0)
    second = archive.store_batch([(article("a"), None), (article("c"), None),
                                  (article("b", body="改"), None)], seen_at=T1)
    by_url = {r["url"][-6:-5]: r["id"] for r in records(archive)}
    assert first.new == [by_url["b"], by_url["a"]]
    assert second.unchanged == [by_url["a"]]
    assert second.new == [by_url["c"]]
    assert second.changed == [by_url["b"]]


def test_restoring_the_same_batch_changes_nothing(archive):
    batch = [(article(1, images=[{"src": "https://x/1.jpg", "caption": "图1"}],
                      meeting={"event_type": "调研", "people": []}),
              capture("https://www.shcn.gov.cn/art/1.html", b"<html>1</html>")),
             (article(2), capture("https://www.shcn.gov.cn/art/2.html", b"<html>2</html>"))]
    archive.store_batch(batch, seen_at=T0)
    before = records(archive)
    result = archive.store_batch(batch, seen_at=T0)
    assert result.new == [] and result.changed == []
    assert result.unchanged == [r["id"] for r in before]
    assert records(archive) == before
    assert [len(archive.captures(r["id"])) for r in before] == [1, 1]


def test_unchanged_text_only_moves_last_seen(archive):
    (article_id,) = archive.store_batch([(article(1), None)], seen_at=T0).new
    before = archive.get(article_id)
    result = archive.store_batch([(article(1), None)], seen_at=T2)
    assert result.unchanged == [article_id]
    after = archive.get(article_id)
    assert after["last_seen"] == "2026-11-29T08:00:00Z"
    assert {**after, "last_seen": before["last_seen"]} == before


def test_seen_times_only_widen(archive):
    (article_id,) = archive.store_batch([(article(1), None)], seen_at=T2).new
    archive.store_batch([(article(1), None)], seen_at=T1)  # e.g. importing an older capture
    record = archive.get(article_id)
    assert record["first_seen"] == "2026-11-28T08:00:00Z"
    assert record["last_seen"] == "2026-11-29T08:00:00Z"


def test_changed_text_updates_fields_and_bumps_version(archive):
    (article_id,) = archive.store_batch(
        [(article(1, body="旧正文。", title="旧标题"),
          capture("https://www.shcn.gov.cn/art/1.html", b"<p>old</p>"))], seen_at=T0).new
    result = archive.store_batch(
        [(article(1, body="新正文。", title="新标题", published="2026-11-28"),
          capture("https://www.shcn.gov.cn/art/1.html", b"<p>new</p>", fetched_at=T3))], seen_at=T3)
    assert result.changed == [article_id]
    record = archive.get(article_id)
    assert (record["title"], record["body"], record["published"]) == ("新标题", "新正文。", "2026-11-28")
    assert record["content_hash"] == "sha256:" + hashlib.sha256("新正文。".encode()).hexdigest()
    assert record["version"] == 2
    assert record["first_seen"] == "2026-11-27T08:00:00Z"
    assert record["last_seen"] == "2026-11-30T08:00:00Z"
    # The raw bytes behind the old text are still there, in order.
    bodies = [c["body"] for c in archive.captures(article_id, with_body=True)]
    assert bodies == [b"<p>old</p>", b"<p>new</p>"]
    assert archive.store_batch([(article(1, body="第三版。"), None)], seen_at=T3).changed == [article_id]
    assert archive.get(article_id)["version"] == 3


def test_captures_are_appended_only_for_new_bytes(archive):
    url = "https://www.shcn.gov.cn/art/1.html"
    (article_id,) = archive.store_batch([(article(1), capture(url, b"<html>A</html>"))], seen_at=T0).new
    archive.store_batch([(article(1), capture(url, b"<html>A</html>", fetched_at=T1))], seen_at=T1)
    assert len(archive.captures(article_id)) == 1
    # Same cleaned text, different raw page (say, a new sidebar): article unchanged, bytes kept.
    result = archive.store_batch([(article(1), capture(url, b"<html>A + ad</html>", fetched_at=T2))],
                                 seen_at=T2)
    assert result.unchanged == [article_id]
    kept = archive.captures(article_id, with_body=True)
    assert [c["body"] for c in kept] == [b"<html>A</html>", b"<html>A + ad</html>"]
    assert kept[0]["digest"] == "sha256:" + hashlib.sha256(b"<html>A</html>").hexdigest()
    assert kept[0]["fetched_at"] == "2026-11-27T08:00:00Z"
    assert kept[0]["headers"] == {"Content-Type": "text/html; charset=utf-8"}
    assert kept[0]["status"] == 200 and kept[0]["encoding"] == "utf-8"


def test_stale_content_hash_is_recomputed(archive):
    item = article(1, body="原文。")
    item.body = "清洗后的正文。"  # edited without rehash()
    (article_id,) = archive.store_batch([(item, None)], seen_at=T0).new
    expected = "sha256:" + hashlib.sha256("清洗后的正文。".encode()).hexdigest()
    assert archive.get(article_id)["content_hash"] == expected


def test_nul_characters_are_dropped_the_same_on_both_databases(archive):
    (article_id,) = archive.store_batch([(article(1, body="第一段\x00。", title="标\x00题"), None)],
                                        seen_at=T0).new
    record = archive.get(article_id)
    assert (record["title"], record["body"]) == ("标题", "第一段。")
    assert record["content_hash"] == "sha256:" + hashlib.sha256("第一段。".encode()).hexdigest()


def test_times_are_stored_as_utc_whatever_zone_they_come_in(archive):
    beijing = timezone(timedelta(hours=8))
    (article_id,) = archive.store_batch(
        [(article(1), None)], seen_at=datetime(2026, 11, 28, 0, 18, 55, tzinfo=beijing)).new
    assert archive.get(article_id)["first_seen"] == "2026-11-27T16:18:55Z"
    engine = make_engine(archive.url)
    try:
        with engine.connect() as conn:
            first_seen = conn.execute(select(ArticleRow.first_seen)).scalar_one()
    finally:
        engine.dispose()
    assert first_seen == datetime(2026, 11, 27, 16, 18, 55, tzinfo=timezone.utc)
    assert first_seen.utcoffset() == timedelta(0)


def test_a_batch_failing_midway_leaves_the_archive_as_it_was(archive):
    archive.store_batch([(article(1), capture("https://www.shcn.gov.cn/art/1.html", b"v1"))], seen_at=T0)
    before = records(archive)
    broken = article(3)
    broken.title = None  # violates NOT NULL after the first two items were written
    batch = [(article(1, body="改过的正文。"), capture("https://www.shcn.gov.cn/art/1.html", b"v2")),
             (article(2), None), (broken, None), (article(4), None)]
    with pytest.raises(IntegrityError):
        archive.store_batch(batch, seen_at=T1)
    assert records(archive) == before
    assert len(archive.captures(before[0]["id"])) == 1
    assert archive.count() == 1


def test_article_without_url_is_rejected_and_nothing_stored(archive):
    nameless = article(2)
    nameless.url = None
    with pytest.raises(ValueError, match="without a URL"):
        archive.store_batch([(article(1), None), (nameless, None)])
    assert archive.count() == 0


def test_known_urls(archive):
    archive.store_batch([(article(1), None), (article(2), None)], seen_at=T0)
    asked = [f"https://www.shcn.gov.cn/art/{n}.html" for n in (2, 3, 1, 2)]
    assert archive.known_urls(asked) == {"https://www.shcn.gov.cn/art/1.html",
                                         "https://www.shcn.gov.cn/art/2.html"}
    assert archive.known_urls([]) == set()


def test_iter_records_streams_by_id_and_filters_site(archive):
    archive.store_batch([(article(n, site="xinjing" if n % 2 else "changning"), None)
                         for n in range(7)], seen_at=T0)
    every = list(archive.iter_records(batch_size=2))
    assert [r["id"] for r in every] == sorted(r["id"] for r in every)
    assert len(every) == archive.count() == 7
    xinjing = list(archive.iter_records(site="xinjing", batch_size=2))
    assert [r["title"] for r in xinjing] == ["标题1", "标题3", "标题5"]
    assert archive.get(10_000) is None


def test_concurrent_writers_store_each_url_exactly_once(db_url):
    Archive.open(db_url, migrate=True).close()
    urls = [article(n).url for n in range(40)]
    start = threading.Barrier(4)
    results, errors = [], []

    def writer(offset: int) -> None:
        try:
            with Archive.open(db_url) as archive:
                start.wait()
                order = list(range(offset, 40)) + list(range(offset))  # overlapping, rotated
                for i in range(0, 40, 10):
                    results.append(archive.store_batch([(article(n), None) for n in order[i:i + 10]]))
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(offset,)) for offset in (0, 5, 17, 33)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    with Archive.open(db_url) as archive:
        stored = [r["url"] for r in archive.iter_records()]
    assert sorted(stored) == sorted(urls)
    new_ids = [i for result in results for i in result.new]
    assert len(new_ids) == len(set(new_ids)) == 40
    assert sum(len(r.unchanged) for r in results) == 3 * 40


def test_losing_an_insert_race_retries_and_counts_as_unchanged(archive):
    """Another writer inserts the URL first and commits while we wait: we must not fail."""
    engine = make_engine(archive.url)
    outcome: dict = {}
    try:
        with engine.connect() as conn:
            conn = conn.execution_options(**write_options(engine))
            transaction = conn.begin()
            (winner_id,) = store_items(conn, [(article(1), None)], T0).new

            def loser() -> None:
                outcome["result"] = archive.store_batch([(article(1), None)], seen_at=T1)

            thread = threading.Thread(target=loser)
            thread.start()
            time.sleep(0.3)
            assert thread.is_alive()  # blocked behind the winner's uncommitted row / lock
            transaction.commit()
            thread.join(timeout=30)
    finally:
        engine.dispose()
    assert outcome["result"].unchanged == [winner_id]
    assert outcome["result"].new == []
    assert archive.count() == 1
    assert archive.get(winner_id)["last_seen"] == "2026-11-28T08:00:00Z"
