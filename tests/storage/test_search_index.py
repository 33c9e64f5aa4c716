"""The bigram index finds exactly what a substring scan finds, on both databases, and stays
in step with every write."""
from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from sqlalchemy import text

from storage.archive import Archive
from storage.migrate import upgrade
from storage.search_tokens import normalize, parse_query

from .factories import T0, article

PHRASES = ["区政协党组书记、主席洪流到新泾镇调研", "虹桥国际开放枢纽建设推进会", "法治建设工作会议",
           "G60科创走廊", "2023年度工作总结", "AI赋能基层治理", "垃圾分类志愿服务", "居民区党组织书记",
           "召开安全生产专题会议", "听取意见建议", "新华路街道", "天山路街道", "仙霞新村街道"]
FILLER = "，。、；：“”（）会议要求各部门进一步提高认识落实责任确保工作取得实效居民群众满意度持续提升"


def random_text(rnd: random.Random, length: int) -> str:
    parts = []
    while sum(map(len, parts)) < length:
        parts.append(rnd.choice(PHRASES) if rnd.random() < 0.3
                     else "".join(rnd.choice(FILLER) for _ in range(rnd.randint(3, 20))))
    return "".join(parts)


def build_corpus(archive: Archive, n: int = 120, seed: int = 5) -> list:
    rnd = random.Random(seed)
    items = [article(i, title=random_text(rnd, 16), body=random_text(rnd, rnd.randint(40, 400)),
                     published=f"2023-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}")
             for i in range(n)]
    archive.store_batch([(a, None) for a in items], seen_at=T0)
    return items


def ids(archive: Archive, query: str) -> set[int]:
    return {hit["id"] for hit in archive.search(query, limit=10_000).hits}


def truth(archive: Archive, query: str) -> set[int]:
    """The documented semantics, computed in Python over every stored article: normalised title
    and body contain every positive term and no negative one."""
    parsed = parse_query(query)
    hits = set()
    for record in archive.iter_records():
        text_ = normalize(record["title"] + " " + record["body"])
        if all((t.text in text_) != t.negative for t in parsed.terms):
            hits.add(record["id"])
    return hits


def sample_queries(items, seed: int = 9, count: int = 150) -> list[str]:
    rnd = random.Random(seed)
    texts = [a.title + a.body for a in items]
    queries = []
    for _ in range(count):
        source = rnd.choice(texts)
        size = rnd.randint(1, 6)
        start = rnd.randrange(0, max(1, len(source) - size))
        queries.append(source[start:start + size])
    return queries


def test_recall_and_precision_equal_the_substring_scan(archive):
    items = build_corpus(archive)
    for query in sample_queries(items) + ["调研", "洪流", "法治建设", "虹桥国际开放枢纽", "G60", "g60科创",
                                          "2023年", "AI", "镇", "会议 调研", "调研 -洪流", '"党组 书记"']:
        if not normalize(query).strip():
            continue
        assert ids(archive, query) == truth(archive, query), query


def test_total_counts_every_match_not_just_the_page(archive):
    build_corpus(archive)
    result = archive.search("会议", limit=5)
    assert len(result.hits) == 5 and result.total == len(truth(archive, "会议"))


def test_index_follows_changed_text_and_reindex(archive):
    archive.store_batch([(article(1, title="旧标题", body="原来的正文提到洪流。"), None)], seen_at=T0)
    assert ids(archive, "洪流") and not ids(archive, "安静")
    archive.store_batch([(article(1, title="新标题", body="修改后的正文提到安静。"), None)], seen_at=T0)
    assert not ids(archive, "洪流") and not ids(archive, "旧标题")
    assert ids(archive, "安静") and ids(archive, "新标题")
    # unchanged re-store leaves exactly one index entry
    archive.store_batch([(article(1, title="新标题", body="修改后的正文提到安静。"), None)], seen_at=T0)
    assert archive.search("安静").total == 1
    assert archive.reindex() == 1
    assert ids(archive, "安静") and not ids(archive, "洪流")


def test_title_matches_rank_above_body_matches_then_newest(archive):
    stored = archive.store_batch([
        (article("body-old", title="其他的新闻", body="洪流出席。" * 5, published="2023-01-01"), None),
        (article("title", title="洪流到新泾镇调研", body="正文无关。", published="2022-01-01"), None),
        (article("body-new", title="另一条新闻", body="洪流出席。" * 5, published="2023-06-01"), None),
    ], seen_at=T0).new
    order = [hit["id"] for hit in archive.search("洪流").hits]
    assert order == [stored[1], stored[2], stored[0]]  # title first; equal bodies: newest first
    by_date = [hit["id"] for hit in archive.search("洪流", sort="date").hits]
    assert by_date == [stored[2], stored[0], stored[1]]



def test_relevance_counts_occurrences_and_weighs_the_rarer_term(archive):
    """Narrow queries are ranked by BM25 (the same code on both engines): among body matches
    more occurrences rank first whatever the date, and in a two-term query an article with
    more of the rarer term outranks one with more of the common term."""
    filler = "会议要求，各部门要认真落实。"
    stored = archive.store_batch([
        (article("once-new", title="新闻一", body="调研。" + filler * 3, published="2024-01-01"), None),
        (article("thrice-old", title="新闻二", body="调研调研调研。" + filler * 3, published="2020-01-01"), None),
        (article("rare", title="新闻三", body="洪流洪流洪流。调研。" + filler * 3, published="2021-01-01"), None),
        (article("common", title="新闻四", body="洪流。调研调研调研。" + filler * 3, published="2021-01-01"), None),
        *[(article(f"pad{n}", title=f"简讯{n}", body="调研。" + filler, published="2019-01-01"), None)
          for n in range(4)],
    ], seen_at=T0).new
    one_term = [hit["id"] for hit in archive.search("调研").hits]
    assert one_term.index(stored[1]) < one_term.index(stored[0])
    both = [hit["id"] for hit in archive.search("洪流 调研").hits]
    assert both == [stored[2], stored[3]]


def test_phrase_exclusion_and_latin(archive):
    archive.store_batch([
        (article(1, body="G60科创走廊建设推进，AI应用。"), None),
        (article(2, body="ＧＳ６０和科创走廊是两回事。"), None),
        (article(3, body="2023年度工作总结：区政协 主席洪流。"), None),
    ], seen_at=T0)
    assert ids(archive, "g60") == ids(archive, "G60") != set()
    assert len(ids(archive, "科创走廊")) == 2
    assert len(ids(archive, "科创走廊 -G60")) == 1
    assert len(ids(archive, '"政协 主席"')) == 1 and not ids(archive, '"政协主席"')
    assert len(ids(archive, "2023年")) == 1 and len(ids(archive, "ai")) == 1
    assert len(ids(archive, "gs60")) == 1  # full-width letters and digits match their ASCII form


def test_folded_terms_of_three_characters_and_more_in_raw_text(archive, monkeypatch):
    """Text stored without cleaning (full-width digits, capitals) still matches the ASCII form
    of a longer term, in the ranked and in the broad path, title hits included."""
    import storage.search

    stored = archive.store_batch([
        (article(1, title="２０２３年度总结", body="正文。"), None),
        (article(2, title="新闻", body="Ｇ60科创走廊与2023年度计划。"), None),
        (article(3, title="新闻", body="2O23年度（字母O）不算。"), None),
    ], seen_at=T0).new
    for broad in (False, True):
        if broad:
            monkeypatch.setattr(storage.search, "RANK_LIMIT", 1)
            monkeypatch.setattr(storage.search, "PG_RANK_LIMIT", 1)
        result = archive.search("2023年度")
        assert [h["id"] for h in result.hits] == [stored[0], stored[1]] and result.total == 2
        assert result.hits[0]["title_match"] and not result.hits[1]["title_match"]
        assert ids(archive, "g60科创") == {stored[1]}
        assert ids(archive, "2023年度 -g60科") == {stored[0]}


def test_long_body_phrases_anywhere_including_chunk_edges(archive):
    filler = "甲乙丙丁戊己庚辛壬癸" * 2000  # 20,000 characters: several PostgreSQL chunks
    body = "开头洪流" + filler[:15_990] + "边界安静短语" + filler + "结尾高原"
    archive.store_batch([(article(1, body=body), None)], seen_at=T0)
    for query in ("开头洪流", "边界安静短语", "结尾高原", "癸甲乙"):
        assert ids(archive, query), query
    assert not ids(archive, "洪流结尾")


def test_migration_indexes_articles_archived_before_it(db_url):
    upgrade(db_url, "0001")
    from storage.db import make_engine

    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO articles (url, site, title, body, images, attachments, content_hash, version, "
            "first_seen, last_seen) VALUES ('http://h/1', 's', '旧档案', '迁移之前存入的洪流文章', '[]', '[]', "
            "'sha256:x', 1, :t, :t)"), {"t": T0})
    engine.dispose()
    with Archive.open(db_url, migrate=True) as archive:
        assert archive.search("洪流").total == 1


def test_facets_and_filters(archive):
    archive.store_batch([
        (article(1, body="调研一", site="a", published="2023-01-05"), None),
        (article(2, body="调研二", site="a", published="2023-02-05"), None),
        (article(3, body="调研三", site="b", published="2023-02-06"), None),
    ], seen_at=T0)
    result = archive.search("调研", facets=["site", "month"])
    assert result.facets["site"] == [("a", 2), ("b", 1)]
    assert result.facets["month"] == [("2023-02", 2), ("2023-01", 1)]
    assert archive.search("调研", site="b").total == 1


HOSTILE = st.text(max_size=40) | st.sampled_from(
    ['"', '""', '"a', "-", "--x", "NOT", "AND OR", "*", "调*", "'; DROP TABLE articles; --", "\x00",
     "研究 NEAR(a b)", "{title}: 洪流", "^调研", "a:b", "(", ")", "\\", "'", "洪流" * 5000,
     # undecodable command-line bytes arrive as lone surrogates
     "\udc80", "调研 \udce4", "-\udc80 调研", '"调\udc80研"', "-\udc80"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=HOSTILE)
def test_no_input_breaks_a_query(archive, query):
    if archive.count() == 0:
        build_corpus(archive, n=40)
    try:
        result = archive.search(query, limit=1000)
    except ValueError as exc:
        assert "empty" in str(exc)  # only an empty query is refused
        return
    assert {hit["id"] for hit in result.hits} == truth(archive, query)
    assert archive.count() == 40


@pytest.mark.parametrize("probe_density", [0.0, 2.0], ids=["probe-each-walked-article", "list-matches-once"])
def test_broad_queries_order_by_title_match_then_newest(archive, monkeypatch, probe_density):
    """Both ways a broad query's walk tests its matches (PROBE_DENSITY decides which)."""
    import storage.search

    monkeypatch.setattr(storage.search, "PROBE_DENSITY", probe_density)

    stored = archive.store_batch([
        (article("old-title", title="调研活动", body="正文。", published="2020-01-01"), None),
        (article("new-body", title="新闻", body="开展调研。", published="2024-01-01"), None),
        (article("mid-body", title="新闻", body="调研调研调研。", published="2022-01-01"), None),
    ], seen_at=T0).new
    monkeypatch.setattr(storage.search, "RANK_LIMIT", 2)  # 3 matches: "broad"
    monkeypatch.setattr(storage.search, "PG_RANK_LIMIT", 2)
    result = archive.search("调研")
    assert [hit["id"] for hit in result.hits] == [stored[0], stored[1], stored[2]]
    assert result.total == 3 and all(hit["score"] is None for hit in result.hits)
    pages = [archive.search("调研", limit=1, offset=n).hits[0]["id"] for n in range(3)]
    assert pages == [stored[0], stored[1], stored[2]]  # pages cross from title to body matches
    assert archive.search("调研", limit=2, offset=1).hits[1]["id"] == stored[2]
    monkeypatch.setattr(storage.search, "RANK_LIMIT", 1)  # broad with an exclusion, with a long term
    monkeypatch.setattr(storage.search, "PG_RANK_LIMIT", 1)
    assert [hit["id"] for hit in archive.search("调研 -开展调").hits] == [stored[0], stored[2]]
    assert [hit["id"] for hit in archive.search("调研。").hits] == [stored[1], stored[2]]
    monkeypatch.setattr(storage.search, "RANK_LIMIT", 2000)  # ranked: tf counts among body matches
    monkeypatch.setattr(storage.search, "PG_RANK_LIMIT", 5000)
    ranked = archive.search("调研")
    assert ranked.hits[0]["id"] == stored[0] and ranked.hits[0]["title_match"]
    assert all(hit["score"] is not None for hit in ranked.hits)



def test_broad_query_title_matches_first_whether_among_the_newest_or_not(archive, monkeypatch):
    """A broad query (PostgreSQL: not dense) first looks for its page of title matches among
    the newest matches; a title match older than those must still come before every body
    match, on every page."""
    import storage.search

    monkeypatch.setattr(storage.search, "PROBE_DENSITY", 2.0)
    monkeypatch.setattr(storage.search, "RANK_LIMIT", 1)
    monkeypatch.setattr(storage.search, "PG_RANK_LIMIT", 1)
    stored = archive.store_batch([
        (article("t-new", title="调研", body="正文。", published="2024-01-01"), None),
        (article("b-2023", title="新闻", body="开展调研。", published="2023-01-01"), None),
        (article("b-2022", title="新闻", body="调研。", published="2022-01-01"), None),
        (article("t-old", title="调研总结", body="正文。", published="2019-01-01"), None),
    ], seen_at=T0).new
    t_new, b_2023, b_2022, t_old = stored
    assert [h["id"] for h in archive.search("调研", limit=1).hits] == [t_new]
    assert [h["id"] for h in archive.search("调研", limit=2).hits] == [t_new, t_old]
    assert [h["id"] for h in archive.search("调研", limit=1, offset=1).hits] == [t_old]
    assert [h["id"] for h in archive.search("调研", limit=2, offset=2).hits] == [b_2023, b_2022]
    assert [h["title_match"] for h in archive.search("调研").hits] == [True, True, False, False]


def test_broad_query_the_index_does_not_settle_pages_title_matches_first(archive, monkeypatch):
    """A term of 3+ characters is confirmed on the text (PostgreSQL: in the same pass that
    counts the matches and takes the page): title matches first, newest first within each
    group, the title_match flag told per hit, pages crossing from title to body matches."""
    import storage.search

    stored = archive.store_batch([
        (article("t-2020", title="调研活动", body="正文。", published="2020-01-01"), None),
        (article("b-2024", title="新闻", body="开展调研活动。", published="2024-01-01"), None),
        (article("t-2019", title="调研活动总结", body="正文。", published="2019-01-01"), None),
        (article("b-none", title="简讯", body="调研活动。", published=None), None),
        (article("other", title="调研", body="活动。", published="2025-01-01"), None),
    ], seen_at=T0).new
    monkeypatch.setattr(storage.search, "RANK_LIMIT", 1)
    monkeypatch.setattr(storage.search, "PG_RANK_LIMIT", 1)
    result = archive.search("调研活")
    assert result.total == 4
    assert [hit["id"] for hit in result.hits] == [stored[0], stored[2], stored[1], stored[3]]
    assert [hit["title_match"] for hit in result.hits] == [True, True, False, False]
    page = archive.search("调研活", limit=2, offset=1)
    assert page.total == 4 and [hit["id"] for hit in page.hits] == [stored[2], stored[1]]
    assert [hit["title_match"] for hit in page.hits] == [True, False]
    by_date = archive.search("调研活", sort="date")
    assert [hit["id"] for hit in by_date.hits] == [stored[1], stored[0], stored[2], stored[3]]
    assert not any(hit["title_match"] for hit in by_date.hits)


def _meeting(event_type, organizer, people=()):
    return {"event_date": "2023-02-03", "event_end_date": None, "event_date_approx": False,
            "time_of_day": None, "event_type": event_type, "event_name": None, "organizer": organizer,
            "location": None, "presider": None,
            "people": [{"name": n, "titles": ["主席"], "org": organizer, "role": "present"} for n in people]}


def test_meeting_filters_and_facets(archive):
    stored = archive.store_batch([
        (article(1, body="区政协调研新泾镇。", meeting=_meeting("调研", "区政协", ["洪流"])), None),
        (article(2, body="区委召开座谈会，调研成果交流。", meeting=_meeting("座谈会", "区委", ["安静"])), None),
        (article(3, body="调研报告发布。"), None),
    ], seen_at=T0).new
    assert ids(archive, "调研") == set(stored)
    assert {h["id"] for h in archive.search("调研", event_type="调研").hits} == {stored[0]}
    assert {h["id"] for h in archive.search("调研", organizer="区委").hits} == {stored[1]}
    assert {h["id"] for h in archive.search("调研", person="洪流").hits} == {stored[0]}
    assert archive.search("调研", person="无名氏").total == 0
    facets = archive.search("调研", facets=["type", "organizer"]).facets
    assert dict(facets["type"]) == {"调研": 1, "座谈会": 1, "": 1}
    assert dict(facets["organizer"]) == {"区政协": 1, "区委": 1, "": 1}


def test_phrases_never_bridge_a_line_break_or_a_control_character(archive):
    archive.store_batch([(article(1, body="会议结束。\n看望慰问老人。"), None)], seen_at=T0)
    assert ids(archive, "结束。") and ids(archive, "看望")
    assert not ids(archive, "结束。看望")  # the text has a line break between them
    assert not ids(archive, "结束\x1b")


def test_a_term_with_nothing_indexable_is_still_a_condition(archive):
    """Found by the hostile-input property test: '0\\x00\\ud7fc' (U+D7FC is unassigned, so no
    token holds it) returned every article with a 0 on PostgreSQL."""
    plain, odd = archive.store_batch([(article(1, body="2020年"), None),
                                      (article(2, body="2020年\ud7fc"), None)], seen_at=T0).new
    assert ids(archive, "0\x00\ud7fc") == ids(archive, "\ud7fc") == {odd}
    assert ids(archive, "0 -\ud7fc") == {plain}


def test_characters_outside_the_basic_plane(archive):
    """Rare characters in names (𠮷, U+20BB7, from CJK Extension B) are two UTF-16 units in
    PostgreSQL's numeric grams: found alone, in a pair and in longer terms, never by halves."""
    stored = archive.store_batch([
        (article(1, title="通知", body="𠮷野家居民区召开会议。"), None),
        (article(2, title="𡈽地整治", body="新泾镇的𡈽地。"), None),
    ], seen_at=T0).new
    assert ids(archive, "𠮷") == {stored[0]} and ids(archive, "𡈽") == {stored[1]}
    assert ids(archive, "𠮷野") == {stored[0]} and ids(archive, "𠮷野家居") == {stored[0]}
    assert ids(archive, "的𡈽") == {stored[1]} and not ids(archive, "野𠮷")
    assert archive.search("𡈽").hits[0]["title_match"]


def test_search_grams_migration_converts_and_reverts(postgres_url):
    """Migration 0013 turns an archive's text grams into numbers and back (PostgreSQL only)."""
    from alembic import command

    from storage.db import make_engine
    from storage.migrate import alembic_config

    with Archive.open(postgres_url, migrate=True) as archive:
        archive.store_batch([(article(1, body="迁移前的洪流文章"), None)], seen_at=T0)
    engine = make_engine(postgres_url)
    config = alembic_config()
    with engine.connect() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0010")
        conn.commit()
        grams = conn.execute(text("SELECT grams FROM search_grams")).scalar_one()
        assert "洪流" in grams and "洪" in grams
    engine.dispose()
    upgrade(postgres_url)
    with Archive.open(postgres_url) as archive:
        assert archive.search("洪流").total == 1 and archive.search("流文").total == 1


def test_article_text_stays_in_the_row_on_postgresql(postgres_url):
    """Migration 0014: a body of several KB is kept in the article's row (not moved to the
    TOAST table), so confirming a search term on a candidate reads one row; a body past a
    page still goes out of line, and both are found."""
    from storage.db import make_engine

    rnd = random.Random(7)  # random characters: pglz cannot shrink them below the 2 KB default

    def body(characters: int) -> str:
        return "".join(chr(rnd.randint(0x4E00, 0x9FA5)) for _ in range(characters)) + "新泾镇调研"

    with Archive.open(postgres_url, migrate=True) as archive:
        archive.store_batch([(article(1, body=body(1200)), None)], seen_at=T0)  # 3.6 KB
        engine = make_engine(postgres_url)
        try:
            with engine.connect() as conn:
                toast = conn.execute(text("SELECT reltoastrelid::regclass::text FROM pg_class "
                                          "WHERE oid = 'articles'::regclass")).scalar_one()
                assert conn.execute(text(f"SELECT count(*) FROM {toast}")).scalar_one() == 0
                archive.store_batch([(article(2, body=body(9000)), None)], seen_at=T0)  # 27 KB
                assert conn.execute(text(f"SELECT count(*) FROM {toast}")).scalar_one() > 0
        finally:
            engine.dispose()
        assert archive.search("新泾镇调研").total == 2


def test_undecodable_query_characters_match_nothing_and_break_nothing(archive):
    """Bytes a terminal could not decode reach Python as lone surrogates, which no database
    driver can send: a term holding one is in no text."""
    archive.store_batch([(article(1, body="区委调研。"), None), (article(2, body="区委开会。"), None)],
                        seen_at=T0)
    assert archive.search("\udc80").total == 0
    assert archive.search("调研 \udce4").total == 0
    assert archive.search('"调\udc80研"').total == 0
    assert archive.search("-\udc80 区委").total == 2  # excludes nothing
    assert archive.search("\udc80", facets=["site"]).facets == {"site": []}
    with pytest.raises(ValueError, match="empty search query"):
        archive.search("-\udc80")
