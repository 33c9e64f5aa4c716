"""Publish dates are normalised to Beijing time, in the contract's two shapes."""
from __future__ import annotations

import pytest

from crawler.parsing.dates import date_from_url, merge_time, parse_datetime


@pytest.mark.parametrize("text, expected", [
    ("发布时间：2023-02-06 10:30", "2023-02-06T10:30"),
    ("2019年06月15日08:18  来源：人民网", "2019-06-15T08:18"),
    ("2023年2月6日", "2023-02-06"),
    ("2024/05/13 06:03:00", "2024-05-13T06:03"),
    ("2023.02.06", "2023-02-06"),
    ("人民日报2024-05-13 08:49", "2024-05-13T08:49"),
    ("2023年2月6日 下午3时30分", "2023-02-06T15:30"),
    ("2019-10-23T09:10:42+08:00", "2019-10-23T09:10"),
    ("2012-12-10T10:41:47+00:00", "2012-12-10T18:41"),
    ("2023-02-06T20:00:00Z", "2023-02-07T04:00"),
    ("更新时间 2012年12月10日, 格林尼治标准时间10:41", "2012-12-10T18:41"),
    ("2023-02-15-16:20:31", "2023-02-15T16:20"),
    ("2023-02-15-16", "2023-02-15"),
    ("2023-02-30", None),
    ("共2023条", None),
    ("", None),
])
def test_parse_datetime(text, expected):
    assert parse_datetime(text) == expected


def test_invalid_clock_keeps_the_date():
    assert parse_datetime("2023-02-06 25:99") == "2023-02-06"


@pytest.mark.parametrize("url, expected", [
    ("http://www.shcn.gov.cn/art/2023/2/6/art_3881_1234.html", "2023-02-06"),
    ("https://news.youth.cn/gn/202405/t20240513_15249693.htm", "2024-05-13"),
    ("http://www.xinhuanet.com/world/2019-12/10/c_1125327450.htm", "2019-12-10"),
    ("http://culture.people.com.cn/n1/2019/0615/c1013-31153719.html", "2019-06-15"),
    ("https://news.sina.com.cn/c/2019-10-23/doc-iicezuev4202091.shtml", "2019-10-23"),
    ("http://www.banyuetan.org/jmcs/detail/20200102/1000200033136171577956287380194268_1.html", "2020-01-02"),
    ("http://xjz.example.gov.cn/col/col102/index.html", None),
    ("http://example.cn/a/20231399/x.html", None),
    (None, None),
])
def test_date_from_url(url, expected):
    assert date_from_url(url) == expected


def test_merge_time_only_for_the_same_day():
    assert merge_time("2024-05-09", "2024-05-09T22:27") == "2024-05-09T22:27"
    assert merge_time("2024-05-09", "2024-05-08T22:27") == "2024-05-09"
    assert merge_time("2024-05-09T08:00", "2024-05-09T22:27") == "2024-05-09T08:00"
    assert merge_time(None, "2024-05-09T22:27") is None
