"""Full-text search index (see storage/search_tokens.py and storage/search.py).

SQLite: a contentless FTS5 table of character bigrams and punctuation tokens, filled from the
existing articles.
PostgreSQL: a table ``search_grams(article_id, grams text[])`` holding each article's distinct
characters and character pairs (computed in Python, ``storage.search_tokens.pg_doc_grams``)
with a GIN index (filled by migration 0013, which replaced its column); and a function ``jiezhen_fold``
(full-width letters and digits to ASCII, ASCII lower case: the same table as
``storage.search_tokens.normalize``) used to confirm longer terms with ``strpos``.

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels = None
depends_on = None

# Written out (not imported) so that this migration keeps meaning what it meant when written.
FULLWIDTH = "".join(chr(c) for c in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)))
ASCII_FORMS = "0123456789abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE search_fts USING fts5("
                   "title, body, content='', tokenize='ascii', detail=full, prefix='1')")
        from storage.search_index import rebuild  # the tokenizer the later writes use

        rebuild(conn)
        return
    op.execute(
        "CREATE FUNCTION jiezhen_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE "
        f"AS $$ SELECT translate(t, '{FULLWIDTH}{UPPER}', '{ASCII_FORMS}{UPPER.lower()}') $$")
    op.execute("CREATE TABLE search_grams ("
               "article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE, "
               "grams TEXT[] NOT NULL)")
    op.execute("CREATE INDEX search_grams_gin ON search_grams USING gin (grams)")
    # Not filled here: migration 0013 changed the columns and rebuilds the table from the
    # articles, and every upgrade passes through it (the current rebuild writes its columns).


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE search_fts")
        return
    op.execute("DROP TABLE search_grams")
    op.execute("DROP FUNCTION jiezhen_fold(text)")
