"""The person registry: who appeared in which article's meeting, with which titles.

Written from each stored article's ``meeting.people`` (``store_items`` calls
``write_appearances`` for new and changed articles, in the batch's transaction), read by
``jiezhen people NAME`` (``person_timeline``) and by ``search --person`` (``article_ids_for_person``).

A person is a name with the organisation written before it (洪流 / 区政协); the registry
keeps names as the articles wrote them and does not guess that 卞晓清 of 新泾镇 and 卞晓清 of
镇 are one person: the timeline gathers every org under a name and shows each. Writes are a
fixed number of statements per batch (one DELETE, one SELECT and at most one multi-row INSERT
per table), whatever the number of articles: the crawl's store speed depends on it.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, Select, delete, func, insert, select

from storage.models import AppearanceRow, ArticleRow, PersonRow

#: Column widths (models.py); longer values are cut rather than refused.
NAME_MAX, ORG_MAX, ROLE_MAX, TYPE_MAX, ORGANIZER_MAX = 64, 128, 16, 64, 128
#: Bound-parameter budget per IN (...) list.
IN_CHUNK = 500

PEOPLE = PersonRow.__table__
APPEARANCES = AppearanceRow.__table__
ARTICLES = ArticleRow.__table__


def _iso_date(value: Any) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _text(value: Any, limit: int) -> str | None:
    return value[:limit] if isinstance(value, str) and value else None


def meeting_columns(meeting: dict[str, Any] | None) -> dict[str, Any]:
    """The ``articles`` columns copied out of a record's ``meeting`` (all None without one)."""
    meeting = meeting if isinstance(meeting, dict) else {}
    return {
        "event_type": _text(meeting.get("event_type"), TYPE_MAX),
        "event_name": _text(meeting.get("event_name"), 10_000),
        "organizer": _text(meeting.get("organizer"), ORGANIZER_MAX),
        "event_date": _iso_date(meeting.get("event_date")),
    }


def _people_of(meeting: dict[str, Any] | None) -> list[tuple[str, str | None, list[str], str]]:
    """(name, org, titles, role) of a meeting's people, malformed entries skipped."""
    if not isinstance(meeting, dict):
        return []
    found = []
    for person in meeting.get("people") or []:
        if not isinstance(person, dict):
            continue
        name = _text(person.get("name"), NAME_MAX)
        if name is None:
            continue
        titles = [t for t in person.get("titles") or [] if isinstance(t, str)]
        role = _text(person.get("role"), ROLE_MAX) or "present"
        found.append((name, _text(person.get("org"), ORG_MAX), titles, role))
    return found


def _chunks(values: Sequence, size: int = IN_CHUNK) -> Iterable[Sequence]:
    for i in range(0, len(values), size):
        yield values[i:i + size]


def _person_ids(conn: Connection, keys: set[tuple[str, str | None]]) -> dict[tuple[str, str | None], int]:
    """Registry ids of (name, org) keys, adding the people not yet known."""
    ids: dict[tuple[str, str | None], int] = {}
    names = sorted({name for name, _ in keys})
    for chunk in _chunks(names):
        for person_id, name, org in conn.execute(
                select(PEOPLE.c.id, PEOPLE.c.name, PEOPLE.c.org).where(PEOPLE.c.name.in_(chunk))):
            ids.setdefault((name, org), person_id)
    missing = sorted((k for k in keys if k not in ids), key=lambda k: (k[0], k[1] or ""))
    if missing:
        rows = conn.execute(
            insert(PEOPLE).returning(PEOPLE.c.id, sort_by_parameter_order=True),
            [{"name": name, "org": org} for name, org in missing],
        ).all()
        ids.update((key, person_id) for key, (person_id,) in zip(missing, rows))
    return ids


def write_appearances(conn: Connection, articles: Sequence[tuple[int, dict[str, Any] | None]]) -> int:
    """Replace the appearances of ``articles`` ((article id, meeting) pairs) by their meetings'.

    Runs in the caller's transaction. Returns how many appearances were written.
    """
    if not articles:
        return 0
    article_ids = sorted({article_id for article_id, _ in articles})
    for chunk in _chunks(article_ids):
        conn.execute(delete(APPEARANCES).where(APPEARANCES.c.article_id.in_(chunk)))
    entries = [(article_id, _iso_date((meeting or {}).get("event_date")), person)
               for article_id, meeting in articles for person in _people_of(meeting)]
    if not entries:
        return 0
    ids = _person_ids(conn, {(name, org) for _, _, (name, org, _, _) in entries})
    rows, seen = [], set()
    for article_id, event_date, (name, org, titles, role) in entries:
        key = (ids[(name, org)], article_id, role)
        if key in seen:  # one person twice in one meeting's list: keep the first
            continue
        seen.add(key)
        rows.append({"person_id": key[0], "article_id": article_id, "event_date": event_date,
                     "titles": titles, "role": role})
    conn.execute(insert(APPEARANCES), rows)
    return len(rows)


def article_ids_for_person(name: str) -> Select:
    """SELECT of the ids of articles in which a person of this name appears (any org, role)."""
    return (select(APPEARANCES.c.article_id)
            .join(PEOPLE, PEOPLE.c.id == APPEARANCES.c.person_id)
            .where(PEOPLE.c.name == name))


def person_timeline(conn: Connection, name: str) -> list[dict[str, Any]]:
    """Every appearance of ``name``, oldest first: by the event's date, else the publish date.

    Each entry: ``date`` (ISO; the event's, else the article's publish date), ``date_is_event``,
    ``org``, ``titles``, ``role``, ``event_type``, ``event_name``, ``organizer``, and the
    article's ``article_id``, ``title``, ``url``, ``site``, ``published``.
    """
    when = func.coalesce(APPEARANCES.c.event_date, ARTICLES.c.published_date)
    query = (select(APPEARANCES.c.event_date, APPEARANCES.c.titles, APPEARANCES.c.role, PEOPLE.c.org,
                    ARTICLES.c.id, ARTICLES.c.title, ARTICLES.c.url, ARTICLES.c.site,
                    ARTICLES.c.published, ARTICLES.c.published_date, ARTICLES.c.event_type,
                    ARTICLES.c.event_name, ARTICLES.c.organizer)
             .join(PEOPLE, PEOPLE.c.id == APPEARANCES.c.person_id)
             .join(ARTICLES, ARTICLES.c.id == APPEARANCES.c.article_id)
             .where(PEOPLE.c.name == name)
             .order_by(when.is_(None), when, ARTICLES.c.id))
    timeline = []
    for row in conn.execute(query).mappings():
        day = row["event_date"] or row["published_date"]
        timeline.append({
            "date": day.isoformat() if day else None,
            "date_is_event": row["event_date"] is not None,
            "org": row["org"],
            "titles": list(row["titles"] or []),
            "role": row["role"],
            "event_type": row["event_type"],
            "event_name": row["event_name"],
            "organizer": row["organizer"],
            "article_id": row["id"],
            "title": row["title"],
            "url": row["url"],
            "site": row["site"],
            "published": row["published"],
        })
    return timeline


def archive_timeline(archive: Any, name: str) -> list[dict[str, Any]]:
    """``person_timeline`` on an open ``storage.archive.Archive`` (for ``jiezhen people``).

    Takes the archive's engine directly: this module sits below ``archive.py`` (the store
    writes through it), so it cannot import the class.
    """
    with archive._engine.connect() as conn:  # noqa: SLF001 -- same package
        return person_timeline(conn, name)
