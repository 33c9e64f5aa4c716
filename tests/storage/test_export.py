"""JSON Lines and CSV exports read back with the standard library, keys as documented."""
from __future__ import annotations

import csv
import io
import json

import pytest

from storage.export import write_csv, write_jsonl
from storage.rows import EXPORT_KEYS

from .factories import T0, article

DOCUMENTED_KEYS = [
    "url", "site", "title", "subtitle", "published", "source", "author", "editor", "body", "images",
    "attachments", "meeting", "content_hash",
    "id", "first_seen", "last_seen", "sightings", "duplicate_of", "version", "capture",
    "versions", "captures",
]


@pytest.fixture
def stored(archive):
    archive.store_batch([
        (article(1, title="区政协调研", body="第一段，\"引号\"。\n第二段, 逗号。", author="张三",
                 images=[{"src": "https://x/1.jpg", "caption": "调研现场"}],
                 attachments=[{"url": "https://x/a.pdf", "name": "附件.pdf"}],
                 meeting={"event_type": "调研", "event_date_approx": False,
                          "people": [{"name": "洪流", "titles": ["主席"], "org": "区政协",
                                      "role": "present"}]}), None),
        (article(2), None),
    ], seen_at=T0)
    return archive


def test_export_keys_are_the_documented_ones():
    assert list(EXPORT_KEYS) == DOCUMENTED_KEYS


def test_jsonl_round_trip(stored):
    out = io.StringIO()
    assert write_jsonl(stored.iter_records(), out) == 2
    lines = out.getvalue().splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert list(first) == DOCUMENTED_KEYS
    assert "区政协调研" in lines[0]  # characters, not \u escapes
    assert first["body"] == "第一段，\"引号\"。\n第二段, 逗号。"
    assert first["meeting"]["people"][0]["name"] == "洪流"
    assert first["images"] == [{"src": "https://x/1.jpg", "caption": "调研现场"}]
    assert first["subtitle"] is None and first["capture"] is None
    assert [json.loads(line) for line in lines] == list(stored.iter_records())


def test_csv_round_trip(stored, tmp_path):
    path = tmp_path / "export.csv"
    with path.open("w", encoding="utf-8", newline="") as fp:
        assert write_csv(stored.iter_records(), fp) == 2
    with path.open(encoding="utf-8", newline="") as fp:
        reader = csv.DictReader(fp)
        assert reader.fieldnames == DOCUMENTED_KEYS
        rows = list(reader)
    assert len(rows) == 2
    first = rows[0]
    assert first["title"] == "区政协调研"
    assert first["body"] == "第一段，\"引号\"。\n第二段, 逗号。"
    assert first["subtitle"] == ""  # null is an empty cell
    assert json.loads(first["images"]) == [{"src": "https://x/1.jpg", "caption": "调研现场"}]
    assert json.loads(first["meeting"])["event_date_approx"] is False
    assert json.loads(first["sightings"])[0]["url"] == "https://www.shcn.gov.cn/art/1.html"
    assert first["version"] == "1" and first["first_seen"] == "2026-11-27T08:00:00Z"
    assert rows[1]["meeting"] == "" and rows[1]["images"] == "[]"


def test_csv_bom_is_opt_in_for_excel(stored):
    plain, excel = io.StringIO(), io.StringIO()
    write_csv(stored.iter_records(), plain)
    write_csv(stored.iter_records(), excel, bom=True)
    assert plain.getvalue().startswith("url,site,")
    assert excel.getvalue() == "\ufeff" + plain.getvalue()
    reread = csv.reader(io.StringIO(excel.getvalue().encode("utf-8").decode("utf-8-sig")))
    assert next(reread)[0] == "url"


def test_empty_export_still_has_a_header():
    out = io.StringIO()
    assert write_csv([], out) == 0
    assert next(csv.reader(io.StringIO(out.getvalue()))) == DOCUMENTED_KEYS
    empty = io.StringIO()
    assert write_jsonl([], empty) == 0 and empty.getvalue() == ""


def test_writers_consume_records_one_at_a_time():
    """A generator that fails after two records proves nothing was read ahead in bulk."""
    written = io.StringIO()

    def records():
        yield {"id": 1, "title": "一"}
        yield {"id": 2, "title": "二"}
        assert written.getvalue().count("\n") >= 1, "first record not yet written"
    write_jsonl(records(), written)
    assert written.getvalue().splitlines() == ['{"id": 1, "title": "一"}', '{"id": 2, "title": "二"}']
