"""Alembic migrations of the archive schema; run them with ``storage.migrate.upgrade``."""
