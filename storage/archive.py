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

from sqlalchemy import Engine, delete, func, insert, select, update
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from storage import migrate as schema
from storage.db import (
    acquire_engine, create_postgres_database, failure_reason, is_missing_database, map_for_search,
    parse_url, redact, release_engine, resolve_db_url, write_options,
)
from storage.capture_refs import fill_captures, warc_capture_rows
from storage.earlier_captures import EarlierCaptures
from storage.errors import ArchiveError, DatabaseNotMigrated, DatabaseUnreachable
from storage import locks, search_index
from storage.models import (ArticleRow, ArticleVersionRow, CaptureRow, CrawlRun, StoryKeyRecentRow,
                            StoryKeyRow)
from storage.records import Article, Capture, WarcRef
from storage.rows import article_values, export_record, iso_utc
from storage.restore import RestoreResult, link_by_url, older_versions, restore_records
from storage.search import search
from storage.search_result import SearchResult
from storage.sightings import attach_sightings
from storage.stories import StoryFingerprint, link_stories, lock_stories
from storage.upsert import VERSION_COLUMNS
from storage.sites import all_sites, known_district, sites_under, upsert_sites
from storage.upsert import IN_CHUNK, StoreResult, store_items
from storage import warc_records

#: How many times a batch is attempted when it loses a race to another writer.
STORE_ATTEMPTS = 5
#: SQLSTATEs (PostgreSQL) and SQLite error names meaning "another writer got there first".
RETRYABLE_SQLSTATES = {"23505", "40001", "40P01"}  # unique_violation, serialization, deadlock
RETRYABLE_SQLITE_ERRORS = {"SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY"}

RUN_KEYS = ("id", "site", "started", "finished", "status", "finish_reason", "pages", "new",
            "changed", "unchanged", "errors", "bytes", "list_pages", "not_modified", "known",
            "reposts", "flags", "worker", "host", "pid")


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
        self._earlier: EarlierCaptures | None = None

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
        engine = acquire_engine(resolved)
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
            release_engine(engine)
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
        if not getattr(self, "_closed", False):  # twice must not release a shared engine twice
            self._closed = True
            if self._earlier is not None:
                self._earlier.close()
            release_engine(self._engine)

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------

    def store_batch(self, items: Sequence[tuple[Article, Capture | None]], *,
                    seen_at: datetime | Sequence[datetime] | None = None, sighting: bool = True,
                    refresh: bool = False,
                    fingerprints: Sequence[StoryFingerprint | None] | None = None) -> StoreResult:
        """Store articles (with the captures that produced them) in ONE transaction.

        New URL: inserted as version 1. Same ``content_hash``: only ``last_seen``
        moves. Different hash: the old text goes to ``article_versions``, fields are
        replaced, ``version`` + 1. A capture is appended when its digest is new for
        that article. ``fingerprints`` (one per item, from the dedup stage, or None)
        link new articles to the story they repost (``storage/stories.py``; the pairs
        are in ``result.reposts``). Either the whole batch is stored or nothing.
        ``sighting=False`` and ``refresh=True`` are for ``jiezhen reprocess`` (see
        ``storage.upsert.store_items``): no first/last_seen move, and fields re-extracted
        from an unchanged body are written too. ``seen_at``: one time (default now) or one per
        item (``jiezhen import`` passes each record's WARC-Date).
        """
        items = list(items)
        if not items:
            return StoreResult()
        prints = list(fingerprints) if fingerprints is not None else [None] * len(items)
        if len(prints) != len(items):
            raise ValueError("store_batch: one fingerprint (or None) per item")
        seen = seen_at or _now()
        for attempt in range(1, STORE_ATTEMPTS + 1):
            try:
                with self._engine.connect() as conn:
                    conn = conn.execution_options(**self._write)
                    with conn.begin():
                        if any(fp is not None for fp in prints):
                            lock_stories(conn)  # first: no row lock may be held while waiting
                        # A refresh may rewrite any stored article's title: take all their old
                        # texts out of the index (a hash no row has marks every one "changing").
                        old = search_index.texts_about_to_change(
                            conn, [(v["url"], "" if refresh else v["content_hash"])
                                   for v in (article_values(a) for a, _ in items)])
                        result = store_items(conn, items, seen, sighting=sighting, refresh=refresh)
                        result.reposts = link_stories(
                            conn, [(outcome, article_id, fp)
                                   for (outcome, article_id), fp in zip(result.items, prints)])
                        search_index.index_stored(conn, result.new,
                                                  result.changed + result.refreshed, old)
                        return result
            except DBAPIError as exc:
                if attempt == STORE_ATTEMPTS or not _is_retryable(exc):
                    raise
                time.sleep(0.01 * attempt)  # the winner commits; our re-read then sees its rows
        raise AssertionError("unreachable")

    def restore_batch(self, records: Sequence[dict[str, Any]],
                      fingerprints: Sequence[StoryFingerprint | None]) -> RestoreResult:
        """Write export records as they were (``storage/restore.py``), in ONE transaction;
        check each with ``check_record`` first. The search index follows."""
        for attempt in range(1, STORE_ATTEMPTS + 1):
            try:
                with self._engine.connect() as conn:
                    conn = conn.execution_options(**self._write)
                    with conn.begin():
                        lock_stories(conn)
                        old = search_index.texts_about_to_change(
                            conn, [(r["url"], r["content_hash"]) for r in records])
                        result = restore_records(conn, records, fingerprints)
                        search_index.index_stored(conn, result.new, result.updated, old)
                        return result
            except DBAPIError as exc:
                if attempt == STORE_ATTEMPTS or not _is_retryable(exc):
                    raise
                time.sleep(0.01 * attempt)
        raise AssertionError("unreachable")

    def link_restored(self, links: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
        """Set ``duplicate_of`` for (repost url, canonical url) pairs restored in different
        batches; returns the pairs whose canonical copy is still not archived."""
        with self._engine.connect() as conn:
            conn = conn.execution_options(**self._write)
            with conn.begin():
                return link_by_url(conn, links)

    def start_run(self, site: str, *, settings: dict | None = None,
                  started: datetime | None = None, worker: str | None = None) -> int:
        """Record that a crawl of ``site`` began (by ``worker`` of a distributed crawl);
        returns the run id for ``finish_run``."""
        _, host, pid = locks.this_holder()
        with self._engine.begin() as conn:
            return conn.execute(insert(CrawlRun).values(
                site=site, started=started or _now(), status="running", errors={}, worker=worker,
                host=host, pid=pid,
                settings=settings, pages=0, new=0, changed=0, unchanged=0, reposts=0, bytes=0,
            )).inserted_primary_key[0]

    def finish_run(self, run_id: int, *, status: str, finish_reason: str | None, pages: int,
                   new: int, changed: int, unchanged: int, errors: dict[str, int], bytes: int,
                   finished: datetime | None = None, list_pages: int = 0, not_modified: int = 0,
                   known: int = 0, reposts: int = 0, flags: Sequence[str] = ()) -> None:
        """Record how crawl run ``run_id`` ended and what it did."""
        with self._engine.begin() as conn:
            updated = conn.execute(update(CrawlRun).where(CrawlRun.id == run_id).values(
                finished=finished or _now(), status=status, finish_reason=finish_reason,
                pages=pages, new=new, changed=changed, unchanged=unchanged,
                errors=dict(errors), bytes=bytes, list_pages=list_pages,
                not_modified=not_modified, known=known, reposts=reposts,
                flags=list(flags) or None,
            )).rowcount
        if updated != 1:
            raise KeyError(f"no crawl run with id {run_id}")

    def discard_run(self, run_id: int) -> None:
        """Delete a run row that recorded nothing (a distributed worker that got no request of
        the site): it would read as a run that found no article."""
        with self._engine.begin() as conn:
            conn.execute(delete(CrawlRun).where(CrawlRun.id == run_id))

    def abandon_running_runs(self, sites: Iterable[str] | None = None) -> int:
        """Mark runs still ``running`` as ``killed``: only call while holding the nightly lock,
        when no other crawl of the archive can be alive (a SIGKILLed run never closes its row)."""
        which = [CrawlRun.site.in_(list(sites))] if sites is not None else []
        return self._mark_killed(which, "killed")

    def reap_dead_runs(self) -> int:
        """Mark ``killed`` the runs still ``running`` whose process, on this host, is gone (a
        crawl SIGKILLed or lost with its machine never closes its row); returns how many.

        Conservative: a run of another host, or of a pid that is alive (even reused by some
        other process), is left as it is; ``nightly`` clears those when it takes the archive
        lock (``abandon_running_runs``). Housekeeping: a database that refuses the write
        (read-only, busy) is left as it is and 0 returned."""
        _, host, _ = locks.this_holder()
        with self._engine.connect() as conn:
            running = conn.execute(select(CrawlRun.id, CrawlRun.pid).where(
                CrawlRun.status == "running", CrawlRun.host == host, CrawlRun.pid.is_not(None))).all()
        dead = [run_id for run_id, pid in running if not locks.pid_alive(pid)]
        if not dead:
            return 0
        try:
            return self._mark_killed([CrawlRun.id.in_(dead)], "killed (its process is gone)")
        except DBAPIError:
            return 0

    def _mark_killed(self, which: list, reason: str) -> int:
        """Mark the ``running`` runs matching ``which`` killed (a run closed meanwhile stays closed)."""
        with self._engine.connect() as conn:
            conn = conn.execution_options(**self._write)
            with conn.begin():
                return conn.execute(update(CrawlRun).where(CrawlRun.status == "running", *which)
                                    .values(status="killed", finish_reason=reason)).rowcount

    def mark_not_modified(self, urls: Iterable[str], *, seen_at: datetime | None = None) -> None:
        """The server answered 304 for these archived URLs: they were checked (``last_seen``)."""
        wanted = sorted(set(urls))
        seen = seen_at or _now()
        with self._engine.begin() as conn:
            for i in range(0, len(wanted), IN_CHUNK):
                conn.execute(update(ArticleRow).where(ArticleRow.url.in_(wanted[i:i + IN_CHUNK]),
                                                      ArticleRow.last_seen < seen)
                             .values(last_seen=seen))

    # -- the nightly lock (storage/locks.py) -------------------------------------------------

    def acquire_lock(self, name: str, *, stale_after: float = locks.DEFAULT_STALE_AFTER) -> locks.LockAttempt:
        with self._engine.connect() as conn:
            conn = conn.execution_options(**self._write)
            with conn.begin():
                return locks.acquire(conn, name, stale_after=stale_after)

    def heartbeat_lock(self, name: str) -> bool:
        with self._engine.begin() as conn:
            return locks.heartbeat(conn, name)

    def release_lock(self, name: str) -> None:
        with self._engine.begin() as conn:
            locks.release(conn, name)

    def lock_holder(self, name: str) -> locks.LockHolder | None:
        with self._engine.connect() as conn:
            return locks.holder_of(conn, name)

    # -- reading ---------------------------------------------------------------------------

    def article_states(self, urls: Iterable[str]) -> dict[str, dict[str, Any]]:
        """For those of ``urls`` already archived: when last seen and the stored validators
        (``last_seen``, ``etag``, ``last_modified``), so a crawl can skip or re-check them."""
        wanted = sorted(set(urls))
        found: dict[str, dict[str, Any]] = {}
        with self._engine.connect() as conn:
            for i in range(0, len(wanted), IN_CHUNK):
                for row in conn.execute(
                    select(ArticleRow.url, ArticleRow.last_seen, ArticleRow.etag,
                           ArticleRow.last_modified).where(ArticleRow.url.in_(wanted[i:i + IN_CHUNK]))
                ).mappings():
                    found[row["url"]] = dict(row)
        return found

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
            run["flags"] = list(row["flags"] or [])
            result.append(run)
        return result

    def run_sites(self) -> list[str]:
        """Every site that has a crawl run, sorted."""
        with self._engine.connect() as conn:
            return sorted(conn.execute(select(CrawlRun.site).distinct()).scalars())

    def get(self, article_id: int) -> dict[str, Any] | None:
        """The export record of one article (with its story's sightings), or None."""
        with self._engine.connect() as conn:
            row = conn.execute(select(ArticleRow.__table__).where(ArticleRow.id == article_id)
                               ).mappings().first()
            if row is None:
                return None
            record = attach_sightings(conn, [export_record(row)])[0]
            fill_captures(conn, [record])
        return record

    def versions(self, article_id: int) -> list[dict[str, Any]]:
        """Every version of one article's text, oldest first, the current one last.

        Each: ``version``, ``content_hash``, ``title``, ``subtitle``, ``published``,
        ``source``, ``author``, ``editor``, ``body``, ``seen_from`` and ``seen_until``
        (ISO 8601 UTC; ``seen_until`` of the current version is its ``last_seen``).
        Empty when there is no such article.
        """
        with self._engine.connect() as conn:
            current = conn.execute(select(ArticleRow.__table__).where(ArticleRow.id == article_id)
                                   ).mappings().first()
            if current is None:
                return []
            older = conn.execute(select(ArticleVersionRow.__table__)
                                 .where(ArticleVersionRow.article_id == article_id)
                                 .order_by(ArticleVersionRow.version)).mappings().all()
        history = []
        seen_from = current["first_seen"]
        for row in [*older, current]:
            until = row["replaced_at"] if "replaced_at" in row else current["last_seen"]
            history.append({**{name: row[name] for name in VERSION_COLUMNS},
                            "seen_from": iso_utc(seen_from), "seen_until": iso_utc(until)})
            seen_from = until
        return history

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
                records = attach_sightings(conn, [export_record(row) for row in rows])
                fill_captures(conn, records)
                older = older_versions(conn, [r["id"] for r in records])
                kept = warc_capture_rows(conn, [r["id"] for r in records])
            for record in records:
                # Superseded texts and capture rows, so an import of this export restores them.
                record["versions"] = older.get(record["id"], [])
                record["captures"] = kept.get(record["id"], [])
            yield from records
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

    # -- captures on disk (WARC) ------------------------------------------------------------

    def add_warc_records(self, written: Sequence[warc_records.WrittenRecord]) -> int:
        """Remember records a crawl wrote (their files already closed), for revisits,
        attachment links and ``verify``."""
        return warc_records.add(self._engine, written)

    def warc_records(self, *, batch_size: int = 1000) -> Iterator[dict[str, Any]]:
        """Every row of ``warc_records`` (list pages, attachments, failures...), by id."""
        return warc_records.iterate(self._engine, batch_size)

    def find_warc_capture(self, url: str, payload_digest: str) -> WarcRef | None:
        """An earlier WARC record of ``url`` with this payload digest (for a ``revisit``):
        any response a crawl recorded (``warc_records``), else an article capture of an
        archive older than that table. Asked once per fetched page by the WARC writer's
        thread (and per record by ``jiezhen import``): ``storage/earlier_captures.py`` says
        why it keeps its own connection and plain SQL."""
        if self._earlier is None:
            self._earlier = EarlierCaptures(self._engine)
        return self._earlier.find(url, payload_digest)

    def warc_captures(self, *, batch_size: int = 1000) -> Iterator[dict[str, Any]]:
        """Every capture row that points at a WARC record (no bytes), by id."""
        columns = [c for c in CaptureRow.__table__.columns if c.name not in ("body", "headers")]
        last_id = 0
        while True:
            with self._engine.connect() as conn:
                rows = conn.execute(select(*columns).where(CaptureRow.warc_file.is_not(None),
                                                           CaptureRow.id > last_id)
                                    .order_by(CaptureRow.id).limit(batch_size)).mappings().all()
            if not rows:
                return
            yield from (dict(row) for row in rows)
            last_id = rows[-1]["id"]

    def latest_captures(self, *, site: str | None = None, since: str | None = None,
                        batch_size: int = 200) -> Iterator[dict[str, Any]]:
        """For each article (of ``site``; published on or after ``since``), its newest
        capture row with bytes (``body``, NULL when they are in a WARC file) and the
        article's ``site``: what ``jiezhen reprocess`` re-extracts from."""
        newest = (select(func.max(CaptureRow.id)).where(CaptureRow.article_id == ArticleRow.id)
                  .correlate(ArticleRow).scalar_subquery())
        query = select(ArticleRow.id.label("article_id"), ArticleRow.site.label("site"),
                       ArticleRow.url.label("article_url"), newest.label("capture_id"))
        if site is not None:
            query = query.where(ArticleRow.site == site)
        if since is not None:
            query = query.where(ArticleRow.published_date >= date.fromisoformat(since))
        last_id = 0
        while True:
            with self._engine.connect() as conn:
                heads = conn.execute(query.where(ArticleRow.id > last_id).order_by(ArticleRow.id)
                                     .limit(batch_size)).mappings().all()
                if not heads:
                    return
                ids = [h["capture_id"] for h in heads if h["capture_id"] is not None]
                captures = {row["id"]: dict(row) for row in conn.execute(
                    select(CaptureRow.__table__).where(CaptureRow.id.in_(ids))).mappings()} if ids else {}
            for head in heads:
                capture = captures.get(head["capture_id"])
                if capture is not None:
                    yield {**capture, "site": head["site"], "article_url": head["article_url"]}
            last_id = heads[-1]["article_id"]

    def search(self, query: str, **options: Any) -> SearchResult:
        """Articles containing every term of ``query``; options as ``storage.search.search``
        (site, district, since, until, event_type, organizer, person, sort, limit, offset,
        facets)."""
        with self._engine.connect() as conn:
            map_for_search(conn)
            return search(conn, query, **options)  # with each hit's sightings

    def stories_to_index(self, *, batch_size: int = 500) -> Iterator[list[dict[str, Any]]]:
        """Batches of ``{"id", "title", "body"}`` of articles not in the story index (archived
        before it existed, or too short to fingerprint), by id, for ``index_stories``."""
        last_id = 0
        A = ArticleRow.__table__
        indexed = (select(StoryKeyRow.article_id).where(StoryKeyRow.article_id == A.c.id).exists()
                   | select(StoryKeyRecentRow.article_id).where(StoryKeyRecentRow.article_id == A.c.id).exists())
        while True:
            with self._engine.connect() as conn:
                rows = conn.execute(select(A.c.id, A.c.title, A.c.body)
                                    .where(A.c.id > last_id, ~indexed)
                                    .order_by(A.c.id).limit(batch_size)).mappings().all()
            if not rows:
                return
            yield [dict(row) for row in rows]
            last_id = rows[-1]["id"]

    def index_stories(self, entries: Sequence[tuple[int, StoryFingerprint | None]]) -> list[tuple[int, int]]:
        """Add archived articles (id, fingerprint) to the story index, linking each to a story
        already indexed when it is a copy of one (``storage/stories.py``), in one transaction.
        Returns the (repost, canonical) pairs linked."""
        with self._engine.connect() as conn:
            conn = conn.execution_options(**self._write)
            with conn.begin():
                lock_stories(conn)
                return link_stories(conn, [("new", article_id, fp) for article_id, fp in entries])

    def reindex(self) -> int:
        """Rebuild the full-text index from the articles table; returns the count indexed."""
        with self._engine.connect() as conn:
            conn = conn.execution_options(**self._write)
            with conn.begin():
                return search_index.rebuild(conn)

