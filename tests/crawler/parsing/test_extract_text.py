"""Plain-text input: first line is the headline, a 发布时间 line sets the date."""
from __future__ import annotations

import json

from crawler.parsing.article import extract_text


def test_title_date_and_body_from_plain_text():
    text = "新泾镇召开安全生产工作会议\r\n发布时间：2024-03-08\r\n\r\n\u3000\u30003月6日上午，新泾镇召开安全生产工作会议。\r\n\r\n会议部署了今年重点工作。\u200b\n"
    article = extract_text(text, url="http://example.gov.cn/a.html")
    assert article.title == "新泾镇召开安全生产工作会议"
    assert article.published == "2024-03-08"
    assert article.body == "3月6日上午，新泾镇召开安全生产工作会议。\n会议部署了今年重点工作。"
    assert article.url == "http://example.gov.cn/a.html"
    assert article.content_hash.startswith("sha256:")


def test_arguments_win_over_the_text():
    text = "第一行不是标题\n发布时间：2024-03-08\n正文第一段。"
    article = extract_text(text, title="真正的标题", published="2024-03-09")
    assert article.title == "真正的标题"
    assert article.published == "2024-03-09"
    assert article.body == "第一行不是标题\n正文第一段。"


def test_text_without_date_line():
    article = extract_text("标题\n正文第一段。\n正文第二段。")
    assert (article.title, article.published, article.body) == ("标题", None, "正文第一段。\n正文第二段。")


def test_meeting_devset_texts(devset):
    folder = devset / "meetings"
    for line in (folder / "labels.jsonl").read_text("utf-8").splitlines():
        label = json.loads(line)
        article = extract_text((folder / "texts" / f"{label['id']}.txt").read_text("utf-8"))
        assert article.title == label["title"], label["id"]
        assert article.published == label["published"], label["id"]
        assert "发布时间" not in article.body, label["id"]
