"""Search as a user sees it: Chinese substrings, AND of terms, literal symbols, filters.

Order-sensitive cases ask for ``sort="date"`` (newest published first); relevance order
has its own tests."""
from __future__ import annotations

from datetime import date

import pytest

from storage.archive import Archive

from .factories import T0, article

CORPUS = [
    article("a1", title="长宁区召开安全生产工作会议", published="2024-03-05",
            body="3月5日上午，长宁区召开安全生产工作会议。\n区长出席会议并讲话。"),
    article("a2", title="新泾镇开展垃圾分类宣传", published="2024-03-10T09:30", site="xinjing",
            body="近日，新泾镇在社区开展垃圾分类宣传活动，居民踊跃参与。"),
    article("a3", title="区政协调研社区养老服务", published=None,
            body="区政协党组书记、主席洪流一行调研新泾镇养老服务。\n完成率100%_达标，"
                 "文件存于C:\\temp，他说'好'。"),
    article("a4", title="新泾镇召开党建工作会议", published="2024-02-01", site="xinjing",
            body="新泾镇召开2024年党建工作会议，部署全年工作。"),
    article("a5", title="Test English Title", published="2023-12-31",
            body="COVID vaccination 接种说明。"),
]


@pytest.fixture
def corpus(archive: Archive) -> dict[str, int]:
    """Slug ("a1"...) -> archive id of the stored corpus."""
    ids = archive.store_batch([(item, None) for item in CORPUS], seen_at=T0).new
    return {f"a{n}": article_id for n, article_id in enumerate(ids, start=1)}


def slugs(result, corpus: dict[str, int]) -> list[str]:
    by_id = {article_id: slug for slug, article_id in corpus.items()}
    return [by_id[hit["id"]] for hit in result.hits]


def test_three_character_query_newest_first_undated_last(archive, corpus):
    result = archive.search("新泾镇", sort="date")
    assert slugs(result, corpus) == ["a2", "a4", "a3"]
    assert result.total == 3


def test_two_character_query(archive, corpus):
    assert slugs(archive.search("会议", sort="date"), corpus) == ["a1", "a4"]


@pytest.mark.parametrize("query", ["镇", "泾"])
def test_one_character_query(archive, corpus, query):
    assert slugs(archive.search(query, sort="date"), corpus) == ["a2", "a4", "a3"]


def test_every_term_must_match(archive, corpus):
    assert slugs(archive.search("新泾镇 会议"), corpus) == ["a4"]
    assert slugs(archive.search("  会议\u3000部署 "), corpus) == ["a4"]  # any whitespace separates
    assert archive.search("会议 不存在的词").total == 0


@pytest.mark.parametrize("query", ["%", "_", "100%_", "'", "\\", "C:\\temp", "'好'"])
def test_wildcards_quotes_and_backslashes_are_literal(archive, corpus, query):
    result = archive.search(query)
    assert slugs(result, corpus) == ["a3"]
    assert result.total == 1


@pytest.mark.parametrize("query", ['"', "%%", "\\%", "a'; DROP TABLE articles; --"])
def test_symbol_queries_without_matches_do_not_error(archive, corpus, query):
    assert archive.search(query).total == 0
    assert archive.count() == 5


def test_letters_match_regardless_of_case(archive, corpus):
    assert slugs(archive.search("covid"), corpus) == ["a5"]
    assert slugs(archive.search("ENGLISH"), corpus) == ["a5"]


def test_site_filter(archive, corpus):
    assert slugs(archive.search("新泾镇", site="changning"), corpus) == ["a3"]
    assert slugs(archive.search("新泾镇", site="xinjing", sort="date"), corpus) == ["a2", "a4"]


def test_date_filters_are_inclusive_and_skip_undated(archive, corpus):
    assert slugs(archive.search("会议", since=date(2024, 3, 1)), corpus) == ["a1"]
    assert slugs(archive.search("会议", until=date(2024, 2, 1)), corpus) == ["a4"]
    assert slugs(archive.search("会议", since=date(2024, 3, 5), until=date(2024, 3, 5)), corpus) == ["a1"]
    # "2024-03-10T09:30" is on 2024-03-10; the undated a3 never passes a date filter.
    assert slugs(archive.search("新泾镇", since=date(2024, 3, 10), until=date(2024, 3, 10)), corpus) == ["a2"]
    assert slugs(archive.search("新泾镇", since=date(2000, 1, 1), sort="date"), corpus) == ["a2", "a4"]


def test_limit_offset_and_total(archive, corpus):
    page1 = archive.search("镇", limit=2, sort="date")
    page2 = archive.search("镇", limit=2, offset=2, sort="date")
    assert (page1.total, page2.total) == (3, 3)
    assert slugs(page1, corpus) == ["a2", "a4"]
    assert slugs(page2, corpus) == ["a3"]


def test_same_day_orders_by_time_then_newest_id(archive):
    ids = archive.store_batch([
        (article("m", title="早上会议", published="2024-05-01T08:00"), None),
        (article("e", title="晚上会议", published="2024-05-01T19:30"), None),
        (article("d", title="会议一", published="2024-05-01"), None),
        (article("d2", title="会议二", published="2024-05-01"), None),
    ], seen_at=T0).new
    assert [hit["id"] for hit in archive.search("会议", sort="date").hits] == [ids[1], ids[0], ids[3], ids[2]]


def test_hits_are_export_records_with_score_and_snippet(archive, corpus):
    (hit,) = archive.search("洪流").hits
    assert hit["title"] == "区政协调研社区养老服务"
    assert hit["id"] == corpus["a3"] and hit["version"] == 1
    assert list(hit)[-4:] == ["score", "title_match", "snippet", "snippet_spans"]
    assert hit["title_match"] is False and hit["score"] > 0
    assert "洪流" in hit["snippet"]
    assert [hit["snippet"][s:e] for s, e in hit["snippet_spans"]] == ["洪流"]
    assert archive.search("养老").hits[0]["title_match"] is True


def test_title_only_match_takes_its_snippet_from_the_title(archive, corpus):
    (hit,) = archive.search("English").hits
    assert hit["snippet"] == "Test English Title"
    assert hit["snippet_spans"] == [[5, 12]]


def test_snippet_of_a_long_body_is_short_and_shows_every_term(archive):
    body = "前文" * 100 + "洪流出席会议" + "后文" * 100
    archive.store_batch([(article(1, body=body), None)], seen_at=T0)
    (hit,) = archive.search("会议 洪流").hits
    assert len(hit["snippet"]) <= 82  # ~80 characters, plus an ellipsis at each end
    assert hit["snippet"].startswith("…") and hit["snippet"].endswith("…")
    assert [hit["snippet"][s:e] for s, e in hit["snippet_spans"]] == ["洪流", "会议"]


def test_empty_query_is_refused(archive):
    with pytest.raises(ValueError):
        archive.search("   ")


def test_a_hit_in_an_archive_without_reposts_is_its_own_only_sighting(archive, corpus):
    """Search reads no sightings while no article is a repost; each hit still lists itself."""
    hit = archive.search("垃圾分类").hits[0]
    assert hit["id"] == corpus["a2"]
    assert hit["sightings"] == [{"url": "https://www.shcn.gov.cn/art/a2.html", "site": "xinjing",
                                 "first_seen": T0.strftime("%Y-%m-%dT%H:%M:%SZ"),
                                 "published": "2024-03-10T09:30", "source": None,
                                 "id": corpus["a2"], "duplicate_of": None, "differs": []}]
    # the same as the record read with its story's sightings looked up
    assert archive.get(corpus["a2"])["sightings"] == hit["sightings"]
