"""The flat text: layout breaks joined, furniture left out, characters never changed."""
from __future__ import annotations

from pipelines.logic.meeting.fold import fold
from pipelines.logic.meeting.text import prepare


def test_folding_keeps_every_character_in_place():
    body = "３月１２日下午，區委書記梁振華主持會議。\n記者 陳思遠"
    doc = prepare(body)
    assert doc.flat == "３月１２日下午，區委書記梁振華主持會議。"  # as written
    assert doc.folded == "3月12日下午，区委书记梁振华主持会议。"
    assert [(b.role, b.name) for b in doc.bylines] == [("記者", "陳思遠")]


def test_layout_breaks_inside_sentences_are_joined_and_paragraphs_kept():
    # a PDF's lines: all about as wide, cut inside words; a blank line inside a sentence
    body = ("2月19日下午，临江区召开全区安全生产工作会议，通报2023年全区安全生\n"
            "产形势，部署当前及今后一个时期安全生产重点工作。会议由副区长严峻主\n持。\n"
            "高原要求，要聚焦危险化学品、建筑施工、城镇燃气、消防等重点行业领\n\n"
            "域，深入开展治本攻坚三年行动。\n图为会议现场\n严峻作了具体安排。")
    assert prepare(body).flat == (
        "2月19日下午，临江区召开全区安全生产工作会议，通报2023年全区安全生产形势，部署当前及今后一个"
        "时期安全生产重点工作。会议由副区长严峻主持。\n高原要求，要聚焦危险化学品、建筑施工、城镇燃气、"
        "消防等重点行业领域，深入开展治本攻坚三年行动。\n图为会议现场\n严峻作了具体安排。")
    # paragraphs (one a line): a subheading stays apart, a paragraph cut by a page break is joined
    body = ("推进黄河生态保护治理，建设美丽河南\n河南省委常委、常务副省长孙守刚介绍，全省深入开展黄河"
            "流域生态保护和高质量发展，持续推进\n\n生态修复工程。")
    assert prepare(body).flat == ("推进黄河生态保护治理，建设美丽河南\n河南省委常委、常务副省长孙守刚介绍，"
                                  "全省深入开展黄河流域生态保护和高质量发展，持续推进生态修复工程。")


def test_spaces_between_chinese_characters_go_and_others_stay():
    assert prepare("区委 书记 周立群\u3000主持会议。精神 and 思想").flat == "区委书记周立群主持会议。精神 and 思想"


def test_page_furniture_is_skipped_and_related_links_end_the_text():
    body = ("首页 > 新闻中心 > 镇街动态\n发布时间：2023-03-16 来源：新泾镇 浏览次数：123\n【字体：大 中 小】\n"
            "3月15日上午，新泾镇召开会议。\n分享到：\n上一篇：区委书记王某调研\n下一篇：副区长张某检查")
    assert prepare(body).flat == "3月15日上午，新泾镇召开会议。"


def test_a_byline_opening_the_first_paragraph_is_taken_out():
    doc = prepare("本报讯（记者 张三 通讯员 李四）3月15日上午，新泾镇召开会议。")
    assert doc.flat == "3月15日上午，新泾镇召开会议。"
    assert [(b.role, b.name) for b in doc.bylines] == [("记者", "张三"), ("通讯员", "李四")]


def test_fold_maps_traditional_and_full_width_only():
    assert fold("區委書記３月ＡＢ，（）：") == "区委书记3月AB，（）："
    assert fold("新泾镇召开会议") == "新泾镇召开会议"
