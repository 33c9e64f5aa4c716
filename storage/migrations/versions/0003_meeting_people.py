"""Meeting metadata columns on articles, and the person registry (people, appearances).

Revision ID: 0003
Revises: 0002

Existing archives keep their rows: the new article columns start NULL and the registry
empty; they fill as articles are stored again (a changed page, or a re-crawl after
``jiezhen reprocess`` lands). Written by hand, checked against the models by
``tests/storage/test_migrations.py``.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("event_type", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("event_name", sa.String(), nullable=True))
        batch.add_column(sa.Column("organizer", sa.String(length=128), nullable=True))
        batch.add_column(sa.Column("event_date", sa.Date(), nullable=True))
    op.create_index(op.f("ix_articles_event_type"), "articles", ["event_type"])
    op.create_index(op.f("ix_articles_organizer"), "articles", ["organizer"])
    op.create_index(op.f("ix_articles_event_date"), "articles", ["event_date"])

    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("org", sa.String(length=128), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
        sa.UniqueConstraint("name", "org", name=op.f("uq_people_name_org")),
    )
    op.create_table(
        "appearances",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=True),
        sa.Column("titles", sa.JSON(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_appearances_person_id_people")),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE",
                                name=op.f("fk_appearances_article_id_articles")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_appearances")),
        sa.UniqueConstraint("person_id", "article_id", "role",
                            name=op.f("uq_appearances_person_id_article_id_role")),
    )
    op.create_index(op.f("ix_appearances_person_id"), "appearances", ["person_id"])
    op.create_index(op.f("ix_appearances_article_id"), "appearances", ["article_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_appearances_article_id"), table_name="appearances")
    op.drop_index(op.f("ix_appearances_person_id"), table_name="appearances")
    op.drop_table("appearances")
    op.drop_table("people")
    op.drop_index(op.f("ix_articles_event_date"), table_name="articles")
    op.drop_index(op.f("ix_articles_organizer"), table_name="articles")
    op.drop_index(op.f("ix_articles_event_type"), table_name="articles")
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("event_date")
        batch.drop_column("organizer")
        batch.drop_column("event_name")
        batch.drop_column("event_type")
