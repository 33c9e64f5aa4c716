"""Chinese full-text search over the bigram index, on SQLite (FTS5) and PostgreSQL (tsvector).

Semantics (the guarantee analysts rely on): an article matches when its title or body
contains every positive term as a substring (1 character and up, case-insensitive for
letters, full-width and half-width letters and digits alike) and no ``-term``. Terms are
separated by spaces; ``"…"`` makes one term of several words. How the index answers that
exactly is explained in ``storage/search_tokens.py``.

Ranking: articles with every term in the title first, then relevance (BM25 on SQLite,
``ts_rank`` with the title weighted A on PostgreSQL), then the newest published; with
``sort="date"``, newest published first. Filters narrow by site, date, event type,
organizer and person. A query with nothing indexable in it (only punctuation) falls back
to the substring scan of ``storage/search_scan.py``.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import (Connection, ColumnElement, Float, Integer, and_, case, func, inspect, literal,
                        select, text, true)

from storage import search_tokens as tok
from storage.models import ArticleRow
from storage.rows import export_record
from storage.search_result import SearchResult
from storage.search_scan import LIKE_ESCAPE, contains, like_pattern, match_condition
from storage.snippet import find_spans, make_snippet

#: BM25 weights of the FTS5 columns (title, body).
BM25_WEIGHTS = (10.0, 1.0)
#: Facets that can be asked for, and the column expression each groups by.
FACETS = ("site", "month", "type", "organizer")
SORTS = ("relevance", "date")


def _facet_column(name: str):
    if name == "site":
        return ArticleRow.site
    if name == "month":
        return func.substr(ArticleRow.published, 1, 7)
    column = {"type": "event_type", "organizer": "organizer"}[name]
    return ArticleRow.__table__.c[column]


def _needs_meeting_columns(conn: Connection, what: str) -> None:
    if "event_type" not in ArticleRow.__table__.c or "event_type" not in {
            c["name"] for c in inspect(conn).get_columns("articles")}:
        raise ValueError(f"{what} needs meeting metadata, which this archive does not have yet")


def filters(conn: Connection, *, site: str | None = None, since: date | None = None,
            until: date | None = None, event_type: str | None = None, organizer: str | None = None,
            person: str | None = None) -> list[ColumnElement[bool]]:
    out: list[ColumnElement[bool]] = []
    if site is not None:
        out.append(ArticleRow.site == site)
    if since is not None:
        out.append(ArticleRow.published_date >= since)
    if until is not None:
        out.append(ArticleRow.published_date <= until)
    if event_type is not None:
        _needs_meeting_columns(conn, "--type")
        out.append(ArticleRow.__table__.c.event_type == event_type)
    if organizer is not None:
        _needs_meeting_columns(conn, "--organizer")
        out.append(ArticleRow.__table__.c.organizer == organizer)
    if person is not None:
        _needs_meeting_columns(conn, "--person")
        out.append(ArticleRow.id.in_(text(
            "SELECT ap.article_id FROM appearances ap JOIN people p ON p.id = ap.person_id "
            "WHERE p.name = :person").bindparams(person=person).columns(article_id=Integer)))
    return out


def _candidates_sqlite(parsed: tok.Query):
    sql = text(f"SELECT rowid AS id, -bm25(search_fts, {BM25_WEIGHTS[0]}, {BM25_WEIGHTS[1]}) "
               "AS relevance FROM search_fts WHERE search_fts MATCH :match")
    return sql.bindparams(match=tok.fts5_match(parsed)).columns(id=Integer, relevance=Float)


def _candidates_postgres(parsed: tok.Query):
    """Per-term article sets (a term may sit in any chunk of a long body), intersected."""
    params: dict[str, Any] = {}
    sets = []
    for n, term in enumerate(parsed.positive):
        params[f"t{n}"] = tok.tsquery_term(term)
        sets.append(f"SELECT article_id FROM search_docs WHERE tsv @@ CAST(:t{n} AS tsquery)")
    wanted = " INTERSECT ".join(sets)
    for n, term in enumerate(t for t in parsed.negative if not t.exact_check_needed):
        params[f"n{n}"] = tok.tsquery_term(term)
        wanted += f" EXCEPT SELECT article_id FROM search_docs WHERE tsv @@ CAST(:n{n} AS tsquery)"
    params["any"] = " | ".join(tok.tsquery_term(t) for t in parsed.positive)
    sql = text("SELECT d.article_id AS id, max(ts_rank(d.tsv, CAST(:any AS tsquery))) AS relevance "
               f"FROM search_docs d WHERE d.article_id IN ({wanted}) GROUP BY d.article_id")
    return sql.bindparams(**params).columns(id=Integer, relevance=Float)


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
    if parsed.searchable:
        candidates = (_candidates_sqlite(parsed) if conn.dialect.name == "sqlite"
                      else _candidates_postgres(parsed)).subquery("candidates")
        conditions += [contains(t.text) for t in parsed.positive if t.exact_check_needed]
        conditions += [~contains(t.text) for t in parsed.negative if t.exact_check_needed]
        relevance = candidates.c.relevance
        source = ArticleRow.__table__.join(candidates, candidates.c.id == ArticleRow.id)
    else:  # nothing to index in the positive terms: scan
        conditions.append(match_condition(positive,
                                          excluded=[t.text for t in parsed.terms if t.negative]))
        relevance = literal(0.0)
        source = ArticleRow.__table__
    where = and_(true(), *conditions)

    total = conn.execute(select(func.count()).select_from(source).where(where)).scalar_one()
    title_hit = case((and_(*[ArticleRow.title.ilike(like_pattern(t), escape=LIKE_ESCAPE)
                             for t in positive]), 1), else_=0) if positive else literal(0)
    newest = (ArticleRow.published_date.desc().nulls_last(), ArticleRow.published.desc().nulls_last(),
              ArticleRow.id.desc())
    order = newest if sort == "date" else (title_hit.desc(), relevance.desc(), *newest)
    rows = conn.execute(
        select(ArticleRow.__table__, relevance.label("relevance"), title_hit.label("title_hit"))
        .select_from(source).where(where).order_by(*order).limit(limit).offset(offset)
    ).mappings().all()

    hits = []
    for row in rows:
        hit = export_record(row)
        body = row["body"] or ""
        snippet_text = body if find_spans(body, positive) else (row["title"] or "")
        snippet, spans = make_snippet(snippet_text, positive)
        hit.update(score=round(float(row["relevance"] or 0.0), 4), title_match=bool(row["title_hit"]),
                   snippet=snippet, snippet_spans=spans)
        hits.append(hit)

    facet_counts: dict[str, list[tuple[str, int]]] = {}
    for name in facets:
        if name in ("type", "organizer"):
            _needs_meeting_columns(conn, f"the {name} facet")
        column = _facet_column(name).label("value")
        counted = conn.execute(select(column, func.count().label("n")).select_from(source)
                               .where(where).group_by(column).order_by(func.count().desc(), column)
                               ).all()
        facet_counts[name] = [(value if value is not None else "", n) for value, n in counted]
    return SearchResult(total=total, hits=hits, facets=facet_counts)
