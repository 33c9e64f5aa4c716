"""The archive's named lock (storage/locks.py), on both databases."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone

from sqlalchemy import insert, update

from storage.models import LockRow
from storage.locks import pid_alive


def _plant(archive, *, pid: int, host: str | None = None, heartbeat_age: float = 0.0) -> None:
    now = datetime.now(timezone.utc)
    host = host or socket.gethostname()
    with archive._engine.begin() as conn:
        conn.execute(insert(LockRow).values(name="nightly", holder=f"{host}:{pid}", host=host, pid=pid,
                                            acquired=now - timedelta(hours=1),
                                            heartbeat=now - timedelta(seconds=heartbeat_age)))


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def test_acquire_release_and_reacquire(archive):
    first = archive.acquire_lock("nightly")
    assert first.acquired and first.took_over is None
    assert archive.lock_holder("nightly").pid == __import__("os").getpid()
    assert archive.acquire_lock("nightly").acquired  # re-entrant for the same holder
    assert archive.heartbeat_lock("nightly")
    archive.release_lock("nightly")
    assert archive.lock_holder("nightly") is None
    assert not archive.heartbeat_lock("nightly")


def test_a_live_holder_elsewhere_is_respected(archive):
    _plant(archive, pid=1, host="other-host.example", heartbeat_age=5)
    attempt = archive.acquire_lock("nightly")
    assert not attempt.acquired and attempt.holder.host == "other-host.example"
    archive.release_lock("nightly")  # not ours: nothing happens
    assert archive.lock_holder("nightly").host == "other-host.example"


def test_a_silent_holder_elsewhere_is_taken_over_after_the_stale_limit(archive):
    _plant(archive, pid=1, host="other-host.example", heartbeat_age=700)
    attempt = archive.acquire_lock("nightly", stale_after=600)
    assert attempt.acquired and attempt.took_over.host == "other-host.example"
    assert archive.lock_holder("nightly").host == socket.gethostname()


def test_a_dead_pid_on_this_host_is_taken_over_at_once(archive):
    _plant(archive, pid=_dead_pid(), heartbeat_age=1)
    assert archive.acquire_lock("nightly").acquired


def test_losing_the_lock_shows_in_the_heartbeat(archive):
    assert archive.acquire_lock("nightly").acquired
    with archive._engine.begin() as conn:
        conn.execute(update(LockRow).values(holder="thief:1", host="thief", pid=1))
    assert not archive.heartbeat_lock("nightly")


def test_the_heartbeat_works_from_another_thread(archive):
    """nightly beats from a background thread while the main thread waits on the crawls."""
    import threading

    assert archive.acquire_lock("nightly").acquired
    before = archive.lock_holder("nightly").heartbeat
    results = []
    thread = threading.Thread(target=lambda: results.append(archive.heartbeat_lock("nightly")))
    thread.start()
    thread.join(10)
    assert results == [True]
    assert archive.lock_holder("nightly").heartbeat >= before


def test_a_zombie_process_is_not_alive():
    """A child that exited but was not yet reaped answers signal 0; it is still dead."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "Z" not in open(f"/proc/{child.pid}/stat").read().rsplit(")", 1)[-1][:3]:
        time.sleep(0.02)  # exited, and not waited for: a zombie
    try:
        assert not pid_alive(child.pid)
        assert pid_alive(os.getpid())
    finally:
        child.wait()
    assert not pid_alive(child.pid)
