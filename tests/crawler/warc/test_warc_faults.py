"""Faults: a crawl killed with SIGKILL mid-write, and a WARC folder that is full or unwritable."""
from __future__ import annotations

import os
import resource
import signal
import subprocess
import time
from pathlib import Path

import pytest

from crawler.warc.members import scan_members
from tests.crawler.conftest import FAST, REPO_ROOT, jiezhen_command, load_expected, run_cli
from tests.crawler.warc.helpers import exported, warcio_check

def _crawl_args(start: str, db: str, warc: Path) -> list[str]:
    return ["crawl", "--start-url", start, "--db", db, "--warc-dir", str(warc), *FAST,
            "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2", "-s", "JIEZHEN_BATCH_SIZE=2",
            "-s", "JIEZHEN_FLUSH_SECONDS=0.2", "-s", "DOWNLOAD_TIMEOUT=5"]


def _env() -> dict:
    env = {k: v for k, v in os.environ.items() if k != "JIEZHEN_DB"}
    env["NO_COLOR"] = "1"
    return env


def _open_file_size(warc: Path) -> int:
    sizes = [p.stat().st_size for p in warc.glob("*.open")] if warc.is_dir() else []
    return max(sizes, default=0)


def _kill_crawl_when(start: str, db: str, warc: Path, ready) -> subprocess.Popen:  # noqa: ANN001
    """Start a crawl, SIGKILL it as soon as ``ready()`` (polled; an error counts as not yet:
    the crawl may still be creating the archive), or after 60 s; returns the dead process."""
    proc = subprocess.Popen([*jiezhen_command(), *_crawl_args(start, db, warc)], cwd=REPO_ROOT,
                            env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while proc.poll() is None:
            assert time.monotonic() < deadline, "the crawl never got that far"
            try:
                if ready():
                    break
            except Exception:  # noqa: BLE001
                pass
            time.sleep(0.005)
        if proc.poll() is None:  # else it ended first: the caller's returncode check says so
            os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    return proc


@pytest.mark.parametrize("kill_at_bytes", [1, 6_000, 20_000])
def test_sigkill_mid_crawl_then_the_next_crawl_recovers_and_refetches(slow_site, tmp_path, kill_at_bytes):
    server, start, articles = slow_site
    db, warc = f"sqlite:///{tmp_path}/a.db", tmp_path / "warc"
    proc = _kill_crawl_when(start, db, warc, lambda: _open_file_size(warc) >= kill_at_bytes)
    assert proc.returncode == -signal.SIGKILL
    torn = list(warc.glob("*.warc.gz.open"))
    assert len(torn) == 1
    # what the database holds points only at records that are whole on disk
    stored_before = exported(db)
    verified = run_cli("verify", "--db", db, "--warc-dir", str(warc))
    assert verified.code == 0, verified.err
    assert "open file, left by a killed crawl" in verified.out

    again = run_cli(*_crawl_args(start, db, warc))
    assert again.code == 0, again.err
    assert not list(warc.glob("*.open"))
    recovered = warc / torn[0].name[:-len(".open")]
    assert recovered.is_file()
    for path in warc.glob("*.warc.gz"):
        assert scan_members(path).intact, path
        check = warcio_check(path)
        assert check.returncode == 0, check.stdout
    records = exported(db)
    assert len(records) == articles  # what the kill lost was fetched again
    assert {r["url"] for r in stored_before} <= {r["url"] for r in records}
    assert all(r["capture"] for r in records)
    verified = run_cli("verify", "--db", db, "--warc-dir", str(warc))
    assert verified.code == 0 and "open file" not in verified.out, verified.out + verified.err


def test_unwritable_warc_folder_stops_before_fetching(alt_server, sqlite_url, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    start = alt_server.base_url + load_expected("altsite")["list_pages"][0]
    result = run_cli("crawl", "--start-url", start, "--db", sqlite_url, "--warc-dir",
                     str(blocker / "warc"), *FAST)
    assert result.code == 1
    assert f"cannot write WARC files to {blocker / 'warc'}" in result.err
    assert "--no-warc" in result.err and "Traceback" not in result.err
    assert not alt_server.hits and exported(sqlite_url) == []


def test_warc_disk_full_mid_crawl_stops_cleanly_and_nothing_points_at_lost_records(
        fast_site, postgres_url, tmp_path):
    """A file-size limit makes the WARC write fail (EFBIG) part-way, as a full disk would
    (ENOSPC): same code path. The archive is on PostgreSQL, outside the limit."""
    warc = tmp_path / "warc"
    _, start, articles = fast_site
    args = ["crawl", "--start-url", start, "--db", postgres_url, "--warc-dir", str(warc), *FAST,
            "-s", "JIEZHEN_BATCH_SIZE=2", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1"]
    limit = 16_000

    def small_files() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    proc = subprocess.run([*jiezhen_command(), *args], cwd=REPO_ROOT, env=_env(),
                          capture_output=True, timeout=120, preexec_fn=small_files)
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 3, err  # the crawl ended early
    assert "WARC capture failed, stopping the crawl" in err and "File too large" in err
    assert "warc_error" in proc.stdout.decode()
    files = list(warc.iterdir())
    assert files and all(p.stat().st_size <= limit for p in files)
    assert all(scan_members(p).intact for p in files)  # the failed write was cut back off
    verified = run_cli("verify", "--db", postgres_url, "--warc-dir", str(warc))
    assert verified.code == 0, verified.err
    # an article whose record could not be written is not archived (so it is fetched again)
    partial = exported(postgres_url)
    assert partial and all(r["capture"] for r in partial)
    # with room again, the next crawl completes the archive
    again = run_cli(*args)
    assert again.code == 0, again.err
    records = exported(postgres_url)
    assert len(records) == articles
    assert all(r["capture"] for r in records)
    assert run_cli("verify", "--db", postgres_url, "--warc-dir", str(warc)).code == 0


def test_records_of_a_killed_crawl_are_listed_up_to_its_last_commit(slow_site, tmp_path):
    """Records are listed in the archive at every commit, not only at a clean end: after a
    SIGKILL the list pages fetched before the last commit are known, so the next crawl
    records them as revisits, and `verify` checks them."""
    from warcio.archiveiterator import ArchiveIterator

    from storage.archive import Archive

    server, start, articles = slow_site
    db, warc = f"sqlite:///{tmp_path}/a.db", tmp_path / "warc"
    proc = _kill_crawl_when(start, db, warc, lambda: len(exported(db)) >= 4)
    assert proc.returncode == -signal.SIGKILL, "the crawl ended before it could be killed"
    with Archive.open(db) as archive:
        listed = {row["url"] for row in archive.warc_records()}
    assert start in listed  # the first list page, fetched before the first commit
    assert run_cli("verify", "--db", db, "--warc-dir", str(warc)).code == 0

    before = {p.name for p in warc.iterdir()}
    again = run_cli(*_crawl_args(start, db, warc))
    assert again.code == 0, again.err
    [newer] = [p for p in warc.glob("*.warc.gz") if p.name not in before and p.name + ".open" not in before]
    with open(newer, "rb") as fp:
        kinds = {(r.rec_headers.get_header("WARC-Target-URI"), r.rec_type) for r in ArchiveIterator(fp)}
    assert (start, "revisit") in kinds and (start, "response") not in kinds
    assert len(exported(db)) == articles
