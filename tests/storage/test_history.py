"""Texts seen earlier than the current one (an old WARC imported after a recent crawl) go into
the version history at the place their capture date says; the current text stays current."""
from __future__ import annotations

from datetime import timedelta

from .factories import T0, article

URL = article(1).url
T = [T0 + timedelta(days=10 * n) for n in range(6)]  # T[0] < T[1] < ... (10 days apart)


def _store(archive, body: str, when, title: str = "标题1"):
    return archive.store_batch([(article(1, body=body, title=title), None)], seen_at=[when])


def _history(archive) -> list[tuple[str, str, str]]:
    [record] = [r for r in archive.iter_records() if r["url"] == URL]
    return [(v["body"], v["seen_from"], v["seen_until"]) for v in archive.versions(record["id"])]


def _iso(moment) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_a_text_older_than_every_version_becomes_version_one(archive):
    _store(archive, "第二稿：区委召开会议。", T[2])
    _store(archive, "第三稿：区委召开会议，部署工作。", T[4])
    result = _store(archive, "初稿：区委召开会议。", T[0])
    assert result.items == [("older", result.older[0])]
    assert _history(archive) == [
        ("初稿：区委召开会议。", _iso(T[0]), _iso(T[2])),
        ("第二稿：区委召开会议。", _iso(T[2]), _iso(T[4])),
        ("第三稿：区委召开会议，部署工作。", _iso(T[4]), _iso(T[4]))]
    [record] = list(archive.iter_records())
    assert record["body"] == "第三稿：区委召开会议，部署工作。" and record["version"] == 3
    assert record["first_seen"] == _iso(T[0]) and record["last_seen"] == _iso(T[4])
    # the current text is what search finds
    assert archive.search("部署").total == 1 and archive.search("初稿").total == 0


def test_a_text_between_two_versions_is_put_between_them(archive):
    _store(archive, "甲稿：镇党委召开会议。", T[0])
    _store(archive, "丙稿：镇党委召开会议并讲话。", T[4])
    _store(archive, "乙稿：镇党委召开扩大会议。", T[2])
    assert _history(archive) == [
        ("甲稿：镇党委召开会议。", _iso(T[0]), _iso(T[2])),
        ("乙稿：镇党委召开扩大会议。", _iso(T[2]), _iso(T[4])),
        ("丙稿：镇党委召开会议并讲话。", _iso(T[4]), _iso(T[4]))]
    assert [r["body"] for r in archive.iter_records()] == ["丙稿：镇党委召开会议并讲话。"]


def test_an_earlier_sighting_of_a_later_text_moves_its_start(archive):
    _store(archive, "甲稿：街道召开会议。", T[0])
    _store(archive, "乙稿：街道召开会议。", T[4])
    result = _store(archive, "乙稿：街道召开会议。", T[2])  # the new text was up already at T[2]
    assert _history(archive) == [("甲稿：街道召开会议。", _iso(T[0]), _iso(T[2])),
                                 ("乙稿：街道召开会议。", _iso(T[2]), _iso(T[4]))]
    assert result.items[0][0] == "older"
    # and another sighting of a superseded text inside its own span adds nothing
    _store(archive, "甲稿：街道召开会议。", T[1])
    assert len(_history(archive)) == 2


def test_a_different_text_inside_the_current_span_is_a_change_and_back(archive):
    _store(archive, "甲稿：区政府召开常务会议。", T[0])
    _store(archive, "甲稿：区政府召开常务会议。", T[4])  # seen at T[0] and T[4]: one version
    _store(archive, "乙稿：区政府召开常务会议。", T[2])  # but at T[2] the page said this
    assert _history(archive) == [
        ("甲稿：区政府召开常务会议。", _iso(T[0]), _iso(T[2])),
        ("乙稿：区政府召开常务会议。", _iso(T[2]), _iso(T[2])),
        ("甲稿：区政府召开常务会议。", _iso(T[2]), _iso(T[4]))]
    [record] = list(archive.iter_records())
    assert record["body"] == "甲稿：区政府召开常务会议。" and record["version"] == 3


def test_the_current_text_seen_earlier_only_moves_first_seen(archive):
    _store(archive, "甲稿：区人大召开会议。", T[2])
    result = _store(archive, "甲稿：区人大召开会议。", T[0])
    assert result.unchanged == [result.items[0][1]] and result.older == []
    [record] = list(archive.iter_records())
    assert (record["first_seen"], record["last_seen"], record["version"]) == (_iso(T[0]), _iso(T[2]), 1)


def test_texts_in_time_order_still_change_the_current_version(archive):
    _store(archive, "甲稿：区政协召开会议。", T[0])
    result = _store(archive, "乙稿：区政协召开会议。", T[1])
    assert result.changed == [result.items[0][1]]
    assert [r["body"] for r in archive.iter_records()] == ["乙稿：区政协召开会议。"]
