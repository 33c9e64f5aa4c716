"""Keeping the full-text index in step with the articles table.

* SQLite: a contentless FTS5 table ``search_fts(title, body)`` of the character-bigram tokens
  of ``storage/search_tokens.py``, rowid = article id. Contentless keeps the index small (the
  text is not stored twice); the price is that removing a document needs the tokens it was
  indexed with, which ``reindex`` recomputes from the text *before* it changes (``old``).
  SQLite 3.43's ``contentless_delete`` would lift that, but 3.40 is what Debian 12 ships.
  Every writer of article text calls ``reindex`` in the same transaction as the write.
* PostgreSQL: ``search_grams(article_id, units int2[], pairs int4[])``, each article's
  distinct characters and character pairs as numbers (``search_tokens.pg_doc_grams``) with
  one GIN index over both columns (``GIN_INDEX``); rows are replaced by id.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, text

from storage.search_tokens import pg_doc_grams, tokens

Doc = tuple[int, str, str]  # (article id, title, body)

#: PostgreSQL's GIN index over ``search_grams`` (the built-in ``array_ops`` for int2[] and
#: int4[]). One index over both columns: a query on units and pairs is one index scan; with
#: two indexes the planner may take one and test the other column's array on every row.
GIN_INDEX = "search_grams_gin"
CREATE_GIN = f"CREATE INDEX {GIN_INDEX} ON search_grams USING gin (units, pairs)"


def is_sqlite(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite"


def _grams(value: str) -> str:
    return " ".join(tokens(value))




def _delete(conn: Connection, docs: Sequence[Doc]) -> None:
    if docs and is_sqlite(conn):
        conn.execute(text("INSERT INTO search_fts(search_fts, rowid, title, body) "
                          "VALUES ('delete', :id, :title, :body)"),
                     [{"id": i, "title": _grams(t), "body": _grams(b)} for i, t, b in docs])


def _insert(conn: Connection, docs: Sequence[Doc], replace: Sequence[int] | None = None) -> None:
    """Index ``docs``; on PostgreSQL first drop the rows of ``replace`` (default: every doc's
    id). New articles have no row to drop, and the DELETE cannot use the hash index for a
    list of ids, so callers that know which ids are new say so."""
    if not docs:
        return
    if is_sqlite(conn):
        conn.execute(text("INSERT INTO search_fts(rowid, title, body) VALUES (:id, :title, :body)"),
                     [{"id": i, "title": _grams(t), "body": _grams(b)} for i, t, b in docs])
    else:
        # No unique key to upsert on (migration 0007 explains why): replace the rows.
        drop = [i for i, _, _ in docs] if replace is None else list(replace)
        if drop:
            conn.execute(text("DELETE FROM search_grams WHERE article_id = ANY(:ids)"), {"ids": drop})
        rows = []
        for i, t, b in docs:
            grams = pg_doc_grams(t, b)
            rows.append({"id": i, "units": grams.units, "pairs": grams.pairs})
        conn.execute(text("INSERT INTO search_grams (article_id, units, pairs) "
                          "VALUES (:id, CAST(:units AS int2[]), CAST(:pairs AS int4[]))"), rows)


def reindex(conn: Connection, new: Iterable[Doc], old: Iterable[Doc] = (),
            replace: Sequence[int] | None = None) -> None:
    """Replace the index entries of articles: ``old`` is what they were indexed with
    (their text before this write; empty for new articles), ``new`` their text now;
    ``replace``: the ids that may have entries already (default: all of ``new``)."""
    _delete(conn, list(old))
    _insert(conn, list(new), replace)


def rebuild(conn: Connection, batch_size: int = 500) -> int:
    """Drop every index entry and index all articles again; returns the count indexed.

    On PostgreSQL the GIN index is dropped and built again after the rows are in: a bulk
    build is several times faster than inserting row by row through its pending list, and
    leaves a smaller index (17 MB instead of 20 MB at 10,000 articles)."""
    if is_sqlite(conn):
        conn.execute(text("INSERT INTO search_fts(search_fts) VALUES ('delete-all')"))
    else:
        conn.execute(text("TRUNCATE search_grams"))
        conn.execute(text(f"DROP INDEX IF EXISTS {GIN_INDEX}"))
    count, last = 0, 0
    while True:
        rows = conn.execute(text("SELECT id, title, body FROM articles WHERE id > :last "
                                 "ORDER BY id LIMIT :n"), {"last": last, "n": batch_size}).all()
        if not rows:
            break
        _insert(conn, [(r[0], r[1] or "", r[2] or "") for r in rows], replace=())  # truncated
        count += len(rows)
        last = rows[-1][0]
    if is_sqlite(conn):
        conn.execute(text("INSERT INTO search_fts(search_fts) VALUES ('optimize')"))
    else:
        conn.execute(text(CREATE_GIN))
    return count


def texts_about_to_change(conn: Connection, urls_and_hashes: Iterable[tuple[str, str]]) -> list[Doc]:
    """Before a store: the indexed text of archived articles whose content is about to change
    (their old tokens are needed to take them out of a contentless FTS5 index)."""
    incoming = dict(urls_and_hashes)
    if not incoming or not is_sqlite(conn):
        return []  # PostgreSQL's expression index follows the row by itself
    rows = conn.execute(text("SELECT id, url, content_hash FROM articles WHERE url IN :urls")
                        .bindparams(_expanding("urls")), {"urls": list(incoming)}).all()
    ids = [row[0] for row in rows if row[2] != incoming.get(row[1])]
    if not ids:
        return []
    return [(r[0], r[1] or "", r[2] or "") for r in conn.execute(
        text("SELECT id, title, body FROM articles WHERE id IN :ids").bindparams(_expanding("ids")),
        {"ids": ids}).all()]


def index_stored(conn: Connection, new_ids: Sequence[int], changed_ids: Sequence[int],
                 old: Sequence[Doc]) -> None:
    """After a store: index new articles, re-index changed ones (from the text now stored)."""
    ids = list(new_ids) + list(changed_ids)
    if not ids:
        return
    changed = set(changed_ids)
    docs = [(r[0], r[1] or "", r[2] or "") for r in conn.execute(
        text("SELECT id, title, body FROM articles WHERE id IN :ids").bindparams(_expanding("ids")),
        {"ids": ids}).all()]
    reindex(conn, docs, [doc for doc in old if doc[0] in changed], replace=sorted(changed))


def _expanding(name: str):
    from sqlalchemy import bindparam

    return bindparam(name, expanding=True)
