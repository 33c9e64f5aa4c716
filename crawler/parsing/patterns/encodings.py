"""Charset labels and plausibility hints used by :mod:`crawler.parsing.encoding`.

Kept apart from the decoding logic so that a new alias seen in the wild is a one-line change.
"""
from __future__ import annotations

import re

#: Labels of the GB2312 family. GB18030 is a superset of all of them, so every one of these
#: decodes as GB18030: a page labelled gb2312 that uses a GBK-only character (common on
#: government sites: 镕, 堃, 喆 ...) then still decodes without loss.
GB_FAMILY = frozenset({
    "gb2312", "gb_2312", "gb_2312-80", "gb2312-80", "gbk", "x-gbk", "gb18030", "cp936",
    "ms936", "windows-936", "csgb2312", "csgbk", "chinese", "csiso58gb231280", "iso-ir-58",
    "euc-cn", "euccn", "x-euc-cn", "hz-gb-2312", "gb", "936",
})

#: Single-byte Western labels. Any byte string decodes with them, so they are only believed
#: when the bytes are not plausibly a Chinese multi-byte encoding (servers often send
#: ``ISO-8859-1`` by default for GBK pages).
SINGLE_BYTE_WESTERN = frozenset({
    "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819", "ibm819",
    "windows-1252", "cp1252", "x-cp1252", "us-ascii", "ascii", "ansi_x3.4-1968",
})

#: Labels that mean UTF-8.
UTF8_LABELS = frozenset({"utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8"})

#: Byte-order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark).
BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

#: ``<meta charset=...>`` and ``<meta http-equiv=Content-Type content="...; charset=...">``.
META_CHARSET_RE = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)

#: ``charset=`` parameter of a Content-Type header.
HEADER_CHARSET_RE = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)

#: How many leading bytes are searched for a meta charset (the HTML spec says 1024; real
#: pages put long comments and scripts first, so look further).
META_SCAN_BYTES = 16384

#: Very frequent Chinese characters. A decoding whose CJK text contains none of them is
#: not believed to be Chinese (mojibake in the wrong CJK codec is mostly rare characters).
COMMON_HANZI = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能"
    "下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量"
    "都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各"
    "重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代"
    "想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接"
    "知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研镇街道会议委"
)

#: Share of CJK characters (among non-ASCII letters) below which a "Chinese" decoding is
#: suspicious; and share of common characters among CJK ones needed to call it Chinese.
MIN_COMMON_HANZI_SHARE = 0.08
