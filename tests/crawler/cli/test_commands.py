"""The real `jiezhen` commands, run as a user runs them (subprocess, exit codes, output)."""
from __future__ import annotations

import csv
import io
import json

import pytest

from storage.records import ARTICLE_KEYS
from tests.crawler.conftest import REPO_ROOT, export_records, load_expected, run_cli

DEMO_SITE = REPO_ROOT / "crawler" / "demo" / "site"
ARCHIVE_KEYS = ("id", "first_seen", "last_seen", "sightings", "duplicate_of", "version", "capture")


def test_help_lists_commands_and_exit_codes():
    result = run_cli("--help")
    assert result.code == 0
    for command in ("demo", "crawl", "extract", "export", "search", "sites", "runs", "db"):
        assert command in result.out
    assert "exit status" in result.out


@pytest.mark.parametrize("args", [["crawl"], ["search"], ["frobnicate"], ["export", "--format", "xml"],
                                  ["crawl", "--start-url", "ftp://x/"], ["search", "x", "--since", "2023-13-01"]])
def test_usage_errors_exit_2(args):
    result = run_cli(*args)
    assert result.code == 2, (result.out, result.err)
    assert "Traceback" not in result.err


@pytest.mark.parametrize("args", [["search", "调研"], ["export"], ["runs"], ["crawl", "--start-url", "http://127.0.0.1:9/"]])
def test_unreachable_database_is_one_line_and_exit_1(args):
    result = run_cli(*args, "--db", "postgresql+psycopg://postgres:secret@127.0.0.1:1/nowhere")
    assert result.code == 1
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.err
    assert "127.0.0.1:1" in lines[0] and "secret" not in lines[0]


def test_unmigrated_database_is_refused_for_read_commands(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    result = run_cli("export", "--db", url)
    assert result.code == 1
    assert "jiezhen db upgrade" in result.err and len(result.err.strip().splitlines()) == 1
    assert run_cli("db", "upgrade", "--db", url).code == 0
    again = run_cli("export", "--db", url)
    assert again.code == 0 and again.out == ""


def test_db_url_from_environment(tmp_path):
    url = f"sqlite:///{tmp_path / 'env.db'}"
    assert run_cli("db", "upgrade", env={"JIEZHEN_DB": url}).code == 0
    assert (tmp_path / "env.db").exists()


def test_sites_lists_bundled_profiles_and_validates(tmp_path):
    result = run_cli("sites")
    assert result.code == 0 and "demo-changning" in result.out and "demo-xinjing" in result.out
    data = json.loads(run_cli("sites", "--format", "json").out)
    town = next(s for s in data if s["slug"] == "demo-xinjing")
    assert town["parent"] == "demo-changning" and town["level"] in ("镇", "街道")
    (tmp_path / "bad.toml").write_text('slug = "bad"\nname = "x"\nlevel = "村"\nstart_urls = ["http://h/"]\n',
                                       encoding="utf-8")
    bad = run_cli("sites", "validate", "--sites-dir", str(tmp_path))
    assert bad.code == 1 and f"{tmp_path / 'bad.toml'}:3:" in bad.err


def _demo_article(expected: dict, prefix: str) -> dict:
    return next(a for a in expected["articles"] if a["path"].startswith(prefix))


@pytest.mark.parametrize("prefix", ["/qu/", "/xjz/"])
def test_extract_prints_article_record_from_saved_page(prefix):
    exp = _demo_article(load_expected("demo"), prefix)
    page = DEMO_SITE / exp["path"].lstrip("/").split("?")[0]
    result = run_cli("extract", str(page), "--url", "http://127.0.0.1:8157" + exp["path"])
    assert result.code == 0, result.err
    record = json.loads(result.out)
    assert list(record)[:len(ARTICLE_KEYS)] == list(ARTICLE_KEYS)
    assert record["title"] == exp["title"] and record["published"] == exp["published"]
    assert record["source"] == exp["source"]
    assert record["url"] == "http://127.0.0.1:8157" + exp["path"]
    assert record["content_hash"].startswith("sha256:")
    # the same bytes on stdin give the same record
    piped = run_cli("extract", "-", "--url", "http://127.0.0.1:8157" + exp["path"], stdin=page.read_bytes())
    assert json.loads(piped.out) == record


def test_extract_text_mode():
    text = "新泾镇召开2023年工作会议\n发布时间：2023-02-06\n　　2月3日上午，新泾镇召开2023年工作会议。\n\n会议总结了2022年工作。\n"
    result = run_cli("extract", "--text", "-", stdin=text.encode("utf-8"))
    assert result.code == 0, result.err
    record = json.loads(result.out)
    assert record["title"] == "新泾镇召开2023年工作会议"
    assert record["published"] == "2023-02-06"
    assert record["body"] == "2月3日上午，新泾镇召开2023年工作会议。\n会议总结了2022年工作。"


def test_extract_batch_keeps_order_and_reports_bad_lines(tmp_path):
    exp = _demo_article(load_expected("demo"), "/qu/")
    page = DEMO_SITE / exp["path"].lstrip("/")
    (tmp_path / "note.txt").write_text("标题一行\n正文第一段。\n", encoding="utf-8")
    (tmp_path / "broken.html").write_bytes(b"\x00\xff<html><body><p>")
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join([
        json.dumps({"path": str(page), "url": "http://h.cn" + exp["path"]}),
        json.dumps({"path": str(tmp_path / "missing.html")}),
        "{not json",
        json.dumps({"path": "note.txt", "text": True, "published": "2023-02-01"}),
        json.dumps({"path": str(tmp_path / "broken.html")}),
    ]) + "\n", encoding="utf-8")
    result = run_cli("extract", "--batch", str(batch))
    assert result.code == 0, result.err
    records = [json.loads(line) for line in result.out.splitlines()]
    assert len(records) == 5
    assert records[0]["title"] == exp["title"] and "error" not in records[0]
    assert "cannot read" in records[1]["error"]
    assert "line 3" in records[2]["error"]
    assert records[3]["title"] == "标题一行" and records[3]["published"] == "2023-02-01"
    assert "error" in records[4]


def test_extract_missing_file_is_exit_1():
    result = run_cli("extract", "/nonexistent/page.html")
    assert result.code == 1 and "cannot read" in result.err


def test_search_and_export_after_a_crawl(db_url):
    demo = run_cli("demo", "--db", db_url)
    assert demo.code == 0, demo.err
    records = export_records(db_url)
    assert records and all(list(r)[:len(ARTICLE_KEYS)] == list(ARTICLE_KEYS) for r in records)
    assert all(k in r for r in records for k in ARCHIVE_KEYS)

    # every article containing the query, and only those (Python substring as the oracle)
    for query in ("调研", "镇", "会议 工作"):
        terms = query.split()
        # one result per story: the demo's district portal re-posts a town story (issue 5)
        want = {r["id"] for r in records
                if r["duplicate_of"] is None and all(t in r["title"] + r["body"] for t in terms)}
        result = run_cli("search", query, "--format", "json", "--limit", "500", "--db", db_url)
        assert result.code == 0, result.err
        hits = json.loads(result.out)
        assert {h["id"] for h in hits} == want, query
        assert all("score" in h and "snippet" in h for h in hits)
        assert json.loads(result.err.strip().splitlines()[-1])["total"] == len(want)
        # relevance order puts articles with every term in the title first
        flags = [h["title_match"] for h in hits]
        assert flags == sorted(flags, reverse=True)
        by_date = json.loads(run_cli("search", query, "--sort", "date", "--format", "json",
                                     "--limit", "500", "--db", db_url).out)
        dates = [h["published"] or "" for h in by_date]
        assert dates == sorted(dates, reverse=True)  # newest first

    site_hits = json.loads(run_cli("search", "镇", "--site", "demo-xinjing", "--format", "json",
                                   "--limit", "500", "--db", db_url).out)
    assert site_hits and all(h["site"] == "demo-xinjing" for h in site_hits)
    dated = sorted(r["published"][:10] for r in records if r["published"])
    middle = dated[len(dated) // 2]
    since_hits = json.loads(run_cli("search", "镇", "--since", middle, "--format", "json",
                                    "--limit", "500", "--db", db_url).out)
    assert all(h["published"][:10] >= middle for h in since_hits)
    until_hits = json.loads(run_cli("search", "镇", "--until", middle, "--format", "json",
                                    "--limit", "500", "--db", db_url).out)
    assert all(h["published"][:10] <= middle for h in until_hits)

    table = run_cli("search", "调研", "--facets", "site,month", "--db", db_url)
    assert table.code == 0 and "match" in table.out
    assert any(line.startswith("site: ") for line in table.out.splitlines())
    assert run_cli("search", "调研", "--facets", "colour", "--db", db_url).code == 2
    reindex = run_cli("db", "reindex", "--db", db_url)
    assert reindex.code == 0 and f"{len(records)} articles" in reindex.out
    nothing = run_cli("search", "100%_不存在的词'\"", "--db", db_url)
    assert nothing.code == 0 and nothing.out.strip().endswith("0 matches")

    csv_out = run_cli("export", "--format", "csv", "--db", db_url)
    rows = list(csv.DictReader(io.StringIO(csv_out.out.lstrip("\ufeff"))))
    assert len(rows) == len(records)
    assert {r["url"] for r in rows} == {r["url"] for r in records}
