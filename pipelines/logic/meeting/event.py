"""What the event is: its kind, its name, who holds it and where.

* ``event_type``: a head noun from the vocabulary (``lexicon/events.py``), found in the
  headline first and the opening sentences second, as the text writes it (座談會 stays
  traditional). A type joined to a later one by 暨 (述法暨…工作会议) gives way to the later.
* ``event_name``: the name as written, from after 召开/举行/开展 or the start of the clause
  up to the type word (2024年安全生产暨消防安全工作会议); None for a bare generic noun
  (专题调研, 专题学习会) and for visits, which have a name only as a 活动 someone 开展s.
* ``organizer``: the subject of 召开/举办/开展/组织 in the event clause (北塘镇召开…), else in
  the headline (区政协召开…), or a body that presides (全会由区委常委会主持). None when the
  text only says the event took place (…会议在…召开) or a person leads it.
* ``location``: 在X召开/举行/开展, 到/赴X调研, 在X调研; a venue inside that place where the
  visit is described (在新泾镇社区党群服务中心，…); None when several sites are visited.
"""
from __future__ import annotations

from dataclasses import dataclass

from pipelines.logic.meeting import patterns as P
from pipelines.logic.meeting.lexicon import events

#: How much of the body counts as its opening, for finding the type.
OPENING_CHARS = 220
#: Longest event name or organiser we believe.
MAX_NAME = 48
MAX_ORGANIZER = 20
_QUOTES = "“”\"「」『』"


@dataclass
class TypeMatch:
    start: int
    end: int  # end of the type word (or phrase)
    type_end: int  # end of the reported type text
    reported: str | None  # the type as reported when it differs from the text (常委会会议)


def _type_matches(folded: str, start: int = 0, end: int | None = None) -> list[TypeMatch]:
    end = len(folded) if end is None else end
    found: list[TypeMatch] = []
    for regex, reported in P.PHRASE_TYPES:
        for m in regex.finditer(folded, start, end):
            found.append(TypeMatch(m.start(), m.end(), m.end(), reported))
    for m in P.EVENT_TYPE_RE.finditer(folded, start, end):
        if any(f.start <= m.start() < f.end for f in found):
            continue
        found.append(TypeMatch(m.start(), m.end(), m.end(), None))
    found.sort(key=lambda f: f.start)
    # 述法暨…工作会议: the head of a joined name is its last type.
    return [f for f in found if not folded.startswith(events.JOINED_BY, f.end)] or found


def find_type(title_folded: str, body_folded: str) -> tuple[str, TypeMatch] | None:
    """("title" | "body", match) of the event type, or None when the text names no event."""
    matches = _type_matches(title_folded)
    if matches:
        return "title", matches[0]
    matches = _type_matches(body_folded, 0, min(len(body_folded), OPENING_CHARS))
    return ("body", matches[0]) if matches else None


def type_text(original: str, match: TypeMatch) -> str:
    return match.reported or original[match.start:match.type_end]


def locate_type(folded: str, type_folded: str) -> TypeMatch | None:
    """The first place ``folded`` names the same type (for the name, from the body)."""
    for match in _type_matches(folded):
        if folded[match.start:match.type_end] == type_folded or match.reported == type_folded:
            return match
    return None


# --- name ---------------------------------------------------------------------------------------

def _is_generic(name_folded: str, type_folded: str) -> bool:
    rest = name_folded.replace(type_folded, "", 1)
    for word in sorted(events.GENERIC_MODIFIERS, key=len, reverse=True):
        rest = rest.replace(word, "")
    return not rest


def name_span(folded: str, match: TypeMatch, *, visit: bool) -> tuple[int, int] | None:
    """Where the event's name starts and ends around its type word, or None."""
    end = match.end
    cont = P.NAME_CONTINUATION_RE.match(folded, end)
    if cont:
        end = cont.end()
    elif folded.startswith("会议", end):
        end += 2
    if folded.startswith("活动", end):
        end += 2
    start = None
    for m in P.NAME_START_RE.finditer(folded, max(0, match.start - MAX_NAME), match.start + 1):
        if m.end() <= match.start:
            start = m.end()
            starter = m.group()
    if start is None:
        if match.start > MAX_NAME:
            return None
        start, starter = 0, ""
    if visit and starter not in ("开展", "组织", "举行", "举办", "进行"):
        return None
    if end - start > MAX_NAME or P.EVENT_VERB_RE.search(folded, start, match.start):
        return None
    return start, end


def event_name(title: str, title_folded: str, body: str, body_folded: str, type_folded: str,
               reported: str | None) -> str | None:
    """The event's name as written (see the module docstring)."""
    visit = type_folded in events.VISIT_TYPES
    candidates = []
    for text, folded in ((body, body_folded), (title, title_folded)):
        match = locate_type(folded, reported or type_folded)
        span = name_span(folded, match, visit=visit) if match else None
        if span is None:
            continue
        name, name_folded = text[span[0]:span[1]], folded[span[0]:span[1]]
        if _is_generic(name_folded, folded[match.start:match.type_end]):
            continue
        candidates.append(name)
    if not candidates:
        return None
    # A name in quotes in the body (召开“学雷锋志愿服务”座谈会) is better taken from the headline.
    if len(candidates) > 1 and any(q in candidates[0] for q in _QUOTES):
        return candidates[1]
    return candidates[0]


# --- organiser --------------------------------------------------------------------------------

def _subject(folded: str, start: int, end: int) -> tuple[int, int] | None:
    """The organiser-like subject before the first hold-verb of [start, end), or None."""
    verb = P.HOLD_VERB_RE.search(folded, start, end)
    if verb is None:
        return None
    s, e = start, verb.start()
    cut = P.SUBJECT_CUT_RE.search(folded, s, e)
    if cut:
        e = cut.start()
    if not 1 < e - s <= MAX_ORGANIZER:
        return None
    return s, e


def _valid_organizer(folded: str, s: int, e: int, people_names: set[str]) -> bool:
    text = folded[s:e]
    if any(name in text for name in people_names):
        return False
    if P.TITLE_RE.search(text) or P.PEOPLE_NOUN_RE.search(text) or P.EVENT_TYPE_RE.search(text):
        return False
    return not P.NOT_IN_ORGANIZER_RE.search(text)


def organizer(title: str, title_folded: str, body: str, body_folded: str, anchor_end: int,
              people_names: set[str], name: str | None) -> str | None:
    """Who holds the event (see the module docstring)."""
    for m in P.PRESIDING_BODY_RE.finditer(body_folded):
        s, e = m.span(1)
        if P.ORG_RE.fullmatch(body_folded, s, e) and not any(n in body_folded[s:e] for n in people_names):
            return body[s:e]
    clause_start = anchor_end
    while clause_start < len(body_folded) and body_folded[clause_start] in "，, ":
        clause_start += 1
    stop = P.SENTENCE_END_RE.search(body_folded, clause_start)
    clause_end = stop.start() if stop else len(body_folded)
    comma = P.CLAUSE_END_RE.search(body_folded, clause_start, clause_end)
    subject = _subject(body_folded, clause_start, comma.start() if comma else clause_end)
    if subject and _valid_organizer(body_folded, *subject, people_names):
        return body[subject[0]:subject[1]]
    if subject is None or not _valid_organizer(body_folded, *subject, people_names):
        # Passive or led by a person: the headline may still say who holds it.
        head = _subject(title_folded, 0, len(title_folded))
        if head and _valid_organizer(title_folded, *head, people_names):
            found = title[head[0]:head[1]]
            level = P.DISTRICT_LEVEL_RE.match(title_folded, head[0], head[1])
            place = title[head[0]:level.end()] if level else None
            # 临江区举行 + "临江区2024年…开工仪式在…举行", 望海区十七届人大常委会召开 + "望海区第十七届
            # …会议在…召开": the body's own name for the event says whose it is; no organiser.
            if name and place and name.startswith(place) and (found == place or found not in name):
                return None
            return found
        # 区政协调研青石镇…: the body before a visit word in the headline.
        visit = P.EVENT_TYPE_RE.search(title_folded)
        if visit and visit.group() in events.VISIT_TYPES and 1 < visit.start() <= MAX_ORGANIZER \
                and P.ORG_RE.fullmatch(title_folded, 0, visit.start()) \
                and _valid_organizer(title_folded, 0, visit.start(), people_names):
            return title[:visit.start()]
    return None


# --- location -----------------------------------------------------------------------------------

def location(body: str, body_folded: str) -> str | None:
    """Where the event took place (see the module docstring)."""
    at = P.AT_PLACE_RE.search(body_folded)
    if at:
        return body[at.start("place"):at.end("place")]
    visit = P.VISIT_PLACE_RE.search(body_folded)
    if visit is None:
        at = P.AT_VISIT_RE.search(body_folded)  # 在新疆调研
        return body[at.start("place"):at.end("place")] if at else None
    place = body_folded[visit.start("place"):visit.end("place")]
    if body_folded[max(0, visit.start() - 2):visit.start()] == "先后":
        return None
    for venue in P.VENUE_RE.finditer(body_folded, visit.end()):
        if body_folded[venue.start("place"):].startswith(place):
            return body[venue.start("place"):venue.end("place")]
    return body[visit.start("place"):visit.end("place")]
