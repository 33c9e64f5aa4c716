"""``extract_meeting``: the ``meeting`` object of an Article record, or None.

An article reports an event when its headline or opening names a kind of event (调研, 座谈会,
工作会议, 签约仪式, …); notices, explainers and statistics releases (通知, 解读, …情况) do not,
even though they hold dates and organisations. For a report, the event's date is the first
date in the text that is not a deadline or page furniture, preferring one in a sentence that
holds an event verb (召开, 调研, 出席 …); later dates belong to other events or to the past.
"""
from __future__ import annotations

from typing import Any

from pipelines.logic.meeting import event as E
from pipelines.logic.meeting import patterns as P
from pipelines.logic.meeting.dates import DateMention, find_dates, is_event_date, reference_date
from pipelines.logic.meeting.fold import fold
from pipelines.logic.meeting.people import build_people, find_mentions, find_presider
from pipelines.logic.meeting.text import Prepared, author_bylines, prepare

#: Key order of the ``meeting`` object (CONTRACT.md, plus ``event_time``).
MEETING_KEYS = ("event_date", "event_end_date", "event_date_approx", "time_of_day", "event_time",
                "event_type", "event_name", "organizer", "location", "presider", "people")


def _sentence(folded: str, position: int) -> tuple[int, int]:
    start = max(folded.rfind(ch, 0, position) for ch in "。！？\n") + 1
    ends = [i for i in (folded.find(ch, position) for ch in "。！？\n") if i >= 0]
    return start, min(ends) if ends else len(folded)


def event_anchor(doc: Prepared, reference, type_folded: str) -> DateMention | None:
    """The date mention that dates the reported event (see the module docstring)."""
    folded = doc.folded
    candidates = [m for m in find_dates(doc.flat, reference, folded=folded) if is_event_date(folded, m)]
    for mention in candidates:
        start, end = _sentence(folded, mention.start)
        if P.EVENT_VERB_RE.search(folded, mention.end, end) or type_folded in folded[start:end]:
            return mention
    return candidates[0] if candidates else None


def extract_meeting(title: str, body: str, *, published: str | None = None,
                    url: str | None = None, author: str | None = None) -> dict[str, Any] | None:
    """The ``meeting`` object for an article (CONTRACT.md), or None if it reports no event.

    ``published`` (``YYYY-MM-DD[THH:MM]``) resolves dates written without a year; without it,
    a date in ``url`` does. ``author`` (the record's field, where the cleaning stage puts the
    bylines it takes out of the body) adds its names as ``byline`` people. Pure function:
    no I/O, no state.
    """
    title = title or ""
    title_folded = fold(title)
    if P.NOT_A_REPORT_TITLE_RE.search(title_folded.strip()):
        return None
    doc = prepare(body or "")
    known = {b.name for b in doc.bylines}
    doc.bylines += [b for b in author_bylines(author, len(doc.flat)) if b.name not in known]
    found = E.find_type(title_folded, doc.folded)
    if found is None:
        return None
    where, match = found
    source, source_folded = (title, title_folded) if where == "title" else (doc.flat, doc.folded)
    event_type = E.type_text(source, match)
    type_folded = match.reported or source_folded[match.start:match.type_end]

    reference = reference_date(published, url)
    anchor = event_anchor(doc, reference, type_folded)
    mentions = find_mentions(doc)
    people = build_people(doc, mentions)
    presider = find_presider(doc, mentions, people)
    names = {fold(p.name) for p in people}
    name = E.event_name(title, title_folded, doc.flat, doc.folded, type_folded, match.reported)
    approx = anchor is not None and anchor.approx
    return {
        "event_date": anchor.first.isoformat() if anchor and anchor.first else None,
        "event_end_date": anchor.last.isoformat() if anchor and anchor.last else None,
        "event_date_approx": approx,
        "time_of_day": anchor.time_of_day if anchor else None,
        "event_time": anchor.clock if anchor else None,
        "event_type": event_type,
        "event_name": name,
        "organizer": E.organizer(title, title_folded, doc.flat, doc.folded,
                                 anchor.end if anchor else 0, names, name),
        "location": E.location(doc.flat, doc.folded),
        "presider": presider,
        "people": [{"name": p.name, "titles": p.titles, "org": p.org, "role": p.role} for p in people],
    }
