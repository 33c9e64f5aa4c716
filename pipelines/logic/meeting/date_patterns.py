"""Regex tables for dates and times as Chinese news writes them (matched on folded text).

Kept apart from ``dates.py`` so the vocabulary can grow without touching the logic. All
patterns assume ``fold``-ed input: simplified characters, ASCII digits (punctuation as written).
"""
from __future__ import annotations

import re

# --- numerals ----------------------------------------------------------------------------
_CN_DIGIT = "〇○零一二三四五六七八九"
#: A year written digit by digit (2024, 二〇二四) -- four digits in running text.
YEAR4 = rf"(?:\d{{4}}|[{_CN_DIGIT}O]{{4}})"
#: A year of two digits (98年, 零七年, 24年): only in short expressions, never in prose.
YEAR2 = rf"(?:\d{{2}}|[{_CN_DIGIT}]{{2}})"
MONTH_NUM = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
DAY_NUM = r"(?:3[01]|[12]\d|0?[1-9]|三十一?|[二]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|[一二三四五六七八九])"
HOUR_NUM = r"(?:2[0-4]|[01]?\d|[二]?十[一二三四]?|[零一二两三四五六七八九])"
MINUTE_NUM = r"(?:[0-5]?\d|[一二三四五]?十[一二三四五六七八九]?|[零一二三四五六七八九])"

# --- parts of a date ---------------------------------------------------------------------
#: 2024年 / 二〇二四年 (a space may follow the number in OCR'd or PDF text).
YEAR = rf"(?P<year>{YEAR4})\s*年"
MONTH = rf"(?P<month>{MONTH_NUM})\s*月份?"
DAY = rf"(?P<day>{DAY_NUM})\s*[日号]"
#: A weekday in brackets after a date: 2月3日（星期五）, 3月5日(周二).
WEEKDAY = r"(?:[(（]\s*(?:星期|周|礼拜)[一二三四五六日天]\s*[)）])"

#: Separators of a range: 1月5日至6日, 12月30日—31日, 5日-7日, 9月1日~3日.
RANGE_SEP = r"\s?(?:至|到|—{1,2}|–|－|-|~|～|〜)\s?"
END_YEAR = rf"(?P<end_year>{YEAR4})\s?年"
END_MONTH = rf"(?P<end_month>{MONTH_NUM})\s?月"
END_DAY = rf"(?P<end_day>{DAY_NUM})\s?[日号]"

# --- time of day ---------------------------------------------------------------------------
#: Words for a part of the day, mapped to the three values the record uses. A bare 24-hour
#: clock time is mapped by ``tod_from_hour`` instead.
TIME_OF_DAY_WORDS = {
    "上午": "上午", "早上": "上午", "早晨": "上午", "清晨": "上午", "凌晨": "上午", "晨": "上午",
    "中午": "下午", "午后": "下午", "下午": "下午",
    "傍晚": "晚上", "晚上": "晚上", "晚间": "晚上", "夜间": "晚上", "夜里": "晚上", "晚": "晚上",
}
_TOD_ALT = "|".join(sorted(TIME_OF_DAY_WORDS, key=len, reverse=True))
TOD = rf"(?P<tod>{_TOD_ALT})"
#: 9时30分, 9点半, 14:30, 2时, 十时.
CLOCK = (rf"(?P<hour>{HOUR_NUM})\s?(?:[:：]\s?(?P<minute>[0-5]\d)|[时点](?:(?P<minute2>{MINUTE_NUM})分?|(?P<half>半))?)")

# --- whole mentions in running text ------------------------------------------------------
#: A day-precise date, optionally with year, range end, weekday, part of day and clock time.
DATE_MENTION_RE = re.compile(
    rf"(?<![\d{_CN_DIGIT}十])(?:{YEAR}\s*)?{MONTH}\s*{DAY}\s?{WEEKDAY}?"
    rf"(?:{RANGE_SEP}(?:(?:{END_YEAR}\s?)?{END_MONTH}\s?)?{END_DAY}{WEEKDAY}?)?"
    rf"(?:\s?{TOD})?(?:\s?{CLOCK})?"
)
#: A range of days in the month of the text around it: 5日-7日, 5日至7日.
DAY_RANGE_RE = re.compile(
    rf"(?<![\d{_CN_DIGIT}十月])(?P<day>{DAY_NUM})\s?[日号]{RANGE_SEP}{END_DAY}(?:\s?{TOD})?(?:\s?{CLOCK})?"
)

#: A day range needs two day words: a cheap test before running DAY_RANGE_RE.
RANGE_HINT_RE = re.compile(r"[日号]\s?(?:至|到|—|–|－|-|~|～|〜)")

#: Relative day words, with the offset in days from the publish date.
RELATIVE_DAYS = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "前天": -2, "明天": 1, "明日": 1}
RELATIVE_MENTION_RE = re.compile(
    rf"(?P<rel>{'|'.join(RELATIVE_DAYS)})(?:\s?{TOD})?(?:\s?{CLOCK})?"
)

#: Words that place an event in the recent past without a date. Not after a number
#: (3月1日前 is "before March 1st", 5日前 "five days ago").
APPROX_WORDS = ("日前", "近日", "近期", "前不久", "不久前", "近来", "前些天", "前几天", "最近", "日前夕")
APPROX_MENTION_RE = re.compile(
    rf"(?<![\d{_CN_DIGIT}十廿号])(?:{'|'.join(sorted(APPROX_WORDS, key=len, reverse=True))})"
)

#: What right after a date makes it a deadline, a start of validity or a period, not an event:
#: 自3月1日起施行, 5月1日前完成, 截至6月底, 1月5日以来.
NOT_EVENT_AFTER_RE = re.compile(r"\s?(?:起|以来|以前|之前|前|后|之后|截止|止|开始|期间|为止)")
#: A news agency's dateline (新华社乌鲁木齐5月9日电): the day of the dispatch, not of the event.
DATELINE_AFTER_RE = re.compile(r"\s?电")
NOT_EVENT_BEFORE_RE = re.compile(r"(?:自|从|截至|截止|于|将于|定于|拟于|计划于|预计)\s?$")
#: Lines that carry page furniture rather than prose (publish line, counters, breadcrumbs).
INFO_LINE_RE = re.compile(r"发布|来源|作者|浏览|点击|阅读|字号|责任编辑|编辑|星期[一二三四五六日天]|打印|分享")

# --- URLs ---------------------------------------------------------------------------------
#: Dates in article URLs: /2023-02/06/, /20230206/, t20230206_123.html, /2023/02/06/.
URL_DATE_RE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})[-_/]?(?P<m>0[1-9]|1[0-2])[-_/]?(?P<d>0[1-9]|[12]\d|3[01])(?!\d)")

# --- whole expressions (``dates.parse_span``) ------------------------------------------------
_Y = rf"(?:(?P<y>\d{{4}}|\d{{2}}|[{_CN_DIGIT}O]{{2,4}})\s?年|(?P<ry>大前年|大后年|前年|后年|去年|今年|明年|次年|上一年|下一年|这一年|本年|当年|上年|同年))"
_M = (rf"(?:(?P<m>{MONTH_NUM})\s?月份?|(?P<rm>上一个月|下一个月|上个月|下个月|这个月|本月|这月|当月|同月|上月|下月)"
      rf"|(?P<mfirst>首月)|第(?P<mth>{MONTH_NUM})个月)")
_D = (rf"(?:(?P<d>{DAY_NUM})\s?(?P<dsfx>[日号])?|(?P<rd>大大后天|大前天|大后天|前天|后天|昨天|昨日|今天|今日|本日|当日|当天|明天|明日|"
      rf"次日|今晚|昨晚|明晚|当晚|今早|昨夜|现在|此时|目前))")
_Q = (rf"(?:第?(?P<q>[一二三四1-4])\s?季度|Q(?P<qq>[1-4])(?:季度)?|(?P<qf>首)季度|(?P<rq>上个季度|上季度|本季度|这季度|下季度|下个季度)"
      rf"|前(?P<qn>[一二三两1-4])个?季度)")
_FIRST_MONTHS = rf"(?:前(?P<mn>{MONTH_NUM}|两)个?月|后(?P<ml>{MONTH_NUM}|两)个?月)"
_SFX = r"(?P<sfx>上旬|中旬|下旬|月初|月底|月末|年初|年底|年末|伊始|上半年|下半年|初|底|末)"
_TIME = (rf"(?:{TOD}|白天|午夜|半夜|黎明|后半夜)?\s?(?:(?P<hour>{HOUR_NUM})\s?(?:[:：]\s?(?P<minute>[0-5]\d)(?:[:：][0-5]\d)?"
         rf"(?:[时点])?|[时点](?:(?P<minute2>零?{MINUTE_NUM})分?|(?P<half>半)|[一二三123]刻)?(?:钟)?(?:\d{{1,2}}分)?(?:\d{{1,2}}秒)?)?)?")
#: A time with no date at all (15:37, 晚上8点, 十一点半, 午后).
SPAN_TIME_ONLY_RE = re.compile(rf"(?=.){_TIME}|\d{{1,2}}[:：]\d{{2}}(?:[:：]\d{{2}})?|白天|午夜|半夜|黎明|后半夜|全天|现在")
#: A date (absolute, relative or mixed) with an optional part of day or clock time.
SPAN_POINT_RE = re.compile(
    rf"(?:{_Y})?(?:{_Q}|{_FIRST_MONTHS}|(?:{_M})?(?:{_D})?)(?:{_SFX})?\s?(?:[(（]?(?:星期|周)[一二三四五六日天][)）]?)?\s?{_TIME}"
)
#: Numeric dates: 2019-05-27 09:36:46, 2019/04/19, 2019.9.6, 1994.01-19, 20240307, 2022 11 23.
SPAN_NUMERIC_RE = re.compile(
    r"(?P<y>\d{4})(?:(?P<sep>[-/. ])(?P<m>\d{1,2})(?:[-/. ](?P<d>\d{1,2}))?|(?P<m8>\d{2})(?P<d8>\d{2}))"
    r"(?:[ T-]?\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
)
SPAN_MONTH_DAY_RE = re.compile(r"(?P<m>\d{1,2})(?:-|/|·|\.)(?P<d>\d{1,2})(?:号)?(?:\s?\d{1,2}[:：]\d{2})?(?:号?早上|号?晚上|号?上午|号?下午)?")
#: Separators between the two ends of a range, strongest first.
SPAN_SEPARATORS = ("至", "到", "——", "—", "–", "－", "~", "～", "〜", "-", "，")
#: Words that leave the day alone (左右, 前后, 许) or open a range to the reference (起, 至今).
SPAN_FILLERS_RE = re.compile(r"(?:左右|前后|许|多钟?|整|钟|以内|以来)$")
SPAN_FROM_RE = re.compile(r"^(?:从|自|由)")
SPAN_TO_NOW_RE = re.compile(r"(?:起至今|至今|起|开始|以来)$")
SPAN_BEFORE_RE = re.compile(r"(?:之前|以前|前)$")
SPAN_UNTIL_RE = re.compile(r"止$")
#: Offsets: 20天后, 3年前, 60日内, 6个小时前.
SPAN_OFFSET_RE = re.compile(
    rf"(?P<n>\d{{1,3}}|[一二三四五六七八九十两半]{{1,3}})个?(?P<unit>年|天|日|个?月|周|星期|小时|钟头|分钟|分|秒钟?)(?P<dir>后|之后|前|之前|内|以内)")
