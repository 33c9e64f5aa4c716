"""People in a report: who, with which titles and organisation, in which role.

Names come from where they stand, not from a dictionary of names or a word segmenter:

* ``{org}{title}(、{org}{title})*{name}(、{name})*``: 区政协党组书记、主席洪流; one title shared
  by several names (区政协副主席林晓红、陈国栋、安然);
* ``{org}{internal body}{name}`` with the title word missing (镇党委李建平);
* ``{name}{title}`` after a boundary (会上，王海鹏镇长; 李建平同志; 习近平总书记);
* ``{name}{doctrine}`` (习近平法治思想): someone referred to, not there;
* bylines (记者 周晓宁 通讯员 李欣).

A name is two or three characters starting with a surname, ending where a verb, a particle,
a title or punctuation starts (洪流带队, 严峻主持, 方正就…). Once a person is known, the
bare name counts again only where it stands like a name (洪流指出, 方正在会上…) -- never
inside a word (方方正正, 依然严峻, 齐心协力) -- and a title after it (方正区长) is merged in.

All matching is on folded text; every string reported is sliced from the flat text, so it
reads as the source wrote it (traditional characters stay traditional).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from pipelines.logic.meeting import patterns as P
from pipelines.logic.meeting.lexicon import cues, surnames, titles
from pipelines.logic.meeting.text import Prepared

#: How far before a title its organisation may start.
MAX_PREFIX = 14
#: The longest word that may stand right before a name (see ``cues.BEFORE_NAME``).
BEFORE_WINDOW = 4
#: How far after a mention a "studied words" cue (重要讲话精神) may stand.
MENTION_WINDOW = 32
_LEVEL_TITLE_SET = frozenset(titles.LEVEL_TITLES)
_TOWN_LEVEL_TITLES = {t for t, lv in titles.LEVEL_TITLES.items() if lv in ("镇", "乡", "村")}


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


# --- names ---------------------------------------------------------------------------------

def _boundary(folded: str, q: int) -> int:
    """How clearly a name may end at ``q``: 2 punctuation/word/title, 1 a one-character
    word (到, 在, 就, 等 ...), 0 not at all."""
    if q >= len(folded) or not _is_han(folded[q]):
        return 2
    if P.AFTER_NAME_MULTI_RE.match(folded, q) or P.TITLE_RE.match(folded, q) \
            or P.POST_TITLE_RE.match(folded, q) or P.PRESIDE_RE.match(folded, q):
        return 2
    return 1 if folded[q] in P.AFTER_NAME_SINGLE else 0


def _plausible(folded: str, start: int, length: int, surname_length: int) -> bool:
    text = folded[start:start + length]
    if len(text) != length or not all(_is_han(ch) for ch in text):
        return False
    if any(ch in surnames.NOT_IN_GIVEN_NAME for ch in text[surname_length:]):
        return False
    return not P.AFTER_NAME_MULTI_RE.match(folded, start) and not P.TITLE_RE.match(folded, start)


def _surname_length(folded: str, start: int) -> int:
    if folded[start:start + 2] in surnames.COMPOUND:
        return 2
    return 1 if start < len(folded) and folded[start] in surnames.SINGLE else 0


def name_at(folded: str, start: int) -> int:
    """Length of the name starting at ``start`` (0 if none): see the module docstring."""
    s = _surname_length(folded, start)
    if not s:
        return 0
    short, long_ = s + 1, s + 2
    if _plausible(folded, start, short, s) and _boundary(folded, start + short) == 2:
        return short
    if _plausible(folded, start, short, s) and start + short < len(folded) \
            and folded[start + short] in P.AFTER_NAME_SINGLE:
        return short
    if _plausible(folded, start, long_, s) and _boundary(folded, start + long_):
        return long_
    return 0


def name_before(folded: str, end: int, *, need_boundary: bool = True) -> int:
    """Start of a name ending at ``end`` (a title or doctrine follows it), or -1."""
    for length in (3, 2, 4):
        start = end - length
        if start < 0:
            continue
        s = _surname_length(folded, start)
        if not s or length - s not in (1, 2) or not _plausible(folded, start, length, s):
            continue
        if not need_boundary or _left_boundary(folded, start):
            return start
    return -1


def _prefix_limit(folded: str, title_start: int) -> int:
    """Where an organisation before ``title_start`` may begin at the earliest: not before a
    delimiter nor before a word such as 传达学习 or 会议由 that ends the text before it."""
    low = max(0, title_start - MAX_PREFIX)
    for i in range(title_start - 1, low - 1, -1):
        if folded[i] in P.DELIMITERS:
            low = i + 1
            break
    for stop in P.PREFIX_STOP_RE.finditer(folded, low, title_start):
        low = max(low, stop.end())
    return low


def _left_boundary(folded: str, start: int) -> bool:
    """Whether a name may start at ``start``: after punctuation or a word like 由, 会上, 学习."""
    return start == 0 or not _is_han(folded[start - 1]) or bool(
        P.BEFORE_NAME_RE.search(folded, max(0, start - BEFORE_WINDOW), start))


# --- titles and organisations ------------------------------------------------------------------

@dataclass
class Affil:
    """One ``{org}{internal bodies}{title}`` of a mention (offsets in the flat text)."""

    start: int
    org: tuple[int, int] | None
    org_kind: str | None
    title: tuple[int, int] | None  # internal bodies + title word; None when the word is missing
    title_word: str | None  # folded title word (for LEVEL_TITLES)
    end: int


def parse_affil(folded: str, pos: int, *, allow_missing: bool = False) -> Affil | None:
    """The affiliation starting exactly at ``pos``, or None."""
    orgs = [(kind, m.end()) for kind, regex in P.ORG_KINDS if (m := regex.match(folded, pos))]
    orgs.sort(key=lambda item: -item[1])
    for kind, p0 in orgs + [(None, pos)]:
        p = p0
        for _ in range(3):
            t = P.TITLE_RE.match(folded, p)
            if t:
                return Affil(pos, (pos, p0) if kind else None, kind, (p0, t.end()), t.group(), t.end())
            body = P.INTERNAL_RE.match(folded, p)
            if not body:
                break
            p = body.end()
        if kind is not None and allow_missing:
            body = P.INTERNAL_KNOWN_RE.match(folded, p0)
            if body and name_at(folded, body.end()):
                return Affil(pos, (pos, p0), kind, None, None, body.end())
    return None


def _identity(folded: str, affil: Affil) -> str | None:
    """Which body a title belongs to, for telling whether a chain of titles shares one."""
    if affil.org is not None:
        org = folded[affil.org[0]:affil.org[1]]
        if affil.org_kind == "town":
            level = P.TOWN_LEVEL_RE.search(org)
            return level.group() if level else org
        return org
    if affil.title_word in _TOWN_LEVEL_TITLES:
        return titles.LEVEL_TITLES[affil.title_word]
    if affil.title_word in _LEVEL_TITLE_SET:
        return titles.LEVEL_TITLES[affil.title_word] + "政府"
    return None


def org_and_titles(flat: str, folded: str, affils: list[Affil]) -> tuple[str | None, list[str]]:
    """The record's ``org`` and ``titles`` for a chain of affiliations (CONTRACT.md rules)."""
    if len(affils) == 1 and affils[0].title is None:
        a = affils[0]
        return flat[a.start:a.end], []
    identities: list[str | None] = []
    for affil in affils:
        ident = _identity(folded, affil)
        identities.append(ident if ident is not None or not identities else identities[-1])
    with_org = [a for a in affils if a.org is not None]
    if len({i for i in identities if i is not None}) <= 1:
        first_org = flat[with_org[0].org[0]:with_org[0].org[1]] if with_org else None
        return first_org, [flat[a.title[0]:a.title[1]] for a in affils if a.title]
    # Titles of different bodies: the org is their common level, the titles stay whole.
    level = None
    if with_org:
        a, b = with_org[0].org
        match = P.DISTRICT_LEVEL_RE.match(folded, a, b)
        level = flat[a:match.end()] if match else None
    return level, [flat[a.start:a.title[1]] for a in affils if a.title]


# --- mentions ----------------------------------------------------------------------------------

@dataclass
class Mention:
    start: int  # first character of the mention (its org/title, or the name)
    end: int  # just after the name (and any title written after it)
    name_start: int
    name_end: int
    kind: str  # titled | missing | post | doctrine | bare | byline
    org: str | None = None
    titles: list[str] = field(default_factory=list)
    mentioned: bool = False  # the text relays this person's words; they are not there


def _quoted(folded: str, start: int) -> bool:
    """Inside “…” on its paragraph: someone's words, not the report's."""
    line_start = folded.rfind("\n", 0, start) + 1
    return folded.count(cues.OPEN_QUOTE, line_start, start) > folded.count(cues.CLOSE_QUOTE, line_start, start)


def _mentioned_context(folded: str, start: int, end: int, next_start: int) -> bool:
    if P.MENTIONED_BEFORE_RE.search(folded, max(0, start - 6), start) or _quoted(folded, start):
        return True
    stop = P.CLAUSE_END_RE.search(folded, end)
    limit = min(stop.start() if stop else len(folded), end + MENTION_WINDOW, next_start)
    return bool(P.MENTIONED_AFTER_RE.search(folded, end, limit))


def find_mentions(doc: Prepared) -> list[Mention]:
    """Every person mention of the flat text, in order (bylines excluded)."""
    flat, folded = doc.flat, doc.folded
    taken = bytearray(len(folded) + 1)
    mentions: list[Mention] = []

    def free(a: int, b: int) -> bool:
        return not any(taken[a:b])

    def take(a: int, b: int) -> None:
        taken[a:b] = b"\x01" * (b - a)

    # 1. {org}{title}(、{org}{title})* {name}(、{name})*
    for anchor in P.TITLE_RE.finditer(folded):
        ts, te = anchor.span()
        if taken[ts]:
            continue
        first = None
        for start in range(_prefix_limit(folded, ts), ts + 1):
            if taken[start]:
                continue
            affil = parse_affil(folded, start)
            if affil is not None and affil.end == te:
                first = affil
                break
        if first is None:
            continue
        affils = [first]
        q = te
        while q < len(folded) and folded[q] == "、":
            nxt = parse_affil(folded, q + 1)
            if nxt is None:
                break
            affils.append(nxt)
            q = nxt.end
        length = name_at(folded, q)
        if not length:
            continue
        org, title_list = org_and_titles(flat, folded, affils)
        start = first.start
        while True:
            mentions.append(Mention(start, q + length, q, q + length, "titled", org, list(title_list)))
            take(first.start, q + length)
            r = q + length
            if r < len(folded) and folded[r] == "、" and parse_affil(folded, r + 1) is None:
                length = name_at(folded, r + 1)
                if length:
                    q = start = r + 1
                    continue
            break

    # 2. {org}{internal body}{name}: the title word is missing (镇党委李建平)
    for body in P.INTERNAL_KNOWN_RE.finditer(folded):
        bs, be = body.span()
        if not free(bs, be):
            continue
        for start in range(_prefix_limit(folded, bs), bs):
            if not free(start, bs):
                continue
            affil = parse_affil(folded, start, allow_missing=True)
            if affil is not None and affil.title is None and affil.end == be and _left_boundary(folded, start):
                length = name_at(folded, be)
                mentions.append(Mention(start, be + length, be, be + length, "missing",
                                        flat[start:be], []))
                take(start, be + length)
                break

    # 3. {name}{title} (王海鹏镇长, 李建平同志, 习近平总书记)
    for post in P.POST_TITLE_RE.finditer(folded):
        ps, pe = post.span()
        if not free(ps, pe):
            continue
        unbounded = post.group() in titles.POST_TITLES_UNBOUNDED
        start = name_before(folded, ps, need_boundary=not unbounded)
        if start < 0 or not free(start, ps):
            continue
        mentions.append(Mention(start, pe, start, ps, "post", None, [flat[ps:pe]]))
        take(start, pe)

    # 4. {name}{doctrine} (习近平法治思想): a reference, never a presence
    for doctrine in P.DOCTRINE_RE.finditer(folded):
        ds = doctrine.start()
        start = name_before(folded, ds)
        if start < 0 or not free(start, ds):
            continue
        mentions.append(Mention(start, ds, start, ds, "doctrine", None, [], mentioned=True))
        take(start, ds)

    # 5. bare names of people already found, where they stand as names
    known = {folded[m.name_start:m.name_end] for m in mentions}
    for name in known:
        at = folded.find(name)
        while at >= 0:
            end = at + len(name)
            if free(at, end) and _left_boundary(folded, at) and _boundary(folded, end):
                post = P.POST_TITLE_RE.match(folded, end)
                mention_end = post.end() if post else end
                mentions.append(Mention(at, mention_end, at, end, "bare", None,
                                        [flat[end:mention_end]] if post else []))
                take(at, mention_end)
            at = folded.find(name, end)

    mentions.sort(key=lambda m: m.start)
    for i, m in enumerate(mentions):
        if m.kind != "doctrine":
            nxt = mentions[i + 1].start if i + 1 < len(mentions) else len(folded)
            m.mentioned = _mentioned_context(folded, m.start, m.end, nxt)
    return mentions


# --- people -------------------------------------------------------------------------------------

@dataclass
class Person:
    name: str
    titles: list[str]
    org: str | None
    role: str
    first: int  # offset of the first mention


def build_people(doc: Prepared, mentions: list[Mention]) -> list[Person]:
    """One entry per person, in order of first appearance: titles merged in order, org from
    the first mention that has titles or an org, role present unless only ever referred to."""
    by_name: dict[str, Person] = {}
    present: dict[str, bool] = {}
    for m in mentions:
        name = doc.flat[m.name_start:m.name_end]
        person = by_name.get(name)
        if person is None:
            person = by_name[name] = Person(name, [], None, "present", m.start)
            present[name] = False
        if person.org is None and not person.titles and (m.org or m.titles):
            person.org = m.org
        for title in m.titles:
            if title not in person.titles:
                person.titles.append(title)
        if not m.mentioned:
            present[name] = True
    for name, person in by_name.items():
        person.role = "present" if present[name] else "mentioned"
    for byline in doc.bylines:
        if byline.name not in by_name:
            by_name[byline.name] = Person(byline.name, [byline.role] if byline.role else [], None,
                                          "byline", byline.position)
    return sorted(by_name.values(), key=lambda p: p.first)


def find_presider(doc: Prepared, mentions: list[Mention], people: list[Person]) -> str | None:
    """The first present person written right before 主持 (主持会议, 主持并讲话, …由X主持)."""
    roles = {p.name: p.role for p in people}
    for m in mentions:
        name = doc.flat[m.name_start:m.name_end]
        if not m.mentioned and roles.get(name) == "present" and P.PRESIDE_RE.match(doc.folded, m.end):
            return name
    return None
