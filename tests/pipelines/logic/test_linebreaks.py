"""Line-break repair joins what a PDF/newsletter layout broke, never a real paragraph end."""
from __future__ import annotations

import pytest

from pipelines.logic.linebreaks import repair_line_breaks, should_join


@pytest.mark.parametrize("line, following, joined", [
    # Broken inside a word, on a long line of running text (the seed newsletter's breaks).
    ("新泾镇党委书记卞晓清汇报了新泾镇基本情况和重点工作，党委副书记、镇长王伟，党委副书记范朱凤分别围绕民生服务和产业",
     "发展、协商于民工作站年度安排作了补充汇报。",
     "新泾镇党委书记卞晓清汇报了新泾镇基本情况和重点工作，党委副书记、镇长王伟，党委副书记范朱凤分别围绕民生服务和产业"
     "发展、协商于民工作站年度安排作了补充汇报。"),
    ("切实将“他山之石”转化为发展良策，推动各项工作呈螺旋式上升。实效", "性上，要聚焦“会干事、能干事、干成事”的标准。",
     "切实将“他山之石”转化为发展良策，推动各项工作呈螺旋式上升。实效性上，要聚焦“会干事、能干事、干成事”的标准。"),
    # Broken after a pause mark.
    ("要充分展示出鲜明的特色和亮点，", "要充分保障各项工作顺利推动和有效落实。",
     "要充分展示出鲜明的特色和亮点，要充分保障各项工作顺利推动和有效落实。"),
    # The next line opens with a mark no paragraph opens with.
    ("区人大常委会副主任郭建新", "，秘书长唐红出席会议。", "区人大常委会副主任郭建新，秘书长唐红出席会议。"),
    # A short piece ending on a word that always takes a complement.
    ("深入开展以", "习近平法治思想学习和实践为主的法治宣传工作。", "深入开展以习近平法治思想学习和实践为主的法治宣传工作。"),
    # A number broken from its unit.
    ("全年共接待群众来访1200", "人次，办结率100%。", "全年共接待群众来访1200人次，办结率100%。"),
])
def test_broken_sentences_are_joined_without_a_space(line, following, joined):
    assert repair_line_breaks([line, following]) == [joined]


def test_a_short_piece_is_joined_when_the_text_elsewhere_has_the_same_pair():
    lines = ["会上，镇领导听取了法治建设工作汇报。", "王伟对2022年法治政府建", "设情况进行了总结，对今年法治建设任务进行了布置。"]
    assert repair_line_breaks(lines) == [
        "会上，镇领导听取了法治建设工作汇报。", "王伟对2022年法治政府建设情况进行了总结，对今年法治建设任务进行了布置。"]


@pytest.mark.parametrize("line, following", [
    ("会议要求各部门加强隐患排查，确保汛期安全。", "会后，与会人员实地查看了防汛物资仓库。"),  # sentence end
    ("会议强调：“要守住安全底线！”", "会后，与会人员实地查看了防汛物资仓库。"),  # end inside closing quote
    ("各居民区、各物业服务企业：", "为保障春节期间辖区环境整洁，现将有关事项通知如下。"),  # salutation
    ("（一）加强组织领导；", "（二）压实工作责任。"),  # list item
    ("守牢商场消防底线", "检查组先后来到天山西路沿线两家大型商场，逐层查看消防通道。"),  # subheading
    ("现将有关事项通知如下，请遵照执行", "一、1月21日至1月27日，湿垃圾每日清运一次。"),  # next line is a list item
    ("听心声 鼓干劲 助发展", "区政协党组书记、主席洪流到新泾镇调研"),  # kicker above headline
])
def test_real_paragraph_ends_are_kept(line, following):
    assert not should_join(line, following, text=line + "\n" + following)
    assert repair_line_breaks([line, following]) == [line, following]


def test_latin_words_and_numbers_get_a_space():
    assert repair_line_breaks(["论坛以Smart City and", "Digital Twin为主题，吸引了众多企业参与。"]) == [
        "论坛以Smart City and Digital Twin为主题，吸引了众多企业参与。"]


def test_kept_lines_are_never_joined():
    lines = ["日前，新泾镇召开2023年学习讨论会，紧紧围绕学习贯彻党的二十大精神，", "会议现场", "切实转化为实际行动。"]
    assert repair_line_breaks(lines, keep={1}) == lines


def test_three_pieces_of_one_paragraph_and_untouched_words():
    lines = ["卞晓清强调，今年是贯彻落实党的二十大精神的开局之年，更要尽快转变工作心态和", "思维，更新工作模式和手势，以“抢抓”为关键词，做到抢抓机遇、抢抓认",
             "可，展现出更大工作成效。", "镇党委副书记、镇长王伟指出，要全力以赴保稳定、促发展。"]
    out = repair_line_breaks(lines)
    assert out == ["卞晓清强调，今年是贯彻落实党的二十大精神的开局之年，更要尽快转变工作心态和思维，更新工作模式和手势，"
                   "以“抢抓”为关键词，做到抢抓机遇、抢抓认可，展现出更大工作成效。",
                   "镇党委副书记、镇长王伟指出，要全力以赴保稳定、促发展。"]
    assert "".join(out) == "".join(lines)  # no character added, removed or changed


def test_repair_is_stable():
    lines = ["要充分展示出鲜明的特色和亮点，", "要充分保障各项工作顺利推动。", "守牢商场消防底线", "检查组逐层查看消防通道。"]
    once = repair_line_breaks(lines)
    assert repair_line_breaks(once) == once
