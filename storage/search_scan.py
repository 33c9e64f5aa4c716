"""Substring scan over title and body (search v1), kept as the exact reference.

The indexed search (``storage/search.py``) answers queries; this scan is what it is
measured against (benchmarks/search.py, the recall tests) and what it falls back to
for a query with no letters or digits to index (``%%``, ``。``). It reads every row.

Semantics: the query is split on whitespace and *every* term must occur in the
title or the body (case-insensitive for letters). LIKE wildcards in the query are
escaped, and the query only ever travels as a bound parameter.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, ColumnElement, and_, func, or_, select

from storage.models import ArticleRow
from storage.capture_refs import fill_captures
from storage.rows import export_record
from storage.snippet import find_spans, fold, make_snippet
from storage.search_result import SearchResult

#: Character that escapes LIKE wildcards in patterns built from user input.
LIKE_ESCAPE = "\\"
#: Score of a term found in the title, and of one found only in the body.
TITLE_SCORE = 2.0
BODY_SCORE = 1.0


def split_terms(query: str) -> list[str]:
    terms = query.split()
    if not terms:
        raise ValueError("empty search query")
    return terms


def like_pattern(term: str) -> str:
    """``%term%`` with ``%``, ``_`` and the escape character itself matched literally."""
    escaped = (term.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2)
               .replace("%", LIKE_ESCAPE + "%").replace("_", LIKE_ESCAPE + "_"))
    return f"%{escaped}%"


def contains(term: str) -> ColumnElement[bool]:
    """Title or body contains ``term`` (case-insensitive for letters), as a bound LIKE."""
    pattern = like_pattern(term)
    return or_(ArticleRow.title.ilike(pattern, escape=LIKE_ESCAPE),
               ArticleRow.body.ilike(pattern, escape=LIKE_ESCAPE))


def match_condition(terms: list[str], *, site: str | None = None, since: date | None = None,
                    until: date | None = None, excluded: list[str] = ()) -> ColumnElement[bool]:
    conditions: list[ColumnElement[bool]] = [contains(term) for term in terms]
    conditions += [~contains(term) for term in excluded]
    if site is not None:
        conditions.append(ArticleRow.site == site)
    if since is not None:
        conditions.append(ArticleRow.published_date >= since)
    if until is not None:
        conditions.append(ArticleRow.published_date <= until)
    return and_(*conditions)


def score(title: str, terms: list[str]) -> float:
    """Mean over terms of 2 (term in the title) or 1 (body only): 1.0 to 2.0."""
    folded = fold(title)
    return sum(TITLE_SCORE if fold(t) in folded else BODY_SCORE for t in terms) / len(terms)


def scan_ids(conn: Connection, terms: list[str], excluded: list[str] = ()) -> set[int]:
    """Ids of every article containing all ``terms`` and none of ``excluded`` (the reference)."""
    return set(conn.execute(select(ArticleRow.id).where(
        match_condition(terms, excluded=list(excluded)))).scalars())


def search(conn: Connection, query: str, *, site: str | None = None, since: date | None = None,
           until: date | None = None, limit: int = 20, offset: int = 0) -> "SearchResult":
    """Matching articles, newest published first (undated last), then newest id first."""
    terms = split_terms(query)
    condition = match_condition(terms, site=site, since=since, until=until)
    articles = ArticleRow.__table__
    total = conn.execute(select(func.count()).select_from(articles).where(condition)).scalar_one()
    rows = conn.execute(
        select(articles).where(condition)
        .order_by(ArticleRow.published_date.desc().nulls_last(),
                  ArticleRow.published.desc().nulls_last(), ArticleRow.id.desc())
        .limit(limit).offset(offset)
    ).mappings()
    hits = []
    for row in rows:
        hit = export_record(row)
        body = row["body"] or ""
        text = body if find_spans(body, terms) else row["title"]
        snippet, spans = make_snippet(text, terms)
        hit.update(score=score(row["title"], terms), snippet=snippet, snippet_spans=spans)
        hits.append(hit)
    fill_captures(conn, hits)
    return SearchResult(total=total, hits=hits)
