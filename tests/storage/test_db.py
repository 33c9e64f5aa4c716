"""Which database a command uses, and how SQLite connections are set up."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from storage.db import DEFAULT_DB_URL, make_engine, parse_url, redact, resolve_db_url
from storage.errors import ArchiveError


def test_explicit_url_beats_environment(monkeypatch):
    monkeypatch.setenv("JIEZHEN_DB", "sqlite:///from-env.db")
    assert resolve_db_url("sqlite:///given.db") == "sqlite:///given.db"


def test_environment_beats_default(monkeypatch):
    monkeypatch.setenv("JIEZHEN_DB", "sqlite:///from-env.db")
    assert resolve_db_url(None) == "sqlite:///from-env.db"


def test_default_is_jiezhen_db_in_current_directory(monkeypatch):
    monkeypatch.delenv("JIEZHEN_DB", raising=False)
    assert resolve_db_url(None) == DEFAULT_DB_URL == "sqlite:///jiezhen.db"


@pytest.mark.parametrize("given", [
    "postgresql://u@db.example/archive",
    "postgres://u@db.example/archive",
    "postgresql+psycopg2://u@db.example/archive",
])
def test_postgresql_urls_use_psycopg3(given):
    assert parse_url(given).drivername == "postgresql+psycopg"


def test_redact_hides_password_only():
    shown = redact("postgresql+psycopg://archivist:hunter2@db.example:5433/news")
    assert shown == "postgresql+psycopg://archivist:***@db.example:5433/news"


def test_redact_unparseable_url_still_hides_password():
    assert "hunter2" not in redact("nonsense://archivist:hunter2@host:notaport/x")


def test_invalid_url_is_a_one_line_archive_error():
    with pytest.raises(ArchiveError) as info:
        parse_url("not a url at all")
    assert "\n" not in str(info.value)


def test_sqlite_connections_use_wal_busy_timeout_and_foreign_keys(sqlite_url):
    engine = make_engine(sqlite_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 30000
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    finally:
        engine.dispose()


def test_only_searching_sqlite_connections_map_the_file(sqlite_url):
    """Mapped pages count in a process's resident memory: an import or a crawl (which never
    search) must not map the archive; a search does, and its connection stays mapped."""
    from storage.archive import Archive
    from storage.db import SQLITE_MMAP_BYTES

    from .factories import T0, article

    with Archive.open(sqlite_url, migrate=True) as archive:
        archive.store_batch([(article(1, body="区委调研。"), None)], seen_at=T0)
        with archive._engine.connect() as conn:
            assert conn.execute(text("PRAGMA mmap_size")).scalar() == 0
        assert archive.search("调研").total == 1
        with archive._engine.connect() as conn:  # the pool hands back the connection that searched
            mapped = conn.execute(text("PRAGMA mmap_size")).scalar()
            assert mapped >= min(SQLITE_MMAP_BYTES, 2**31 - 2**16)  # SQLite caps it just under 2 GiB
