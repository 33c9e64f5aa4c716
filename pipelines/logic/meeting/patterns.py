"""The lexicons compiled into regexes (all matched on folded text).

Built once at import. Alternations are sorted longest first so that 常务副区长 wins over
副区长 and 经济形势分析会 over 分析会.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from pipelines.logic.meeting.lexicon import cues, events, orgs, titles

HAN = "\u3400-\u4dbf\u4e00-\u9fff"


def alt(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


# --- titles -------------------------------------------------------------------------------
ALL_TITLES = tuple(titles.TITLE_WORDS) + tuple(titles.LEVEL_TITLES)
TITLE_RE = re.compile(rf"(?:{alt(ALL_TITLES)})(?![{titles.NOT_TITLE_BEFORE}])")
POST_TITLE_RE = re.compile(rf"(?:{alt(titles.POST_TITLES)})(?![{titles.NOT_TITLE_BEFORE}])")

# --- organisations --------------------------------------------------------------------------
#: Characters that do not occur in a place name but do right before one (会议由镇…, 赴青石镇…).
PLACE_STOP = "由在和与及同对向为把被的了是有到赴从于经请邀陪参出主会议召开举带领等各全本该其此这那副书记员任席委局部办"
_PLACE = rf"(?:(?![{PLACE_STOP}])[{HAN}]){{1,4}}"
_BODY_CHAR = rf"(?:(?![{PLACE_STOP}常])[{HAN}])"
_DISTRICT_LEVELS = [lv for lv in orgs.LEVELS if lv not in orgs.TOWN_LEVELS]
DISTRICT_ORG = (rf"(?:{_PLACE})?(?:{alt(_DISTRICT_LEVELS)})"
                rf"(?:(?:{alt(orgs.LEVEL_BODIES)})|{_BODY_CHAR}{{1,8}}?(?:{alt(orgs.DEPARTMENT_ENDINGS)}))?")
TOWN_ORG = rf"(?:{_PLACE})?(?:{alt(orgs.TOWN_LEVELS)})"
ENTERPRISE_ORG = rf"{_BODY_CHAR}{{2,10}}?(?:{alt(orgs.ENTERPRISE_ENDINGS)})"
SPECIAL_ORG = alt(orgs.SPECIAL_ORGS)
INTERNAL = (rf"(?:{alt(orgs.INTERNAL_BODIES)}|(?:(?![{PLACE_STOP}副常])[{HAN}]){{1,4}}?"
            rf"(?:{alt(orgs.INTERNAL_BODY_ENDINGS)}))")

#: Each kind of organisation (a text may read as several: 澜州 is a 州 as well as the start
#: of 澜州新能集团, so every kind is tried).
ORG_KINDS = (("special", re.compile(SPECIAL_ORG)), ("town", re.compile(TOWN_ORG)),
             ("district", re.compile(DISTRICT_ORG)), ("enterprise", re.compile(ENTERPRISE_ORG)))
ORG_RE = re.compile(rf"(?:{SPECIAL_ORG})|(?:{TOWN_ORG})|(?:{DISTRICT_ORG})|(?:{ENTERPRISE_ORG})")
INTERNAL_RE = re.compile(INTERNAL)
#: Known internal bodies only (for "镇党委李建平", a body and a name with no title word).
INTERNAL_KNOWN_RE = re.compile(alt(orgs.INTERNAL_BODIES))
TOWN_LEVEL_RE = re.compile(rf"(?:{alt(orgs.TOWN_LEVELS)})$")
DISTRICT_LEVEL_RE = re.compile(rf"(?:{_PLACE})?(?:{alt(_DISTRICT_LEVELS)})")
PEOPLE_NOUN_RE = re.compile(rf"(?:{alt(orgs.PEOPLE_NOUNS)})$")

# --- names ----------------------------------------------------------------------------------
_multi = [w for w in cues.AFTER_NAME if len(w) > 1]
AFTER_NAME_MULTI_RE = re.compile(alt(_multi))
AFTER_NAME_SINGLE = frozenset(w for w in cues.AFTER_NAME if len(w) == 1)
BEFORE_NAME_RE = re.compile(rf"(?:{alt(cues.BEFORE_NAME)})$")
#: Words an organisation never extends over (传达学习 + 市委书记…, 会议由 + 镇党委…).
PREFIX_STOP_RE = re.compile(alt(w for w in cues.BEFORE_NAME + cues.MENTIONED_BEFORE if len(w) > 1))
DELIMITERS = frozenset("，。；：、！？,.;:!?“”\"（）()《》〈〉【】[] \n\t—…")

# --- roles ----------------------------------------------------------------------------------
PRESIDE_RE = re.compile(rf"(?:{alt(cues.PRESIDE)})(?!{alt(cues.NOT_PRESIDE_AFTER)})")
MENTIONED_BEFORE_RE = re.compile(rf"(?:{alt(cues.MENTIONED_BEFORE)})$")
MENTIONED_AFTER_RE = re.compile(alt(cues.MENTIONED_AFTER))
DOCTRINE_RE = re.compile(alt(cues.DOCTRINES))
BYLINE_ROLE_RE = re.compile(rf"^(?:{alt(cues.BYLINE_ROLES)})")
BYLINE_ROLES = frozenset(cues.BYLINE_ROLES)
BYLINE_TAIL_RE = re.compile(rf"[（(]\s*((?:{alt(cues.BYLINE_ROLES)})[^（）()]{{2,30}})[）)]\s*$")
#: 本报讯（记者 张三 通讯员 李四）2月3日上午，… : a byline opening the first paragraph.
BYLINE_HEAD_RE = re.compile(rf"^(?:本报讯|本网讯|本刊讯|讯)?\s*[（(【]\s*((?:{alt(cues.BYLINE_ROLES)})[^（）()【】]{{2,30}})[）)】]")
CHROME_LINE_RE = re.compile(rf"^(?:{alt(cues.CHROME_LINE_STARTS)})|浏览次数|点击数|访问量|阅读数|>.*>|»")
FOOTER_LINE_RE = re.compile(rf"^[【\[]?(?:{alt(cues.FOOTER_LINE_STARTS)})")

# --- events -----------------------------------------------------------------------------------
EVENT_TYPE_RE = re.compile(rf"(?:{alt(events.EVENT_TYPES)})(?!{alt(events.NOT_TYPE_BEFORE)})")
PHRASE_TYPES = tuple((re.compile(p), t) for p, t in events.PHRASE_TYPES)
NAME_CONTINUATION_RE = re.compile(events.NAME_CONTINUATION)
#: 组织 after 党 is the noun 党组织 (村党组织书记), not the verb.
_NOUN_GUARD = r"(?<!党)"
HOLD_VERB_RE = re.compile(_NOUN_GUARD + rf"(?:{alt(events.HOLD_VERBS)})")
NAME_START_RE = re.compile(rf"{_NOUN_GUARD}(?:{alt(events.NAME_START_AFTER)})|[，。；：！？,;:\n]")
EVENT_VERB_RE = re.compile(alt(events.EVENT_VERBS))
_PLACE_BODY = rf"[^，。；：、！？,;:\s“”]{{2,24}}?(?:{alt(events.PLACE_ENDINGS)})"
AT_PLACE_RE = re.compile(rf"在(?P<place>{_PLACE_BODY})(?:{alt(events.AT_VERBS)})")
VISIT_PLACE_RE = re.compile(rf"(?:{alt(events.VISIT_VERBS)})(?P<place>[^，。；：、！？,;:\s“”和及与]{{2,24}}?"
                            rf"(?:{alt(orgs.LEVELS)}))(?=[，。]|{alt(events.VISIT_TYPES)}|开展|就|检查|参观)")
#: 在新疆调研, 在青石村检查: a visit's place need not end like a venue.
AT_VISIT_RE = re.compile(rf"在(?P<place>(?:(?!会上|期间|随后|此次|本次)[{HAN}]){{2,10}}?)(?:{alt(events.VISIT_TYPES)})"
                         rf"(?!{alt(events.NOT_TYPE_BEFORE)})")
VENUE_RE = re.compile(rf"在(?P<place>{_PLACE_BODY})[，,]")
NOT_A_REPORT_TITLE_RE = re.compile(rf"(?:{alt(events.NOT_A_REPORT_TITLE)})$|^关于|^政策解读")
#: 全会由区委常委会主持: a body, not a person, presides (it is then the organiser).
PRESIDING_BODY_RE = re.compile(r"由([^，。；由]{2,14}?)主持")
#: Where an organiser's subject ends before its verb: 南湖街道 | 在…开展, 望海区 | 与…签署.
SUBJECT_CUT_RE = re.compile(r"在|于|与|和|同")
#: What an organiser's name never holds.
NOT_IN_ORGANIZER_RE = re.compile(r"\d|[，。、；：“”]")
SENTENCE_END_RE = re.compile(r"[。！？；\n]")
CLAUSE_END_RE = re.compile(r"[，。；：！？,;:\n]")
