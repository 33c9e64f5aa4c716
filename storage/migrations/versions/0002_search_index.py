"""Full-text search index: character bigrams (see storage/search_tokens.py).

SQLite: a contentless FTS5 table; PostgreSQL: tsvector chunks with a GIN index. Existing
articles are indexed here, so an archive upgraded from 0001 is searchable at once.

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE search_fts USING fts5("
                   "title, body, content='', tokenize='ascii', detail=full, prefix='1')")
    else:
        op.execute("CREATE TABLE search_docs ("
                   "article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE, "
                   "chunk SMALLINT NOT NULL, tsv TSVECTOR NOT NULL, "
                   "PRIMARY KEY (article_id, chunk))")
        op.execute("CREATE INDEX ix_search_docs_tsv ON search_docs USING gin (tsv)")
    # Index what is already archived. The tokenizer is a pure function of the text; it is
    # imported rather than copied so that the index written here matches later writes.
    from storage.search_index import rebuild

    rebuild(conn)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE search_fts")
    else:
        op.execute("DROP TABLE search_docs")
