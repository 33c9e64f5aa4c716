"""Bad input never costs what is already archived.

A site that starts failing (server errors, dead links, timeouts, cut-off pages, a
lying charset header) after its articles were archived must leave those articles as
they were; a crawl killed outright must leave a sound archive that the next crawl
completes.
"""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time

from tests.crawler.conftest import (FAST, compare_with_expected, export_records, jiezhen_command,
                                    load_expected, run_cli)


def test_failures_on_recrawl_change_nothing_stored(db_url, alt_server):
    expected = load_expected("altsite")
    start = alt_server.base_url + expected["list_pages"][0]
    assert run_cli("crawl", "--start-url", start, "--db", db_url, *FAST).code == 0
    before = {r["url"]: r for r in export_records(db_url)}
    paths = [a["path"] for a in expected["articles"]
             if a["path"] not in expected["faults"].values()]
    broken = {
        paths[0]: {"status": 500},
        paths[1]: {"status": 404},
        paths[2]: {"delay": 3},
        paths[3]: {"truncate": 1200},
        paths[4]: {"content_type": "text/html; charset=iso-8859-1"},
    }
    alt_server.routes.update(broken)
    # --full: archived pages are fetched again (an incremental crawl would skip them)
    result = run_cli("crawl", "--full", "--start-url", start, "--db", db_url, *FAST)
    assert result.code == 0, result.err
    after = {r["url"]: r for r in export_records(db_url)}
    assert set(after) == set(before)
    for url, old in before.items():
        new = after[url]
        assert {k: v for k, v in new.items() if k != "last_seen"} == \
               {k: v for k, v in old.items() if k != "last_seen"}, url
    # the page with the lying charset header was read correctly, so it was simply seen again
    lying = alt_server.base_url + paths[4]
    assert after[lying]["last_seen"] >= before[lying]["last_seen"]
    run = json.loads(run_cli("runs", "--format", "json", "--db", db_url).out)[0]
    assert run["changed"] == 0 and run["new"] == 0
    for kind in ("http_500", "http_404", "timeout", "truncated"):
        assert run["errors"].get(kind, 0) >= 1, (kind, run["errors"])
    # the archive still matches the hand-written expectations field by field
    assert compare_with_expected(list(after.values()), expected, alt_server.base_url) == []


def test_killed_crawl_leaves_a_sound_archive_and_the_next_run_completes(sqlite_url, alt_server):
    expected = load_expected("altsite")
    start = alt_server.base_url + expected["list_pages"][0]
    alt_server.routes["/art/"] = {"delay": 0.4}
    db_file = sqlite_url[len("sqlite:///"):]
    proc = subprocess.Popen([*jiezhen_command(), "crawl", "--start-url", start, "--db", sqlite_url,
                             *FAST, "-s", "DOWNLOAD_TIMEOUT=5", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1",
                             "-s", "JIEZHEN_BATCH_SIZE=1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        stored = 0
        while time.monotonic() < deadline and stored < 2:
            time.sleep(0.2)
            if os.path.exists(db_file):
                try:
                    with sqlite3.connect(db_file, timeout=1) as conn:
                        stored = conn.execute("select count(*) from articles").fetchone()[0]
                except sqlite3.OperationalError:
                    stored = 0  # not migrated yet
        assert stored >= 2, "the crawl stored nothing in 30 s"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    with sqlite3.connect(db_file) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        killed = conn.execute("select count(*) from articles").fetchone()[0]
    assert 2 <= killed < len(expected["articles"])
    partial = {r["url"]: r for r in export_records(sqlite_url)}
    runs = json.loads(run_cli("runs", "--format", "json", "--db", sqlite_url).out)
    # visibly never finished, and told apart from a live crawl: its process is gone
    assert (runs[0]["status"], runs[0]["finished"]) == ("killed", None)
    assert runs[0]["pid"] == proc.pid

    del alt_server.routes["/art/"]
    again = run_cli("crawl", "--start-url", start, "--db", sqlite_url, *FAST)
    assert again.code == 0, again.err
    records = export_records(sqlite_url)
    assert compare_with_expected(records, expected, alt_server.base_url) == []
    for record in records:  # what the killed run stored is untouched
        if record["url"] in partial:
            assert record["first_seen"] == partial[record["url"]]["first_seen"]
            assert record["content_hash"] == partial[record["url"]]["content_hash"]


def test_a_site_that_cannot_be_reached_is_flagged_and_exits_4(sqlite_url, alt_server):
    """A dead start page is not a quiet night: cron must see a non-zero code, health a flag."""
    import socket

    start = alt_server.base_url + load_expected("altsite")["list_pages"][0]
    assert run_cli("crawl", "--start-url", start, "--db", sqlite_url, *FAST).code == 0
    before = export_records(sqlite_url)
    with socket.socket() as sock:  # a port nothing listens on: every connection refused
        sock.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{sock.getsockname()[1]}/news/index.html"
    result = run_cli("crawl", "--start-url", dead, "--db", sqlite_url, *FAST)
    assert result.code == 4, result.err + result.out
    assert "flagged           unreachable (no page could be fetched" in result.out
    run = json.loads(run_cli("runs", "--format", "json", "--db", sqlite_url).out)[0]
    assert (run["status"], run["flags"], run["pages"]) == ("suspect", ["unreachable"], 0)
    assert run["errors"].get("connection", 0) >= 1, run["errors"]
    assert export_records(sqlite_url) == before
