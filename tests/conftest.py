"""Database fixtures shared by the whole suite.

Every archive test runs on SQLite and on PostgreSQL (``db_url`` is parametrized),
because users run both and their differences (types, locking, time zones) are
where storage bugs hide. PostgreSQL tests FAIL, not skip, when the server is down:
CI starts one, and a silently skipped half of the suite would hide regressions.

Each test gets a fresh, empty, *unmigrated* database: a file in ``tmp_path``, or a
throwaway PostgreSQL database created from ``template0`` and dropped afterwards.
"""
from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from benchmarks.prose import DEVSET
from storage.archive import Archive

#: Server the PostgreSQL tests use (override with JIEZHEN_TEST_PG, e.g. in a dev container).
PG_SERVER_URL = os.environ.get("JIEZHEN_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432")
REPO_ROOT = Path(__file__).resolve().parent.parent


def _conninfo(server_url: str, dbname: str) -> str:
    """A libpq URI for ``dbname`` on the server of a SQLAlchemy URL."""
    return server_url.replace("postgresql+psycopg://", "postgresql://", 1) + f"/{dbname}"


@pytest.fixture(autouse=True)
def _warc_dir_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Crawls write WARC files by default; without a SQLite file to sit beside (PostgreSQL
    archives) they would go to ./warc in the repository. Keep every test's in its tmp dir."""
    directory = tmp_path / "warc-default"
    monkeypatch.setenv("JIEZHEN_WARC_DIR", str(directory))
    return directory


@pytest.fixture(scope="session")
def pg_server_url() -> str:
    """Base URL of the test PostgreSQL server (no database part); fails if unreachable."""
    try:
        with psycopg.connect(_conninfo(PG_SERVER_URL, "postgres"), connect_timeout=5):
            pass
    except psycopg.Error as exc:
        first_line = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        pytest.fail(f"PostgreSQL is not reachable at {PG_SERVER_URL} ({first_line}); "
                    f"start it (CI does) or point JIEZHEN_TEST_PG at one", pytrace=False)
    return PG_SERVER_URL


@pytest.fixture(scope="session")
def _pg_admin(pg_server_url: str) -> Iterator[psycopg.Connection]:
    """One autocommit connection to the ``postgres`` database, for CREATE/DROP DATABASE."""
    with psycopg.connect(_conninfo(pg_server_url, "postgres"), autocommit=True) as conn:
        yield conn


@pytest.fixture
def postgres_url(pg_server_url: str, _pg_admin: psycopg.Connection) -> Iterator[str]:
    """URL of a fresh, empty PostgreSQL database, dropped after the test."""
    name = f"jiezhen_test_{uuid.uuid4().hex[:12]}"
    _pg_admin.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
    try:
        yield f"{pg_server_url}/{name}"
    finally:
        # WITH (FORCE) (PostgreSQL 13+) ends connections a failed test left open.
        _pg_admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """URL of a fresh SQLite database file (not yet created) in the test's tmp dir."""
    return f"sqlite:///{tmp_path / 'archive.db'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    """A fresh, empty, unmigrated database URL, once per backend."""
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "postgres_url")


@pytest.fixture(scope="session")
def _pg_archive_url(pg_server_url: str, _pg_admin: psycopg.Connection) -> Iterator[str]:
    """One migrated PostgreSQL database for the whole session, emptied before each use."""
    name = f"jiezhen_test_{uuid.uuid4().hex[:12]}"
    _pg_admin.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
    url = f"{pg_server_url}/{name}"
    try:
        Archive.open(url, migrate=True).close()
        yield url
    finally:
        _pg_admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _empty_postgres_archive(url: str) -> None:
    with psycopg.connect(_conninfo(*url.rsplit("/", 1)), autocommit=True) as conn:
        conn.execute("SET lock_timeout = '10s'")  # a leaked transaction fails loudly, not hangs
        conn.execute("TRUNCATE articles, captures, crawl_runs, people, appearances, locks, sites, warc_records RESTART IDENTITY CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def archive(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Archive]:
    """An open, migrated, empty archive on each backend (``archive.url`` is its URL).

    PostgreSQL reuses one migrated database, truncated per test (ids restart at 1):
    creating and migrating a database per test would cost ~0.3 s each.
    """
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'archive.db'}"
        opened = Archive.open(url, migrate=True)
    else:
        url = request.getfixturevalue("_pg_archive_url")
        _empty_postgres_archive(url)
        opened = Archive.open(url)
    with opened:
        yield opened


@pytest.fixture(scope="session")
def devset() -> Path:
    """The shared development data (``benchmarks.prose.DEVSET``). Missing, the tests that need
    it FAIL: skipped, they would hide that extraction and metadata went unchecked."""
    if not (DEVSET / "pages" / "labels.jsonl").exists():
        pytest.fail(f"devset not found at {DEVSET}: put ../shared/devset beside the repository "
                    f"or set JIEZHEN_DEVSET", pytrace=False)
    return DEVSET
