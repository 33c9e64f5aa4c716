"""WARC references on captures: where each raw response lives on disk, and its fixity.

Revision ID: 0005
Revises: 0004

A capture row now points at its WARC record (file name relative to the WARC folder, record
id, byte offset and length of the record's gzip member, and the WARC payload digest) so
``jiezhen verify`` can prove the bytes and ``jiezhen reprocess`` can re-extract from them.
``body`` becomes nullable: with WARC capture on, the raw bytes live in the WARC file only
(see NOTES.md, "WARC capture"). ``url`` is indexed: a re-fetch looks up earlier captures of
its URL to write a ``revisit`` record instead of the same payload again. Existing rows keep
their bytes and get NULL WARC columns.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("captures") as batch:
        batch.alter_column("body", existing_type=sa.LargeBinary(), nullable=True)
        batch.add_column(sa.Column("warc_file", sa.Text(), nullable=True))
        batch.add_column(sa.Column("warc_record_id", sa.String(length=80), nullable=True))
        batch.add_column(sa.Column("warc_offset", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("warc_length", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("payload_digest", sa.String(length=80), nullable=True))
    op.create_index(op.f("ix_captures_url"), "captures", ["url"])


def downgrade() -> None:
    # ``body`` stays nullable: rows whose bytes live only in a WARC file have none to restore.
    op.drop_index(op.f("ix_captures_url"), table_name="captures")
    with op.batch_alter_table("captures") as batch:
        for name in ("payload_digest", "warc_length", "warc_offset", "warc_record_id", "warc_file"):
            batch.drop_column(name)
