"""Dates and times in Chinese news text, resolved against the publish date.

Usable on its own (no other part of the meeting extractor is needed)::

    >>> from datetime import date
    >>> [m.first for m in find_dates("12月29日下午，北塘镇召开会议", date(2024, 1, 4))]
    [datetime.date(2023, 12, 29)]

The rules are those of news reporting, where the text is written shortly after the event:

* A date without a year takes the year that puts it closest to, and not after, the reference
  (the publish date): 12月29日 in an article published 2024-01-04 is 2023-12-29.
* Only a day-precise date (月 + 日) is a date mention. A bare year (2024年安全生产工作会议,
  2023年度民主生活会) names a work year, never the event's date.
* Ranges (1月5日至6日, 12月30日—31日, 5日-7日) give a first and a last day; the end inherits
  the year and month it does not write, and rolls over when it is smaller (12月30日至1月2日).
* 昨天/今天/前天 count from the reference; 日前/近日/近期 are approximate: no day at all.
* A time of day (上午, 下午2:30, 14时30分) right after a date belongs to it; a bare 24-hour
  clock time maps to 上午 (before 12:00), 下午 (12:00-18:00) or 晚上.

Without a reference (no publish date, no date in the URL) a yearless date stays unresolved:
``first`` is None, and the month and day are still reported.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from pipelines.logic.meeting import date_patterns as P
from pipelines.logic.meeting.fold import fold
from pipelines.logic.meeting.numerals import to_int


@dataclass(frozen=True)
class DateMention:
    """One date expression found in a text. ``start``/``end`` are offsets in that text."""

    start: int
    end: int
    kind: str  # "date" (written day), "relative" (昨天...), "approx" (日前, 近日...)
    first: date | None = None  # the (first) day, None when unresolvable or approximate
    last: date | None = None  # last day of a range, else None
    month: int | None = None  # as written (also when the year could not be resolved)
    day: int | None = None
    year_written: bool = False
    time_of_day: str | None = None  # 上午 / 下午 / 晚上
    clock: str | None = None  # "HH:MM" (24-hour) when a clock time is written

    @property
    def approx(self) -> bool:
        return self.kind == "approx"


# --- resolving ---------------------------------------------------------------------------

def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def resolve_year(month: int, day: int, reference: date | None, *, policy: str = "past") -> date | None:
    """The date of ``month``/``day`` nearest to ``reference`` and not after it.

    ``policy="same-year"`` takes the reference's year instead (how date parsers such as
    JioNLP read a bare 月日; offered for comparison, not used on news).
    """
    if reference is None:
        return None
    if policy == "same-year":
        return safe_date(reference.year, month, day)
    for year in range(reference.year, reference.year - 8, -1):  # 2月29日 may need a leap year
        candidate = safe_date(year, month, day)
        if candidate is not None and candidate <= reference:
            return candidate
    return None


def range_end(first: date, end_year: int | None, end_month: int | None, end_day: int) -> date | None:
    """The last day of a range starting ``first``, filling in what the end does not write."""
    if end_year is not None:
        return safe_date(end_year, end_month or first.month, end_day)
    if end_month is not None:
        year = first.year + (1 if end_month < first.month else 0)
        return safe_date(year, end_month, end_day)
    if end_day >= first.day:
        return safe_date(first.year, first.month, end_day)
    nxt = (first.replace(day=1) + timedelta(days=32)).replace(day=1)
    return safe_date(nxt.year, nxt.month, end_day)


def tod_from_hour(hour: int) -> str:
    """上午 before 12:00, 下午 from 12:00 to 18:00, 晚上 after."""
    if hour < 12:
        return "上午"
    return "下午" if hour <= 18 else "晚上"


def _clock(match: re.Match, tod: str | None) -> tuple[str | None, str | None]:
    """(time_of_day, "HH:MM") from a match of ``TOD``/``CLOCK`` groups."""
    hour = to_int(match.group("hour")) if match.group("hour") else None
    if hour is None or hour > 24:
        return tod, None
    minute_text = match.group("minute") or match.group("minute2")
    minute = 30 if match.group("half") else (to_int(minute_text) if minute_text else 0)
    if minute is None or minute > 59:
        minute = 0
    if tod in ("下午", "晚上") and hour < 12:
        hour += 12
    if tod is None:
        tod = tod_from_hour(hour)
    return tod, f"{hour % 24:02d}:{minute:02d}"


def _tod(match: re.Match) -> tuple[str | None, str | None]:
    word = match.group("tod")
    tod = P.TIME_OF_DAY_WORDS.get(word) if word else None
    return _clock(match, tod)


# --- finding mentions in running text ----------------------------------------------------

#: How far before its 月 a date may start (二〇二四年 + spaces) and after it end (日 + time).
_BEFORE_MONTH, _AFTER_MONTH = 14, 48


def _month_day_matches(folded: str) -> list[re.Match]:
    """``DATE_MENTION_RE`` matches, tried only around each 月: the regex is costly to start at
    every character, and every day-precise date has a 月."""
    found: list[re.Match] = []
    end = 0
    at = folded.find("月")
    while at >= 0:
        if at >= end:
            m = P.DATE_MENTION_RE.search(folded, max(end, at - _BEFORE_MONTH), at + _AFTER_MONTH)
            if m is not None and m.start() <= at < m.end():
                found.append(m)
                end = m.end()
        at = folded.find("月", at + 1)
    return found


def find_dates(text: str, reference: date | None, *, folded: str | None = None) -> list[DateMention]:
    """Every date mention of ``text`` in reading order (see the module docstring)."""
    folded = fold(text) if folded is None else folded
    mentions: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    for m in _month_day_matches(folded):
        month, day = to_int(m.group("month")), to_int(m.group("day"))
        if not month or not day or month > 12 or day > 31:
            continue
        year = to_int(m.group("year")) if m.group("year") else None
        first = safe_date(year, month, day) if year else resolve_year(month, day, reference)
        last = None
        if first is not None and m.group("end_day"):
            end_day = to_int(m.group("end_day"))
            end_month = to_int(m.group("end_month")) if m.group("end_month") else None
            end_year = to_int(m.group("end_year")) if m.group("end_year") else None
            if end_day:
                last = range_end(first, end_year, end_month, end_day)
                if last is not None and last <= first:
                    last = None
        tod, clock = _tod(m)
        mentions.append(DateMention(m.start(), m.end(), "date", first, last, month, day,
                                    year is not None, tod, clock))
        taken.append((m.start(), m.end()))

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    for m in (P.DAY_RANGE_RE.finditer(folded) if P.RANGE_HINT_RE.search(folded) else ()):
        if not free(m.start(), m.end()):
            continue
        before = [x for x in mentions if x.end <= m.start() and x.month]
        month = before[-1].month if before else (reference.month if reference else None)
        day, end_day = to_int(m.group("day")), to_int(m.group("end_day"))
        if not month or not day or not end_day:
            continue
        first = resolve_year(month, day, reference)
        last = range_end(first, None, None, end_day) if first else None
        tod, clock = _tod(m)
        mentions.append(DateMention(m.start(), m.end(), "date", first, last if last and first and last > first else None,
                                    month, day, False, tod, clock))
        taken.append((m.start(), m.end()))

    for m in P.RELATIVE_MENTION_RE.finditer(folded):
        if not free(m.start(), m.end()):
            continue
        offset = P.RELATIVE_DAYS[m.group("rel")]
        first = reference + timedelta(days=offset) if reference else None
        tod, clock = _tod(m)
        mentions.append(DateMention(m.start(), m.end(), "relative", first, None,
                                    first.month if first else None, first.day if first else None,
                                    False, tod, clock))
        taken.append((m.start(), m.end()))

    for m in P.APPROX_MENTION_RE.finditer(folded):
        if free(m.start(), m.end()):
            mentions.append(DateMention(m.start(), m.end(), "approx"))

    mentions.sort(key=lambda x: x.start)
    return mentions


def is_event_date(folded: str, mention: DateMention) -> bool:
    """False for a date that is a deadline, a start of validity, a dateline or page furniture.

    自2024年3月1日起施行, 5月1日前完成, 截至6月底 name periods, not events; a date on a
    line with 发布/来源/浏览/星期 is the page's own date line, not the report's.
    """
    if mention.kind == "approx":
        return True
    after = folded[mention.end:mention.end + 4]
    if mention.time_of_day is None and P.NOT_EVENT_AFTER_RE.match(after):
        return False
    if P.DATELINE_AFTER_RE.match(after):
        return False
    if P.NOT_EVENT_BEFORE_RE.search(folded[max(0, mention.start - 4):mention.start]):
        return False
    line_start = folded.rfind("\n", 0, mention.start) + 1
    line_end = folded.find("\n", mention.end)
    line = folded[line_start:line_end if line_end >= 0 else len(folded)]
    if P.INFO_LINE_RE.search(line) and "，" not in line:
        return False
    return True


# --- reference dates ---------------------------------------------------------------------

def parse_published(published: str | None) -> date | None:
    """The date part of a record's ``published`` (``YYYY-MM-DD[THH:MM]``), or None."""
    from storage.rows import published_date  # one reading of the record's date, shared

    return published_date(published)


def date_from_url(url: str | None) -> date | None:
    """A publish date written in an article URL (/2023-02/06/, /20230206/, t20230206_1.html)."""
    if not url:
        return None
    path = url.split("://", 1)[-1].partition("/")[2]
    for m in P.URL_DATE_RE.finditer(path):
        found = safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if found is not None:
            return found
    return None


def reference_date(published: str | None, url: str | None) -> date | None:
    """What yearless dates are resolved against: the publish date, else the URL's date."""
    return parse_published(published) or date_from_url(url)


# --- whole expressions (what a user types, or a test set such as JioNLP's) -----------------------

_REL_YEAR = {"大前年": -3, "前年": -2, "去年": -1, "上年": -1, "上一年": -1, "今年": 0, "本年": 0, "当年": 0,
             "这一年": 0, "同年": 0, "明年": 1, "次年": 1, "下一年": 1, "后年": 2, "大后年": 3}
_REL_MONTH = {"上月": -1, "上个月": -1, "上一个月": -1, "本月": 0, "这个月": 0, "这月": 0, "当月": 0, "同月": 0,
              "下月": 1, "下个月": 1, "下一个月": 1}
_REL_DAY = {"大前天": -3, "前天": -2, "昨天": -1, "昨日": -1, "昨晚": -1, "昨夜": -1, "今天": 0, "今日": 0,
            "本日": 0, "当日": 0, "当天": 0, "今晚": 0, "当晚": 0, "今早": 0, "现在": 0, "此时": 0, "目前": 0,
            "明天": 1, "明日": 1, "明晚": 1, "次日": 1, "后天": 2, "大后天": 3, "大大后天": 4}
_REL_QUARTER = {"上季度": -1, "上个季度": -1, "本季度": 0, "这季度": 0, "下季度": 1, "下个季度": 1}

Span = tuple[date, date]


def _month_end(year: int, month: int) -> date:
    return (date(year, month, 28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _two_digit_year(value: int, reference: date) -> int:
    """98年 -> 1998, 15年 -> 2015: the century that puts the year within ten years ahead."""
    return 2000 + value if 2000 + value <= reference.year + 10 else 1900 + value


def _point(text: str, reference: date, policy: str, context: dict | None = None) -> tuple[Span, dict] | None:
    """One date expression (no range) -> its span of days and the fields it wrote."""
    context = context or {}
    m = P.SPAN_NUMERIC_RE.fullmatch(text)
    if m:
        year = int(m.group("y"))
        month = int(m.group("m") or m.group("m8") or 0)
        day = int(m.group("d") or m.group("d8") or 0)
        if m.group("m") is None and m.group("m8") is None:
            return None
        if not day:
            first = safe_date(year, month, 1)
            return ((first, _month_end(year, month)), {"year": year, "month": month}) if first else None
        found = safe_date(year, month, day)
        return ((found, found), {"year": year, "month": month, "day": day}) if found else None
    m = P.SPAN_MONTH_DAY_RE.fullmatch(text)
    if m:
        month, day = int(m.group("m")), int(m.group("d"))
        found = resolve_year(month, day, reference, policy=policy) if "year" not in context \
            else safe_date(context["year"], month, day)
        return ((found, found), {"year": found.year, "month": month, "day": day}) if found else None
    if re.fullmatch(r"\d{4}", text):
        year = int(text)
        return (date(year, 1, 1), date(year, 12, 31)), {"year": year}
    if P.SPAN_TIME_ONLY_RE.fullmatch(text):
        day = context.get("date", reference)
        return (day, day), {"date": day, "time_only": True}
    m = P.SPAN_POINT_RE.fullmatch(text)
    if m is None or not text:
        return None
    g = m.groupdict()
    if g["d"] and not g["dsfx"] and not (g["m"] or g["rm"] or g["mth"]):
        return None  # a bare number is a day only after its month (1月3)
    fields: dict = {}
    # the day, when it is written relative to the reference
    if g["rd"]:
        base = context.get("date") if g["rd"] == "次日" and context.get("date") else reference
        day = base + timedelta(days=_REL_DAY[g["rd"]] if g["rd"] != "次日" or not context.get("date") else 1)
        return (day, day), {"year": day.year, "month": day.month, "day": day.day, "date": day}
    # the year
    year = None
    if g["y"]:
        value = to_int(g["y"])
        if value is None:
            return None
        year = _two_digit_year(value, reference) if len(g["y"]) == 2 else value
    elif g["ry"]:
        year = reference.year + _REL_YEAR[g["ry"]]
    elif "year" in context:
        year = context["year"]
    # the month
    month = None
    if g["m"]:
        month = to_int(g["m"])
    elif g["mth"]:
        month = to_int(g["mth"])
    elif g["mfirst"]:
        month = 1
    elif g["rm"]:
        year, month = _add_months(reference.year, reference.month, _REL_MONTH[g["rm"]])
    elif g["d"] and "month" in context:
        month = context["month"]
    elif g["d"] and year is None and not g["y"]:
        month = reference.month
        year = reference.year
    day = to_int(g["d"]) if g["d"] else None
    if month is not None and not 1 <= month <= 12:
        return None
    if year is None and month is not None:
        if day is not None:
            found = resolve_year(month, day, reference, policy=policy)
            year = found.year if found else reference.year
        else:
            year = reference.year if policy == "same-year" or month <= reference.month else reference.year - 1
    if year is None:
        if not (g["q"] or g["qq"] or g["qf"] or g["rq"] or g["qn"] or g["mn"] or g["ml"] or g["sfx"]):
            if g["tod"] or g["hour"] or text in ("白天", "午夜", "半夜", "黎明", "后半夜", "全天"):
                return (reference, reference), {"date": reference}
            return None
        year = reference.year
    fields.update(year=year)
    sfx = g["sfx"]
    # quarters and "first N months"
    quarter = to_int(g["q"]) if g["q"] else (int(g["qq"]) if g["qq"] else (1 if g["qf"] else None))
    if g["rq"]:
        q_index = (reference.month - 1) // 3 + _REL_QUARTER[g["rq"]]
        year, quarter = reference.year + q_index // 4, q_index % 4 + 1
    if quarter:
        first_month = 3 * quarter - 2
        if sfx in ("末", "底"):
            return (date(year, first_month + 2, 1), _month_end(year, first_month + 2)), fields
        if sfx == "初":
            return (date(year, first_month, 1), _month_end(year, first_month)), fields
        return (date(year, first_month, 1), _month_end(year, first_month + 2)), fields
    if g["qn"]:
        return (date(year, 1, 1), _month_end(year, 3 * to_int(g["qn"]))), fields
    if g["mn"]:
        return (date(year, 1, 1), _month_end(year, to_int(g["mn"]))), fields
    if g["ml"]:
        return (date(year, 13 - to_int(g["ml"]), 1), date(year, 12, 31)), fields
    if month is None:
        if sfx in ("上半年",):
            return (date(year, 1, 1), date(year, 6, 30)), fields
        if sfx in ("下半年",):
            return (date(year, 7, 1), date(year, 12, 31)), fields
        if sfx in ("初", "年初"):
            return (date(year, 1, 1), _month_end(year, 2)), fields
        if sfx in ("底", "末", "年底", "年末"):
            return (date(year, 11, 1), date(year, 12, 31)), fields
        if sfx == "伊始":
            return (date(year, 1, 1), date(year, 1, 31)), fields
        if sfx:
            return None
        return (date(year, 1, 1), date(year, 12, 31)), fields
    fields.update(month=month)
    if day is None:
        last = _month_end(year, month).day
        bounds = {"上旬": (1, 10), "中旬": (11, 20), "下旬": (21, last), "初": (1, 5), "月初": (1, 5),
                  "底": (25, last), "末": (25, last), "月底": (25, last), "月末": (25, last)}.get(sfx, (1, last))
        return (date(year, month, bounds[0]), date(year, month, bounds[1])), fields
    found = safe_date(year, month, day)
    if found is None:
        return None
    fields.update(day=day, date=found)
    return (found, found), fields


def _offset(text: str, reference: date | datetime) -> Span | None:
    m = P.SPAN_OFFSET_RE.fullmatch(text)
    if m is None:
        return None
    n = 0.5 if m.group("n") == "半" else to_int(m.group("n"))
    if n is None:
        return None
    sign = -1 if "前" in m.group("dir") else 1
    unit, within = m.group("unit"), "内" in m.group("dir")
    base = reference.date() if isinstance(reference, datetime) else reference
    if unit == "年" and n == int(n):
        year = base.year + sign * int(n)
        return (base, date(year, 12, 31)) if within else (date(year, 1, 1), date(year, 12, 31))
    if unit in ("天", "日") and n == int(n):
        day = base + timedelta(days=sign * int(n))
        return (base, day) if within else (day, day)
    if unit in ("小时", "钟头", "分钟", "分", "秒", "秒钟") and isinstance(reference, datetime):
        seconds = {"小时": 3600, "钟头": 3600, "分钟": 60, "分": 60}.get(unit, 1) * n * sign
        moved = (reference + timedelta(seconds=seconds)).date()
        return (base, moved) if within else (min(moved, base) if sign < 0 else moved, moved)
    return None


def parse_span(text: str, reference: date | datetime, *, policy: str = "past") -> Span | None:
    """The days a date expression covers, ``(first, last)``, or None if it is not understood.

    For a whole expression (a search filter, a test case), not running text: 2019-05-27,
    2024年3月5日, 3月5日 (year by ``policy``, see ``resolve_year``), 98年4月, 一季度, 2017年8月至11月,
    1月5日至6日, 昨天, 上个月15号, 2018年10月底, 20天后, 二〇一九年5月8日起 (until the reference).
    Times of day are read and dropped: the result is in days.
    """
    try:
        return _parse_span(text, reference, policy)
    except (ValueError, OverflowError):  # a year or day out of range: not a date we can give
        return None


def _parse_span(text: str, reference: date | datetime, policy: str) -> Span | None:
    now = reference
    reference = reference.date() if isinstance(reference, datetime) else reference
    text = re.sub(r"\s+", " ", fold(text)).strip()
    text = P.SPAN_FROM_RE.sub("", text)
    offset = _offset(text, now)
    if offset:
        return offset
    while True:
        stripped = P.SPAN_FILLERS_RE.sub("", text)
        if stripped == text:
            break
        text = stripped
    text = P.SPAN_UNTIL_RE.sub("", text)
    to_now = P.SPAN_TO_NOW_RE.search(text)
    if to_now and to_now.start() > 0:
        head = _parse_span(text[:to_now.start()], now, policy)
        return (head[0], reference) if head else None
    point = _point(text, reference, policy)
    if point:
        return point[0]
    before = P.SPAN_BEFORE_RE.search(text)
    if before and before.start() > 0:
        head = _point(text[:before.start()], reference, policy)
        if head and head[0][1] >= reference:
            return reference, head[0][1]
    for separator in P.SPAN_SEPARATORS:
        at = text.find(separator)
        while at > 0:
            left, right = text[:at].strip(), text[at + len(separator):].strip()
            left = re.sub(r"起$", "", left)
            right_is_time = bool(P.SPAN_TIME_ONLY_RE.fullmatch(right))
            for suffix in (("点", "") if right_is_time else ("", "月", "日", "年")):
                first = _point(left + suffix, reference, policy) if right else None
                if first is None:
                    continue
                if separator == "，":
                    right = right.split("，")[-1]
                second = _point(right, reference, policy, first[1]) or \
                    _point(P.SPAN_BEFORE_RE.sub("", right), reference, policy, first[1])
                if second is not None and second[0][1] >= first[0][0]:
                    return first[0][0], second[0][1]
            at = text.find(separator, at + 1)
    return None
