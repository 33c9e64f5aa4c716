"""A demo crawl fills the person registry; ``jiezhen people`` and ``search --person`` read it.

The crawl runs as the real command; the read-only commands run in-process (``main``), which
is the same code without a second interpreter start per call.
"""
from __future__ import annotations

import json

import pytest

from crawler.cli.main import main
from tests.crawler.conftest import FAST, run_cli


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('people') / 'demo.db'}"
    result = run_cli("demo", "--db", url, *FAST)
    assert result.code == 0, result.err
    return url


def jiezhen(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_people_prints_a_timeline_of_a_crawled_person(demo_db, capsys):
    code, out, err = jiezhen(capsys, "people", "洪流", "--db", demo_db, "--format", "json")
    assert code == 0, err
    info = json.loads(out)
    assert info["name"] == "洪流" and info["orgs"] == ["区政协"] and info["titles"] == ["党组书记", "主席"]
    # the district's column and the town's site both carry the report of the 2月3日 visit
    assert sorted((a["date"], a["event_type"], a["role"], a["site"]) for a in info["appearances"]) == [
        ("2023-02-03", "调研", "present", "demo-changning"), ("2023-02-03", "调研", "present", "demo-xinjing")]


def test_people_table_shows_titles_and_events_by_date(demo_db, capsys):
    code, out, err = jiezhen(capsys, "people", "卞晓清", "--db", demo_db)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("卞晓清: 4 appearances")
    dates = [line.split()[0] for line in lines[3:]]
    assert dates == sorted(dates) and dates[0] == "2023-01-30"  # the 法治建设委员会 meeting comes first
    assert "法治建设委主任" in lines[3] and "工作会议" in lines[3]


def test_an_unknown_name_exits_1_with_a_message(demo_db, capsys):
    code, out, err = jiezhen(capsys, "people", "无名氏", "--db", demo_db)
    assert code == 1 and "无名氏" in err and out == ""


def test_search_person_filters_by_the_registry(demo_db, capsys):
    code, out, err = jiezhen(capsys, "search", "新泾镇", "--person", "范朱凤", "--db", demo_db, "--format", "json")
    assert code == 0, err
    assert {h["title"] for h in json.loads(out)} == {"区政协党组书记、主席洪流到新泾镇调研"}
