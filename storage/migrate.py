"""Run the archive's Alembic migrations from code.

The Alembic ``Config`` is built here, pointing at this package's ``migrations``
folder, so ``jiezhen db upgrade`` works from any working directory and from an
installed wheel, without an ``alembic.ini`` next to the user's data.
"""
from __future__ import annotations

import threading
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from storage.db import make_engine, resolve_db_url, write_options

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

#: Alembic's ``context``/``op`` are process-global proxies, so two threads must not
#: migrate at once; across processes, env.py's database lock serialises them.
_UPGRADE_LOCK = threading.Lock()


def alembic_config() -> Config:
    """An Alembic Config for the packaged migrations (no ini file involved)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """The newest revision this code knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError(f"no migrations found in {MIGRATIONS_DIR} (broken installation?)")
    return head


def known_revisions() -> set[str]:
    return {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None if it was never migrated."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def is_current(engine: Engine) -> bool:
    """True if the database schema is exactly the one this code expects."""
    return current_revision(engine) == head_revision()


def upgrade(url_or_engine: str | Engine | None, revision: str = "head") -> None:
    """Create or upgrade the schema to head (or to ``revision``, for tests of a migration);
    safe to call concurrently and when current."""
    if isinstance(url_or_engine, Engine):
        _upgrade(url_or_engine, revision)
        return
    engine = make_engine(resolve_db_url(url_or_engine))
    try:
        _upgrade(engine, revision)
    finally:
        engine.dispose()


def _upgrade(engine: Engine, revision: str = "head") -> None:
    config = alembic_config()
    with _UPGRADE_LOCK, engine.connect() as conn:
        config.attributes["connection"] = conn.execution_options(**write_options(engine))
        command.upgrade(config, revision)
        if conn.in_transaction():  # env.py commits; this only guards odd Alembic versions
            conn.commit()
