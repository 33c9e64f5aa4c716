"""A named lock held in the archive database, so two nightly runs never crawl one archive at once.

A row in ``locks`` (not a file lock, not ``pg_try_advisory_lock``) because the same code then
works for a SQLite file and for PostgreSQL, survives the holder's connection dropping, and ops
can read who holds it. The holder refreshes ``heartbeat`` while it runs. A lock is *stale* when
its heartbeat is older than ``stale_after`` seconds, or when the holder ran on this host and its
pid no longer exists (a SIGKILLed run); a stale lock is taken over with a compare-and-swap on the
old holder, so two runs that find the same stale lock cannot both win.
"""
from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from storage.models import LockRow

#: Seconds without a heartbeat after which a lock is presumed abandoned (holders beat every 30 s).
DEFAULT_STALE_AFTER = 600.0


@dataclass(frozen=True)
class LockHolder:
    holder: str
    host: str
    pid: int
    acquired: datetime
    heartbeat: datetime

    def describe(self) -> str:
        return (f"pid {self.pid} on {self.host} since {self.acquired:%Y-%m-%d %H:%M:%S} UTC, "
                f"last heartbeat {self.heartbeat:%H:%M:%S} UTC")


@dataclass(frozen=True)
class LockAttempt:
    acquired: bool
    holder: LockHolder | None = None  #: who holds it when not acquired
    took_over: LockHolder | None = None  #: the stale holder replaced, when acquired by takeover


def this_holder() -> tuple[str, str, int]:
    host, pid = socket.gethostname(), os.getpid()
    return f"{host}:{pid}", host, pid


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` of this host still runs. A zombie (exited, not yet reaped by
    its parent: the children of a SIGKILLed ``nightly`` until init collects them) does not:
    it answers signal 0 like a live process, so Linux's /proc tells it apart."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        pass
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:  # it went away meanwhile; or there is no /proc (not Linux): signal 0 said alive
        return not Path("/proc").is_dir()
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"  # the state follows the ")" of the name


def is_stale(holder: LockHolder, now: datetime, stale_after: float) -> bool:
    if now - holder.heartbeat > timedelta(seconds=stale_after):
        return True
    return holder.host == socket.gethostname() and not pid_alive(holder.pid)


def _read(conn: Connection, name: str) -> LockHolder | None:
    row = conn.execute(select(LockRow.holder, LockRow.host, LockRow.pid, LockRow.acquired,
                              LockRow.heartbeat).where(LockRow.name == name)).first()
    return LockHolder(*row) if row else None


def acquire(conn: Connection, name: str, *, stale_after: float = DEFAULT_STALE_AFTER) -> LockAttempt:
    """Try once to take lock ``name`` (the caller commits)."""
    now = datetime.now(timezone.utc)
    holder, host, pid = this_holder()
    current = _read(conn, name)
    if current is None:
        try:
            with conn.begin_nested():
                conn.execute(insert(LockRow).values(name=name, holder=holder, host=host, pid=pid,
                                                    acquired=now, heartbeat=now))
            return LockAttempt(True)
        except IntegrityError:  # someone inserted it between our read and our insert
            return LockAttempt(False, _read(conn, name))
    if current.holder == holder:
        return LockAttempt(True)
    if not is_stale(current, now, stale_after):
        return LockAttempt(False, current)
    swapped = conn.execute(update(LockRow).where(LockRow.name == name,
                                                 LockRow.holder == current.holder,
                                                 LockRow.heartbeat == current.heartbeat)
                           .values(holder=holder, host=host, pid=pid, acquired=now, heartbeat=now)
                           ).rowcount
    if swapped == 1:
        return LockAttempt(True, took_over=current)
    return LockAttempt(False, _read(conn, name))


def heartbeat(conn: Connection, name: str) -> bool:
    """Refresh our heartbeat; False if the lock is no longer ours (taken over as stale)."""
    holder, _, _ = this_holder()
    return conn.execute(update(LockRow).where(LockRow.name == name, LockRow.holder == holder)
                        .values(heartbeat=datetime.now(timezone.utc))).rowcount == 1


def release(conn: Connection, name: str) -> None:
    holder, _, _ = this_holder()
    conn.execute(delete(LockRow).where(LockRow.name == name, LockRow.holder == holder))


def holder_of(conn: Connection, name: str) -> LockHolder | None:
    return _read(conn, name)
