"""Which worker ran a crawl: ``crawl_runs.worker`` (distributed crawls, issue 10).

Revision ID: 0010
Revises: 0012

A distributed crawl of one site is several run rows, one per worker process that took part
(``jiezhen crawl --distributed``); ``worker`` names the process (``host-pid`` unless
``--worker-id`` says otherwise). NULL for ordinary single-process crawls and older rows.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("crawl_runs") as batch:
        batch.add_column(sa.Column("worker", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("crawl_runs") as batch:
        batch.drop_column("worker")
