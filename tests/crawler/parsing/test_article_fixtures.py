"""Whole-page extraction on saved pages imitating the CMS families of district portals.

The fixtures are original pages written for these tests, one per CMS family (TRS, Hanweb,
UCAP, a custom portal read by the density rule, a media-centre news page), each carrying the
traps listed in its ``fixtures/expected/<name>.json``: the full Article record expected,
written by hand from the page (the content hash is computed from that body).
"""
from __future__ import annotations

import json

import pytest

from crawler.parsing.article import extract_article
from pipelines.logic.text_cleaning import clean_article
from storage.records import content_hash

from .conftest import FIXTURES, fixture_bytes

EXPECTED = FIXTURES / "expected"
CASES = sorted(path.stem for path in EXPECTED.glob("*.json"))


def _expected(name: str) -> dict:
    return json.loads((EXPECTED / f"{name}.json").read_text("utf-8"))


def _extract(expected: dict):
    return extract_article(fixture_bytes(expected["fixture"]), expected["url"], expected["headers"])


def test_every_cms_family_and_trap_has_a_case():
    assert {"trs_article", "hanweb_notice_gbk", "ucap_article_utf8_labelled_gbk",
            "portal_date_after_body_gbk_labelled_utf8", "news_with_comments"} <= set(CASES)


@pytest.mark.parametrize("name", CASES)
def test_saved_page_gives_the_hand_written_record(name):
    expected = _expected(name)
    result = _extract(expected)
    assert result.is_article and result.reason is None
    assert result.encoding == expected["encoding"] and not result.lossy_encoding
    record = result.article.to_record()
    assert record.pop("content_hash") == content_hash(expected["record"]["body"])
    assert record == expected["record"]
    for phrase in expected["absent"]:
        assert phrase not in result.article.body, phrase


@pytest.mark.parametrize("name", CASES)
def test_extraction_output_is_already_clean_and_stable(name):
    expected = _expected(name)
    article = _extract(expected).article
    assert clean_article(article) == article
    assert _extract(expected).article.content_hash == article.content_hash


def test_short_real_notice_is_an_article():
    result = extract_article(fixture_bytes("short_notice.html"), "http://xjz.example.gov.cn/tzgg/2023/0116/1.html")
    assert result.is_article
    assert result.article.title == "新泾镇社区事务受理服务中心春节期间暂停对外服务的公告"
    assert result.article.published == "2023-01-16"
    assert result.article.source == "新泾镇社区事务受理服务中心"
    assert result.article.body == (
        "根据春节放假安排，本中心1月21日至1月27日暂停对外服务，1月28日起恢复正常办公。\n"
        "急需办理业务的居民可通过“一网通办”平台在线申请。给您带来不便，敬请谅解。")


@pytest.mark.parametrize("name, url, reasons", [
    ("list_page.html", "http://xjz.example.gov.cn/xwzx/zjdt/index.html", {"list-page"}),
    ("list_with_summaries.html", "http://xjz.example.gov.cn/xwfb/index.html", {"list-page"}),
    ("topic_page.html", "http://xjz.example.gov.cn/ztzl/esd/index.html", {"topic-page"}),
    ("contact_page.html", "http://xjz.example.gov.cn/lxwm/index.html", {"site-info-page"}),
    ("home_page.html", "http://xjz.example.gov.cn/", {"home-page"}),
    ("too_short.html", "http://xjz.example.gov.cn/zwgk/czxx/1.html", {"too-short", "no-body"}),
])
def test_non_articles_are_rejected_with_a_reason(name, url, reasons):
    result = extract_article(fixture_bytes(name), url)
    assert result.is_article is False
    assert result.article is None
    assert result.reason in reasons
    assert result.draft is not None  # the best effort is still available to callers
