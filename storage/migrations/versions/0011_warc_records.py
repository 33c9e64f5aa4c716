"""Every WARC record a crawl wrote, not only those behind articles.

Revision ID: 0011
Revises: 0008

``captures`` knows only the responses that became articles, so an unchanged list page was
written in full by every crawl and an attachment had no row to link it to its article. One
row per response record (list pages, attachments, error answers) and per failed request's
``metadata`` record: ``revisit`` lookups, attachment links in export/show, and ``verify``
read it. Existing archives start with an empty table, filled by their next crawl.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "warc_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("content_type", sa.Text(), nullable=True),
        sa.Column("length", sa.BigInteger(), nullable=True),
        sa.Column("location", sa.Text(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("warc_file", sa.Text(), nullable=False),
        sa.Column("warc_record_id", sa.String(length=80), nullable=False),
        sa.Column("warc_offset", sa.BigInteger(), nullable=False),
        sa.Column("warc_length", sa.BigInteger(), nullable=False),
        sa.Column("payload_digest", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_warc_records")),
    )
    op.create_index(op.f("ix_warc_records_url"), "warc_records", ["url"])


def downgrade() -> None:
    op.drop_index(op.f("ix_warc_records_url"), table_name="warc_records")
    op.drop_table("warc_records")
