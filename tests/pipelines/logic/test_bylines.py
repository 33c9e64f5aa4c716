"""Bylines and staff lines leave the body from its edges only."""
from __future__ import annotations

from pipelines.logic.bylines import take_staff_lines


def test_head_and_tail_lines():
    lines, staff = take_staff_lines([
        "本报记者 王乐文 方 敏", "5月9日，中部地区崛起工作座谈会召开。", "会议强调，要推动高质量发展。",
        "（责编：汤诗瑶、丁涛）"])
    assert lines == ["5月9日，中部地区崛起工作座谈会召开。", "会议强调，要推动高质量发展。"]
    assert (staff.author, staff.editor) == ("王乐文 方敏", "汤诗瑶、丁涛")


def test_several_tail_lines_and_a_source_line():
    lines, staff = take_staff_lines(["正文。", "文/陈晓 图/林立", "来源：长宁区融媒体中心", "编辑 刘晓阳 校对 李铭"])
    assert lines == ["正文。"]
    assert (staff.author, staff.source, staff.editor) == ("陈晓", "长宁区融媒体中心", "刘晓阳")


def test_middle_lines_and_sentences_stay():
    text = ["第一段。", "记者 张三", "第二段。", "第三段。", "第四段。", "第五段。"]
    lines, staff = take_staff_lines(text)
    assert lines == text and staff.author is None


def test_a_quoted_reporter_is_text():
    text = ["记者：您怎么看待这次改革？", "王主任：改革让群众少跑腿。"]
    lines, staff = take_staff_lines(text)
    assert lines == text and staff.author is None
