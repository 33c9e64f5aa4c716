"""The person registry: written with the articles, replaced when a text changes, read back
as a timeline and as the ``search --person`` filter. Both databases (the suite's ``archive``
fixture, built on ``db_url``'s servers)."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import delete, func, select

from storage.archive import Archive
from storage.models import AppearanceRow, ArticleRow, PersonRow
from storage.people import archive_timeline, article_ids_for_person, meeting_columns
from tests.storage.factories import article

T0 = datetime(2026, 11, 27, 8, 0, 0, tzinfo=timezone.utc)


def person(name, titles, org=None, role="present"):
    return {"name": name, "titles": titles, "org": org, "role": role}


def meeting(event_date, event_type, people, organizer=None, event_name=None):
    return {"event_date": event_date, "event_end_date": None, "event_date_approx": event_date is None,
            "time_of_day": None, "event_time": None, "event_type": event_type, "event_name": event_name,
            "organizer": organizer, "location": None, "presider": None, "people": people}


HONGLIU_VISIT = meeting("2023-02-03", "调研", [
    person("洪流", ["党组书记", "主席"], "区政协"), person("安静", ["党组成员", "秘书长"], "区政协"),
    person("卞晓清", ["党委书记"], "新泾镇")], organizer="区政协")
HONGLIU_MEETING = meeting("2023-01-05", "工作会议", [
    person("洪流", ["主席"], "区政协"), person("习近平", ["总书记"], role="mentioned"),
    person("陈思远", ["记者"], role="byline")], organizer="区委", event_name="2023年经济工作会议")


@pytest.fixture
def archive(archive: Archive):
    """The suite's migrated archive on each backend, with an empty registry too (the
    PostgreSQL one is reused across tests, and people hang off no article)."""
    with archive._engine.begin() as conn:
        conn.execute(delete(AppearanceRow.__table__))
        conn.execute(delete(PersonRow.__table__))
    return archive


def _count(archive, model) -> int:
    with archive._engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(model.__table__)).scalar_one()


def test_stored_meetings_fill_the_registry_and_the_columns(archive):
    archive.store_batch([(article(1, meeting=HONGLIU_VISIT, published="2023-02-06"), None),
                         (article(2, meeting=HONGLIU_MEETING, published="2023-01-06"), None),
                         (article(3, meeting=None), None)], seen_at=T0)
    assert _count(archive, PersonRow) == 5  # 洪流 once: same name, same org
    assert _count(archive, AppearanceRow) == 6
    with archive._engine.connect() as conn:
        rows = conn.execute(select(ArticleRow.id, ArticleRow.event_type, ArticleRow.organizer,
                                   ArticleRow.event_date, ArticleRow.event_name)
                            .order_by(ArticleRow.id)).all()
    assert [tuple(r) for r in rows] == [
        (1, "调研", "区政协", date(2023, 2, 3), None),
        (2, "工作会议", "区委", date(2023, 1, 5), "2023年经济工作会议"),
        (3, None, None, None, None),
    ]


def test_a_timeline_is_ordered_by_the_event_date(archive):
    archive.store_batch([(article(1, meeting=HONGLIU_VISIT, published="2023-02-06"), None),
                         (article(2, meeting=HONGLIU_MEETING, published="2023-01-06"), None)], seen_at=T0)
    timeline = archive_timeline(archive, "洪流")
    assert [(e["date"], e["event_type"], e["titles"], e["org"], e["role"], e["article_id"])
            for e in timeline] == [
        ("2023-01-05", "工作会议", ["主席"], "区政协", "present", 2),
        ("2023-02-03", "调研", ["党组书记", "主席"], "区政协", "present", 1),
    ]
    assert timeline[0]["title"] == "标题2" and timeline[0]["url"].endswith("/art/2.html")
    assert archive_timeline(archive, "无名氏") == []
    assert [e["role"] for e in archive_timeline(archive, "陈思远")] == ["byline"]


def test_an_approximate_event_is_placed_at_its_publish_date(archive):
    approx = meeting(None, "学习讨论会", [person("卞晓清", ["党委书记"], "镇")])
    archive.store_batch([(article(1, meeting=HONGLIU_VISIT, published="2023-02-06"), None),
                         (article(2, meeting=approx, published="2023-02-07"), None)], seen_at=T0)
    timeline = archive_timeline(archive, "卞晓清")
    assert [(e["date"], e["date_is_event"], e["org"]) for e in timeline] == [
        ("2023-02-03", True, "新泾镇"), ("2023-02-07", False, "镇")]


def test_a_changed_text_replaces_its_appearances_and_an_unchanged_one_keeps_them(archive):
    archive.store_batch([(article(1, meeting=HONGLIU_VISIT), None)], seen_at=T0)
    edited = meeting("2023-02-03", "调研", [person("洪流", ["主席"], "区政协")])
    archive.store_batch([(article(1, body="改过的正文。", meeting=edited), None)],
                        seen_at=T0 + timedelta(days=1))
    assert [e["titles"] for e in archive_timeline(archive, "洪流")] == [["主席"]]
    assert archive_timeline(archive, "安静") == []
    # the same text again (even with another meeting object) changes nothing
    archive.store_batch([(article(1, body="改过的正文。", meeting=HONGLIU_VISIT), None)],
                        seen_at=T0 + timedelta(days=2))
    assert [e["titles"] for e in archive_timeline(archive, "洪流")] == [["主席"]]


def test_search_person_filter_selects_the_articles_of_a_name(archive):
    archive.store_batch([(article(1, meeting=HONGLIU_VISIT), None),
                         (article(2, meeting=HONGLIU_MEETING), None),
                         (article(3, meeting=meeting("2023-01-01", "座谈会", [person("洪流", [], None)])), None)],
                        seen_at=T0)
    with archive._engine.connect() as conn:
        ids = sorted(conn.execute(article_ids_for_person("洪流")).scalars())
        assert ids == [1, 2, 3]  # every org under the name
        assert list(conn.execute(article_ids_for_person("安静")).scalars()) == [1]


def test_deleting_an_article_deletes_its_appearances(archive):
    archive.store_batch([(article(1, meeting=HONGLIU_VISIT), None)], seen_at=T0)
    with archive._engine.begin() as conn:
        conn.execute(delete(ArticleRow.__table__).where(ArticleRow.id == 1))
    assert _count(archive, AppearanceRow) == 0
    assert _count(archive, PersonRow) == 3  # the registry keeps the people


def test_malformed_people_are_skipped_and_long_values_cut(archive):
    odd = meeting("2023-02-30", "调研" * 40, [
        {"name": None}, "洪流", {"name": "洪流", "titles": ["主席", 3], "org": "区" * 300, "role": "present"}])
    archive.store_batch([(article(1, meeting=odd), None)], seen_at=T0)
    [entry] = archive_timeline(archive, "洪流")
    assert entry["titles"] == ["主席"] and len(entry["org"]) == 128 and entry["date"] is None
    assert meeting_columns(odd)["event_type"] == ("调研" * 40)[:64]
    assert meeting_columns(None) == {"event_type": None, "event_name": None, "organizer": None,
                                     "event_date": None}
