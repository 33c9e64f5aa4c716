"""Dates in running text and as whole expressions, resolved against the publish date."""
from __future__ import annotations

from datetime import date, datetime

import pytest

from pipelines.logic.meeting.dates import (
    date_from_url, find_dates, is_event_date, parse_span, reference_date, resolve_year,
)
from pipelines.logic.meeting.fold import fold

D = date


def first_event_date(text: str, reference: date | None):
    folded = fold(text)
    mentions = [m for m in find_dates(text, reference) if is_event_date(folded, m)]
    return mentions[0] if mentions else None


@pytest.mark.parametrize("text, reference, first, last, tod, clock", [
    # year from the publish date; a December event published in January is last year's
    ("3月5日上午，区委召开常委会会议", D(2024, 3, 8), D(2024, 3, 5), None, "上午", None),
    ("12月29日下午，北塘镇召开会议", D(2024, 1, 4), D(2023, 12, 29), None, "下午", None),
    ("12月31日，镇里召开年终总结会", D(2024, 12, 31), D(2024, 12, 31), None, None, None),
    # Chinese numerals, with and without a year; full-width digits
    ("二〇二三年五月十日，区政协召开座谈会", None, D(2023, 5, 10), None, None, None),
    ("三月五日上午，街道召开座谈会", D(2024, 3, 7), D(2024, 3, 5), None, "上午", None),
    ("十二月三十一日晚上，镇里举行晚会", D(2025, 1, 2), D(2024, 12, 31), None, "晚上", None),
    ("３月１２日下午２：３０，区里召开推进会", D(2024, 3, 13), D(2024, 3, 12), None, "下午", "14:30"),
    # ranges: 至, em dash, a range of days only; the end inherits year and month
    ("1月5日至6日，区人大召开会议", D(2024, 1, 10), D(2024, 1, 5), D(2024, 1, 6), None, None),
    ("12月30日—31日，全会在区行政中心召开", D(2025, 1, 2), D(2024, 12, 30), D(2024, 12, 31), None, None),
    ("12月30日至1月2日，举行展览", D(2025, 1, 3), D(2024, 12, 30), D(2025, 1, 2), None, None),
    ("二〇二四年一月五日至六日，镇人代会召开", None, D(2024, 1, 5), D(2024, 1, 6), None, None),
    # clock times: written part of day, ASCII clock, 24-hour clock alone
    ("6月12日上午9时30分，街道开展演练", D(2024, 6, 13), D(2024, 6, 12), None, "上午", "09:30"),
    ("11月5日下午2:30，青石镇召开部署会", D(2024, 11, 6), D(2024, 11, 5), None, "下午", "14:30"),
    ("3月28日14时30分，提案交办会召开", D(2024, 4, 2), D(2024, 3, 28), None, "下午", "14:30"),
    ("3月28日9时，会议召开", D(2024, 4, 2), D(2024, 3, 28), None, "上午", "09:00"),
    ("2月3日（星期五）上午，区政协到新泾镇调研", D(2023, 2, 6), D(2023, 2, 3), None, "上午", None),
    # relative days count from the publish date
    ("昨天上午，临江区举行开工仪式", D(2024, 9, 12), D(2024, 9, 11), None, "上午", None),
    # spaces inside a date (PDF or OCR text)
    ("2023年 2 月 3 日上午，区政协调研", None, D(2023, 2, 3), None, "上午", None),
])
def test_event_dates_in_running_text(text, reference, first, last, tod, clock):
    mention = first_event_date(text, reference)
    assert (mention.first, mention.last, mention.time_of_day, mention.clock) == (first, last, tod, clock)


def test_approximate_words_give_no_day():
    for text in ("日前，北塘镇召开述职评议会", "近日，区委常委到街道调研", "近期，白沙镇开展演练"):
        mention = first_event_date(text, D(2024, 5, 20))
        assert mention.approx and mention.first is None


def test_a_day_before_which_something_happens_is_not_approximate():
    # 3月1日前 = "before March 1st"; 5日前 = "five days ago": neither is 日前 ("recently")
    kinds = [m.kind for m in find_dates("3月1日前完成整改，5日前已上报", D(2024, 3, 5))]
    assert "approx" not in kinds


def test_a_yearless_date_without_a_reference_stays_unresolved():
    mention = first_event_date("6月18日下午，南湖街道召开推进会", None)
    assert mention.first is None and (mention.month, mention.day) == (6, 18)
    assert mention.time_of_day == "下午" and not mention.approx


def test_a_work_year_is_not_a_date():
    # 2024年 names the work year of the meeting; only 12月29日 dates the event
    mentions = find_dates("12月29日，召开2024年安全生产工作会议，部署2025年工作", D(2024, 1, 4))
    assert [m.first for m in mentions] == [D(2023, 12, 29)]


@pytest.mark.parametrize("text", [
    "自2024年3月1日起施行", "5月1日起正式对外开放", "确保6月30日前完成", "截至9月30日",
    "发布时间：2024年03月08日 浏览次数：12",
])
def test_deadlines_validity_and_page_furniture_are_not_event_dates(text):
    assert first_event_date(text, D(2024, 3, 8)) is None


@pytest.mark.parametrize("month, day, reference, expected", [
    (12, 29, D(2024, 1, 4), D(2023, 12, 29)),
    (1, 3, D(2024, 1, 3), D(2024, 1, 3)),  # the publish day itself is allowed
    (1, 4, D(2024, 1, 3), D(2023, 1, 4)),  # never after the publish date
    (2, 29, D(2023, 3, 1), D(2020, 2, 29)),  # the nearest leap year
])
def test_resolve_year_takes_the_nearest_date_not_after_the_reference(month, day, reference, expected):
    assert resolve_year(month, day, reference) == expected


def test_resolve_year_same_year_policy_is_available_for_comparison():
    assert resolve_year(9, 30, D(2008, 3, 13), policy="same-year") == D(2008, 9, 30)


@pytest.mark.parametrize("url, expected", [
    ("http://x.gov.cn/xjz/xwzx/2023-02/06/content_8812.html", D(2023, 2, 6)),
    ("http://x.gov.cn/qu/col6991/20230206/1226260.html", D(2023, 2, 6)),
    ("https://www.x.gov.cn/art/2023/2/6/art_1.html", None),  # no zero padding: not trusted
    ("https://www.x.gov.cn/news/t20230131_12345.html", D(2023, 1, 31)),
    ("https://www.x.gov.cn/news/12345.html", None),
    (None, None),
])
def test_publish_date_from_the_url(url, expected):
    assert date_from_url(url) == expected


def test_reference_prefers_the_publish_date_over_the_url():
    assert reference_date("2024-03-08T10:30", "http://x/2023-02/06/a.html") == D(2024, 3, 8)
    assert reference_date(None, "http://x/2023-02/06/a.html") == D(2023, 2, 6)


REF = datetime(2021, 6, 14, 1, 6, 40)


@pytest.mark.parametrize("text, expected", [
    ("2019-05-27 09:36:46", (D(2019, 5, 27), D(2019, 5, 27))),
    ("20240307", (D(2024, 3, 7), D(2024, 3, 7))),
    ("2015年8月12日", (D(2015, 8, 12), D(2015, 8, 12))),
    ("98年4月", (D(1998, 4, 1), D(1998, 4, 30))),
    ("零七年八月二十九号", (D(2007, 8, 29), D(2007, 8, 29))),
    ("2023年", (D(2023, 1, 1), D(2023, 12, 31))),
    ("2013年一季度末", (D(2013, 3, 1), D(2013, 3, 31))),
    ("2018年10月底", (D(2018, 10, 25), D(2018, 10, 31))),
    ("1993年上半年", (D(1993, 1, 1), D(1993, 6, 30))),
    ("2017年8月11日至8月22日", (D(2017, 8, 11), D(2017, 8, 22))),
    ("2017年8月至11月", (D(2017, 8, 1), D(2017, 11, 30))),
    ("从2018年12月九号到十五号", (D(2018, 12, 9), D(2018, 12, 15))),
    ("上个月15号", (D(2021, 5, 15), D(2021, 5, 15))),
    ("昨天9点20", (D(2021, 6, 13), D(2021, 6, 13))),
    ("3月5日", (D(2021, 3, 5), D(2021, 3, 5))),
    ("9月30日", (D(2020, 9, 30), D(2020, 9, 30))),  # not after the reference
    ("二〇一九年5月8日起", (D(2019, 5, 8), D(2021, 6, 14))),
    ("20天后", (D(2021, 7, 4), D(2021, 7, 4))),
    ("15:37", (D(2021, 6, 14), D(2021, 6, 14))),
    ("不是日期", None),
    ("9999年99月", None),
])
def test_whole_expressions(text, expected):
    assert parse_span(text, REF) == expected
