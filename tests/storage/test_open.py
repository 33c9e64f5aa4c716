"""Archive.open: the two errors users see instead of tracebacks, and auto-creation."""
from __future__ import annotations

import sqlite3
import uuid

import psycopg
import pytest
from sqlalchemy import text

from storage.archive import Archive
from storage.db import make_engine
from storage.errors import DatabaseNotMigrated, DatabaseUnreachable
from storage.migrate import upgrade


def test_empty_database_is_not_migrated(db_url):
    if db_url.startswith("sqlite"):
        sqlite3.connect(db_url.removeprefix("sqlite:///")).close()  # an existing, empty file
    with pytest.raises(DatabaseNotMigrated) as info:
        Archive.open(db_url)
    message = str(info.value)
    assert "\n" not in message
    assert "is not initialised" in message
    assert message.endswith("run: jiezhen db upgrade --db URL")


def test_missing_sqlite_file_is_not_created_without_migrate(tmp_path):
    path = tmp_path / "typo.db"
    with pytest.raises(DatabaseNotMigrated):
        Archive.open(f"sqlite:///{path}")
    assert not path.exists()


def test_sqlite_in_missing_directory_is_unreachable(tmp_path):
    url = f"sqlite:///{tmp_path / 'no' / 'such' / 'dir' / 'a.db'}"
    for migrate in (False, True):
        with pytest.raises(DatabaseUnreachable) as info:
            Archive.open(url, migrate=migrate)
        assert "\n" not in str(info.value)
        assert str(info.value).startswith(f"cannot connect to database {url}: ")
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize("migrate", [False, True])
def test_refused_postgresql_connection_is_one_line_without_password(migrate):
    url = "postgresql://archivist:hunter2@127.0.0.1:1/news"
    with pytest.raises(DatabaseUnreachable) as info:
        Archive.open(url, migrate=migrate)
    message = str(info.value)
    assert message.startswith("cannot connect to database "
                              "postgresql+psycopg://archivist:***@127.0.0.1:1/news: ")
    assert "refused" in message.lower()
    assert "hunter2" not in message
    assert "\n" not in message


def test_migrate_true_creates_schema_and_a_later_plain_open_works(db_url):
    Archive.open(db_url, migrate=True).close()
    with Archive.open(db_url) as archive:
        assert archive.count() == 0


def test_schema_from_a_newer_jiezhen_is_refused(db_url):
    upgrade(db_url)
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(DatabaseNotMigrated) as info:
        Archive.open(db_url)
    assert "newer than this jiezhen" in str(info.value)


def test_archive_repr_hides_password():
    url = "postgresql://archivist:hunter2@db.example/news"
    archive = Archive(url, make_engine(url))  # engines connect lazily: nothing is contacted
    assert "hunter2" not in repr(archive)
    assert "archivist:***@db.example/news" in repr(archive)


def test_migrate_creates_a_missing_postgresql_database(pg_server_url):
    name = f"jiezhen_test_{uuid.uuid4().hex[:12]}"
    admin_info = pg_server_url.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    try:
        with pytest.raises(DatabaseUnreachable, match=f'database "{name}" does not exist'):
            Archive.open(f"{pg_server_url}/{name}")
        with Archive.open(f"{pg_server_url}/{name}", migrate=True) as archive:
            assert archive.count() == 0
    finally:
        with psycopg.connect(admin_info, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
