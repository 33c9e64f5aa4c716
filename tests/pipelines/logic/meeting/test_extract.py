"""``extract_meeting`` end to end: the event, its date, its people -- and reports of no event."""
from __future__ import annotations

import json

import pytest

from pipelines.logic.meeting import MEETING_KEYS, extract_meeting


def meeting(title: str, body: str, published: str | None = "2024-03-08", **kw):
    return extract_meeting(title, body, published=published, **kw)


@pytest.mark.parametrize("title, body", [
    ("南湖公园北区5月1日起正式对外开放",
     "经过一年多的提升改造，南湖公园北区将于5月1日起正式对外开放。此次改造由南湖街道牵头实施。"),
    ("政策解读｜临江区支持中小微企业发展十条措施",
     "近日，区政府办公室印发《若干措施》，自2024年3月1日起施行。现就有关内容解读如下。"),
    ("2024年一季度临江区经济运行情况", "据区统计局数据，一季度全区实现地区生产总值186.4亿元，同比增长5.8%。"),
    ("关于滨海大道部分路段实行交通管制的通告", "自2024年7月10日至8月20日，对该路段实行交通管制。近期将进入主汛期。"),
    ("关于召开2024年安全生产工作会议的通知", "定于3月12日上午召开全区安全生产工作会议。"),
])
def test_articles_that_report_no_event_have_no_meeting(title, body):
    assert meeting(title, body) is None


def test_a_report_gives_the_whole_meeting_object():
    got = meeting("北塘镇召开安全生产暨消防安全工作会议",
                  "12月29日下午，北塘镇召开2024年安全生产暨消防安全工作会议，部署岁末年初安全防范工作。"
                  "会议由镇党委副书记、镇长王海鹏主持。镇党委书记李建平出席并讲话。\n"
                  "李建平要求，各村要开展拉网式隐患排查。\n（通讯员 黄一鸣）",
                  published="2024-01-04")
    assert list(got) == list(MEETING_KEYS)
    assert got == {
        "event_date": "2023-12-29", "event_end_date": None, "event_date_approx": False,
        "time_of_day": "下午", "event_time": None, "event_type": "工作会议",
        "event_name": "2024年安全生产暨消防安全工作会议", "organizer": "北塘镇", "location": None,
        "presider": "王海鹏",
        "people": [
            {"name": "王海鹏", "titles": ["党委副书记", "镇长"], "org": "镇", "role": "present"},
            {"name": "李建平", "titles": ["党委书记"], "org": "镇", "role": "present"},
            {"name": "黄一鸣", "titles": ["通讯员"], "org": None, "role": "byline"},
        ],
    }


@pytest.mark.parametrize("title, body, published, expected", [
    # type and name from the headline when the body only says 常委会会议
    ("区委常委会会议传达学习全国两会精神", "3月5日上午，区委召开常委会会议。", "2024-03-08",
     {"event_type": "常委会会议", "event_name": "区委常委会会议", "organizer": "区委"}),
    # 述法暨…工作会议: the head of the joined name is the later type
    ("新泾镇召开党政主要领导2022年度述法暨2023年法治建设委员会工作会议",
     "1月30日上午，新泾镇召开党政主要领导2022年度述法暨2023年法治建设委员会工作会议。", "2023-02-28",
     {"event_type": "工作会议", "event_date": "2023-01-30",
      "event_name": "党政主要领导2022年度述法暨2023年法治建设委员会工作会议"}),
    # passive: the event took place; nobody is said to hold it; a venue
    ("青石镇第十八届人民代表大会第五次会议胜利闭幕",
     "二〇二四年一月五日至六日，青石镇第十八届人民代表大会第五次会议在镇政府大礼堂召开。", None,
     {"event_type": "人民代表大会", "event_name": "青石镇第十八届人民代表大会第五次会议", "organizer": None,
      "location": "镇政府大礼堂", "event_date": "2024-01-05", "event_end_date": "2024-01-06"}),
    # a body presides: it is the organiser, not the presider
    ("中共临江区委十四届八次全会召开",
     "12月30日—31日，中共临江区第十四届委员会第八次全体会议在区行政中心召开。全会由区委常委会主持。",
     "2025-01-02",
     {"event_type": "全体会议", "organizer": "区委常委会", "presider": None, "location": "区行政中心",
      "event_date": "2024-12-30", "event_end_date": "2024-12-31"}),
    # a visit: no name of its own, the place visited, a venue inside it preferred
    ("区政协党组书记、主席洪流到新泾镇调研",
     "2月3日上午，区政协党组书记、主席洪流带队到新泾镇调研。在新泾镇社区党群服务中心，洪流主席一行实地查看。",
     "2023-02-06",
     {"event_type": "调研", "event_name": None, "location": "新泾镇社区党群服务中心", "presider": None}),
    # generic names are no names; several sites visited are no location
    ("区人大代表视察城市防洪排涝工程建设",
     "10月16日，区人大常委会副主任钟鸣带领部分区人大代表，视察城市防洪排涝工程建设情况。"
     "代表们先后来到临江大堤提升改造工程、城北排涝泵站和南湖调蓄池项目现场。", "2024-10-17",
     {"event_type": "视察", "event_name": None, "location": None, "organizer": None}),
    # approximate date; 2024年度 in the name is the work year
    ("北塘镇召开村党组织书记述职评议会",
     "日前，北塘镇召开2024年度村党组织书记抓基层党建工作述职评议会。镇党委书记李建平主持并讲话。",
     "2025-01-15",
     {"event_date": None, "event_date_approx": True, "event_type": "述职评议会",
      "event_name": "2024年度村党组织书记抓基层党建工作述职评议会", "presider": "李建平"}),
    # the headline's quoted-free name is preferred to the body's quoted one; traditional stays
    ("南湖街道召開學雷鋒志願服務座談會",
     "三月五日上午，南湖街道召開“學雷鋒志願服務”座談會，街道黨工委書記安靜主持座談會並講話。",
     "2024-03-07",
     {"event_type": "座談會", "event_name": "學雷鋒志願服務座談會", "organizer": "南湖街道",
      "presider": "安靜", "event_date": "2024-03-05", "time_of_day": "上午"}),
    # the main event is the first: a second one later the same week does not leak in
    ("望海区召开文明城市创建工作推进会",
     "4月8日上午，望海区召开全区文明城市创建工作推进会。会议由区委副书记、区长何晓峰主持。\n"
     "4月9日下午，何晓峰又主持召开区政府常务会议，专题研究创建工作经费保障。", "2024-04-10",
     {"event_date": "2024-04-08", "time_of_day": "上午", "presider": "何晓峰", "event_type": "推进会"}),
    # a year that cannot be resolved: exact day, no date, not approximate
    ("南湖街道召开老旧小区改造工作推进会", "6月18日下午，南湖街道召开老旧小区改造工作推进会。", None,
     {"event_date": None, "event_date_approx": False, "time_of_day": "下午"}),
])
def test_report_fields(title, body, published, expected):
    got = meeting(title, body, published)
    assert {key: got[key] for key in expected} == expected


def test_without_a_publish_date_the_url_dates_the_event():
    got = extract_meeting("镇召开推进会", "6月18日下午，南湖街道召开推进会。", published=None,
                          url="http://x.gov.cn/xwzx/2023-06/19/content_1.html")
    assert got["event_date"] == "2023-06-18"


def test_bylines_moved_to_the_author_field_are_still_people():
    got = meeting("望海区召开民营企业家座谈会", "11月20日下午，望海区召开民营企业家座谈会。", author="周晓宁 李欣")
    assert [(p["name"], p["titles"], p["role"]) for p in got["people"]] == [
        ("周晓宁", [], "byline"), ("李欣", [], "byline")]
    got = meeting("望海区召开民营企业家座谈会", "11月20日下午，望海区召开民营企业家座谈会。",
                  author="记者 周晓宁")
    assert got["people"] == [{"name": "周晓宁", "titles": ["记者"], "org": None, "role": "byline"}]


def test_the_result_is_json_ready():
    got = meeting("区政协召开座谈会", "3月5日上午，区政协召开座谈会。区政协主席洪流主持会议。")
    assert json.loads(json.dumps(got, ensure_ascii=False)) == got


def _seed_articles(devset):
    labels = json.loads((devset / "seed" / "labels.json").read_text(encoding="utf-8"))
    lines = (devset / "seed" / labels["file"]).read_text(encoding="utf-8").split("\n")
    stripped = [line.strip() for line in lines]
    starts = [stripped.index(a["title"]) for a in labels["articles"]]
    drop = {a["kicker"] for a in labels["articles"] if a["kicker"]} | {
        c for a in labels["articles"] for c in a["captions"]}
    for n, article in enumerate(labels["articles"]):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        body = "\n".join(line for line in lines[starts[n] + 1:end] if line.strip() not in drop)
        yield article, body


def test_the_seed_newsletter_end_to_end(devset):
    """The user's own three articles (issue of February 2023), against their labels."""
    for article, body in _seed_articles(devset):
        got = extract_meeting(article["title"], body, published="2023-02-28")
        want = article["meeting"]
        for key in ("event_date", "event_end_date", "event_date_approx", "time_of_day", "event_type",
                    "event_name", "location", "presider"):
            assert got[key] == want[key], (article["title"], key)
        def people(m):
            return sorted((p["name"], p["titles"], p["org"] or "", p["role"]) for p in m["people"])
        assert people(got) == people(want), article["title"]
