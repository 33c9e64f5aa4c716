"""Reposts as sightings of one story, the canonical rule, versions; on SQLite and PostgreSQL.

Fingerprints come from the real dedup logic (pipelines/logic/dedup): storage only stores their
integer keys and calls their verification, which is what these tests exercise end to end.
"""
from __future__ import annotations

import multiprocessing
from datetime import timedelta

from pipelines.logic.dedup import fingerprint
from storage.archive import Archive
from storage.records import Article
from storage.stories import KEY_MEMBERS

from .factories import T0

STORY = (
    "3月5日上午，区委召开常委会会议，传达学习全国两会精神，研究部署我区贯彻落实工作。区委书记周立群主持会议。\n"
    "会议指出，全区各级各部门要把学习贯彻全国两会精神作为当前和今后一个时期的重要政治任务，迅速掀起学习宣传贯彻热潮。\n"
    "周立群强调，要紧扣全年目标任务，抓项目、稳增长、惠民生，全力以赴实现一季度“开门红”。"
)
REPOST = "来源：临江区融媒体中心\n" + STORY.replace("区委召开常委会会议", "区委举行常委会会议") + "\n会议还研究了其他事项。"
OTHER_DAY = STORY.replace("3月5日", "3月19日")


def copy(site: str, n: int, body: str, published: str | None, **fields) -> Article:
    return Article(url=f"http://{site}.example.cn/art/{n}.html", site=site, title=fields.pop("title", "区委常委会会议"),
                   body=body, published=published, **fields)


def store(archive: Archive, *articles: Article, seen_at=T0):
    return archive.store_batch([(a, None) for a in articles], seen_at=seen_at,
                               fingerprints=[fingerprint(a.title, a.body) for a in articles])


def by_url(archive: Archive) -> dict[str, dict]:
    return {r["url"]: r for r in archive.iter_records()}


def test_repost_on_another_site_is_a_sighting_of_the_story(archive):
    first = store(archive, copy("town", 1, STORY, "2024-03-05", source="镇党政办"))
    second = store(archive, copy("district", 7, REPOST, "2024-03-06", source="区融媒体中心"),
                   seen_at=T0 + timedelta(days=1))
    town, district = first.new[0], second.new[0]
    assert second.reposts == [(district, town)]
    records = by_url(archive)
    assert len(records) == 2  # nothing dropped: the repost keeps its own text
    repost = records["http://district.example.cn/art/7.html"]
    assert repost["duplicate_of"] == town and repost["body"] == REPOST
    canonical = records["http://town.example.cn/art/1.html"]
    assert canonical["duplicate_of"] is None
    assert [(s["url"], s["site"], s["published"], s["source"]) for s in canonical["sightings"]] == [
        ("http://town.example.cn/art/1.html", "town", "2024-03-05", "镇党政办"),
        ("http://district.example.cn/art/7.html", "district", "2024-03-06", "区融媒体中心"),
    ]
    assert canonical["sightings"][1]["differs"] == ["published", "source", "body"]
    assert canonical["sightings"][1]["first_seen"] == "2026-11-28T08:00:00Z"
    assert repost["sightings"] == canonical["sightings"]  # one story, seen from either copy


def test_earliest_published_copy_is_canonical_even_when_found_later(archive):
    district = store(archive, copy("district", 7, REPOST, "2024-03-06")).new[0]
    third = store(archive, copy("street", 3, STORY + "\n（街道供稿）", "2024-03-07")).new[0]
    town = store(archive, copy("town", 1, STORY, "2024-03-05"), seen_at=T0 + timedelta(days=2)).new[0]
    records = {r["id"]: r for r in archive.iter_records()}
    assert records[town]["duplicate_of"] is None
    assert records[district]["duplicate_of"] == town and records[third]["duplicate_of"] == town
    assert [s["id"] for s in records[town]["sightings"]] == [town, district, third]


def test_same_publication_date_keeps_the_copy_seen_first(archive):
    seen_first = store(archive, copy("district", 7, REPOST, "2024-03-05")).new[0]
    later = store(archive, copy("town", 1, STORY, "2024-03-05"), seen_at=T0 + timedelta(hours=1)).new[0]
    assert archive.get(later)["duplicate_of"] == seen_first
    assert archive.get(seen_first)["duplicate_of"] is None


def test_hard_negative_stays_a_story_of_its_own(archive):
    a = store(archive, copy("district", 1, STORY, "2024-03-05")).new[0]
    b = store(archive, copy("district", 2, OTHER_DAY, "2024-03-19")).new[0]
    assert archive.get(a)["duplicate_of"] is None and archive.get(b)["duplicate_of"] is None
    assert len(archive.get(a)["sightings"]) == 1


def test_copies_in_one_batch_link_too(archive):
    result = store(archive, copy("town", 1, STORY, "2024-03-05"), copy("district", 7, REPOST, "2024-03-06"))
    town, district = result.new
    assert result.reposts == [(district, town)]


def test_story_index_persists_across_archive_instances(archive):
    store(archive, copy("town", 1, STORY, "2024-03-05"))
    with Archive.open(archive.url) as later:  # another day, another process's connection
        result = store(later, copy("district", 7, REPOST, "2024-03-06"))
    assert result.reposts and archive.get(result.new[0])["duplicate_of"] == 1


def test_search_returns_one_result_per_story_with_its_sightings(archive):
    store(archive, copy("town", 1, STORY, "2024-03-05"), copy("district", 7, REPOST, "2024-03-06"),
          copy("district", 8, OTHER_DAY, "2024-03-19"))
    found = archive.search("常委会会议")
    assert found.total == 2
    story = next(h for h in found.hits if h["url"].endswith("/art/1.html"))
    assert [s["url"] for s in story["sightings"]] == ["http://town.example.cn/art/1.html",
                                                      "http://district.example.cn/art/7.html"]
    # within one site, that site's own copy is what is asked for
    assert {h["url"] for h in archive.search("常委会会议", site="district").hits} == {
        "http://district.example.cn/art/7.html", "http://district.example.cn/art/8.html"}


def test_changed_page_adds_a_version_and_keeps_the_old_text(archive):
    page = copy("town", 1, STORY, "2024-03-05")
    article_id = store(archive, page).new[0]
    assert store(archive, page, seen_at=T0 + timedelta(days=1)).unchanged == [article_id]
    assert [v["version"] for v in archive.versions(article_id)] == [1]
    edited = copy("town", 1, STORY.replace("周立群主持会议", "周立群主持会议并讲话"), "2024-03-05")
    assert store(archive, edited, seen_at=T0 + timedelta(days=20)).changed == [article_id]
    history = archive.versions(article_id)
    assert [v["version"] for v in history] == [1, 2]
    assert history[0]["body"] == STORY and history[1]["body"] == edited.body
    assert history[0]["seen_from"] == "2026-11-27T08:00:00Z"
    assert history[0]["seen_until"] == history[1]["seen_from"] == "2026-12-17T08:00:00Z"
    record = archive.get(article_id)
    assert record["version"] == 2 and record["body"] == edited.body
    # the edited text is still the story: a later repost links to it
    repost = store(archive, copy("district", 7, REPOST, "2024-03-06"), seen_at=T0 + timedelta(days=21))
    assert archive.get(repost.new[0])["duplicate_of"] == article_id


def test_versions_of_unknown_article_are_empty(archive):
    assert archive.versions(999) == []


def _store_copies(url: str, site: str, count: int, barrier) -> None:
    with Archive.open(url) as archive:
        barrier.wait()
        for n in range(count):  # one batch per story, as a crawl's store stage flushes
            body = STORY.replace("3月5日", f"{n % 12 + 1}月{n % 27 + 1}日").replace("周立群", f"周立群{n}")
            text = body if site == "town" else "来源：区融媒体中心\n" + body + "\n会议还研究了其他事项。"
            store(archive, copy(site, n, text, "2024-03-05"))


def test_two_processes_storing_the_same_stories_make_one_canonical_each(postgres_url):
    Archive.open(postgres_url, migrate=True).close()
    stories = 12
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    procs = [ctx.Process(target=_store_copies, args=(postgres_url, site, stories, barrier))
             for site in ("town", "district")]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(120)
    assert [proc.exitcode for proc in procs] == [0, 0]
    with Archive.open(postgres_url) as archive:
        records = list(archive.iter_records())
    assert len(records) == 2 * stories
    canonical = [r for r in records if r["duplicate_of"] is None]
    assert len(canonical) == stories
    assert all(len(r["sightings"]) == 2 for r in records)


def test_articles_archived_before_the_story_index_can_be_indexed_later(archive):
    # stored without fingerprints, as archives from before migration 0004 hold them
    archive.store_batch([(copy("town", 1, STORY, "2024-03-05"), None),
                         (copy("district", 7, REPOST, "2024-03-06"), None),
                         (copy("district", 8, OTHER_DAY, "2024-03-19"), None)], seen_at=T0)
    assert all(r["duplicate_of"] is None for r in archive.iter_records())
    ids = {r["url"]: r["id"] for r in archive.iter_records()}
    town, district = ids["http://town.example.cn/art/1.html"], ids["http://district.example.cn/art/7.html"]
    pending = [row for batch in archive.stories_to_index(batch_size=2) for row in batch]
    assert sorted(row["id"] for row in pending) == sorted(ids.values())
    linked = archive.index_stories([(row["id"], fingerprint(row["title"], row["body"])) for row in pending])
    # indexed in id order, so the earlier-published town copy is found second: it still wins
    assert linked == [(district, town)]
    assert archive.get(district)["duplicate_of"] == town and archive.get(town)["duplicate_of"] is None
    assert [row for batch in archive.stories_to_index() for row in batch] == []
    # and reposts found from now on link to them
    later = store(archive, copy("street", 3, STORY + "\n（街道供稿）", "2024-03-07"))
    assert archive.get(later.new[0])["duplicate_of"] == town


def test_template_reports_do_not_crowd_out_a_later_repost(archive):
    """More reports of one template (other dates) than a band key holds: the index keeps the
    newest under each key, so the repost of the latest report still finds its story."""
    days = [f"{m}月{d}日" for m in (4, 5, 6, 7) for d in range(1, 11)]
    ids = [store(archive, copy("district", n, STORY.replace("3月5日", day), f"2024-{day[0]:0>2}-{n % 10 + 1:02}")).new[0]
           for n, day in enumerate(days)]
    with archive._engine.connect() as conn:  # the index table itself: its size is the point
        widest = conn.exec_driver_sql(
            "SELECT max(n) FROM (SELECT key, count(*) AS n FROM (SELECT key FROM story_keys UNION ALL "
            "SELECT key FROM story_keys_recent) AS k GROUP BY key) AS c").scalar()
    assert widest <= KEY_MEMBERS
    last = STORY.replace("3月5日", days[-1])
    repost = store(archive, copy("town", 99, "来源：区融媒体中心\n" + last + "\n（完）", "2024-12-31")).new[0]
    assert archive.get(repost)["duplicate_of"] == ids[-1]
    assert len({archive.get(i)["duplicate_of"] for i in ids}) == 1  # the hard negatives stay apart (None)


def test_story_reposted_more_often_than_a_key_holds_is_still_one_story(archive):
    canonical = store(archive, copy("town", 0, STORY, "2024-03-05")).new[0]
    copies = [store(archive, copy(f"site{n}", n, f"（来源：第{n}站）\n" + STORY, "2024-03-06")).new[0] for n in range(1, KEY_MEMBERS + 8)]
    assert all(archive.get(i)["duplicate_of"] == canonical for i in copies)


def test_reposts_are_found_across_merges_of_the_recent_keys(archive, monkeypatch):
    import storage.stories

    monkeypatch.setattr(storage.stories, "MERGE_ROWS", 40)  # a merge after every second article
    first = store(archive, copy("town", 1, STORY, "2024-03-05")).new[0]
    other = store(archive, copy("town", 2, OTHER_DAY, "2024-03-19")).new[0]
    store(archive, copy("town", 3, "区政协召开常委会议，协商讨论年度重点提案办理工作。与会委员围绕提案质量提出意见建议。", "2024-03-20"))
    repost = store(archive, copy("district", 7, REPOST, "2024-03-06")).new[0]
    with archive._engine.connect() as conn:  # the index tables themselves: the merge is the point
        merged, recent = (conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar()
                          for t in ("story_keys", "story_keys_recent"))
    assert merged > 0 and recent < 40 + 32
    assert archive.get(repost)["duplicate_of"] == first
    assert archive.get(other)["duplicate_of"] is None
