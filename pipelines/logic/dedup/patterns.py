"""Tables for repost detection, kept apart from the code that uses them.

Every figure here was chosen with ``benchmarks/dedup.py`` (precision/recall on reposts and
hard negatives built from the development texts); NOTES.md has the measured table. Changing
SHINGLE, NUM_PERM, BANDS or ROWS changes every stored band key: the archive's story index
must then be rebuilt (old keys simply stop matching; nothing is corrupted): a migration that
empties it, then ``jiezhen db reindex``.
"""
from __future__ import annotations

import re

#: Characters per shingle. 3 keeps unrelated government texts (which share many 2-character
#: words: 会议, 工作, 推进) apart while one edited word only disturbs 3 shingles.
SHINGLE = 3
#: MinHash permutations, split into BANDS bands of ROWS rows for LSH. The archive makes a pair
#: a candidate when it shares at least ``storage.stories.MIN_SHARED_KEYS`` (2) band keys: with
#: 32 bands of 4 rows, probability 0.60 at Jaccard 0.5, 0.93 at 0.6, 0.998 at 0.7. Session 4
#: measured 16 bands of 4 rows (half the keys, so half the index's write cost): every built
#: repost was still found, but a repost rewritten down to Jaccard 0.6 would be a candidate with
#: probability 0.63 instead of 0.93, and changing the scheme empties every archive's index
#: until ``db reindex``: the rate target was met without it (NOTES.md, "Reposts and versions").
#: 16 bands of 8 rows lost 5% of the built reposts (the 80% excerpts). Changing these changes
#: every stored key.
NUM_PERM = 128
BANDS = 32
ROWS = 4
#: datasketch's permutation seed: fixed, so every process computes the same signatures.
SEED = 1

#: Verification thresholds on the shingle sets of the two texts (measured; see NOTES.md):
#: a repost shares at least JACCARD of the union, or CONTAINMENT of the smaller text (an
#: excerpt republished) when the smaller one is at least MIN_CONTAINED_RATIO of the larger.
JACCARD = 0.5
CONTAINMENT = 0.8
MIN_CONTAINED_RATIO = 0.5
#: Texts shorter than this (normalised characters) are not fingerprinted: too little to tell
#: a repost from two different one-line notices.
MIN_CHARS = 30
#: How many candidates (most shared bands first) are verified per article.
MAX_CANDIDATES = 8

#: Lines that are a page's header or footer rather than the story: a repost rewrites them
#: (another 来源, another editor), so they are left out of the comparison. Matched on the
#: folded line (simplified characters, ASCII digits), whitespace removed.
HEADER_FOOTER_LINE = re.compile(
    r"^[【\[（(]?(来源|来源于|稿源|出处|作者|记者|通讯员|撰稿|供稿|责任编辑|责编|编辑|审核|审校|校对"
    r"|终审|初审|摄影|图片|图|文|文字|发布时间|发布日期|发布机构|时间|日期|浏览次数|点击数|阅读"
    r"|字号|打印|关闭|分享|转载)[:：|丨]")
HEADER_FOOTER_SHORT = re.compile(r"^[（(【\[].{0,30}[）)】\]]$")  # "（长宁区融媒体中心）"

#: A number with the unit that says what it counts (3月, 5日, 2024年, 12项): two reports whose
#: numbers each include one the other lacks tell of different days or different figures.
#: Dates written in Chinese numerals (二〇二四年一月五日) count too.
NUMBER = re.compile(r"\d+(?:\.\d+)?[年月日号时点分%万亿元个名家项次人户]?"
                    r"|[〇零一二三四五六七八九十]+[年月日号]")

#: Substitutions (old -> new) of at most this many characters that recur at least
#: RENAME_REPEATS times mark a template report re-issued for another town or office.
#: One-character swaps are not counted unless they sit in a place name (新泾镇 -> 华泾镇):
#: converting script produces them (了 -> 瞭 in 瞭解) and they are what typo fixes look like.
RENAME_MAX_CHARS = 8
RENAME_REPEATS = 2
#: Endings of place names: a substitution that ends in one, or sits right before one, on both
#: sides, puts one place for another. Deictic first characters (我区, 本镇, 全区) are not names:
#: a district portal re-posting a town's 我镇 as 新泾镇 is the same story.
PLACE_SUFFIXES = ("镇", "街道", "乡", "村", "社区", "区", "县", "街")
DEICTIC = frozenset("我本全该各此")
#: A place name as reports write them: two characters and an ending (北塘镇, 南湖街道), read on
#: the text with its punctuation (so 分析会，镇 is no name). Two texts that each name a place the
#: other never names are about different places. Not names: a deictic second character
#: (召开全区 -> 开全区) or an ending that starts an office's name (上午区委, 会议对区政府).
PLACE_NAME = re.compile(r"[\u4e00-\u9fff]{2}(?:街道|社区|镇|乡|区|县)(?![委政党长人纪级属内直领])")
