"""The archive's read/write API: the one door the pipelines and the CLI use.

``Archive.open`` turns every way a database can be unusable into one of two
errors a user can act on (``DatabaseUnreachable``, ``DatabaseNotMigrated``), so
commands never print a driver traceback. Writes are whole-batch transactions,
retried when a concurrent writer wins a race on the same URL.
"""
from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, insert, select, update
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from storage import migrate as schema
from storage.db import (
    create_postgres_database, failure_reason, is_missing_database, make_engine, parse_url,
    redact, resolve_db_url, write_options,
)
from storage.errors import ArchiveError, DatabaseNotMigrated, DatabaseUnreachable
from storage import search_index
from storage.models import ArticleRow, CaptureRow, CrawlRun
from storage.records import Article, Capture
from storage.rows import article_values, export_record, iso_utc
from storage.search import search
from storage.search_result import SearchResult
from storage.sites import all_sites, known_district, sites_under, upsert_sites
from storage.upsert import IN_CHUNK, StoreResult, store_items

#: How many times a batch is attempted when it loses a race to another writer.
STORE_ATTEMPTS = 5
#: SQLSTATEs (PostgreSQL) and SQLite error names meaning "another writer got there first".
RETRYABLE_SQLSTATES = {"23505", "40001", "40P01"}  # unique_violation, serialization, deadlock
RETRYABLE_SQLITE_ERRORS = {"SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY"}

RUN_KEYS = ("id", "site", "started", "finished", "status", "finish_reason", "pages", "new",
            "changed", "unchanged", "errors", "bytes")


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _is_retryable(exc: DBAPIError) -> bool:
    orig = exc.orig
    return (getattr(orig, "sqlstate", None) in RETRYABLE_SQLSTATES
            or getattr(orig, "sqlite_errorname", None) in RETRYABLE_SQLITE_ERRORS)


class Archive:
    """An open archive database: get one from ``Archive.open``; close it (or use ``with``)."""

    def __init__(self, url: str, engine: Engine) -> None:
        self.url = url
        self._engine = engine
        self._write = write_options(engine)

    def __repr__(self) -> str:
        return f"Archive({redact(self.url)!r})"

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, url: str | None = None, *, migrate: bool = False) -> "Archive":
        """Open the archive at ``url`` (else ``$JIEZHEN_DB``, else ``sqlite:///jiezhen.db``).

        ``migrate=True`` creates the database if it is missing (SQLite file, or
        PostgreSQL database on a reachable server) and upgrades the schema to head;
        crawl, demo, nightly and ``db upgrade`` use it. ``migrate=False`` raises
        ``DatabaseNotMigrated`` unless the schema is exactly at head, and never
        creates anything. Any connection failure raises ``DatabaseUnreachable``.
        """
        resolved = resolve_db_url(url)
        parsed = parse_url(resolved)
        shown = redact(parsed)
        if parsed.get_backend_name() == "sqlite":
            cls._check_sqlite_path(parsed.database, shown, migrate=migrate)
        engine = make_engine(resolved)
        try:
            cls._connect(engine, parsed, shown, create=migrate)
            if migrate:
                try:
                    schema.upgrade(engine)
                except SQLAlchemyError as exc:
                    raise ArchiveError(f"cannot migrate database {shown}: {failure_reason(exc)}") from None
            else:
                cls._check_revision(engine, shown)
        except BaseException:
            engine.dispose()
            raise
        return cls(resolved, engine)

    @staticmethod
    def _check_sqlite_path(database: str | None, shown: str, *, migrate: bool) -> None:
        if not database or database == ":memory:" or database.startswith("file:"):
            return
        path = Path(database)
        if not path.parent.is_dir():
            raise DatabaseUnreachable(shown, f"directory {path.parent} does not exist")
        if not migrate and not path.exists():
            # Do not let sqlite3 create an empty file for a mistyped path.
            raise DatabaseNotMigrated(shown, f"no such file: {path}")

    @staticmethod
    def _connect(engine: Engine, parsed, shown: str, *, create: bool) -> None:
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
            return
        except DBAPIError as exc:
            if not (create and is_missing_database(exc)):
                raise DatabaseUnreachable(shown, failure_reason(exc)) from None
        try:
            create_postgres_database(parsed)
            with engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
        except DBAPIError as exc:
            raise DatabaseUnreachable(shown, failure_reason(exc)) from None

    @staticmethod
    def _check_revision(engine: Engine, shown: str) -> None:
        try:
            current = schema.current_revision(engine)
        except DBAPIError as exc:
            raise DatabaseUnreachable(shown, failure_reason(exc)) from None
        head = schema.head_revision()
        if current == head:
            return
        if current is None:
            raise DatabaseNotMigrated(shown)
        if current not in schema.known_revisions():
            raise DatabaseNotMigrated(
                shown, f"schema revision {current} is newer than this jiezhen knows",
                hint="upgrade jiezhen to use it")
        raise DatabaseNotMigrated(shown, f"schema revision {current}, this jiezhen needs {head}")

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------

    def store_batch(self, items: Sequence[tuple[Article, Capture | None]], *,
                    seen_at: datetime | None = None) -> StoreResult:
        """Store articles (with the captures that produced them) in ONE transaction.

        New URL: inserted as version 1. Same ``content_hash``: only ``last_seen``
        moves. Different hash: fields replaced, ``version`` + 1 (the old capture row
        stays, so the old text can be re-extracted). A capture is appended when its
        digest is new for that article. Either the whole batch is stored or nothing.
        """
        items = list(items)
        if not items:
            return StoreResult()
        seen = seen_at or _now()
        for attempt in range(1, STORE_ATTEMPTS + 1):
            try:
                with self._engine.connect() as conn:
                    conn = conn.execution_options(**self._write)
                    with conn.begin():
                        old = search_index.texts_about_to_change(
                            conn, [(v["url"], v["content_hash"])
                                   for v in (article_values(a) for a, _ in items)])
                        result = store_items(conn, items, seen)
                        search_index.index_stored(conn, result.new, result.changed, old)
                        return result
            except DBAPIError as exc:
                if attempt == STORE_ATTEMPTS or not _is_retryable(exc):
                    raise
                time.sleep(0.01 * attempt)  # the winner commits; our re-read then sees its rows
        raise AssertionError("unreachable")

    def start_run(self, site: str, *, settings: dict | None = None,
                  started: datetime | None = None) -> int:
        """Record that a crawl of ``site`` began; returns the run id for ``finish_run``."""
        with self._engine.begin() as conn:
            return conn.execute(insert(CrawlRun).values(
                site=site, started=started or _now(), status="running", errors={},
                settings=settings, pages=0, new=0, changed=0, unchanged=0, bytes=0,
            )).inserted_primary_key[0]

    def finish_run(self, run_id: int, *, status: str, finish_reason: str | None, pages: int,
                   new: int, changed: int, unchanged: int, errors: dict[str, int], bytes: int,
                   finished: datetime | None = None) -> None:
        """Record how crawl run ``run_id`` ended and what it did."""
        with self._engine.begin() as conn:
            updated = conn.execute(update(CrawlRun).where(CrawlRun.id == run_id).values(
                finished=finished or _now(), status=status, finish_reason=finish_reason,
                pages=pages, new=new, changed=changed, unchanged=unchanged,
                errors=dict(errors), bytes=bytes,
            )).rowcount
        if updated != 1:
            raise KeyError(f"no crawl run with id {run_id}")

    # -- reading ---------------------------------------------------------------------------

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        """Those of ``urls`` already archived (lets a crawl skip pages it has)."""
        wanted = sorted(set(urls))
        found: set[str] = set()
        with self._engine.connect() as conn:
            for i in range(0, len(wanted), IN_CHUNK):
                found.update(conn.execute(
                    select(ArticleRow.url).where(ArticleRow.url.in_(wanted[i:i + IN_CHUNK]))
                ).scalars())
        return found

    def runs(self, site: str | None = None, last: int | None = None) -> list[dict[str, Any]]:
        """Crawl runs, newest first; times as ISO 8601 UTC strings."""
        query = select(CrawlRun.__table__).order_by(CrawlRun.started.desc(), CrawlRun.id.desc())
        if site is not None:
            query = query.where(CrawlRun.site == site)
        if last is not None:
            query = query.limit(last)
        with self._engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        result = []
        for row in rows:
            run = {key: row[key] for key in RUN_KEYS}
            run["started"], run["finished"] = iso_utc(row["started"]), iso_utc(row["finished"])
            run["errors"] = dict(row["errors"] or {})
            result.append(run)
        return result

    def get(self, article_id: int) -> dict[str, Any] | None:
        """The export record of one article, or None."""
        with self._engine.connect() as conn:
            row = conn.execute(select(ArticleRow.__table__).where(ArticleRow.id == article_id)
                               ).mappings().first()
        return export_record(row) if row is not None else None

    def iter_records(self, *, site: str | None = None, district: str | None = None,
                     batch_size: int = 500) -> Iterator[dict[str, Any]]:
        """Every export record, by id, fetched ``batch_size`` at a time (constant memory).

        Keyset pagination (``id > last``) rather than one long cursor: no
        transaction stays open while the caller writes output, so crawls keep writing.
        """
        last_id = 0
        query = select(ArticleRow.__table__).order_by(ArticleRow.id).limit(batch_size)
        if site is not None:
            query = query.where(ArticleRow.site == site)
        if district is not None:
            query = query.where(ArticleRow.site.in_(sites_under(district)))
        while True:
            with self._engine.connect() as conn:
                rows = conn.execute(query.where(ArticleRow.id > last_id)).mappings().all()
            if not rows:
                return
            for row in rows:
                yield export_record(row)
            last_id = rows[-1]["id"]

    # -- the site hierarchy (storage/sites.py) ----------------------------------------------

    def register_sites(self, sites: Iterable[dict[str, Any]]) -> int:
        """Upsert site rows ``{slug, name, level, parent, region}`` (crawls do, from profiles)."""
        with self._engine.connect() as conn:
            conn = conn.execution_options(**self._write)
            with conn.begin():
                return upsert_sites(conn, sites)

    def sites(self) -> list[dict[str, Any]]:
        """Every recorded site, by slug."""
        with self._engine.connect() as conn:
            return all_sites(conn)

    def has_district(self, name: str) -> bool:
        """True when a recorded site has ``name`` as its slug or region."""
        with self._engine.connect() as conn:
            return known_district(conn, name)

    def count(self) -> int:
        """How many articles the archive holds."""
        with self._engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(ArticleRow.__table__)).scalar_one()

    def captures(self, article_id: int, *, with_body: bool = False) -> list[dict[str, Any]]:
        """The raw captures of one article, oldest first (``body`` bytes only if asked)."""
        columns = [c for c in CaptureRow.__table__.columns if with_body or c.name != "body"]
        with self._engine.connect() as conn:
            rows = conn.execute(select(*columns).where(CaptureRow.article_id == article_id)
                                .order_by(CaptureRow.id)).mappings().all()
        return [{**row, "fetched_at": iso_utc(row["fetched_at"])} for row in rows]

    def search(self, query: str, **options: Any) -> SearchResult:
        """Articles containing every term of ``query``; options as ``storage.search.search``
        (site, district, since, until, event_type, organizer, person, sort, limit, offset,
        facets)."""
        with self._engine.connect() as conn:
            return search(conn, query, **options)

    def reindex(self) -> int:
        """Rebuild the full-text index from the articles table; returns the count indexed."""
        with self._engine.connect() as conn:
            conn = conn.execution_options(**self._write)
            with conn.begin():
                return search_index.rebuild(conn)

