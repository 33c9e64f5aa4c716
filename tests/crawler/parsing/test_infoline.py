"""Info lines and bylines give fields, and are recognised so they stay out of the body."""
from __future__ import annotations

import pytest

from crawler.parsing.infoline import (
    bracket_byline,
    is_info_line,
    parse_byline,
    parse_info,
    trailing_name,
)


def test_shanghai_portal_info_line():
    info = parse_info("发布时间：2023-02-06 10:30 来源：新泾镇 字号：大 中 小 打印本页 关闭窗口")
    assert info.published == "2023-02-06T10:30"
    assert info.source == "新泾镇"
    assert info.author is None


def test_hanweb_info_line_with_counter():
    info = parse_info("发布日期：2023-01-18　信息来源：长宁区绿化市容局　浏览次数：128")
    assert (info.published, info.source) == ("2023-01-18", "长宁区绿化市容局")


@pytest.mark.parametrize("text, source", [
    ("来源：人民日报2024-05-13 08:49", "人民日报"),
    ("来源：太原晚报 2021-11-25 16:26:07", "太原晚报"),
    ("2019年06月15日08:18  来源：人民网-文化频道", "人民网-文化频道"),
    ("来源： 新华网 关注新华网 微信", "新华网"),
    ("（本文来源：经济日报 作者：某某研究员）", "经济日报"),
])
def test_source_is_one_name_without_date(text, source):
    assert parse_info(text).source == source


def test_source_never_goes_to_author():
    info = parse_info("作者：张三 李四 来源：长宁区融媒体中心")
    assert info.author == "张三 李四"
    assert info.source == "长宁区融媒体中心"


@pytest.mark.parametrize("text, editor", [
    ("(责编：汤诗瑶、丁涛)", "汤诗瑶、丁涛"),
    ("【责任编辑:王頔】", "王頔"),
    ("[ 责编：杨煜 ]", "杨煜"),
    ("编辑：倪仕轩 责任编辑：杨格", "杨格"),
    ("责任编辑：biaoffeng", "biaoffeng"),
])
def test_editor(text, editor):
    assert parse_info(text).editor == editor


def test_editor_label_with_a_job_title_is_not_a_name():
    assert parse_info("作者：中国国际经济交流中心研究部部长").author is None


def test_author_after_a_job_title():
    info = parse_info("（本文来源：经济日报 作者：中国国际经济交流中心世界经济研究部部长，研究员徐占忱）")
    assert (info.source, info.author) == ("经济日报", "徐占忱")
    assert parse_info("作者：市委党校教授").author is None


@pytest.mark.parametrize("text, expected", [
    ("记者 刘涛", ("刘涛", None)),
    ("半月谈记者 史卫燕", ("史卫燕", None)),
    ("本报记者  王乐文  方  敏", ("王乐文 方敏", None)),
    ("中青报·中青网记者 魏其濛 来源：中国青年报", ("魏其濛", "中国青年报")),
    ("记者 陈思远 通讯员 李欣", ("陈思远 李欣", None)),
    ("文/陈晓 图/林立", ("陈晓", None)),
    ("记者从区政府获悉", None),
    ("图片新闻", None),
    ("记者在现场看到，居民排队领取物资。", None),
])
def test_byline_lines(text, expected):
    assert parse_byline(text) == expected


def test_bracketed_and_trailing_bylines():
    assert bracket_byline("新华社巴黎12月9日电（记者唐霁）法国9日再次爆发大罢工") == "唐霁"
    assert bracket_byline("本报讯（记者 陈晓 通讯员 林立）2月6日下午") == "陈晓 林立"
    assert trailing_name("共同把“蛋糕”做大，实现“多赢”“共赢”。（钟才文）") == "钟才文"
    assert trailing_name("会议还研究了其他事项。（完）") is None


@pytest.mark.parametrize("text, expected", [
    ("发布时间：2023-02-06 10:30 来源：新泾镇", True),
    ("2019-12-10 07:57:40", True),
    ("来源：新泾镇", True),
    ("日期：2023年2月6日 浏览次数：123", True),
    ("2月3日上午，区政协党组书记、主席洪流带队到新泾镇调研。", False),
    ("来源于群众、服务于群众的工作方法，是做好基层治理的关键，来源：实践。", False),
    ("会议时间：2月6日下午，地点：镇会议中心。", False),
])
def test_is_info_line(text, expected):
    assert is_info_line(text) is expected
