"""The metadata stage fills ``meeting`` in a crawl, and never loses an article over it."""
from __future__ import annotations

from datetime import datetime, timezone

from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from crawler.items import ArticleItem
from pipelines import metadata
from pipelines.metadata import MetadataPipeline
from storage.records import Article, Capture


def item(title: str, body: str, published: str | None = "2023-02-06T10:30",
         author: str | None = None) -> ArticleItem:
    article = Article(url="http://127.0.0.1/xjz/xwzx/2023-02/06/content_8812.html", title=title, body=body,
                      published=published, author=author)
    capture = Capture(url=article.url, fetched_at=datetime(2023, 2, 6, tzinfo=timezone.utc), status=200,
                      headers={}, body=b"<html></html>")
    return ArticleItem(article, capture)


def pipeline() -> MetadataPipeline:
    crawler = get_crawler(settings_dict={"STATS_CLASS": "scrapy.statscollectors.MemoryStatsCollector"})
    crawler.stats = MemoryStatsCollector(crawler)
    return MetadataPipeline.from_crawler(crawler)


def test_a_report_gets_its_meeting_dated_by_the_publish_date():
    stage = pipeline()
    out = stage.process_item(item("区政协党组书记、主席洪流到新泾镇调研",
                                  "2月3日上午，区政协党组书记、主席洪流带队到新泾镇调研。"
                                  "新泾镇党委书记卞晓清陪同。", author="陈思远"))
    meeting = out.article.meeting
    assert meeting["event_date"] == "2023-02-03" and meeting["event_type"] == "调研"
    assert [(p["name"], p["role"]) for p in meeting["people"]] == [
        ("洪流", "present"), ("卞晓清", "present"), ("陈思远", "byline")]
    assert stage.crawler.stats.get_value("jiezhen/meetings/found") == 1


def test_without_a_publish_date_the_url_gives_the_year():
    out = pipeline().process_item(item("镇召开推进会", "2月3日上午，新泾镇召开推进会。", published=None))
    assert out.article.meeting["event_date"] == "2023-02-03"


def test_a_notice_has_no_meeting():
    out = pipeline().process_item(item("关于春节期间生活垃圾清运时间安排的告知",
                                       "1月21日至27日，每日湿垃圾清运时间调整为上午7时至11时。"))
    assert out.article.meeting is None


def test_an_extraction_failure_keeps_the_article(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(metadata, "extract_meeting", broken)
    stage = pipeline()
    given = item("区政协召开座谈会", "3月5日上午，区政协召开座谈会。")
    given.article.meeting = {"stale": True}
    out = stage.process_item(given)
    assert out is given and out.article.meeting is None
    assert stage.crawler.stats.get_value("jiezhen/errors/meeting") == 1
