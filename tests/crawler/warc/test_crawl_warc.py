"""End to end: crawls write WARC files, the archive points into them, verify/reprocess/index use them."""
from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

from sqlalchemy import create_engine, text
from warcio.archiveiterator import ArchiveIterator

from crawler.warc.members import scan_members
from storage.archive import Archive
from tests.crawler.conftest import FAST, load_expected, run_cli
from tests.crawler.warc.helpers import exported, search_urls, warcio_check


def _records(directory: Path) -> list[tuple[str, str, int | None, str]]:
    """(type, target URI, HTTP status, file) of every record in the closed files."""
    out = []
    for path in sorted(directory.glob("*.warc.gz")):
        with open(path, "rb") as fp:
            for record in ArchiveIterator(fp):
                status = record.http_headers.get_statuscode() if record.http_headers else None
                out.append((record.rec_type, record.rec_headers.get_header("WARC-Target-URI"),
                            int(status) if status and record.rec_type != "request" else None, path.name))
    return out


def _crawl(site, db_url, warc_dir, *extra):
    """Crawl the altsite (given its server) or a generated site (server, start, count)."""
    if isinstance(site, tuple):
        start = site[1]
    else:
        start = site.base_url + load_expected("altsite")["list_pages"][0]
    args = ["crawl", "--start-url", start, "--db", db_url, *FAST, "-s", "JIEZHEN_BATCH_SIZE=3"]
    if warc_dir is not None:
        args += ["--warc-dir", str(warc_dir)]
    return run_cli(*args, *extra)


def _hits(db_url: str, query: str) -> list[str]:
    return search_urls(db_url, query)


def _sql(db_url: str, statement: str) -> None:
    engine = create_engine(db_url)
    try:
        with engine.begin() as conn:
            conn.execute(text(statement))
    finally:
        engine.dispose()


def test_every_exchange_is_captured_and_articles_point_at_their_record(db_url, alt_server, tmp_path):
    warc = tmp_path / "warc"
    result = _crawl(alt_server, db_url, warc)
    assert result.code == 0, result.err
    assert f") in {warc.resolve()}" in result.out and "WARC records" in result.out  # the summary
    files = sorted(p.name for p in warc.iterdir())
    assert files and not [f for f in files if f.endswith(".open")]
    host = alt_server.base_url.split("//")[1].replace(":", "_")
    for name in files:
        assert name.startswith(f"{host}-") and name.endswith(".warc.gz")
        check = warcio_check(warc / name)
        assert check.returncode == 0, check.stdout + check.stderr
    records = _records(warc)
    assert records[0][0] == "warcinfo"
    # an answer is a response record, or a revisit when the same URL gave the same bytes again
    responses = Counter(uri.replace(alt_server.base_url, "") for kind, uri, _, _ in records
                        if kind in ("response", "revisit"))
    requests = Counter(uri.replace(alt_server.base_url, "") for kind, uri, _, _ in records
                       if kind == "request")
    faults = load_expected("altsite")["faults"]
    # every answer the server gave is on record, the 500 both times it was tried, robots.txt too
    for path, hits in alt_server.hits.items():
        if path == faults["slow"]:  # never answered in time: nothing to record
            assert responses[path] == 0
            continue
        assert responses[path] == hits and requests[path] == hits, path
    assert [(k, s) for k, u, s, _ in records if k != "request" and (u or "").endswith(faults["status_500"])] \
        == [("response", 500), ("revisit", 500)]
    assert responses["/robots.txt"] == 1
    # each article's record says which response record its text came from
    archived = exported(db_url)
    assert len(archived) == len(load_expected("altsite")["articles"])
    by_id = {(f, None) for f in files}
    for record in archived:
        capture = record["capture"]
        assert capture and capture["warc_file"] in files and (capture["warc_file"], None) in by_id
        with open(warc / capture["warc_file"], "rb") as fp:
            fp.seek(capture["warc_offset"])
            found = next(iter(ArchiveIterator(fp)))
            assert found.rec_headers.get_header("WARC-Record-ID") == capture["warc_record_id"]
            assert found.rec_headers.get_header("WARC-Target-URI") == record["url"]
            assert found.rec_headers.get_header("WARC-Payload-Digest") == capture["payload_digest"]
    verified = run_cli("verify", "--db", db_url, "--warc-dir", str(warc))
    assert verified.code == 0, verified.err
    assert f"verified {len(archived)} captures and {len(files)} WARC files" in verified.out
    # the replay index names every archived article
    indexed = run_cli("warc", "index", "--db", db_url, "--warc-dir", str(warc))
    assert indexed.code == 0, indexed.err
    lines = (warc / "index.cdxj").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines)
    urls = {json.loads(line.split(" ", 2)[2])["url"] for line in lines}
    assert {r["url"] for r in archived} <= urls
    # damage is named and the exit status says so
    victim = warc / archived[0]["capture"]["warc_file"]
    os.truncate(victim, archived[0]["capture"]["warc_offset"] + 40)
    damaged = run_cli("verify", "--db", db_url, "--warc-dir", str(warc))
    assert damaged.code == 5
    assert "MISMATCH capture" in damaged.err and victim.name in damaged.err


def test_recrawl_writes_revisits_and_reprocess_restores_then_changes_nothing(db_url, fast_site, tmp_path):
    warc = tmp_path / "warc"
    assert _crawl(fast_site, db_url, warc).code == 0
    before = {r["url"]: r for r in exported(db_url)}
    assert len(before) == fast_site[2]
    second = _crawl(fast_site, db_url, warc, "--full")  # re-fetch what is archived
    assert second.code == 0, second.err
    records = _records(warc)
    second_file = sorted({f for *_, f in records})[-1]
    revisits = {u for k, u, _, f in records if k == "revisit" and f == second_file}
    assert set(before) <= revisits  # every unchanged article page is a revisit, not a copy
    # ...and the articles still point at the response records holding their bytes
    assert {r["url"]: r["capture"] for r in exported(db_url)} == \
        {u: r["capture"] for u, r in before.items()}
    before = {r["url"]: r for r in exported(db_url)}  # last_seen moved with the re-crawl

    unchanged = run_cli("reprocess", "--db", db_url, "--warc-dir", str(warc))
    assert unchanged.code == 0, unchanged.err
    assert f"reprocessed {len(before)} of {len(before)} articles: 0 changed" in unchanged.out

    # rules "improve": here, the stored records are made to differ from what extraction gives
    urls = sorted(before)
    _sql(db_url, f"UPDATE articles SET title = '旧规则标题', body = body || '旧规则尾巴' "
                 f"WHERE url = '{urls[0]}'")
    _sql(db_url, f"UPDATE articles SET published = '2001-01-01' WHERE url = '{urls[1]}'")
    with Archive.open(db_url) as archive:
        archive.reindex()  # the search index holds the damaged text too
    assert _hits(db_url, "旧规则") == [urls[0]]
    first = run_cli("reprocess", "--db", db_url, "--warc-dir", str(warc))
    assert first.code == 0, first.err
    changed = [line for line in first.out.splitlines() if line.startswith("changed")]
    assert len(changed) == 2
    assert urls[0] in changed[0] + changed[1] and "(title, body)" in first.out
    assert urls[1] in changed[0] + changed[1] and "(published)" in first.out
    after = {r["url"]: r for r in exported(db_url)}
    for url in urls:
        for key in ("title", "body", "published", "content_hash", "meeting", "first_seen", "last_seen",
                    "version"):
            assert after[url][key] == before[url][key], (url, key)
    assert _hits(db_url, "旧规则") == []  # the index followed
    assert urls[0] in _hits(db_url, before[urls[0]]["title"])
    again = run_cli("reprocess", "--db", db_url, "--warc-dir", str(warc))
    assert f"{len(before)} articles: 0 changed" in again.out
    assert exported(db_url) == list(after.values())


def test_no_warc_keeps_raw_bytes_in_the_database_and_reprocess_uses_them(sqlite_url, fast_site, tmp_path):
    warc = tmp_path / "warc"
    result = _crawl(fast_site, sqlite_url, warc, "--no-warc")
    assert result.code == 0, result.err
    assert not warc.exists()
    records = exported(sqlite_url)
    assert records and all(r["capture"] is None for r in records)
    _sql(sqlite_url, f"UPDATE articles SET title = 'x' WHERE url = '{records[0]['url']}'")
    out = run_cli("reprocess", "--db", sqlite_url).out
    assert "1 changed" in out and records[0]["url"] in out
    assert exported(sqlite_url)[0]["title"] == records[0]["title"]


def test_default_folder_is_beside_the_sqlite_archive(tmp_path, fast_site, monkeypatch):
    monkeypatch.delenv("JIEZHEN_WARC_DIR")
    db = f"sqlite:///{tmp_path}/news.db"
    assert _crawl(fast_site, db, None).code == 0
    files = list((tmp_path / "news.warc").glob("*.warc.gz"))
    assert files and all(scan_members(f).intact for f in files)
    verified = run_cli("verify", "--db", db)
    assert verified.code == 0 and str(tmp_path / "news.warc") in verified.out
