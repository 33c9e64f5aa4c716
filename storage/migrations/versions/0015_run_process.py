"""Which process ran a crawl: ``crawl_runs.host`` and ``crawl_runs.pid``.

Revision ID: 0015
Revises: 0014

A crawl killed outright (SIGKILL, the OOM killer, a power cut) never closes its run row, which
then reads ``running`` forever. With the host and pid on the row, any later ``crawl``,
``runs`` or ``health`` on the same host sees the process is gone and marks the run ``killed``
(``Archive.reap_dead_runs``). NULL for older rows and imported ones: never reaped that way
(``nightly`` still marks every run left running when it takes the archive lock).
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("crawl_runs") as batch:
        batch.add_column(sa.Column("host", sa.String(length=255), nullable=True))
        batch.add_column(sa.Column("pid", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("crawl_runs") as batch:
        batch.drop_column("pid")
        batch.drop_column("host")
