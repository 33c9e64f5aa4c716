"""Chinese full-text search over the bigram index, on SQLite (FTS5) and PostgreSQL (tsvector).

Semantics (the guarantee analysts rely on): an article matches when its title or body
contains every positive term as a substring (1 character and up, case-insensitive for
letters, full-width and half-width letters and digits alike) and no ``-term``. Terms are
separated by spaces; ``"…"`` makes one term of several words. How the index answers that
exactly is explained in ``storage/search_tokens.py``.

Order: articles with every term in the title first; then relevance (BM25 on SQLite,
``ts_rank`` on PostgreSQL); then the newest published. Relevance is computed when the
query matches at most ``RANK_LIMIT`` articles. A broader query (a single common
character, 会议 in a large archive) is one whose terms occur nearly everywhere: BM25's
inverse document frequency is then close to zero and carries little information, while
scoring every match would cost time proportional to the archive; such queries are ordered
by title match, then newest. ``sort="date"`` orders by newest published only.

The work is done in four steps so that no step reads more than it needs: the index gives
the matching ids; their count is the total; the order is decided on narrow columns; only
the page of results is read in full.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, ColumnElement, Float, Integer, and_, func, select, text

from storage import search_tokens as tok
from storage.models import ArticleRow
from storage.people import article_ids_for_person
from storage.rows import export_record
from storage.search_result import SearchResult
from storage.snippet import find_spans, make_snippet

#: BM25 weights of the FTS5 columns (title, body).
BM25_WEIGHTS = (10.0, 1.0)
#: Queries matching more articles than this are ordered by title match and recency only.
RANK_LIMIT = 2000
FACETS = ("site", "month", "type", "organizer")
SORTS = ("relevance", "date")

A = ArticleRow.__table__


def _facet_column(name: str):
    if name == "site":
        return A.c.site
    if name == "month":
        return func.substr(A.c.published, 1, 7)
    return A.c[{"type": "event_type", "organizer": "organizer"}[name]]


def filters(conn: Connection, *, site: str | None = None, since: date | None = None,
            until: date | None = None, event_type: str | None = None, organizer: str | None = None,
            person: str | None = None) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if site is not None:
        out.append(A.c.site == site)
    if since is not None:
        out.append(A.c.published_date >= since)
    if until is not None:
        out.append(A.c.published_date <= until)
    if event_type is not None:
        out.append(A.c.event_type == event_type)
    if organizer is not None:
        out.append(A.c.organizer == organizer)
    if person is not None:
        out.append(A.c.id.in_(article_ids_for_person(person)))
    out += one_per_story(conn, site=site)
    return out


def one_per_story(conn: Connection, *, site: str | None) -> list[ColumnElement[bool]]:
    """Leave reposts out (issue 5): a story is found once, as its canonical copy, and the
    caller attaches its sightings. Not with ``--site``: there the site's own copy is wanted.
    No condition at all while the archive holds no repost, so the FTS-only count path stays."""
    if site is not None or conn.execute(
            select(A.c.id).where(A.c.duplicate_of.is_not(None)).limit(1)).first() is None:
        return []
    return [A.c.duplicate_of.is_(None)]


# -- SQLite: the FTS5 bigram table ----------------------------------------------------------

def _fts(match: str, name: str, scored: bool = False):
    """An FTS5 query as a named subquery; its parameter is named after it, so that several
    can sit in one statement."""
    key = f"{name}_match"
    if scored:
        w_title, w_body = BM25_WEIGHTS
        sql = (f"SELECT rowid AS id, -bm25(search_fts, {w_title}, {w_body}) AS relevance "
               f"FROM search_fts WHERE search_fts MATCH :{key}")
        return text(sql).bindparams(**{key: match}).columns(id=Integer, relevance=Float).subquery(name)
    return text(f"SELECT rowid AS id FROM search_fts WHERE search_fts MATCH :{key}").bindparams(
        **{key: match}).columns(id=Integer).subquery(name)


def _best_first(scored: list[tuple[int, float, bool, Any, str]]) -> list[tuple[int, float, bool]]:
    """Sort (id, relevance, title_hit, published_date, published): title hit, relevance, newest
    date, newest time, newest id; the same order on both engines."""
    scored.sort(key=lambda x: (x[2], x[1], x[3] is not None, x[3] or date.min, x[4], x[0]), reverse=True)
    return [(i, score, hit) for i, score, hit, _, _ in scored]


def _sqlite_ranked_ids(conn: Connection, parsed: tok.Query, where, total: int) -> list[tuple[int, float, bool]]:
    """FTS5's BM25 and title hits, each read once from the index, merged with the (filtered)
    matches here: joining a scored FTS subquery inside SQL let SQLite re-run it per row."""
    scores_sql = _fts(tok.fts5_match(parsed), "scores", scored=True)
    scores = dict(conn.execute(select(scores_sql.c.id, scores_sql.c.relevance)).all())
    titled_sql = _fts(tok.fts5_title_match(parsed), "titled")
    titled = set(conn.execute(select(titled_sql.c.id)).scalars())
    rows = conn.execute(select(A.c.id, A.c.published_date, A.c.published).where(where)).all()
    return _best_first([(r.id, scores.get(r.id, 0.0), r.id in titled, r.published_date, r.published or "")
                        for r in rows])


# -- confirming a term on the text (what the index alone does not settle) --------------------

def _confirm_expr(term: tok.Term, sqlite: bool) -> str:
    """The text a term is confirmed against, normalised as far as the term needs.

    Folding (``jiezhen_fold``) only changes ASCII capitals and full-width letters and digits,
    so a term with no ASCII letter or digit occurs in the folded text exactly where it occurs
    in the raw text, and the raw text is used: folding costs (PostgreSQL's translate() scans
    its table for every character, 0.1 ms a row at 3,600 characters). Other terms are
    confirmed on the folded text; on SQLite, where the fold is a Python call per row and only
    terms with whitespace are confirmed at all, ``lower()`` stands in for it (stored text has
    had full-width letters and digits cleaned away)."""
    raw = "articles.title || ' ' || articles.body"
    if not any(ch.isascii() and ch.isalnum() for ch in term.text):
        return raw
    return f"lower({raw})" if sqlite else f"jiezhen_fold({raw})"


def _contains_exactly(term: tok.Term, key: str, sqlite: bool, negative: bool = False
                      ) -> ColumnElement[bool]:
    """Title-and-body text contains ``term`` (see ``_confirm_expr``); ``instr`` is SQLite's
    name for ``strpos``."""
    sql = f"{'instr' if sqlite else 'strpos'}({_confirm_expr(term, sqlite)}, :{key}) > 0"
    return text(f"NOT ({sql})" if negative else sql).bindparams(**{key: term.text})


# -- PostgreSQL: search_grams, a GIN-indexed array of each article's characters and pairs ----

#: Relevance is computed (in Python, BM25) for at most this many PostgreSQL matches.
PG_RANK_LIMIT = 1000
BM25_K1, BM25_B = 1.2, 0.75


def _pg_contains(term: tok.Term, key: str, negative: bool = False) -> ColumnElement[bool]:
    """The article contains ``term``: its pieces are in the index (exact for 1-2 characters),
    and for longer terms ``strpos`` confirms it on those candidates."""
    sql = (f"articles.id IN (SELECT article_id FROM search_grams "
           f"WHERE grams @> CAST(:{key}g AS text[]))")
    params: dict[str, Any] = {f"{key}g": tok.pg_grams(term)}
    if len(term.text) > 2:
        sql = f"({sql} AND strpos({_confirm_expr(term, False)}, :{key}q) > 0)"  # index narrows, strpos settles
        params[f"{key}q"] = term.text
    return text(f"NOT {sql}" if negative else sql).bindparams(**params)


def _pg_title_hit(parsed: tok.Query) -> ColumnElement[bool]:
    return and_(*[func.strpos(func.jiezhen_fold(A.c.title), t.text) > 0 for t in parsed.positive])


def _pg_ranked_ids(conn: Connection, parsed: tok.Query, where, total: int) -> list[tuple[int, float, bool]]:
    """BM25 over every match (there are at most PG_RANK_LIMIT), title weighted as on SQLite;
    returns (id, relevance, title_hit) best first, recency breaking ties. Term counts are taken
    here, on the fetched text: cheaper than folding and replacing inside PostgreSQL."""
    terms = [t.text for t in parsed.positive]
    rows = conn.execute(select(A.c.id, A.c.published_date, A.c.published, A.c.title, A.c.body)
                        .where(where)).all()
    if not rows:
        return []
    archive_size = max(conn.execute(select(func.count()).select_from(A)).scalar_one(), 1)
    doc_freq = [total if len(terms) == 1 else conn.execute(
        select(func.count()).select_from(A).where(_pg_contains(term, f"df{n}"))).scalar_one()
        for n, term in enumerate(parsed.positive)]
    idf = [math.log(1 + (archive_size - df + 0.5) / (df + 0.5)) for df in doc_freq]
    folded = [(r, tok.normalize(r.title or ""), tok.normalize(r.body or "")) for r in rows]
    avg_len = sum(len(b) for _, _, b in folded) / len(folded) or 1.0
    scored = []
    for row, title, body in folded:
        norm = BM25_K1 * (1 - BM25_B + BM25_B * len(body) / avg_len)
        score, in_title = 0.0, True
        for n, term in enumerate(terms):
            in_title_count, in_body_count = title.count(term), body.count(term)
            tf = BM25_WEIGHTS[0] * in_title_count + BM25_WEIGHTS[1] * in_body_count
            score += idf[n] * tf * (BM25_K1 + 1) / (tf + norm) if tf else 0.0
            in_title = in_title and in_title_count > 0
        scored.append((row.id, score, in_title, row.published_date, row.published or ""))
    return _best_first(scored)


def _prefer_index(conn: Connection) -> None:
    """PostgreSQL's planner does not count the cost of detoasting ``search_grams.grams``, so a
    sequential scan over the (small-looking) table seems cheaper than the GIN index while it
    really reads every array: 270 ms instead of ~1 ms at 10,000 articles. For this transaction
    only, make sequential scans the last resort (they still happen where nothing else can)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SET LOCAL enable_seqscan = off"))


def _match(conn: Connection, parsed: tok.Query, conditions: list) -> tuple[ColumnElement[bool], Any]:
    """The WHERE clause selecting matching articles (and, on SQLite, the FTS subquery)."""
    _prefer_index(conn)
    conditions = list(conditions)
    sqlite = conn.dialect.name == "sqlite"
    matched = None
    if parsed.searchable and sqlite:
        matched = _fts(tok.fts5_match(parsed), "matched")
        conditions.append(A.c.id.in_(select(matched.c.id)))
    elif parsed.searchable:
        conditions += [_pg_contains(t, f"p{n}") for n, t in enumerate(parsed.positive)]
        conditions += [_pg_contains(t, f"x{n}", negative=True) for n, t in enumerate(parsed.negative)]
    # What the index does not settle (on SQLite, terms with whitespace inside; anywhere, a query
    # with nothing indexable) is confirmed on the normalised text of the candidates.
    for n, term in enumerate(parsed.terms):
        if not parsed.searchable or (sqlite and term.exact_check_needed):
            conditions.append(_contains_exactly(term, f"exact{n}", sqlite, negative=term.negative))
    return and_(*conditions), matched


def matching_ids(conn: Connection, query: str) -> set[int]:
    """Ids of every article matching ``query`` (no order, no page): what ``search`` counts."""
    parsed = tok.parse_query(query)
    if not parsed.terms:
        raise ValueError("empty search query")
    where, _ = _match(conn, parsed, [])
    return set(conn.execute(select(A.c.id).where(where)).scalars())


def search(conn: Connection, query: str, *, site: str | None = None, since: date | None = None,
           until: date | None = None, event_type: str | None = None, organizer: str | None = None,
           person: str | None = None, sort: str = "relevance", limit: int = 20, offset: int = 0,
           facets: Sequence[str] = ()) -> SearchResult:
    """Matching articles (see the module docstring); ``total`` counts them all."""
    parsed = tok.parse_query(query)
    if not parsed.terms:
        raise ValueError("empty search query")
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {', '.join(SORTS)}")
    unknown = [f for f in facets if f not in FACETS]
    if unknown:
        raise ValueError(f"unknown facet {unknown[0]!r} (choose from {', '.join(FACETS)})")
    conditions = filters(conn, site=site, since=since, until=until, event_type=event_type,
                         organizer=organizer, person=person)
    positive = [t.text for t in parsed.terms if not t.negative]

    # 1. which articles match
    sqlite = conn.dialect.name == "sqlite"
    narrowed = bool(conditions)
    where, matched = _match(conn, parsed, conditions)

    # 2. how many (straight from the FTS index when nothing else narrows the match)
    if parsed.searchable and sqlite and not narrowed and not any(
            t.exact_check_needed for t in parsed.terms):
        total = conn.execute(select(func.count()).select_from(matched)).scalar_one()
    else:
        total = conn.execute(select(func.count()).select_from(A).where(where)).scalar_one()

    # 3. in which order (narrow columns only)
    newest = (A.c.published_date.desc().nulls_last(), A.c.published.desc().nulls_last(), A.c.id.desc())
    relevance_sort = sort == "relevance" and parsed.searchable
    if relevance_sort and total <= (RANK_LIMIT if sqlite else PG_RANK_LIMIT):
        ranked = (_sqlite_ranked_ids if sqlite else _pg_ranked_ids)(conn, parsed, where, total)
        page = [{"id": i, "relevance": score, "title_hit": hit}
                for i, score, hit in ranked[offset:offset + limit]]
    elif relevance_sort:
        # Broad query: title matches newest first, then the rest newest first. Each step walks
        # the date index and stops after the page, instead of sorting every match.
        if sqlite:
            titled = _fts(tok.fts5_title_match(parsed), "titled")
            title_hit = A.c.id.in_(select(titled.c.id))
        else:
            title_hit = _pg_title_hit(parsed)
        page = []
        in_title = conn.execute(select(func.count()).select_from(A).where(where, title_hit)
                                ).scalar_one() if offset else 0
        for hit, condition in ((True, title_hit), (False, ~title_hit)):
            skip = min(offset, in_title) if hit else max(offset - in_title, 0)
            wanted = limit - len(page)
            if wanted <= 0:
                break
            ids = conn.execute(select(A.c.id).where(where, condition).order_by(*newest)
                               .limit(wanted).offset(skip)).scalars().all()
            page += [{"id": i, "title_hit": hit} for i in ids]
    else:
        page = conn.execute(select(A.c.id).where(where).order_by(*newest)
                            .limit(limit).offset(offset)).mappings().all()

    # 4. the page of results, read in full
    full = {row["id"]: row for row in conn.execute(
        select(A).where(A.c.id.in_([r["id"] for r in page]))).mappings()} if page else {}
    hits = []
    for ranked_row in page:
        row = full[ranked_row["id"]]
        hit = export_record(row)
        body = row["body"] or ""
        snippet_text = body if find_spans(body, positive) else (row["title"] or "")
        snippet, spans = make_snippet(snippet_text, positive)
        relevance = ranked_row.get("relevance")
        hit.update(score=None if relevance is None else round(float(relevance), 6),
                   title_match=bool(ranked_row.get("title_hit", False)),
                   snippet=snippet, snippet_spans=spans)
        hits.append(hit)

    facet_counts: dict[str, list[tuple[str, int]]] = {}
    for name in facets:
        column = _facet_column(name).label("value")
        counted = conn.execute(select(column, func.count().label("n")).select_from(A).where(where)
                               .group_by(column).order_by(func.count().desc(), column)).all()
        facet_counts[name] = [(value if value is not None else "", n) for value, n in counted]
    return SearchResult(total=total, hits=hits, facets=facet_counts)
