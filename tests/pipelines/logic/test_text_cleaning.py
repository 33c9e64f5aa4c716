"""Cleaning removes layout residue and never touches Chinese text or punctuation."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipelines.logic.text_cleaning import clean_article, clean_line, clean_text, normalize_chars
from storage.records import Article, content_hash


def test_line_ends_indents_and_blank_lines():
    raw = "\u3000\u3000第一段。\r\n\r\n\u00a0\u00a0第二段，\u200b含零宽字符。\r\r\n  \n\t第三段。  "
    assert clean_text(raw) == "第一段。\n第二段，含零宽字符。\n第三段。"


def test_entity_leftovers_and_latin_spacing():
    assert clean_text("&nbsp;&nbsp;Hello&nbsp;World\u00a0\u00a0 2023") == "Hello World 2023"
    assert clean_text("&emsp;&emsp;正文") == "正文"


def test_zero_width_characters_are_removed():
    assert clean_text("新\u200b泾\u200c镇\u200d召\ufeff开\u2060会议") == "新泾镇召开会议"


def test_full_width_letters_and_digits_become_ascii():
    assert clean_text("２０２３年全镇ＧＤＰ增长５％，ＡＩ应用") == "2023年全镇GDP增长5％，AI应用"
    assert clean_line("第１２届ｗｅｂ大会") == "第12届web大会"
    assert normalize_chars("ａｂｃＸＹＺ０９") == "abcXYZ09"


def test_chinese_text_and_punctuation_are_untouched():
    text = "“绿色新泾、精品小镇”——以“快”为关键字！（完）《人民日报》：１２３，ＡＢＣ…【注】；？"
    expected = "“绿色新泾、精品小镇”——以“快”为关键字！（完）《人民日报》：123，ABC…【注】；？"
    assert clean_text(text) == expected
    assert clean_line(text) == expected


def test_style_and_script_never_reach_the_text():
    raw = ("第一段。<style type=\"text/css\">.TRS_Editor P{margin-top:0;}</style>\n"
           "<script>var pageInfo = '发布时间：2019-01-01';</script>第二段。\n"
           ".TRS_Editor P{margin-top:0;line-height:1.8;}\n第三段。")
    assert clean_text(raw) == "第一段。\n第二段。\n第三段。"


def test_furniture_lines_go_and_sentences_mentioning_them_stay():
    raw = "正文第一段。\n【字体：大 中 小】【打印】【关闭】\n市民可以打印本页后到窗口办理。\n分享到：微信 微博"
    assert clean_text(raw) == "正文第一段。\n市民可以打印本页后到窗口办理。"


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


def test_bylines_and_editor_lines_at_the_edges_move_into_fields():
    article = Article(url=None, title="标题", body=(
        "记者 周晓宁 通讯员 李欣\n11月20日下午，望海区召开民营企业家座谈会。\n"
        "记者在现场看到，企业家们踊跃发言。\n（通讯员 黄一鸣）\n责任编辑：李明"))
    cleaned = clean_article(article)
    assert cleaned.body == "11月20日下午，望海区召开民营企业家座谈会。\n记者在现场看到，企业家们踊跃发言。"
    assert cleaned.author == "周晓宁 李欣"
    assert cleaned.editor == "李明"


def test_fields_already_known_win_over_lines_in_the_body():
    article = Article(url=None, title="标题", author="王乐文", editor="刘晓阳",
                      body="正文第一段。\n编辑 尹世杰 校对 李铭")
    cleaned = clean_article(article)
    assert (cleaned.body, cleaned.author, cleaned.editor) == ("正文第一段。", "王乐文", "刘晓阳")


def test_a_dated_signature_and_a_signing_office_stay():
    body = "特此通知。\n新泾镇城建中心\n2023年1月18日"
    cleaned = clean_article(Article(url=None, title="通知", body=body))
    assert cleaned.body == body
    assert cleaned.author is None and cleaned.editor is None


def test_cleaning_twice_changes_nothing():
    article = Article(url=None, title="标题\n第二行", body="&nbsp;正文。\r\n\r\n\u3000结尾。\n文/陈晓 图/林立\n责编：王五")
    once = clean_article(article)
    assert once.author == "陈晓" and once.editor == "王五" and once.body == "正文。\n结尾。"
    assert clean_article(once) == once


@given(st.text(alphabet=st.sampled_from(list("新泾镇，。“”abc 12\n\r\t\u3000\u00a0\u200b&;nbsp０Ａ")), max_size=80))
def test_clean_text_is_idempotent_and_keeps_every_cjk_character(text):
    once = clean_text(text)
    assert clean_text(once) == once
    assert clean_line(clean_line(text)) == clean_line(text)
    kept = [char for char in once if char in "新泾镇，。“”"]
    assert kept == [char for char in text if char in "新泾镇，。“”"]


@given(st.lists(st.sampled_from(["记者 张三", "正文一段。", "责任编辑：李四", "（通讯员 王五）", "2023年1月18日",
                                 "打印本页", "第二段，", "\u3000"]), max_size=8))
def test_clean_article_is_idempotent(lines):
    once = clean_article(Article(url=None, title="标题", body="\n".join(lines)))
    assert clean_article(once) == once
