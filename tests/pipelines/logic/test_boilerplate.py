"""The boilerplate table: every entry drops the furniture it names and spares article text."""
from __future__ import annotations

import pytest

from pipelines.logic.boilerplate import BOILERPLATE_LINES, WIDGET_WORDS, is_boilerplate_line

#: One line of furniture per table entry, as printed on real portals (written for this test).
EXAMPLES = {
    "print": ["打印本页", "【打印此页】"],
    "close": ["关闭窗口", "[关闭本页]"],
    "font_size": ["字号：大 中 小", "【字体：大 中 小】", "字号 [大] [中] [小]"],
    "share": ["分享到：微信 微博 QQ空间", "分享至：", "一键分享"],
    "scan": ["扫一扫在手机打开当前页", "微信扫一扫 分享到朋友圈", "扫码阅读全文"],
    "back_to_top": ["返回顶部", "【返回列表】"],
    "favourite": ["收藏本页", "【加入收藏】"],
    "correction": ["我要纠错", "【我要纠错】"],
    "prev_next": ["上一篇：新泾镇召开城市更新工作推进会", "下一条：关于春节期间暂停服务的公告"],
    "breadcrumb": ["当前位置：首页 > 新闻中心 > 镇级动态", "您现在的位置：首页>政务公开"],
    "page_views": ["浏览次数：128", "阅读量：3021次"],
    "open_in_phone": ["在手机上打开本页"],
}


def test_every_table_entry_has_examples_here():
    assert set(EXAMPLES) == set(BOILERPLATE_LINES)


@pytest.mark.parametrize("name, line", [(name, line) for name, lines in EXAMPLES.items() for line in lines])
def test_table_entry_matches_its_furniture(name, line):
    assert BOILERPLATE_LINES[name].match(line), name
    assert is_boilerplate_line(line)


@pytest.mark.parametrize("line", [
    "【字体：大 中 小】【打印】【关闭】",
    "打印 | 关闭 | 返回顶部",
    "上一页 1 2 3 下一页 尾页",
    "微信 微博 QQ空间",
    "字号 大 中 小　打印本页　关闭窗口",
])
def test_lines_made_only_of_widget_words(line):
    assert is_boilerplate_line(line)


@pytest.mark.parametrize("line", [
    ".TRS_Editor P{margin-top:0;line-height:1.8;font-size:12pt;}",
    "body { font-family: SimSun; }",
    ".a{x:1}.b{y:2}",
    "}",
    "var pageInfo = {id: 12};",
    "document.write('<a href=\"/\">首页</a>');",
])
def test_leaked_css_and_script(line):
    assert is_boilerplate_line(line)


@pytest.mark.parametrize("line", [
    "市民可以打印本页后到窗口办理。",
    "会后，与会人员纷纷表示要把会议精神分享到各自社区。",
    "分享到朋友圈的照片引发了居民热议，大家纷纷点赞，表示社区环境变化很大，生活越来越方便了，希望继续保持这样的好势头。",
    "扫一扫二维码即可预约，居民也可以拨打热线电话，工作人员将在三个工作日内上门服务，确保每位老人都能按时领取。",
    "大力推进“一网通办”，让数据多跑路、群众少跑腿。",
    "首页设计获得好评。",
    "新泾镇城建中心",
    "2023年1月18日",
])
def test_article_text_is_not_furniture(line):
    assert not is_boilerplate_line(line)


def test_widget_words_are_short_words_not_sentences():
    assert all(len(word) <= 7 for word in WIDGET_WORDS)
