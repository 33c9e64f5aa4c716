"""PostgreSQL search: leave the GIN index as the only way into ``search_grams``; an index for
"newest first".

Revision ID: 0007
Revises: 0006

Why: PostgreSQL's planner does not count the cost of detoasting ``search_grams.grams``
(kilobytes per article, stored out of line), so it preferred any plan that reads every array:
a sequential scan, a full scan of the primary-key B-tree with the ``@>`` test as a filter, or
a nested loop probing that B-tree once per article. Each reads the whole table (about 1 s
at 10,000 articles) where the GIN index answers in milliseconds. With the B-tree replaced by a
hash index (which serves the deletes and the foreign key's cascade, but cannot be scanned in
full or in order) and sequential scans discouraged for the search transaction, the GIN bitmap
is the only remaining plan for ``grams @> …``.

``search_articles_newest`` matches the "newest first" order of search results exactly
(``published_date DESC NULLS LAST, published DESC NULLS LAST, id DESC``), so broad queries
walk it and stop after a page instead of sorting every match; SQLite's DESC already puts NULL
last, and its version of the index also covers the walk.
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        op.execute("CREATE INDEX search_articles_newest ON articles "
                   "(published_date DESC, published DESC, id DESC)")
        return
    op.execute("ALTER TABLE search_grams DROP CONSTRAINT IF EXISTS search_grams_pkey")
    op.execute("CREATE INDEX search_grams_article ON search_grams USING hash (article_id)")
    op.execute("CREATE INDEX search_articles_newest ON articles "
               "(published_date DESC NULLS LAST, published DESC NULLS LAST, id DESC)")


def downgrade() -> None:
    op.execute("DROP INDEX search_articles_newest")
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX search_grams_article")
    op.execute("ALTER TABLE search_grams ADD PRIMARY KEY (article_id)")
