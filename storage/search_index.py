"""Keeping the full-text index in step with the articles table, on SQLite and PostgreSQL.

The index holds the character-bigram tokens of ``storage/search_tokens.py`` for each
article's current title and body:

* SQLite: a contentless FTS5 table ``search_fts(title, body)`` whose rowid is the article
  id. Contentless keeps the index small (the text is not stored twice); the price is that
  removing a document needs the tokens it was indexed with, which ``reindex`` recomputes
  from the text *before* it changes (``old`` below). SQLite 3.43's ``contentless_delete``
  would lift that, but 3.40 is what Debian 12's Python ships.
* PostgreSQL: a table ``search_docs(article_id, chunk, tsv)`` with a GIN index. The
  tsvector is written as a literal (lexemes and positions computed here), so PostgreSQL's
  text-search parser, which sees nothing in CJK text under the C locale, is never used.
  A tsvector position cannot exceed 16,383, so long bodies are split into chunks that
  overlap by ``CHUNK_OVERLAP`` tokens (a phrase up to that long across a boundary is
  still found whole in one chunk).

Every writer of article text calls ``reindex`` in the same transaction as the write.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, text

from storage.search_tokens import tokens

#: Positions per PostgreSQL chunk (tsvector positions stop at 16,383).
CHUNK_TOKENS = 16_000
CHUNK_OVERLAP = 200
#: Gap between title and body positions, so no phrase runs from one into the other.
TITLE_BODY_GAP = 8

Doc = tuple[int, str, str]  # (article id, title, body)


def is_sqlite(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite"


def _grams(value: str) -> str:
    return " ".join(tokens(value))


def tsvector_literal(title: str, body: str, chunk_tokens: int = CHUNK_TOKENS,
                     overlap: int = CHUNK_OVERLAP) -> list[str]:
    """tsvector literals for one article: title (weight A) in the first chunk, body (D) after."""
    title_tokens = tokens(title)[: chunk_tokens // 4]
    body_tokens = tokens(body)
    chunks: list[str] = []
    first_room = chunk_tokens - len(title_tokens) - TITLE_BODY_GAP
    pieces = [(title_tokens, body_tokens[:first_room])]
    start = max(first_room - overlap, 0)
    while start + overlap < len(body_tokens) and first_room < len(body_tokens):
        pieces.append(([], body_tokens[start:start + chunk_tokens]))
        start += chunk_tokens - overlap
    for title_part, body_part in pieces:
        positions: dict[str, list[str]] = defaultdict(list)
        for i, token in enumerate(title_part, 1):
            positions[token].append(f"{i}A")
        base = len(title_part) + TITLE_BODY_GAP if title_part else 0
        for i, token in enumerate(body_part, 1):
            positions[token].append(str(base + i))
        chunks.append(" ".join(f"'{lex}':{','.join(pos)}" for lex, pos in positions.items()))
    return chunks


def _delete(conn: Connection, docs: Sequence[Doc]) -> None:
    if not docs:
        return
    if is_sqlite(conn):
        conn.execute(text("INSERT INTO search_fts(search_fts, rowid, title, body) "
                          "VALUES ('delete', :id, :title, :body)"),
                     [{"id": i, "title": _grams(t), "body": _grams(b)} for i, t, b in docs])
    else:
        conn.execute(text("DELETE FROM search_docs WHERE article_id = ANY(:ids)"),
                     {"ids": [i for i, _, _ in docs]})


def _insert(conn: Connection, docs: Sequence[Doc]) -> None:
    if not docs:
        return
    if is_sqlite(conn):
        conn.execute(text("INSERT INTO search_fts(rowid, title, body) VALUES (:id, :title, :body)"),
                     [{"id": i, "title": _grams(t), "body": _grams(b)} for i, t, b in docs])
    else:
        rows = [{"id": i, "chunk": n, "tsv": literal}
                for i, t, b in docs for n, literal in enumerate(tsvector_literal(t, b))]
        conn.execute(text("INSERT INTO search_docs (article_id, chunk, tsv) "
                          "VALUES (:id, :chunk, CAST(:tsv AS tsvector))"), rows)


def reindex(conn: Connection, new: Iterable[Doc], old: Iterable[Doc] = ()) -> None:
    """Replace the index entries of articles: ``old`` is what they were indexed with
    (their text before this write; empty for new articles), ``new`` their text now."""
    _delete(conn, list(old))
    _insert(conn, list(new))


def rebuild(conn: Connection, batch_size: int = 500) -> int:
    """Drop every index entry and index all articles again; returns the count indexed."""
    if is_sqlite(conn):
        conn.execute(text("INSERT INTO search_fts(search_fts) VALUES ('delete-all')"))
    else:
        conn.execute(text("TRUNCATE search_docs"))
    count, last = 0, 0
    while True:
        rows = conn.execute(text("SELECT id, title, body FROM articles WHERE id > :last "
                                 "ORDER BY id LIMIT :n"), {"last": last, "n": batch_size}).all()
        if not rows:
            break
        _insert(conn, [(r[0], r[1] or "", r[2] or "") for r in rows])
        count += len(rows)
        last = rows[-1][0]
    if is_sqlite(conn):
        conn.execute(text("INSERT INTO search_fts(search_fts) VALUES ('optimize')"))
    return count


def texts_about_to_change(conn: Connection, urls_and_hashes: Iterable[tuple[str, str]]) -> list[Doc]:
    """Before a store: the indexed text of archived articles whose content is about to change
    (their old tokens are needed to take them out of a contentless FTS5 index)."""
    incoming = dict(urls_and_hashes)
    if not incoming:
        return []
    rows = conn.execute(text("SELECT id, url, content_hash FROM articles WHERE url IN :urls")
                        .bindparams(_expanding("urls")), {"urls": list(incoming)}).all()
    ids = [row[0] for row in rows if row[2] != incoming.get(row[1])]
    if not ids:
        return []
    if not is_sqlite(conn):  # PostgreSQL deletes by article id; the old text is not needed
        return [(i, "", "") for i in ids]
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
    reindex(conn, docs, [doc for doc in old if doc[0] in changed])


def _expanding(name: str):
    from sqlalchemy import bindparam

    return bindparam(name, expanding=True)
