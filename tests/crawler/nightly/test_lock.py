"""One nightly at a time per archive; a lock left by a killed run is taken over."""
from __future__ import annotations

import socket
import subprocess
from datetime import datetime, timedelta, timezone

from sqlalchemy import insert

from storage.archive import Archive
from storage.models import LockRow


def test_an_overlapping_run_is_refused_with_one_line_and_exit_75(night_site):
    with Archive.open(night_site.db_url, migrate=True) as archive:
        assert archive.acquire_lock("nightly").acquired  # held by this (live) test process
        try:
            result = night_site.nightly()
        finally:
            archive.release_lock("nightly")
    assert result.code == 75
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "another run holds the archive" in lines[0], result.err
    assert "pid" in lines[0]
    assert night_site.server.hits == {}  # nothing was crawled
    assert night_site.runs() == []


def test_a_stale_lock_of_a_dead_process_is_taken_over(night_site):
    dead = subprocess.Popen(["true"])
    dead.wait()
    now = datetime.now(timezone.utc)
    with Archive.open(night_site.db_url, migrate=True) as archive:
        with archive._engine.begin() as conn:
            conn.execute(insert(LockRow).values(name="nightly", holder=f"{socket.gethostname()}:{dead.pid}",
                                                host=socket.gethostname(), pid=dead.pid,
                                                acquired=now - timedelta(hours=1), heartbeat=now))
    result = night_site.nightly()
    assert result.code == 0, result.err
    assert "took over a stale lock" in result.err
    with Archive.open(night_site.db_url) as archive:
        assert archive.lock_holder("nightly") is None  # released at the end
