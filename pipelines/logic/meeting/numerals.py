"""Chinese numerals as written in dates and times: 二〇二四, 十二, 二十六, 廿一, 三十一.

Two systems occur: digit by digit for years (二〇二四, 一九九八, 零七) and positional with 十
for months, days and hours (十二, 二十六, 廿一). Arabic digits pass through, so callers can
hand over whatever the text had (after ``fold``, full-width digits are ASCII already).
"""
from __future__ import annotations

#: One Chinese digit each. 〇 and 零 (and the letter O some CMSs type for it) are zero;
#: 两 is two (两点 = 2 o'clock).
DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
          "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
#: Tens written as one character: 廿 = 20, 卅 = 30.
TENS = {"廿": 20, "卅": 30}

#: Characters a numeral may contain (for building regexes elsewhere).
NUMERAL_CHARS = "".join(DIGITS) + "".join(TENS) + "十"


def to_int(text: str) -> int | None:
    """The value of an Arabic or Chinese numeral below 10 000, or None if it is not one.

    >>> [to_int(x) for x in ("12", "十二", "二十六", "廿一", "三十", "十", "二〇二四", "零七")]
    [12, 12, 26, 21, 30, 10, 2024, 7]
    """
    if not text:
        return None
    if text.isascii() and text.isdigit():
        return int(text)
    if all(ch in DIGITS for ch in text):  # digit by digit: 二〇二四, 九八
        value = 0
        for ch in text:
            value = value * 10 + DIGITS[ch]
        return value
    if text[0] in TENS:  # 廿一, 卅
        rest = text[1:]
        if not rest:
            return TENS[text[0]]
        return TENS[text[0]] + DIGITS[rest] if len(rest) == 1 and rest in DIGITS else None
    if "十" in text:  # 十, 十二, 二十, 二十六
        head, _, tail = text.partition("十")
        if len(head) > 1 or len(tail) > 1 or (head and head not in DIGITS) or (tail and tail not in DIGITS):
            return None
        return (DIGITS[head] if head else 1) * 10 + (DIGITS[tail] if tail else 0)
    return None
