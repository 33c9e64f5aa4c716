"""The site hierarchy: one row per configured site (slug, name, level, parent, region).

Revision ID: 0008
Revises: 0007

Articles keep their ``site`` slug; this table says what that slug is and where it sits
(新泾镇 under 长宁区), so that ``search --district`` and ``export --district`` can select a
district with all its towns. Rows are upserted from the profiles at crawl time; existing
archives start with an empty table, filled by their next crawl. ``parent`` is a plain slug,
not a foreign key: a town may be crawled before its district ever is.
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sites",
        sa.Column("slug", sa.String(length=200), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("parent", sa.String(length=200), nullable=True),
        sa.Column("region", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("slug", name=op.f("pk_sites")),
    )
    op.create_index(op.f("ix_sites_parent"), "sites", ["parent"])
    op.create_index(op.f("ix_sites_region"), "sites", ["region"])


def downgrade() -> None:
    op.drop_index(op.f("ix_sites_region"), table_name="sites")
    op.drop_index(op.f("ix_sites_parent"), table_name="sites")
    op.drop_table("sites")
