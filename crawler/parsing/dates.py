"""Find and normalise publish dates.

Output is ``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM`` in Beijing time (the contract's form).
A time with an explicit zone (``+00:00``, ``Z``, ``GMT``, ``格林尼治标准时间``) is converted to
UTC+8; a time without one is taken as printed, since these sites print Beijing time.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from crawler.parsing.patterns.dates import DATETIME_RE, GMT_TIME_RE, MAX_YEAR, MIN_YEAR, URL_DATE_RES

BEIJING = timezone(timedelta(hours=8))


def _valid_date(year: int, month: int, day: int) -> bool:
    if not (MIN_YEAR <= year <= MAX_YEAR):
        return False
    try:
        datetime(year, month, day)
    except ValueError:
        return False
    return True


def _format(moment: datetime, with_time: bool) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M") if with_time else moment.strftime("%Y-%m-%d")


def _from_match(match: re.Match[str], text: str) -> str | None:
    year, month, day = int(match["year"]), int(match["month"]), int(match["day"])
    if not _valid_date(year, month, day):
        return None
    hour, minute = match["hour"], match["minute"]
    zone = match["tz"]
    if hour is None:
        # ``2012年12月10日, 格林尼治标准时间10:41``: the time comes after a label, in UTC.
        gmt = GMT_TIME_RE.match(text, match.end()) or GMT_TIME_RE.match(text[match.end():].lstrip(" ,，"))
        if gmt:
            hour, minute, zone = gmt["hour"], gmt["minute"], "GMT"
    if hour is None:
        return _format(datetime(year, month, day), False)
    h, m = int(hour), int(minute)
    if match["ampm"] in ("下午", "晚上") and h < 12:
        h += 12
    if not (0 <= h <= 23 and 0 <= m <= 59):
        return _format(datetime(year, month, day), False)
    moment = datetime(year, month, day, h, m)
    if zone:
        if zone in ("Z", "GMT", "UTC"):
            offset = timedelta(0)
        else:
            digits = zone.replace(":", "")
            sign = -1 if digits[0] == "-" else 1
            offset = sign * timedelta(hours=int(digits[1:3]), minutes=int(digits[3:5]))
        moment = (moment.replace(tzinfo=timezone(offset)).astimezone(BEIJING)).replace(tzinfo=None)
    return _format(moment, True)


def parse_datetime(text: str | None) -> str | None:
    """The first valid date (with its time, if printed) in ``text``, normalised; else None."""
    if not text:
        return None
    for match in DATETIME_RE.finditer(text):
        value = _from_match(match, text)
        if value:
            return value
    return None


def find_datetimes(text: str | None) -> list[tuple[int, str]]:
    """Every valid date in ``text`` as ``(position, normalised value)``."""
    found: list[tuple[int, str]] = []
    for match in DATETIME_RE.finditer(text or ""):
        value = _from_match(match, text)
        if value:
            found.append((match.start(), value))
    return found


def date_from_url(url: str | None) -> str | None:
    """A publish date encoded in a URL path (``/2019-12/10/``, ``/t20240513_``...), else None."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.IGNORECASE)
    for pattern in URL_DATE_RES:
        match = pattern.search(path)
        if match:
            year, month, day = (int(group) for group in match.groups())
            if _valid_date(year, month, day):
                return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def merge_time(primary: str | None, other: str | None) -> str | None:
    """Add ``other``'s clock time to a date-only ``primary`` when both name the same day."""
    if primary and other and len(primary) == 10 and len(other) > 10 and other[:10] == primary:
        return other
    return primary


def same_day(left: str | None, right: str | None) -> bool:
    return bool(left and right and left[:10] == right[:10])
