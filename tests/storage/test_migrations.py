"""The Alembic migrations build exactly the schema the models describe."""
from __future__ import annotations

import multiprocessing
import threading

from alembic.autogenerate import compare_metadata
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from storage.db import make_engine
from storage.migrate import current_revision, head_revision, is_current, upgrade
from storage.models import Base, include_object


def test_upgrade_creates_the_tables_and_marks_head(db_url):
    engine = make_engine(db_url)
    try:
        assert current_revision(engine) is None
        assert not is_current(engine)
        upgrade(db_url)
        assert current_revision(engine) == head_revision()
        assert is_current(engine)
        tables = set(inspect(engine).get_table_names())
        assert {"articles", "captures", "crawl_runs", "alembic_version"} <= tables
    finally:
        engine.dispose()


def test_models_and_migrations_agree(db_url):
    engine = make_engine(db_url)
    try:
        upgrade(engine)
        with engine.connect() as conn:
            context = MigrationContext.configure(
                conn, opts={"compare_type": True, "include_object": include_object})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        engine.dispose()


def _upgrade_in_child(db_url: str) -> None:
    upgrade(db_url)


def _race_upgrades(db_url: str) -> tuple[list[BaseException], list[int | None]]:
    """Upgrade ``db_url`` from three processes and two threads started together."""
    processes = [multiprocessing.get_context("fork").Process(target=_upgrade_in_child, args=(db_url,))
                 for _ in range(3)]
    errors: list[BaseException] = []

    def run() -> None:
        try:
            upgrade(db_url)
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for worker in processes + threads:
        worker.start()
    for worker in processes + threads:
        worker.join(timeout=60)
    return errors, [process.exitcode for process in processes]


def test_upgrade_from_several_processes_and_threads_at_once(db_url, tmp_path):
    """Two crawls starting on a fresh database both migrate it; neither fails.

    Each round starts on a fresh database (the race is in the first upgrade); one
    round caught the interleaving only about one time in five, so it runs several.
    """
    rounds = [db_url] + ([f"sqlite:///{tmp_path}/round{n}.db" for n in range(4)]
                         if db_url.startswith("sqlite") else [])
    for url in rounds:
        errors, exitcodes = _race_upgrades(url)
        assert errors == [], url
        assert exitcodes == [0, 0, 0], url
        upgrade(url)  # and once more when already current
        engine = make_engine(url)
        try:
            assert is_current(engine)
        finally:
            engine.dispose()


def test_a_failed_upgrade_on_sqlite_leaves_the_previous_revision(tmp_path, monkeypatch):
    """The whole upgrade is one transaction: a migration that fails rolls back those
    before it too, so the database is never left half-way with a stale revision."""
    url = f"sqlite:///{tmp_path}/archive.db"
    upgrade(url, "0007")
    real = Operations.create_table

    def failing_create_table(self, name, *columns, **kw):
        if name == "warc_records":
            raise RuntimeError("disk full (simulated)")
        return real(self, name, *columns, **kw)

    monkeypatch.setattr(Operations, "create_table", failing_create_table)
    try:
        upgrade(url)
    except RuntimeError:
        pass
    else:
        raise AssertionError("the simulated failure did not happen")
    monkeypatch.undo()
    engine = make_engine(url)
    try:
        assert current_revision(engine) == "0007"
        # 0008, which ran before the failing 0011, is rolled back with it
        assert not {"sites", "warc_records"} & set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    upgrade(url)  # and the next attempt completes
    engine = make_engine(url)
    try:
        assert is_current(engine)
    finally:
        engine.dispose()
