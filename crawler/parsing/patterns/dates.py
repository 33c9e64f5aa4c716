"""Shapes of dates in page text, in metas and in URLs."""
from __future__ import annotations

import re

_SEP = r"\s*[-/.年]\s*"

#: A calendar date with a 4-digit year, optionally followed by a clock time:
#: ``2023-02-06 10:30``, ``2019年06月15日08:18``, ``2024/05/13 06:03:00``, ``2012年12月10日``,
#: ``2019-10-23T09:10:42+08:00``, ``2023年2月6日 10时30分``, ``2023-02-15-16:20:31`` (the
#: ``firstpublishedtime`` meta of gov.cn-style UCAP pages).
DATETIME_RE = re.compile(
    r"(?<!\d)(?P<year>(?:19|20)\d{2})" + _SEP + r"(?P<month>\d{1,2})\s*[-/.月]\s*(?P<day>\d{1,2})(?!\d)\s*日?"
    r"(?:\s*(?:[Tt]|\s|,|，|-(?=\d{1,2}:))?\s*(?:(?P<ampm>上午|下午|晚上|早上|凌晨|中午)\s*)?"
    r"(?P<hour>\d{1,2})\s*[:：时点]\s*(?P<minute>\d{2})(?:\s*[:：分]\s*(?P<second>\d{2}))?(?:\s*秒)?"
    r"(?:\.\d+)?\s*(?P<tz>Z|[+-]\d{2}:?\d{2}|GMT|UTC)?)?")

#: ``格林尼治标准时间10:41`` / ``GMT 10:41`` printed after a date: the time is UTC.
GMT_TIME_RE = re.compile(r"(?:格林尼治标准时间|格林威治标准时间|GMT|UTC)\s*(?P<hour>\d{1,2})[:：](?P<minute>\d{2})")

#: Dates in URLs, most specific first. Groups: year, month, day.
URL_DATE_RES = (
    re.compile(r"/t((?:19|20)\d{2})(\d{2})(\d{2})_"),                      # TRS: /202405/t20240513_123.htm
    re.compile(r"/((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})/"),                 # /2019-10-23/
    re.compile(r"/((?:19|20)\d{2})-(\d{1,2})/(\d{1,2})/"),                 # /2019-12/10/
    re.compile(r"/((?:19|20)\d{2})/(\d{2})(\d{2})/"),                      # /2019/0615/
    re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})/"),                 # /2019/6/15/
    re.compile(r"[/_]((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_.]|\d{2,}\D)"),   # /20200102/ , /20240509xxxx
    re.compile(r"/((?:19|20)\d{2})(\d{2})/(\d{2})/"),                      # /202405/13/
)

#: Oldest and newest plausible years for a publish date.
MIN_YEAR = 1990
MAX_YEAR = 2100
