"""Chinese full-text search over the bigram index, on SQLite (FTS5) and PostgreSQL (GIN over grams).

Semantics (the guarantee analysts rely on): an article matches when its title or body
contains every positive term as a substring (1 character and up, case-insensitive for
letters, full-width and half-width letters and digits alike) and no ``-term``. Terms are
separated by spaces; ``"…"`` makes one term of several words. How the index answers that
exactly is explained in ``storage/search_tokens.py``.

Order: articles with every term in the title first; then relevance (BM25, the title
weighted, computed in Python from the matches' text, the same on both engines: see
``_bm25_ranked``); then the newest published. Relevance is computed when the query
matches at most ``RANK_LIMIT`` (PostgreSQL: ``PG_RANK_LIMIT``) articles. A broader query (a single common
character, 会议 in a large archive) is one whose terms occur nearly everywhere: BM25's
inverse document frequency is then close to zero and carries little information, while
scoring every match would cost time proportional to the archive; such queries are ordered
by title match, then newest. ``sort="date"`` orders by newest published only.

The work is done in four steps so that no step reads more than it needs: the index gives
the matching ids; their count is the total; the order is decided on narrow columns; only
the page of results is read in full. Where counting must read something in full (an FTS5
reading on SQLite; on PostgreSQL, the text of every candidate of a term the grams do not
settle), that one pass also lists a narrow query's matches for ranking, and on PostgreSQL
takes a broad query's page, so nothing is read twice.
"""
from __future__ import annotations

import json
import math
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import (Connection, ColumnElement, Integer, String, and_, case, func, literal_column, or_,
                        select, text, type_coerce)
from sqlalchemy.dialects.postgresql import aggregate_order_by

from storage import search_tokens as tok
from storage.models import ArticleRow
from storage.people import article_ids_for_person
from storage.capture_refs import fill_captures
from storage.rows import export_record
from storage.search_result import SearchResult
from storage.sightings import attach_sightings
from storage.sites import sites_under
from storage.snippet import find_spans, make_snippet

#: BM25 weights of a term's occurrences in the title and in the body.
BM25_WEIGHTS = (10.0, 1.0)
#: Queries matching more articles than this (SQLite; PG_RANK_LIMIT on PostgreSQL, the same
#: number, so both engines order alike) are ordered by title match and recency only. Ranking
#: reads every match's text: at 1,000 that costs about what one more FTS5 reading of a
#: common phrase does at 100,000 articles (2,000 until session 5, when FTS5's bm25() ranked).
RANK_LIMIT = 1000
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
            person: str | None = None, district: str | None = None, reposts: bool = True
            ) -> list[ColumnElement[bool]]:
    """Conditions on ``articles`` for the search options; ``reposts``: whether the archive
    holds any repost (``holds_reposts``), else no condition leaves them out."""
    out: list[ColumnElement[bool]] = []
    if site is not None:
        out.append(A.c.site == site)
    district_sites = sites_under(district) if district is not None else None
    if district_sites is not None:  # the district's own site and every site below it (storage/sites.py)
        out.append(A.c.site.in_(district_sites))
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
    scope = None  # which sites are in view, as a condition on a table like ``articles``
    if site is not None:
        scope = lambda table: table.c.site == site  # noqa: E731
    elif district is not None:
        scope = lambda table: table.c.site.in_(district_sites)  # noqa: E731 (one CTE, used twice)
    if reposts:
        out += one_per_story(scope)
    return out


def holds_reposts(conn: Connection) -> bool:
    """Whether any article is a repost of another (``duplicate_of`` set)."""
    # Ordered by the column so that both planners read its index (one entry) rather than
    # scan the table for a repost that is not there (18 ms at 10,000 articles on PostgreSQL
    # before the table is analysed).
    return conn.execute(select(A.c.duplicate_of).where(A.c.duplicate_of.is_not(None))
                        .order_by(A.c.duplicate_of).limit(1)).first() is not None


def one_per_story(scope=None) -> list[ColumnElement[bool]]:
    """Leave reposts out (issue 5): a story is found once, as its canonical copy, and the
    caller attaches its sightings. With ``--site`` or ``--district`` (``scope``), a repost
    stays when its canonical copy is on a site out of view: the story is found there through
    the copy that is in view. Not applied while the archive holds no repost (``filters``), so
    the FTS-only count path stays."""
    if scope is None:
        return [A.c.duplicate_of.is_(None)]
    canonical = A.alias("canonical")
    return [or_(A.c.duplicate_of.is_(None),
                A.c.duplicate_of.not_in(select(canonical.c.id).where(scope(canonical))))]


# -- SQLite: the FTS5 bigram table ----------------------------------------------------------

def _fts(match: str, name: str):
    """An FTS5 query as a named subquery; its parameter is named after it, so that several
    can sit in one statement."""
    key = f"{name}_match"
    return text(f"SELECT rowid AS id FROM search_fts WHERE search_fts MATCH :{key}").bindparams(
        **{key: match}).columns(id=Integer).subquery(name)


def _best_first(scored: list[tuple[int, float, bool, Any, str]]) -> list[tuple[int, float, bool]]:
    """Sort (id, relevance, title_hit, published_date, published): title hit, relevance, newest
    date, newest time, newest id; the same order on both engines. Dates are ``date`` objects
    or ISO strings (``_rankable_rows``), never both in one list; a missing one sorts last."""
    scored.sort(key=lambda x: (x[2], x[1], x[3] is not None, x[3] or "", x[4], x[0]), reverse=True)
    return [(i, score, hit) for i, score, hit, _, _ in scored]


def _json_ids(ids: Sequence[int], name: str):
    """A list of ids as a one-column subquery (SQLite's json_each): one bound parameter however
    long the list, where ``IN (?, ?, …)`` meets SQLite's limit on parameters."""
    key = f"{name}_ids"
    return text(f"SELECT value FROM json_each(:{key})").bindparams(
        **{key: json.dumps(list(ids))}).columns(value=Integer)


def _sqlite_rank(conn: Connection, parsed: tok.Query, conditions: list, *, all_candidates: bool = False
                 ) -> tuple[int, list[tuple[int, float, bool]]] | None:
    """(total, ranked ids) of a filtered query matching at most RANK_LIMIT articles; None when
    it matches more (then it is broad: see ``_sqlite_broad_steps``).

    The FTS query lists the candidates (streamed: it stops after RANK_LIMIT + 1); filters and
    exact checks are applied to their rows, which are ranked as every narrow query is
    (``_bm25_ranked``). ``all_candidates``: the caller knows that at most RANK_LIMIT
    candidates survive the filters, however many the FTS query lists."""
    listed = select(_fts(tok.fts5_match(parsed), "listed").c.id)
    ids = conn.execute(listed if all_candidates else listed.limit(RANK_LIMIT + 1)).scalars().all()
    if len(ids) > RANK_LIMIT and not all_candidates:
        return None
    rows = _rankable_rows(conn, and_(A.c.id.in_(_json_ids(ids, "listed")), *conditions,
                                     *_sqlite_exact_checks(parsed)))
    return len(rows), _bm25_ranked(conn, parsed, rows, len(rows))


def _sqlite_count_and_ids(conn: Connection, parsed: tok.Query) -> tuple[int, list[int] | None]:
    """The number of articles matching the FTS query and, when at most RANK_LIMIT, their ids:
    one reading of the index, where counting and then scoring read it three times (FTS5's
    bm25() first reads every phrase's whole doclist for its statistics): a phrase of common
    pairs costs tens of ms per reading at 100,000 articles."""
    n, ids = conn.execute(text(
        "SELECT count(*), CASE WHEN count(*) <= :limit THEN json_group_array(rowid) END "
        "FROM search_fts WHERE search_fts MATCH :match"),
        {"limit": RANK_LIMIT, "match": tok.fts5_match(parsed)}).one()
    return n, None if ids is None else json.loads(ids)


def _sqlite_exact_checks(parsed: tok.Query) -> list[ColumnElement[bool]]:
    """On SQLite, terms with whitespace inside are confirmed on the text (see search_tokens)."""
    return [_contains_exactly(term, f"exact{n}", True, negative=term.negative)
            for n, term in enumerate(parsed.terms) if term.exact_check_needed]


# -- confirming a term on the text (what the index alone does not settle) --------------------

def _needs_fold(term: tok.Term) -> bool:
    """Whether ``term`` can match text that folding changed (ASCII or full-width letters and
    digits); terms without them match the raw text exactly where they match the folded one."""
    return any(ch.isascii() and ch.isalnum() for ch in term.text)


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
    if not _needs_fold(term):
        return raw
    return f"lower({raw})" if sqlite else f"jiezhen_fold({raw})"


def _contains_exactly(term: tok.Term, key: str, sqlite: bool, negative: bool = False
                      ) -> ColumnElement[bool]:
    """Title-and-body text contains ``term`` (see ``_confirm_expr``); ``instr`` is SQLite's
    name for ``strpos``. On PostgreSQL a term with letters or digits is matched on the raw
    text by a regular expression of its raw forms (``search_tokens.raw_text_pattern``)
    instead of folding every candidate: the same answer at a fortieth of the cost."""
    if not sqlite and not any(ch.isspace() for ch in term.text):
        # Title and body apart: the same answer for a term that cannot span the joining
        # space, without copying both into a new string per candidate (a fifth of the cost).
        sql = f"(strpos(articles.title, :{key}) > 0 OR strpos(articles.body, :{key}) > 0)"
        params = {key: term.text}
        if _needs_fold(term):
            # The normalised term is one of the raw forms the pattern matches, and strpos
            # costs a fifth of a regular expression: only candidates without it written that
            # way (none, for most matches) are tried on the pattern. The same answer.
            sql = f"({sql} OR articles.title ~ :{key}p OR articles.body ~ :{key}p)"
            params[f"{key}p"] = tok.raw_text_pattern(term.text)
    elif not sqlite and _needs_fold(term):
        sql = f"(articles.title || ' ' || articles.body) ~ :{key}"
        params = {key: tok.raw_text_pattern(term.text)}
    else:
        sql = f"{'instr' if sqlite else 'strpos'}({_confirm_expr(term, sqlite)}, :{key}) > 0"
        params = {key: term.text}
    return text(f"NOT ({sql})" if negative else sql).bindparams(**params)


# -- PostgreSQL: search_grams, a GIN-indexed array of each article's characters and pairs ----

#: work_mem of a PostgreSQL search transaction (see ``_prefer_index``).
SEARCH_WORK_MEM = "64MB"
#: Relevance is computed (in Python, BM25) for at most this many PostgreSQL matches.
PG_RANK_LIMIT = RANK_LIMIT
BM25_K1, BM25_B = 1.2, 0.75


def _pg_holds(grams: tok.PgGrams, key: str) -> tuple[str, dict[str, Any]]:
    """SQL condition on ``search_grams`` (and its parameters): the row holds every unit and
    pair of ``grams``. An empty list gets no condition: ``@> '{}'`` holds for every row, and
    GIN would answer it by reading the whole index."""
    conditions, params = [], {}
    if grams.units:
        conditions.append(f"units @> CAST(:{key}u AS int2[])")
        params[f"{key}u"] = grams.units
    if grams.pairs:
        conditions.append(f"pairs @> CAST(:{key}p AS int4[])")
        params[f"{key}p"] = grams.pairs
    return " AND ".join(conditions), params


def _pg_contains(term: tok.Term, key: str, negative: bool = False, walk: bool | str = False
                 ) -> ColumnElement[bool]:
    """The article contains ``term``: its pieces are in the index (exact for 1-2 characters),
    and for longer terms ``strpos`` confirms it on those candidates.

    ``walk``: the statement walks articles newest first and stops after a page (broad
    queries); the test is then written so that PostgreSQL answers it from a hash of the
    matching ids built once (a "hashed SubPlan": 5 ms instead of 170 ms at 10,000 articles
    for a one-character query), rather than joining every match and sorting them.
    ``walk="probe"``: the walk reads each walked article's own grams instead (found by the hash
    index on ``article_id``), for queries matching so much of the archive (PROBE_DENSITY)
    that a page is found within a few dozen articles: building the hash of every match then
    costs more than the whole walk (~20 ms of a one-character query at 100,000 articles)."""
    grams = tok.pg_grams(term)
    if walk == "probe":
        # bool_or: one answer even if a race ever left an article two rows; IS TRUE: an
        # article without grams (none should be) contains nothing.
        holds, params = _pg_holds(grams, key)
        sql = (f"(SELECT bool_or({holds}) FROM search_grams "
               f"WHERE search_grams.article_id = articles.id) IS TRUE")
    elif walk or negative:
        # OFFSET 0 keeps the subquery whole: the planner may not turn it into a probe per
        # article, which would read every article's array (see _prefer_index).
        holds, params = _pg_holds(grams, key)
        sql = f"articles.id IN (SELECT article_id FROM search_grams WHERE {holds} OFFSET 0)"
        if walk:
            sql = f"({sql}) IS TRUE"  # not pulled up into a join: a filter on the index walk
    else:
        # The candidates' ids as one array, and the articles read by id (a bitmap scan of the
        # primary key): only candidates are read, whatever the statistics say. As a semi-join
        # (``IN``), once the tables were analysed, the planner scanned every article and
        # confirmed the term on each (64 ms instead of 25 at 10,000 articles): a LIKE scan.
        # (Exclusions keep ``NOT IN``, a hashed lookup: ``<> ALL(array)`` is a linear search.)
        holds, params = _pg_holds(grams, key)
        sql = f"articles.id = ANY(ARRAY(SELECT article_id FROM search_grams WHERE {holds}))"
    if tok.pg_term_units(term) > 2:  # the index narrows, the text settles
        confirm = _contains_exactly(term, f"{key}q", sqlite=False)
        return and_(text(sql).bindparams(**params), confirm) if not negative else \
            ~and_(text(sql).bindparams(**params), confirm)
    return text(f"NOT {sql}" if negative else sql).bindparams(**params)


def _pg_title_hit(parsed: tok.Query, title=A.c.title) -> ColumnElement[bool]:
    """Every positive term is in the title (matched on the raw title as in
    ``_contains_exactly``: folding every title costs more than the rest of the query)."""
    def in_title(term: tok.Term):
        if _needs_fold(term):
            return title.regexp_match(tok.raw_text_pattern(term.text))
        return func.strpos(title, term.text) > 0
    return and_(*[in_title(t) for t in parsed.positive])


def _pg_recent_title_page(conn: Connection, parsed: tok.Query, conditions: list, total: int,
                          archive_size: int, offset: int, limit: int) -> list[int] | None:
    """The page of a broad, not dense query when it holds only title matches found among the
    newest matches; None when they are not enough (then one pass over every match decides).

    The newest K matches are walked (date index, the matches' ids hashed once) and their
    titles checked. If the page's title matches are all among them, they are the newest title
    matches of all: any newer one would be among those K too. K is chosen so that the walk
    (about K x archive / total articles visited) costs at most half the pass over all
    ``total`` matches it may spare: a term common in titles costs a short walk, one rare in
    titles a short walk and then the pass. ``archive_size``: ``_pg_archive_size``."""
    walk = total * total // (2 * max(archive_size, total, 1))
    if walk < offset + limit:
        return None
    where, _ = _match(conn, parsed, conditions, walk=True)
    recent = (select(A.c.id, A.c.title, A.c.published_date, A.c.published).where(where)
              .order_by(*_newest(A.c)).limit(walk).subquery())
    ids = conn.execute(select(recent.c.id).where(_pg_title_hit(parsed, recent.c.title))
                       .order_by(*_newest(recent.c)).limit(limit).offset(offset)).scalars().all()
    return ids if len(ids) == limit else None


def _newest(columns=A.c) -> tuple:
    """Newest published first, undated last, then newest id: the order of every page that is
    not ranked (``columns``: the articles table's, or a subquery's with the same names)."""
    return (columns.published_date.desc().nulls_last(), columns.published.desc().nulls_last(),
            columns.id.desc())


def _pg_page_keys(parsed: tok.Query, relevance_sort: bool) -> list:
    """What a page taken in one pass (``_pg_one_pass``) is ordered by when matches are too
    many to rank: title matches first, then newest (newest only for ``--sort date``)."""
    title_first = [case((_pg_title_hit(parsed), 1), else_=0).label("title_hit")] if relevance_sort else []
    return [*title_first, A.c.published_date, A.c.published]


def _pg_archive_size(conn: Connection) -> int:
    """Articles in the archive, for BM25's IDF: the planner's estimate where there is one
    (an exact count costs a scan per query and IDF does not need it); in a table never
    analysed (a fresh or freshly loaded archive) the largest id, a close enough stand-in
    read from the primary key (count(*) reads every row: 25 ms at 100k). One round trip."""
    return int(conn.execute(text(
        "SELECT CASE WHEN reltuples > 0 THEN reltuples::bigint "
        "ELSE (SELECT coalesce(max(id), 0) FROM articles) END "
        "FROM pg_class WHERE oid = 'articles'::regclass")).scalar() or 0)


def _pg_index_settles(parsed: tok.Query) -> bool:
    """Whether the GIN index alone decides the query: no exclusion, and every term of 1-2
    units (``search_tokens.pg_term_units``) with something to index."""
    return (not parsed.negative and all(tok.pg_term_units(t) <= 2 for t in parsed.positive)
            and all(t.parts for t in parsed.terms))


def _pg_candidate_count(conn: Connection, parsed: tok.Query) -> int:
    """How many articles hold every piece of every positive term, straight from the GIN index
    (a few ms); the number of matches when ``_pg_index_settles``."""
    wanted = [tok.pg_grams(t) for t in parsed.positive]
    holds, params = _pg_holds(tok.PgGrams(sorted({u for g in wanted for u in g.units}),
                                          sorted({p for g in wanted for p in g.pairs})), "c")
    return conn.execute(text(f"SELECT count(*) FROM search_grams WHERE {holds}")
                        .bindparams(**params)).scalar_one()


def _pg_one_pass(conn: Connection, where, keys: Sequence, offset: int, limit: int
                 ) -> tuple[int, list[int] | None, list[int]]:
    """(number of matches, their ids when there are at most PG_RANK_LIMIT, the ids of the page
    ``[offset, offset + limit)`` in the order of ``keys``) from ONE pass over the candidates.

    For a query the index does not settle (a term of 3+ units, an exclusion, a filter) every
    candidate's text must be read to count the matches: that pass dominates the search. The
    matches' narrow sort keys are kept (a materialised CTE, in memory) and read three times:
    counted, listed up to PG_RANK_LIMIT + 1, and the page picked by a bounded (top-N) sort.
    Sorting every match instead (an ordered ``array_agg``) cost as much as confirming the
    term: 17,000 matches, 25-80 ms of a 110 ms statement at 100,000 articles."""
    def in_order(columns) -> list:  # of the CTE, then of the page taken from it
        return ([columns.title_hit.desc()] if "title_hit" in columns else []) + list(_newest(columns))

    matches = select(A.c.id, *keys).where(where).cte("matches").prefix_with("MATERIALIZED")
    first = select(matches.c.id).limit(PG_RANK_LIMIT + 1).subquery("first")
    page = select(matches).order_by(*in_order(matches.c)).offset(offset).limit(limit).subquery("page")
    n, ids, page_ids = conn.execute(select(
        select(func.count()).select_from(matches).scalar_subquery(),
        select(func.array_agg(first.c.id)).scalar_subquery(),
        select(func.array_agg(aggregate_order_by(page.c.id, *in_order(page.c)))).scalar_subquery())).one()
    return n, (list(ids or []) if n <= PG_RANK_LIMIT else None), list(page_ids or [])


def _rankable_rows(conn: Connection, where) -> list:
    """Every match with what ranking needs, as (id, published_date, published, title, body)
    tuples (the caller knows there are at most RANK_LIMIT / PG_RANK_LIMIT). On PostgreSQL one
    pass settles both the count and the ranking of a narrow query: counting first read every
    match's text twice. The date is only compared, so it is read as stored (on SQLite an ISO
    string, which sorts as the date does) rather than parsed a thousand times."""
    return conn.execute(select(A.c.id, type_coerce(A.c.published_date, String), A.c.published,
                               A.c.title, A.c.body).where(where)).all()


def _doc_freq(conn: Connection, term: tok.Term, key: str) -> int:
    """Articles containing ``term`` (for its IDF in a query of several terms)."""
    if conn.dialect.name == "sqlite":
        return conn.execute(text("SELECT count(*) FROM search_fts WHERE search_fts MATCH :m"),
                            {"m": tok.fts5_term(term)}).scalar_one()
    return conn.execute(select(func.count()).select_from(A).where(_pg_contains(term, key))).scalar_one()


def _archive_size(conn: Connection) -> int:
    if conn.dialect.name == "sqlite":  # the largest id: a close enough count for IDF, from the key
        return conn.execute(select(func.max(A.c.id))).scalar() or 0
    return _pg_archive_size(conn)


def _bm25_ranked(conn: Connection, parsed: tok.Query, rows: list, total: int
                 ) -> list[tuple[int, float, bool]]:
    """BM25 over every match (``rows``, from ``_rankable_rows``), the title weighted
    (BM25_WEIGHTS); returns (id, relevance, title_hit) best first, recency breaking ties.
    The same scores on both engines: term counts are taken here, on the fetched text, with
    the search's own substring semantics (cheaper than folding and replacing inside
    PostgreSQL; on SQLite, FTS5's bm25() read the whole index twice more per query)."""
    terms = [t.text for t in parsed.positive]
    if not rows:
        return []
    archive_size = max(_archive_size(conn), total, 1)
    doc_freq = [total if len(terms) == 1 else _doc_freq(conn, term, f"df{n}")
                for n, term in enumerate(parsed.positive)]
    idf = [math.log(1 + (archive_size - df + 0.5) / (df + 0.5)) for df in doc_freq]
    # Folding only changes ASCII and full-width letters and digits: terms without them are
    # counted on the raw text (the same counts; normalising 1,000 bodies costs tens of ms).
    fold = tok.normalize if any(_needs_fold(t) for t in parsed.positive) else str
    texts = [(fold(title or ""), fold(body or "")) for _, _, _, title, body in rows]
    avg_len = sum(len(body) for _, body in texts) / len(texts) or 1.0
    # BM25's length normalisation, k1 * (1 - b + b * len / avg), as base + per_char * len
    base, per_char = BM25_K1 * (1 - BM25_B), BM25_K1 * BM25_B / avg_len
    title_weight, body_weight = BM25_WEIGHTS
    saturation = BM25_K1 + 1
    weighted = list(zip(terms, idf))
    scored = []
    for (article_id, published_date, published, _, _), (title, body) in zip(rows, texts):
        norm = base + per_char * len(body)
        score, in_title = 0.0, True
        for term, term_idf in weighted:
            in_title_count = title.count(term)
            tf = title_weight * in_title_count + body_weight * body.count(term)
            if tf:
                score += term_idf * tf * saturation / (tf + norm)
            in_title = in_title and in_title_count > 0
        scored.append((article_id, score, in_title, published_date, published or ""))
    return _best_first(scored)


def _prefer_index(conn: Connection) -> None:
    """PostgreSQL's planner does not count the cost of detoasting ``search_grams.pairs``, so a
    sequential scan over the (small-looking) table seems cheaper than the GIN index while it
    really reads every array: about 1 s instead of ~2 ms at 10,000 articles. For this
    transaction only, make sequential scans the last resort (they still happen where nothing
    else can); migration 0007 removed the B-tree that offered the other array-reading plans.

    ``work_mem`` is raised (SEARCH_WORK_MEM) so that the bitmap of a broad query's candidates
    stays exact: a lossy bitmap page is rechecked row by row against ``id = ANY(array)``,
    a linear search of the array (4 MB keeps some 80,000 pages exact: a million articles
    would overflow it).

    JIT is off for the same transaction: a plan that keeps a (disabled) sequential scan is
    costed at 10^10, far above ``jit_above_cost``, and compiling it costs 30-80 ms, more than
    the whole search (found with EXPLAIN ANALYZE in session 4)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true), "
                          "set_config('work_mem', :work_mem, true)").bindparams(work_mem=SEARCH_WORK_MEM))


def _fts_has(match: str, name: str, negative: bool = False) -> ColumnElement[bool]:
    """The walked article matches the FTS5 query ``match``, asked of the index for that one
    rowid. Used when walking newest first: SQLite otherwise evaluates the whole FTS query
    into a list first (or looks up every match and sorts them: 450 ms instead of 5 ms for a
    one-character query at 100,000 articles); asked per row, the walk stops after a page."""
    key = f"{name}_match"
    return text(f"{'NOT ' if negative else ''}EXISTS (SELECT 1 FROM search_fts WHERE search_fts MATCH :{key} "
                f"AND search_fts.rowid = articles.id)").bindparams(**{key: match})


#: A broad query's matches are tested per walked article (one FTS5 probe each) when at least
#: this share of the archive matches, so that a page is found within a few dozen articles;
#: sparser matches are listed once by the FTS query and the walk tests against the list.
PROBE_DENSITY = 0.2


def _sqlite_broad_steps(conn: Connection, parsed: tok.Query, conditions: list, total: int):
    """The two walks of a broad query on SQLite (title matches newest first, then the other
    matches newest first) as (where, title_hit, title step, other step).

    What each costs decides its form: listing an FTS query's matches costs about what counting
    them does (tens of ms for a common pair at 100,000 articles); probing the index for one
    article costs ~0.15 ms. Title matches are few or sparse, so they are listed, once, here:
    looked up and sorted when at most RANK_LIMIT, else walked against the list. Every positive term in the
    title implies the article matches them, so the title step needs only the filters,
    exclusions and exact checks besides."""
    archive_size = max(conn.execute(select(func.count()).select_from(A)).scalar_one(), 1)
    titled = _fts(tok.fts5_title_match(parsed), "titled")
    title_ids = json.dumps(conn.execute(select(titled.c.id)).scalars().all())
    listed = text("SELECT value FROM json_each(:title_ids)").bindparams(title_ids=title_ids
                                                                         ).columns(value=Integer)
    listed_titles = literal_column("+articles.id").in_(listed)
    rest = [*conditions]
    for n, term in enumerate(parsed.terms):
        if term.exact_check_needed:
            rest.append(_contains_exactly(term, f"texact{n}", True, negative=term.negative))
        elif term.negative:
            rest.append(_fts_has(tok.fts5_term(term), f"tneg{n}", negative=True))
    if title_ids.count(",") < RANK_LIMIT:
        title_step = and_(A.c.id.in_(listed), *rest)
    else:
        title_step = and_(listed_titles, *rest)
    if total >= PROBE_DENSITY * archive_size:
        matches = _fts_has(tok.fts5_match(parsed), "matched")
    else:
        matched = _fts(tok.fts5_match(parsed), "matched")
        matches = literal_column("+articles.id").in_(select(matched.c.id))
    where = and_(matches, *rest)
    return where, listed_titles, title_step, and_(where, ~listed_titles)


def _match(conn: Connection, parsed: tok.Query, conditions: list, walk: bool | str = False
           ) -> tuple[ColumnElement[bool], Any]:
    """The WHERE clause selecting matching articles (and, on SQLite, the FTS subquery);
    ``walk`` as in ``_pg_contains``. The caller has set ``_prefer_index`` for its transaction."""
    conditions = list(conditions)
    sqlite = conn.dialect.name == "sqlite"
    matched = None
    if parsed.searchable and sqlite:
        matched = _fts(tok.fts5_match(parsed), "matched")
        conditions.append(A.c.id.in_(select(matched.c.id)))
    elif parsed.searchable:
        conditions += [_pg_contains(t, f"p{n}", walk=walk) for n, t in enumerate(parsed.positive)]
        conditions += [_pg_contains(t, f"x{n}", negative=True, walk=walk)
                       for n, t in enumerate(parsed.negative)]
        # A term with nothing indexable (only unassigned or control characters) is still a
        # condition: confirmed on the text, never dropped.
        conditions += [_contains_exactly(t, f"u{n}", False, negative=t.negative)
                       for n, t in enumerate(parsed.terms) if not t.parts]
    # What the index does not settle (on SQLite, terms with whitespace inside; anywhere, a query
    # with nothing indexable) is confirmed on the normalised text of the candidates.
    if not parsed.searchable:
        conditions += [_contains_exactly(term, f"exact{n}", sqlite, negative=term.negative)
                       for n, term in enumerate(parsed.terms)]
    elif sqlite:
        conditions += _sqlite_exact_checks(parsed)
    return and_(*conditions), matched


def matching_ids(conn: Connection, query: str) -> set[int]:
    """Ids of every article matching ``query`` (no order, no page): what ``search`` counts."""
    parsed = tok.parse_query(query)
    if not parsed.terms:
        raise ValueError("empty search query")
    _prefer_index(conn)
    where, _ = _match(conn, parsed, [])
    return set(conn.execute(select(A.c.id).where(where)).scalars())


def _check_options(sort: str, facets: Sequence[str]) -> None:
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {', '.join(SORTS)}")
    unknown = [f for f in facets if f not in FACETS]
    if unknown:
        raise ValueError(f"unknown facet {unknown[0]!r} (choose from {', '.join(FACETS)})")


def search(conn: Connection, query: str, *, site: str | None = None, since: date | None = None,
           until: date | None = None, event_type: str | None = None, organizer: str | None = None,
           person: str | None = None, district: str | None = None, sort: str = "relevance",
           limit: int = 20, offset: int = 0, facets: Sequence[str] = ()) -> SearchResult:
    """Matching articles (see the module docstring), each with its capture and sightings;
    ``total`` counts them all."""
    parsed = tok.parse_query(query)
    if not parsed.terms:
        raise ValueError("empty search query")
    # A lone surrogate (undecodable bytes of a command line) is in no stored text, and no
    # database driver can even send it: a term holding one matches nothing, excludes nothing.
    impossible = [t for t in parsed.terms if tok.has_lone_surrogate(t)]
    if impossible:
        parsed = tok.Query([t for t in parsed.terms if not tok.has_lone_surrogate(t)])
        if any(not t.negative for t in impossible):
            _check_options(sort, facets)
            return SearchResult(total=0, facets={name: [] for name in facets})
        if not parsed.terms:
            raise ValueError("empty search query: its only terms hold undecodable characters")
    _check_options(sort, facets)
    reposts = holds_reposts(conn)
    conditions = filters(conn, site=site, since=since, until=until, event_type=event_type,
                         organizer=organizer, person=person, district=district, reposts=reposts)
    positive = [t.text for t in parsed.terms if not t.negative]

    # 1. which articles match
    sqlite = conn.dialect.name == "sqlite"
    newest = _newest()
    narrowed = bool(conditions)
    _prefer_index(conn)  # settings of this transaction: every statement below
    where, matched = _match(conn, parsed, conditions)

    # 2. how many (straight from the FTS index when nothing else narrows the match)
    relevance_sort = sort == "relevance" and parsed.searchable
    total, pg_rows, ranked, pg_dense, pg_page = None, None, None, False, None
    fts_counts = parsed.searchable and sqlite and not narrowed and not any(
        t.exact_check_needed for t in parsed.terms)
    if fts_counts:
        # SQLite with nothing but the FTS query: one reading counts the matches and, for a
        # narrow query, lists them to be ranked from their rows.
        total, ids = _sqlite_count_and_ids(conn, parsed)
        if relevance_sort and ids is not None:
            ranked = _bm25_ranked(conn, parsed, _rankable_rows(conn, A.c.id.in_(_json_ids(ids, "matched"))), total)
    elif parsed.searchable and sqlite and relevance_sort:
        total, ranked = _sqlite_rank(conn, parsed, conditions) or (None, None)
    if ranked is not None or fts_counts:
        pass
    elif parsed.searchable and not sqlite and parsed.positive and _pg_index_settles(parsed) and not narrowed:
        # PostgreSQL, a query the index settles (terms of 1-2 units, nothing excluded or
        # filtered): the GIN count is the total; no text is read to count.
        total = _pg_candidate_count(conn, parsed)
        archive_size = _pg_archive_size(conn)
        pg_dense = total >= PROBE_DENSITY * max(archive_size, 1)
        if relevance_sort and total <= PG_RANK_LIMIT:
            pg_rows = _rankable_rows(conn, where)
        elif relevance_sort and not pg_dense:
            # Broad but not dense: the page (title matches first) from a short walk of the
            # newest matches, else one pass over the matches' rows. An unbounded walk of the
            # date index for title matches visits the whole archive when the term is rare in
            # titles (署。: 266 ms at 100,000 articles; a pass over its 11,600 matches: 44 ms).
            # Dense queries walk (see below): a page of title matches is found within a few
            # dozen articles.
            pg_page = _pg_recent_title_page(conn, parsed, conditions, total, archive_size, offset, limit)
            if pg_page is None:
                _, _, pg_page = _pg_one_pass(conn, where, _pg_page_keys(parsed, relevance_sort),
                                             offset, limit)
    elif parsed.searchable and not sqlite and parsed.positive:
        # PostgreSQL, any other query: one pass over the candidates' text counts the matches,
        # lists them when few enough to rank, and takes the page in the order used when they
        # are too many (title match, then newest; newest only for --sort date).
        total, ids, pg_page = _pg_one_pass(conn, where, _pg_page_keys(parsed, relevance_sort),
                                           offset, limit)
        if relevance_sort and ids is not None and total:  # few enough to rank: read by id
            pg_rows = _rankable_rows(conn, text("articles.id = ANY(:ranked_ids)").bindparams(ranked_ids=ids))
    if total is None:
        total = conn.execute(select(func.count()).select_from(A).where(where)).scalar_one()
    if sqlite and relevance_sort and ranked is None and total <= RANK_LIMIT:  # narrow, or filters narrowed it
        total, ranked = _sqlite_rank(conn, parsed, conditions, all_candidates=True)

    # 3. in which order (narrow columns only)
    if pg_rows is not None:
        ranked = _bm25_ranked(conn, parsed, pg_rows, total)
    if ranked is not None:
        page = [{"id": i, "relevance": score, "title_hit": hit}
                for i, score, hit in ranked[offset:offset + limit]]
    elif pg_page is not None:  # taken in the counting pass; title hits told from the titles below
        page = [{"id": i, "title_hit": None} for i in pg_page]
    elif relevance_sort:
        # Broad query: title matches newest first, then the rest newest first. Each step walks
        # the date index and stops after the page, instead of sorting every match.
        if sqlite:
            where, title_hit, title_first, title_missed = _sqlite_broad_steps(
                conn, parsed, conditions, total)
        else:
            where, _ = _match(conn, parsed, conditions, walk="probe" if pg_dense else True)
            title_hit = _pg_title_hit(parsed)
            title_first, title_missed = and_(where, title_hit), and_(where, ~title_hit)
        page = []
        in_title = conn.execute(select(func.count()).select_from(A).where(where, title_hit)
                                ).scalar_one() if offset else 0
        for hit, condition in ((True, title_first), (False, title_missed)):
            skip = min(offset, in_title) if hit else max(offset - in_title, 0)
            wanted = limit - len(page)
            if wanted <= 0:
                break
            ids = conn.execute(select(A.c.id).where(condition).order_by(*newest)
                               .limit(wanted).offset(skip)).scalars().all()
            page += [{"id": i, "title_hit": hit} for i in ids]
    else:
        page = conn.execute(select(A.c.id).where(where).order_by(*newest)
                            .limit(limit).offset(offset)).mappings().all()

    # 4. the page of results, read in full
    full = {row["id"]: row for row in conn.execute(
        select(A).where(A.c.id.in_([r["id"] for r in page]))).mappings()} if page else {}
    hits = []
    positive_folded = [t.text for t in parsed.positive]  # normalised already
    for ranked_row in page:
        row = full[ranked_row["id"]]
        hit = export_record(row)
        body = row["body"] or ""
        snippet_text = body if find_spans(body, positive) else (row["title"] or "")
        snippet, spans = make_snippet(snippet_text, positive)
        relevance = ranked_row.get("relevance")
        title_hit = ranked_row.get("title_hit", False)
        if title_hit is None:  # a page from _pg_one_pass: told here, with the search's semantics
            title_hit = relevance_sort and all(t in tok.normalize(row["title"] or "") for t in positive_folded)
        hit.update(score=None if relevance is None else round(float(relevance), 6),
                   title_match=bool(title_hit),
                   snippet=snippet, snippet_spans=spans)
        hits.append(hit)

    facet_counts: dict[str, list[tuple[str, int]]] = {}
    for name in facets:
        column = _facet_column(name).label("value")
        counted = conn.execute(select(column, func.count().label("n")).select_from(A).where(where)
                               .group_by(column).order_by(func.count().desc(), column)).all()
        facet_counts[name] = [(value if value is not None else "", n) for value, n in counted]
    fill_captures(conn, hits)
    if reposts:  # else each hit's only sighting is itself, as export_record lists it
        attach_sightings(conn, hits)
    return SearchResult(total=total, hits=hits, facets=facet_counts)
