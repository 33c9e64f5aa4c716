"""``search --district`` and ``export --district`` after a crawl that recorded the hierarchy."""
from __future__ import annotations

import csv
import io
import json

from tests.crawler.conftest import export_records, run_cli


def test_district_selects_the_district_and_its_towns(db_url):
    demo = run_cli("demo", "--db", db_url)
    assert demo.code == 0, demo.err
    records = export_records(db_url)
    by_site = {site: {r["id"] for r in records if r["site"] == site}
               for site in ("demo-changning", "demo-xinjing")}
    assert all(by_site.values())

    district = run_cli("export", "--district", "长宁区", "--db", db_url)
    assert district.code == 0, district.err
    assert {json.loads(line)["id"] for line in district.out.splitlines()} == \
        by_site["demo-changning"] | by_site["demo-xinjing"]
    town = run_cli("export", "--district", "新泾镇", "--format", "csv", "--db", db_url)
    assert town.code == 0
    rows = list(csv.DictReader(io.StringIO(town.out)))
    assert {int(row["id"]) for row in rows} == by_site["demo-xinjing"]

    want = {r["id"] for r in records if "镇" in r["title"] + r["body"] and r["site"] == "demo-xinjing"}
    hits = run_cli("search", "镇", "--district", "demo-xinjing", "--format", "json", "--limit", "500",
                   "--db", db_url)
    assert hits.code == 0, hits.err
    assert {h["id"] for h in json.loads(hits.out)} == want

    # one result per story: a town's repost of a district story is found through the district's
    # copy when both are in view, and through its own copy when only the town is
    repost = next(r for r in records if r["duplicate_of"] is not None)
    canonical = next(r for r in records if r["id"] == repost["duplicate_of"])
    assert {canonical["site"], repost["site"]} == {"demo-changning", "demo-xinjing"}  # which is
    # canonical depends on crawl order (same publish date: the one archived first)
    town_copy = canonical if canonical["site"] == "demo-xinjing" else repost
    for district, found in (("长宁区", canonical["id"]), ("demo-xinjing", town_copy["id"])):
        story = run_cli("search", f'"{repost["title"]}"', "--district", district, "--format", "json",
                        "--db", db_url)
        assert [h["id"] for h in json.loads(story.out)] == [found], district

    unknown = run_cli("search", "镇", "--district", "徐汇区", "--db", db_url)
    assert unknown.code == 1 and "徐汇区" in unknown.err
    assert run_cli("export", "--district", "徐汇区", "--db", db_url).code == 1
