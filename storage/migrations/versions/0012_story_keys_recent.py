"""The story index in two levels: recent band keys in a small table, merged in bulk.

Revision ID: 0012
Revises: 0011

Every new article adds 32 band keys, random integers: inserted one by one into the big
``story_keys`` B-tree they dirty a random leaf page each, and once the table outgrows the
page cache every store batch rewrites most of its pages (1.5 ms/article at 100,000 articles
on SQLite). New keys now go to ``story_keys_recent`` (small, cached) and are merged into
``story_keys`` in one sorted pass every ``storage.stories.MERGE_ROWS`` rows, so each page of
the big table is written once per merge instead of once per batch. Lookups read both.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "story_keys_recent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.BigInteger(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE",
                                name=op.f("fk_story_keys_recent_article_id_articles")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_story_keys_recent")),
    )
    op.create_index(op.f("ix_story_keys_recent_key"), "story_keys_recent", ["key"])


def downgrade() -> None:
    op.execute("INSERT INTO story_keys (key, article_id) SELECT DISTINCT key, article_id "
               "FROM story_keys_recent ON CONFLICT DO NOTHING")
    op.drop_index(op.f("ix_story_keys_recent_key"), table_name="story_keys_recent")
    op.drop_table("story_keys_recent")
