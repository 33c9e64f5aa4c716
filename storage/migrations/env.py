"""Alembic environment for the archive.

``storage.migrate`` runs Alembic in-process and hands over an open connection in
``config.attributes["connection"]``; the plain ``alembic -c storage/migrations/alembic.ini``
command line also works and takes the URL from ``-x db=URL``, else ``$JIEZHEN_DB``,
else the default. Migrations are serialised (PostgreSQL advisory lock; SQLite
``BEGIN IMMEDIATE`` held for the whole upgrade) because two crawls may start on a
fresh database at once.
"""
from __future__ import annotations

from alembic import context
from sqlalchemy import text

from storage.db import make_engine, resolve_db_url, write_options
from storage.models import Base, include_object

#: Arbitrary constant identifying "jiezhen schema migration" among advisory locks.
PG_MIGRATION_LOCK = 0x6A69657A  # "jiez"

config = context.config
target_metadata = Base.metadata


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
        # One transaction for the whole upgrade, on SQLite too. Alembic assumes SQLite
        # cannot roll back DDL and would commit after each migration, so a second
        # process could read the old revision between two commits and replay
        # migrations already applied ("table sites already exists"). SQLite's DDL is
        # transactional; with BEGIN IMMEDIATE the revision is read under the write lock.
        transactional_ddl=True,
        compare_type=True,
        include_object=include_object,
    )


def _run(connection) -> None:
    _configure(connection)
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_MIGRATION_LOCK})
        context.run_migrations()


def run_migrations_offline() -> None:
    url = context.get_x_argument(as_dictionary=True).get("db") or resolve_db_url(None)
    context.configure(url=url, target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("db") or resolve_db_url(None)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            _run(conn.execution_options(**write_options(engine)))
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
