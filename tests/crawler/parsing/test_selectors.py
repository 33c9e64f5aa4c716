"""Site-profile selectors come first, CSS or XPath, each field a list of fallbacks."""
from __future__ import annotations

from crawler.parsing.article import extract_article

from .conftest import fixture_bytes

BARE_PAGE = """<html><head><meta charset="utf-8"><title>新泾镇人民政府</title></head><body>
<div class="logo"><h1>新泾镇人民政府</h1></div>
<div class="q1">新泾镇召开垃圾分类工作推进会</div>
<div class="q2">2023-03-01　供稿：新泾镇绿化市容所　撰稿：周一鸣</div>
<div class="q3"><p>3月1日下午，新泾镇召开垃圾分类工作推进会，总结去年垃圾分类工作成效，部署今年重点任务。</p>
<p>会议要求各居民区持续巩固垃圾分类实效，加强源头分类指导，推动居民养成分类投放习惯。</p></div>
</body></html>""".encode("utf-8")


def test_without_selectors_a_page_titled_only_by_the_site_name_has_no_title():
    result = extract_article(BARE_PAGE, "http://xjz.example.gov.cn/a/1.html")
    assert result.is_article is False
    assert result.reason == "no-title"


def test_profile_selectors_rescue_an_unusual_layout():
    selectors = {
        "title": ["div.does-not-exist", ".q1"],
        "published": ["//div[@class='q2']"],
        "source": ["div.q2"],
        "author": ["div.q2"],
        "body": [".q3"],
    }
    result = extract_article(BARE_PAGE, "http://xjz.example.gov.cn/a/1.html", selectors=selectors)
    assert result.is_article
    article = result.article
    assert article.title == "新泾镇召开垃圾分类工作推进会"
    assert article.published == "2023-03-01"  # the selected line yields only its date
    assert article.source == "新泾镇绿化市容所"
    assert article.author == "周一鸣"
    assert article.body.startswith("3月1日下午，新泾镇召开垃圾分类工作推进会")


def test_xpath_attribute_and_text_selectors():
    selectors = {
        "source": ["//meta[@name='ContentSource']/@content"],
        "published": ["//meta[@name='PubDate']/@content"],
        "editor": ["//div[@class='editor']/text()"],
        "title": ["(//h1)[1]"],
    }
    result = extract_article(fixture_bytes("trs_article.html"), None, selectors=selectors)
    article = result.draft
    assert article.source == "新泾镇"
    assert article.published == "2023-01-12T10:30"
    assert article.editor == "李明"
    assert article.title == "新泾镇开展春节前安全生产联合检查"


def test_broken_or_empty_selectors_fall_back_to_generic_rules():
    selectors = {"title": ["div[[[", "//*[", ""], "body": ["#missing"], "published": ["span.none"]}
    result = extract_article(fixture_bytes("trs_article.html"), None, selectors=selectors)
    assert result.is_article
    assert result.article.title == "新泾镇开展春节前安全生产联合检查"
    assert result.article.published == "2023-01-12T10:30"
    assert result.article.body.startswith("1月11日上午")


def test_a_single_string_selector_is_one_selector():
    result = extract_article(BARE_PAGE, None, selectors={"title": ".q1", "body": ".q3"})
    assert result.draft.title == "新泾镇召开垃圾分类工作推进会"
