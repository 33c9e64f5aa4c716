"""Cleaning removes layout residue and never touches Chinese text or punctuation."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipelines.logic.text_cleaning import clean_article, clean_line, clean_text
from storage.records import Article, content_hash


def test_line_ends_indents_and_blank_lines():
    raw = "\u3000\u3000第一段。\r\n\r\n\u00a0\u00a0第二段，\u200b含零宽字符。\r\r\n  \n\t第三段。  "
    assert clean_text(raw) == "第一段。\n第二段，含零宽字符。\n第三段。"


def test_entity_leftovers_and_latin_spacing():
    assert clean_text("&nbsp;&nbsp;Hello&nbsp;World\u00a0\u00a0 2023") == "Hello World 2023"
    assert clean_text("&emsp;&emsp;正文") == "正文"


def test_zero_width_characters_are_removed():
    assert clean_text("新\u200b泾\u200c镇\u200d召\ufeff开\u2060会议") == "新泾镇召开会议"


def test_chinese_text_and_punctuation_are_untouched():
    text = "“绿色新泾、精品小镇”——以“快”为关键字！（完）《人民日报》：１２３，ＡＢＣ…"
    assert clean_text(text) == text
    assert clean_line(text) == text


def test_clean_line_joins_lines():
    assert clean_line("新泾镇开展春节前\n安全生产联合检查") == "新泾镇开展春节前安全生产联合检查"
    assert clean_line("Hello\nWorld") == "Hello World"
    assert clean_line("2023年\n工作会议") == "2023年工作会议"
    assert clean_line(None) == ""


def test_clean_article_cleans_fields_and_rehashes():
    article = Article(url="http://x/1.html", title=" 新泾镇\n召开会议 ", body="\u3000\u3000第一段。\r\n\r\n第二段。",
                      subtitle="  ", source="\u3000新泾镇 ", author="张三\u00a0李四", editor="",
                      images=[{"src": "http://x/a.jpg", "caption": "\u3000图为会议现场 "}])
    cleaned = clean_article(article)
    assert cleaned.title == "新泾镇召开会议"
    assert cleaned.body == "第一段。\n第二段。"
    assert cleaned.subtitle is None and cleaned.editor is None
    assert cleaned.source == "新泾镇"
    assert cleaned.author == "张三 李四"
    assert cleaned.images == [{"src": "http://x/a.jpg", "caption": "图为会议现场"}]
    assert cleaned.content_hash == content_hash("第一段。\n第二段。")
    assert article.body == "\u3000\u3000第一段。\r\n\r\n第二段。"  # the input is not modified


def test_cleaning_twice_changes_nothing():
    article = Article(url=None, title="标题\n第二行", body="&nbsp;正文。\r\n\r\n\u3000结尾。")
    once = clean_article(article)
    assert clean_article(once) == once


@given(st.text(alphabet=st.sampled_from(list("新泾镇，。“”abc 12\n\r\t\u3000\u00a0\u200b&;nbsp")), max_size=80))
def test_clean_text_is_idempotent_and_keeps_every_cjk_character(text):
    once = clean_text(text)
    assert clean_text(once) == once
    assert clean_line(clean_line(text)) == clean_line(text)
    kept = [char for char in once if char in "新泾镇，。“”"]
    assert kept == [char for char in text if char in "新泾镇，。“”"]
