"""Finding a URL's earlier capture of the same payload: the target of a WARC ``revisit``.

The WARC writer asks this once per fetched page, on its own thread, while the crawl runs
on the reactor thread beside it. Through SQLAlchemy (pool checkout, statement execution,
row processing; two tables) each question cost ~0.4 ms of Python holding the GIL, which on
two cores is time the crawl waits: it was most of the capture's cost over a crawl without
WARC. Here one DBAPI connection is held for the life of the object and the two indexed
lookups are plain parameterised SQL (~20 us each).

Which record is the target (same rule as before, and as ``jiezhen import`` uses): the first
response (any HTTP status; not a failed request) that a crawl recorded in ``warc_records``;
else, for archives older than that table, the first article capture that points at a WARC
record.
"""
from __future__ import annotations

import threading
from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from storage.records import WarcRef
from storage.rows import iso_utc

#: ``{p}`` is the driver's placeholder (``?`` for sqlite3, ``%s`` for psycopg).
_SQL = (
    "SELECT warc_file, warc_record_id, warc_offset, warc_length, fetched_at FROM warc_records"
    " WHERE url = {p} AND payload_digest = {p} AND status >= 0 ORDER BY id LIMIT 1",
    "SELECT warc_file, warc_record_id, warc_offset, warc_length, fetched_at FROM captures"
    " WHERE url = {p} AND payload_digest = {p} AND warc_file IS NOT NULL ORDER BY id LIMIT 1",
)
_PLACEHOLDERS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def _moment(value: Any) -> datetime | None:
    """SQLite hands back the stored text (SQLAlchemy's format), PostgreSQL a datetime."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


class EarlierCaptures:
    """``find(url, payload_digest)``: the earlier record, or None. Safe to call from one
    thread at a time (a lock guards the connection); ``close()`` gives the connection back."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        placeholder = _PLACEHOLDERS[engine.dialect.paramstyle]
        self._sql = tuple(sql.format(p=placeholder) for sql in _SQL)
        self._postgres = engine.dialect.name == "postgresql"
        self._conn = None  # the pool's wrapper (DBAPI connection inside), opened on first use
        self._lock = threading.Lock()

    def _cursor(self):  # noqa: ANN202
        if self._conn is None:
            self._conn = self._engine.raw_connection()
            if self._postgres:  # no transaction (and no snapshot) held between lookups
                self._conn.driver_connection.autocommit = True
        return self._conn.cursor()

    def find(self, url: str, payload_digest: str) -> WarcRef | None:
        with self._lock:
            cursor = self._cursor()
            try:
                for sql in self._sql:
                    cursor.execute(sql, (url, payload_digest))
                    row = cursor.fetchone()
                    if row is not None:
                        return WarcRef(warc_file=row[0], record_id=row[1], offset=row[2],
                                       length=row[3], payload_digest=payload_digest,
                                       date=iso_utc(_moment(row[4])) or "", url=url)
                return None
            except Exception:
                # A dropped connection must not fail every later page: the next call opens
                # a fresh one (the pool discards this one).
                conn, self._conn = self._conn, None
                conn.invalidate()
                raise
            finally:
                cursor.close()

    def close(self) -> None:
        with self._lock:
            conn, self._conn = self._conn, None
            if conn is None:
                return
            if self._postgres:
                conn.driver_connection.autocommit = False  # as the pool handed it out
            conn.close()  # back to the pool

    def __enter__(self) -> "EarlierCaptures":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
