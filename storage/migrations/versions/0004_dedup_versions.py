"""Reposts and versions: the story index (LSH band keys), superseded texts, duplicate_of index,
and the count of reposts per crawl run.

Revision ID: 0004
Revises: 0003

Existing archives keep their rows: the story index starts empty (articles stored before
this revision are not matched against reposts until stored again), and versions replaced
before it are only in ``captures``. Written by hand, checked against the models by
``tests/storage/test_migrations.py``.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(op.f("ix_articles_duplicate_of"), "articles", ["duplicate_of"])
    with op.batch_alter_table("crawl_runs") as batch:
        batch.add_column(sa.Column("reposts", sa.Integer(), server_default="0", nullable=False))
    op.create_table(
        "article_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=80), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("subtitle", sa.Text(), nullable=True),
        sa.Column("published", sa.String(length=32), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("editor", sa.Text(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("replaced_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE",
                                name=op.f("fk_article_versions_article_id_articles")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article_versions")),
        sa.UniqueConstraint("article_id", "version", name=op.f("uq_article_versions_article_id_version")),
    )
    op.create_table(
        "story_keys",
        sa.Column("key", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE",
                                name=op.f("fk_story_keys_article_id_articles")),
        sa.PrimaryKeyConstraint("key", "article_id", name=op.f("pk_story_keys")),
        sqlite_with_rowid=False,
    )
    op.create_index(op.f("ix_story_keys_article_id"), "story_keys", ["article_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_story_keys_article_id"), table_name="story_keys")
    op.drop_table("story_keys")
    op.drop_table("article_versions")
    with op.batch_alter_table("crawl_runs") as batch:
        batch.drop_column("reposts")
    op.drop_index(op.f("ix_articles_duplicate_of"), table_name="articles")
