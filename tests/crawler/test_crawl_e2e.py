"""End to end: the real `jiezhen` commands crawl local sites into both databases.

Each crawl is checked field by field against expected records written by hand
(tests/fixtures/expected/*.json), and the run record must count every failure by kind.
"""
from __future__ import annotations

import json

from tests.crawler.conftest import (FAST, REPO_ROOT, compare_with_expected, export_records,
                                    load_expected, run_cli)


def runs_of(db_url: str) -> list[dict]:
    result = run_cli("runs", "--format", "json", "--db", db_url)
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_demo_crawls_bundled_site_into_each_database(db_url):
    result = run_cli("demo", "--db", db_url)
    assert result.code == 0, result.err
    # the summary: pages, articles, errors by kind, where the database is, a sample search
    assert "pages fetched" in result.out and "articles archived" in result.out
    assert "errors" in result.out and "http_404" in result.out
    assert "database:" in result.out
    assert "sample search" in result.out
    records = export_records(db_url)
    demo = load_expected("demo")
    base = result.out.split("demo site: ")[1].split("/ ")[0]
    assert compare_with_expected(records, demo, base) == []
    runs = runs_of(db_url)
    assert {r["site"] for r in runs} == {"demo-changning", "demo-xinjing"}
    assert all(r["status"] == "finished" and r["finished"] for r in runs)
    assert sum(r["new"] for r in runs) == len(demo["articles"])
    assert sum(r["errors"].get("http_404", 0) for r in runs) == len(demo["dead"])
    # list pages, the topic pages linked from lists, home and contact pages are not articles
    archived = {r["url"].replace(base, "") for r in records}
    assert not archived & set(demo["not_articles"])


def test_generic_mode_on_a_different_layout_counts_every_failure(db_url, alt_server):
    expected = load_expected("altsite")
    start = alt_server.base_url + expected["list_pages"][0]
    result = run_cli("crawl", "--start-url", start, "--db", db_url, *FAST)
    assert result.code == 0, result.err + result.out
    records = export_records(db_url)
    assert compare_with_expected(records, expected, alt_server.base_url) == []
    (run,) = runs_of(db_url)
    assert run["status"] == "finished" and run["site"] == alt_server.base_url.split("//")[1]
    errors = run["errors"]
    assert errors.get("http_404", 0) >= 1
    assert errors.get("http_500", 0) >= 1
    assert errors.get("timeout", 0) >= 1
    assert errors.get("truncated", 0) >= 1
    # nothing was fetched off-host
    assert all(r["url"].startswith(alt_server.base_url) for r in records)
    # the 500 page was retried (RETRY_TIMES=1), then given up and counted once
    assert alt_server.hits[expected["faults"]["status_500"]] == 2
    assert errors["http_500"] == 1
    # the robots.txt-disallowed and off-host pages were never fetched
    assert not any("example.invalid" in r["url"] for r in records)


def test_recrawl_adds_nothing_and_changes_nothing(sqlite_url, alt_server):
    start = alt_server.base_url + load_expected("altsite")["list_pages"][0]
    first = run_cli("crawl", "--start-url", start, "--db", sqlite_url, *FAST)
    assert first.code == 0, first.err
    before = export_records(sqlite_url)
    second = run_cli("crawl", "--start-url", start, "--db", sqlite_url, *FAST)
    assert second.code == 0, second.err
    after = export_records(sqlite_url)
    strip = lambda recs: [{k: v for k, v in r.items() if k != "last_seen"} for r in recs]  # noqa: E731
    assert strip(after) == strip(before)
    assert all(a["last_seen"] >= b["last_seen"] for a, b in zip(after, before))
    latest = runs_of(sqlite_url)[0]
    assert latest["new"] == 0 and latest["changed"] == 0


def test_scrapy_crawl_slug_from_repository_root(sqlite_url, demo_server, tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    profile = (REPO_ROOT / "crawler" / "sites" / "demo-xinjing.toml").read_text(encoding="utf-8")
    sites = tmp_path / "sites"
    sites.mkdir()
    (sites / "local-xinjing.toml").write_text(
        profile.replace('slug = "demo-xinjing"', 'slug = "local-xinjing"')
               .replace("demo = true", "demo = false")
               .replace('parent = "demo-changning"', 'parent = ""')
               .replace('base_url = "http://127.0.0.1:8157"', f'base_url = "{demo_server.base_url}"'),
        encoding="utf-8")
    scrapy = Path(sys.executable).parent / "scrapy"
    proc = subprocess.run([str(scrapy), "crawl", "local-xinjing", "-s", f"JIEZHEN_DB={sqlite_url}",
                           "-s", f"JIEZHEN_SITES_DIR={sites}", "-s", "AUTOTHROTTLE_ENABLED=False",
                           "-s", "DOWNLOAD_DELAY=0", "-s", "LOG_LEVEL=WARNING"],
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    records = export_records(sqlite_url)
    demo = load_expected("demo")
    town = [a for a in demo["articles"] if a["path"].startswith("/xjz/")]
    assert {r["url"] for r in records} == {demo_server.base_url + a["path"] for a in town}
    assert {r["site"] for r in records} == {"local-xinjing"}


def test_extraction_in_worker_processes_archives_what_extraction_here_does(tmp_path, alt_server):
    """JIEZHEN_EXTRACT_PROCESSES: worker processes (the default on a machine with a spare
    core) and in-process extraction give the same archive, field for field."""
    expected = load_expected("altsite")
    start = alt_server.base_url + expected["list_pages"][0]
    archives = {}
    for processes in ("0", "2"):
        db_url = f"sqlite:///{tmp_path}/extract{processes}.db"
        result = run_cli("crawl", "--start-url", start, "--db", db_url, *FAST,
                         "-s", f"JIEZHEN_EXTRACT_PROCESSES={processes}")
        assert result.code == 0, result.err + result.out
        records = export_records(db_url)
        assert compare_with_expected(records, expected, alt_server.base_url) == []
        archives[processes] = {r["url"]: {k: v for k, v in r.items()
                                          if k not in ("id", "first_seen", "last_seen", "sightings", "capture", "captures")}
                               for r in records}
    assert archives["2"] == archives["0"]
