"""Names, titles and organisations by position; roles; the presider."""
from __future__ import annotations

import pytest

from pipelines.logic.meeting.people import build_people, find_mentions, find_presider
from pipelines.logic.meeting.text import parse_byline, prepare


def people_of(text: str) -> list[tuple[str, list[str], str | None, str]]:
    doc = prepare(text)
    return [(p.name, p.titles, p.org, p.role) for p in build_people(doc, find_mentions(doc))]


def presider_of(text: str) -> str | None:
    doc = prepare(text)
    mentions = find_mentions(doc)
    return find_presider(doc, mentions, build_people(doc, mentions))


@pytest.mark.parametrize("text, expected", [
    # {org}{title}、{title}{name}: titles split on 、, org written before the first title
    ("区政协党组书记、主席洪流带队到新泾镇调研。",
     [("洪流", ["党组书记", "主席"], "区政协", "present")]),
    # a town is the org; its internal bodies stay in the title
    ("镇党委副书记、镇长王海鹏主持会议。", [("王海鹏", ["党委副书记", "镇长"], "镇", "present")]),
    ("青石镇党委书记江海陪同。", [("江海", ["党委书记"], "青石镇", "present")]),
    ("街道党工委书记安静现场指挥。", [("安静", ["党工委书记"], "街道", "present")]),
    ("镇人大主席齐心主持闭幕会。", [("齐心", ["人大主席"], "镇", "present")]),
    # titles of different bodies: the common level is the org, fused words stay whole
    ("区委副书记、区长方正出席。", [("方正", ["区委副书记", "区长"], "区", "present")]),
    ("区委常委、区纪委书记、区监委主任孙海涛出席。",
     [("孙海涛", ["区委常委", "区纪委书记", "区监委主任"], "区", "present")]),
    # one body: internal department in the title
    ("区委常委、宣传部部长舒畅到街道调研。", [("舒畅", ["常委", "宣传部部长"], "区委", "present")]),
    # no org written
    ("副区长严峻出席会议。", [("严峻", ["副区长"], None, "present")]),
    ("党委副书记、镇长王伟作补充汇报。", [("王伟", ["党委副书记", "镇长"], None, "present")]),
    # departments and enterprises as orgs
    ("区应急管理局副局长马骏到场观摩。", [("马骏", ["副局长"], "区应急管理局", "present")]),
    ("澜州新能集团董事长陈德明出席。", [("陈德明", ["董事长"], "澜州新能集团", "present")]),
    # one title shared by a list of names
    ("区政协副主席王坚、刘畅、顾某参加调研。",
     [("王坚", ["副主席"], "区政协", "present"), ("刘畅", ["副主席"], "区政协", "present"),
      ("顾某", ["副主席"], "区政协", "present")]),
    # 、 between two people with their own titles
    ("区人大常委会副主任钟鸣、副区长严峻出席会议。",
     [("钟鸣", ["副主任"], "区人大常委会", "present"), ("严峻", ["副区长"], None, "present")]),
    # the title word missing: the body before the name is the org
    ("镇党委李建平主持并讲话。", [("李建平", [], "镇党委", "present")]),
    # titles after the name
    ("会上，王尧镇长作表态发言。", [("王尧", ["镇长"], None, "present")]),
    ("张某同志主持会议。", [("张某", ["同志"], None, "present")]),
    # traditional characters are read, and reported as written
    ("區人大常委會副主任鍾鳴、副區長嚴峻出席會議。",
     [("鍾鳴", ["副主任"], "區人大常委會", "present"), ("嚴峻", ["副區長"], None, "present")]),
    # a word-name line-broken by a PDF layout is joined back
    ("2月19日下午，临江区召开全区安全生产工作会议，会议由副区长严峻主\n持。",
     [("严峻", ["副区长"], None, "present")]),
])
def test_titled_mentions(text, expected):
    assert people_of(text) == expected


def test_the_same_person_again_merges_into_one_entry_with_every_title():
    text = ("区委副书记、区长方正主持会议。方正区长指出，要方方正正推进工作。"
            "方正在会上要求，抓好落实。")
    assert people_of(text) == [("方正", ["区委副书记", "区长"], "区", "present")]
    text = "区委常委、常务副区长高原到青石镇调研。当天下午，高原常务副区长主持召开调度会。"
    assert people_of(text) == [("高原", ["区委常委", "常务副区长"], "区", "present")]


def test_a_shorter_title_later_adds_to_the_titles_and_keeps_the_first_org():
    text = "大会主席团常务主席罗春华出席。开幕会由大会执行主席罗春华主持。"
    assert people_of(text) == [("罗春华", ["常务主席", "执行主席"], "大会主席团", "present")]


@pytest.mark.parametrize("text", [
    "当前外部环境依然严峻复杂，要坚持稳中求进。",
    "各环节衔接紧密，确保群众安然度汛。",
    "全镇上下要齐心协力，攻坚克难。",
    "推动各项决策部署方方正正落地见效。",
    "调研组先后来到江海联运物流园。",
    "区委委员、候补委员出席全会，区直有关部门负责人参加会议。",
    "镇长在主席台就座。",
    "有关方面负责同志列席会议。",
])
def test_common_words_and_unnamed_groups_are_not_people(text):
    assert people_of(text) == []


def test_common_words_stay_words_next_to_the_person_of_that_name():
    text = "副区长严峻出席会议。当前形势依然严峻复杂。严峻表示，要抓好整改。"
    assert people_of(text) == [("严峻", ["副区长"], None, "present")]


@pytest.mark.parametrize("text, role", [
    ("传达学习习近平总书记重要讲话精神。区委书记周立群主持会议。", "mentioned"),
    ("深入学习习近平总书记关于党的建设的重要思想。", "mentioned"),
    ("传达学习市委书记吴启明在全市领导干部大会上的讲话精神。", "mentioned"),
])
def test_people_whose_words_are_studied_are_mentioned(text, role):
    assert people_of(text)[0][3] == role


def test_a_doctrine_after_a_name_is_a_mention_without_title():
    people = people_of("为深入学习贯彻党的二十大精神和习近平法治思想，镇党委书记卞晓清主持会议。")
    assert people == [("习近平", [], None, "mentioned"), ("卞晓清", ["党委书记"], "镇", "present")]


def test_the_presenter_of_studied_words_is_present():
    people = people_of("区委书记周立群传达了习近平总书记重要讲话精神。")
    assert people == [("周立群", ["书记"], "区委", "present"), ("习近平", ["总书记"], None, "mentioned")]


@pytest.mark.parametrize("text, presider", [
    ("区委书记周立群主持会议。", "周立群"),
    ("会议由镇党委副书记、镇长王海鹏主持。镇党委书记李建平出席并讲话。", "王海鹏"),
    ("镇党委书记李建平主持并讲话。", "李建平"),
    ("区长方正主持召开区政府第36次常务会议。", "方正"),
    ("街道党工委书记安静主持座谈会并讲话。", "安静"),
    ("區長何曉峰主持簽約儀式。", "何曉峰"),
    ("李建平同志主持会议。", "李建平"),
    ("会议由副区长严峻主\n持。", "严峻"),
    ("区委书记梁振华出席会议并主持。", "梁振华"),
    # not presiding
    ("区委书记梁振华出席并讲话。", None),
    ("镇党委书记韩明带队。", None),
    ("街道党工委书记安静现场指挥。", None),
    ("区委书记周立群宣布项目开工，区委副书记、区长方正致辞。", None),
    ("区委常委、常务副区长高原到会指导。当天下午，高原还主持召开调度会。", None),
    ("全会由区委常委会主持。", None),
])
def test_the_presider(text, presider):
    assert presider_of(text) == presider


@pytest.mark.parametrize("line, expected", [
    ("记者 周晓宁 通讯员 李欣", [("记者", "周晓宁"), ("通讯员", "李欣")]),
    ("（通讯员 黄一鸣）", [("通讯员", "黄一鸣")]),
    ("记者陈思远", [("记者", "陈思远")]),
    ("記者 陳思遠", [("記者", "陳思遠")]),
    ("图为演练现场", None),
    ("记者从区统计局获悉，一季度全区经济运行稳中有进。", None),
])
def test_byline_lines(line, expected):
    assert parse_byline(line) == expected


def test_bylines_are_people_of_their_own_role():
    text = "记者 周晓宁 通讯员 李欣\n11月20日下午，望海区召开座谈会。区委书记梁振华主持座谈会并讲话。"
    assert people_of(text) == [("周晓宁", ["记者"], None, "byline"), ("李欣", ["通讯员"], None, "byline"),
                               ("梁振华", ["书记"], "区委", "present")]
    text = "1月4日下午，镇里召开会议。镇长王海鹏主持会议。（通讯员 黄一鸣）"
    assert people_of(text)[-1] == ("黄一鸣", ["通讯员"], None, "byline")


def test_page_chrome_and_related_links_are_not_read():
    text = ("首页 > 新闻中心 > 镇街动态\n发布时间：2023-03-16 浏览次数：123\n"
            "3月15日上午，镇长李明主持会议。\n上一篇：区委书记王某调研新泾镇\n下一篇：副区长张某检查工作")
    assert people_of(text) == [("李明", ["镇长"], None, "present")]
