"""Nightly operations: conditional-GET validators per article, richer run records, run locks.

Revision ID: 0006
Revises: 0005

- ``articles.etag`` / ``articles.last_modified``: the validators the server sent with the stored
  copy, so an incremental re-check can ask ``If-None-Match`` / ``If-Modified-Since`` and count a
  304 as ``not_modified`` instead of downloading the page again.
- ``crawl_runs``: ``list_pages``, ``not_modified``, ``known`` (archived articles seen on list pages
  and not fetched) and ``flags`` (why a run
  that ended is not a plain success: ``no_links``, ``no_articles``, ``blocked``).
- ``locks``: one row per held lock (``nightly``), with holder host/pid and a heartbeat, so a second
  run is refused and a lock left by a killed run is detected and taken over. A table rather than
  a file lock or ``pg_try_advisory_lock``: it works the same for a SQLite file and PostgreSQL and
  ops can see who holds it.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("etag", sa.Text(), nullable=True))
        batch.add_column(sa.Column("last_modified", sa.Text(), nullable=True))
    with op.batch_alter_table("crawl_runs") as batch:
        batch.add_column(sa.Column("list_pages", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(sa.Column("not_modified", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(sa.Column("known", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(sa.Column("flags", sa.JSON(), nullable=True))
    op.create_table(
        "locks",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("holder", sa.String(length=255), nullable=False),
        sa.Column("host", sa.String(length=255), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("acquired", sa.DateTime(timezone=True), nullable=False),
        sa.Column("heartbeat", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_locks")),
    )


def downgrade() -> None:
    op.drop_table("locks")
    with op.batch_alter_table("crawl_runs") as batch:
        for name in ("flags", "known", "not_modified", "list_pages"):
            batch.drop_column(name)
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("last_modified")
        batch.drop_column("etag")
