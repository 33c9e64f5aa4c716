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


def test_kicker_above_the_headline_and_caption_under_it():
    text = "\n\n拼搏赶超 争先进位\n\n新泾镇召开2023年学习讨论会\n\n会议现场\n\n日前，新泾镇召开2023年学习讨论会。\n\n会议要求各部门抓好落实。\n"
    article = extract_text(text)
    assert article.title == "新泾镇召开2023年学习讨论会"
    assert article.subtitle == "拼搏赶超 争先进位"
    assert article.images == [{"src": None, "caption": "会议现场"}]
    assert article.body == "日前，新泾镇召开2023年学习讨论会。\n会议要求各部门抓好落实。"


def test_headline_followed_by_a_sentence_has_no_kicker():
    article = extract_text("新泾镇召开安全生产工作会议\n3月6日上午，新泾镇召开安全生产工作会议。\n会议部署了今年重点工作。")
    assert article.title == "新泾镇召开安全生产工作会议"
    assert article.subtitle is None
    assert article.body.startswith("3月6日上午")


def test_dash_subheading_info_line_byline_and_editor():
    text = ("关于春节期间生活垃圾清运时间调整的通知\n——请广大居民提前做好分类投放\n"
            "发布日期：2023-01-18　信息来源：新泾镇城建中心\n记者 周晓宁 通讯员 李欣\n"
            "为保障春节期间辖区环境整洁，经研究，现将生活垃圾清运时间调整事项通知如下：\n"
            "一、1月21日至1月27日，湿垃圾每日清运一次。\n责任编辑：李明")
    article = extract_text(text)
    assert article.title == "关于春节期间生活垃圾清运时间调整的通知"
    assert article.subtitle == "——请广大居民提前做好分类投放"
    assert (article.published, article.source) == ("2023-01-18", "新泾镇城建中心")
    assert (article.author, article.editor) == ("周晓宁 李欣", "李明")
    assert article.body == ("为保障春节期间辖区环境整洁，经研究，现将生活垃圾清运时间调整事项通知如下：\n"
                            "一、1月21日至1月27日，湿垃圾每日清运一次。")


def test_pdf_line_breaks_and_full_width_digits():
    text = ("望海区召开第十五次会议\n发布时间：2024-08-30\n"
            "８月２８日，望海区第十七届人民代表大会常务委员会第十五次会议在区行政\n"
            "中心召开。区人大常委会主任罗春华主持会议，区人大常委会副主任郭建新、叶敏，\n\n"
            "秘书长唐红出席会议。\n\n会议听取和审议了有关报告。\n")
    article = extract_text(text)
    assert article.body == ("8月28日，望海区第十七届人民代表大会常务委员会第十五次会议在区行政中心召开。"
                            "区人大常委会主任罗春华主持会议，区人大常委会副主任郭建新、叶敏，秘书长唐红出席会议。\n"
                            "会议听取和审议了有关报告。")


def test_subheading_in_text_stays_a_paragraph():
    text = "新泾镇开展安全检查\n1月11日上午，检查组对商场开展检查。\n守牢商场消防底线\n检查组逐层查看消防通道和灭火器材。"
    assert extract_text(text).body.split("\n") == [
        "1月11日上午，检查组对商场开展检查。", "守牢商场消防底线", "检查组逐层查看消防通道和灭火器材。"]
