"""The Alembic migrations build exactly the schema the models describe."""
from __future__ import annotations

import multiprocessing
import threading

from alembic.autogenerate import compare_metadata
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


def test_upgrade_from_several_processes_and_threads_at_once(db_url):
    """Two crawls starting on a fresh database both migrate it; neither fails."""
    processes = [multiprocessing.get_context("fork").Process(target=_upgrade_in_child, args=(db_url,))
                 for _ in range(2)]
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
    assert errors == []
    assert [process.exitcode for process in processes] == [0, 0]
    upgrade(db_url)  # and once more when already current
    engine = make_engine(db_url)
    try:
        assert is_current(engine)
    finally:
        engine.dispose()
