"""The archive's tables, as SQLAlchemy 2 typed models.

Every type here behaves the same on SQLite and PostgreSQL: the test suite runs
against both and ``tests/storage/test_migrations.py`` checks that these models and
the Alembic migrations describe the same schema. Constraint names come from a
naming convention so that future migrations can refer to them on both databases
(SQLite's batch mode needs names to drop or alter a constraint).
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON, BigInteger, Date, DateTime, ForeignKey, Integer, LargeBinary, MetaData, String,
    Text, TypeDecorator, UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator):
    """A timestamp stored and returned as timezone-aware UTC on every backend.

    SQLite has no time zone type and hands back naive datetimes; PostgreSQL's
    ``timestamptz`` comes back in the session's zone. Both are normalised to UTC so
    that comparisons and ISO output do not depend on the database. A naive value
    given to us is taken to be UTC already (``datetime.utcnow()`` style).
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        value = value.replace(tzinfo=timezone.utc) if value.tzinfo is None \
            else value.astimezone(timezone.utc)
        # SQLite stores text without an offset; drop it so every row is plain UTC.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {
        datetime: UTCDateTime,
        date: Date,
        dict[str, Any]: JSON,
        list[dict[str, Any]]: JSON,
    }


class ArticleRow(Base):
    """The current version of one article, keyed by its canonical URL."""

    __tablename__ = "articles"
    __table_args__ = (UniqueConstraint("url"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(Text)
    site: Mapped[str | None] = mapped_column(String(200), index=True)
    title: Mapped[str] = mapped_column(Text)
    subtitle: Mapped[str | None] = mapped_column(Text)
    #: As in the record: "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" (Beijing time).
    published: Mapped[str | None] = mapped_column(String(32))
    #: The date part of ``published``, for date filters and ordering.
    published_date: Mapped[date | None] = mapped_column(index=True)
    source: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    editor: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    images: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    # none_as_null: "no meeting" is SQL NULL, not the JSON value null.
    meeting: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    content_hash: Mapped[str] = mapped_column(String(80))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    #: The canonical article of the story this one reposts (migration 0004 indexes it: search
    #: leaves reposts out and sightings gather them by it). NULL for a story's canonical copy.
    duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("articles.id"), index=True)
    first_seen: Mapped[datetime]
    last_seen: Mapped[datetime]
    # Meeting metadata copied out of ``meeting`` (migration 0003) for filters and facets:
    # ``search --type``, ``--organizer`` and date ranges by when the event took place.
    event_type: Mapped[str | None] = mapped_column(String(64), index=True)
    event_name: Mapped[str | None] = mapped_column(String)
    organizer: Mapped[str | None] = mapped_column(String(128), index=True)
    event_date: Mapped[date | None] = mapped_column(index=True)
    # Validators of the stored copy (migration 0006) for conditional re-checks (304 = not modified).
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)


class CaptureRow(Base):
    """One raw HTTP response behind an article: append-only provenance.

    Rows are never updated or deleted; a changed page adds a row, so every text the
    archive ever held can be re-extracted from the bytes that produced it. With WARC
    capture on (migration 0005) the bytes live in a WARC record that ``warc_*`` points at
    and ``body`` is NULL; without it, ``body`` holds them and ``warc_*`` are NULL.
    """

    __tablename__ = "captures"
    __table_args__ = (UniqueConstraint("article_id", "digest"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"))
    url: Mapped[str] = mapped_column(Text, index=True)  # as fetched, after redirects
    fetched_at: Mapped[datetime]
    status: Mapped[int] = mapped_column(Integer)
    headers: Mapped[dict[str, Any]] = mapped_column(JSON)
    encoding: Mapped[str | None] = mapped_column(String(64))
    digest: Mapped[str] = mapped_column(String(80))  # "sha256:" + hex of body
    body: Mapped[bytes | None] = mapped_column(LargeBinary)  # NULL when in a WARC file
    #: WARC file name, relative to the WARC folder (``{site}-{time}-{seq}.warc.gz``).
    warc_file: Mapped[str | None] = mapped_column(Text)
    warc_record_id: Mapped[str | None] = mapped_column(String(80))  # "<urn:uuid:...>"
    warc_offset: Mapped[int | None] = mapped_column(BigInteger)  # of the record's gzip member
    warc_length: Mapped[int | None] = mapped_column(BigInteger)  # compressed bytes of the member
    #: WARC-Payload-Digest of the response as received ("sha1:" + base32), before any decoding.
    payload_digest: Mapped[str | None] = mapped_column(String(80))


class WarcRecordRow(Base):
    """One WARC record the crawler wrote, whatever the URL was (migration 0011).

    ``captures`` only knows the responses that became articles; this table knows every
    response record (list pages, attachments, robots.txt, error answers) and every failed
    request's ``metadata`` record (``status`` < 0: Heritrix's fetch status codes). It lets a
    later crawl write a ``revisit`` for an unchanged list page or attachment, links an
    article's attachments to their captures (by URL, at read time: an attachment may be
    fetched after its article is stored), and gives ``verify`` every record to check.
    Rows are written after the crawl's WARC files are closed (fsynced): append-only, and
    never pointing at a record that is not on disk. Revisits add no row.
    """

    __tablename__ = "warc_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(Text, index=True)  # WARC-Target-URI (the request URL)
    fetched_at: Mapped[datetime]
    #: HTTP status, or a negative fetch status for a request that got no response.
    status: Mapped[int] = mapped_column(Integer)
    content_type: Mapped[str | None] = mapped_column(Text)  # Content-Type as sent
    length: Mapped[int | None] = mapped_column(BigInteger)  # payload bytes as received
    location: Mapped[str | None] = mapped_column(Text)  # Location of a redirect
    error: Mapped[str | None] = mapped_column(Text)  # why a request got no response
    warc_file: Mapped[str] = mapped_column(Text)
    warc_record_id: Mapped[str] = mapped_column(String(80))
    warc_offset: Mapped[int] = mapped_column(BigInteger)
    warc_length: Mapped[int] = mapped_column(BigInteger)
    payload_digest: Mapped[str] = mapped_column(String(80))


class ArticleVersionRow(Base):
    """A superseded text of an article: what the row held before its cleaned body changed.

    Written by ``storage/upsert.py`` just before the row is overwritten (append-only), so
    ``articles`` holds the current version and this table every earlier one; version N was
    seen from the previous version's ``replaced_at`` (or the article's ``first_seen``) until
    its own ``replaced_at``.
    """

    __tablename__ = "article_versions"
    __table_args__ = (UniqueConstraint("article_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(Text)
    subtitle: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(32))
    source: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    editor: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    replaced_at: Mapped[datetime]


class StoryKeyRow(Base):
    """The persistent LSH index of stories: one row per (band key, article).

    Keys are MinHash band hashes computed by the dedup stage (storage only stores the
    integers); a new article's keys are looked up here (primary key: key first) to find
    candidate copies of its story, so a lookup is one indexed query whatever the archive's
    size, and a repost is recognised days later and from another process.
    """

    __tablename__ = "story_keys"
    # SQLite: clustered on (key, article_id), one b-tree instead of a rowid table plus its key
    # index; lookups read the index alone and inserts touch one tree less.
    __table_args__ = {"sqlite_with_rowid": False}

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"),
                                            primary_key=True, index=True)



class StoryKeyRecentRow(Base):
    """Band keys added since the last merge into ``story_keys`` (migration 0012 says why):
    a small table whose pages stay cached; ``storage.stories`` looks up both and merges this
    one into the big one in a single sorted pass every ``MERGE_ROWS`` rows."""

    __tablename__ = "story_keys_recent"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[int] = mapped_column(BigInteger, index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))

class CrawlRun(Base):
    """One crawl of one site: what it did and how it ended, for ``jiezhen runs``/``health``."""

    __tablename__ = "crawl_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site: Mapped[str] = mapped_column(String(200), index=True)
    started: Mapped[datetime]
    finished: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(32))  # running | finished | suspect | blocked | interrupted | failed | killed
    finish_reason: Mapped[str | None] = mapped_column(Text)
    pages: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    new: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    changed: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    unchanged: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: new articles linked as reposts of a story already archived (migration 0004)
    reposts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    errors: Mapped[dict[str, Any]] = mapped_column(JSON)  # kind -> count
    bytes: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    settings: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))
    # Migration 0006 (nightly operations).
    list_pages: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    not_modified: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    known: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # listed, archived, not fetched
    flags: Mapped[list[str] | None] = mapped_column(JSON(none_as_null=True))  # no_links, no_articles, unreachable, blocked
    # Migration 0010 (distributed crawls): the worker process that ran it (None: not distributed).
    worker: Mapped[str | None] = mapped_column(String(200))
    # Migration 0015: the process that ran it, so that a killed one can be told from a live one
    # (``Archive.reap_dead_runs``); None for older and imported rows.
    host: Mapped[str | None] = mapped_column(String(255))
    pid: Mapped[int | None] = mapped_column(Integer)


class LockRow(Base):
    """A named lock on the archive (``nightly``): who holds it, and when it last showed life.

    Stale when the heartbeat is older than the stale limit, or when the holder is on this host
    and its pid is gone; then the next run takes it over (``storage/locks.py``).
    """

    __tablename__ = "locks"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(255))
    host: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int] = mapped_column(Integer)
    acquired: Mapped[datetime]
    heartbeat: Mapped[datetime]


class PersonRow(Base):
    """A person of the registry: a name with the organisation written before it.

    The same name under different orgs (新泾镇 / 镇 / none) stays apart here, as written;
    ``jiezhen people NAME`` gathers them by name. org is NULL when none was written.
    """

    __tablename__ = "people"
    __table_args__ = (UniqueConstraint("name", "org"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    org: Mapped[str | None] = mapped_column(String(128))


class AppearanceRow(Base):
    """One person in one article's meeting: titles as written, role, date of the event.

    Rewritten whenever the article's text changes (``storage/people.py``); deleted with
    the article.
    """

    __tablename__ = "appearances"
    __table_args__ = (UniqueConstraint("person_id", "article_id", "role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    event_date: Mapped[date | None]
    titles: Mapped[list[str]] = mapped_column(JSON)
    role: Mapped[str] = mapped_column(String(16))  # present | mentioned | byline


class SiteRow(Base):
    """A configured site and its place in the administrative hierarchy (镇 -> 区 -> 市).

    Filled from the profiles at crawl time; ``parent`` is a slug (not a foreign key, as a
    town may be archived before its district). ``region`` is the place's own name (长宁区),
    which ``--district`` matches as well as the slug.
    """

    __tablename__ = "sites"

    slug: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    level: Mapped[str] = mapped_column(String(16))
    parent: Mapped[str | None] = mapped_column(String(200), index=True)
    region: Mapped[str | None] = mapped_column(String(200), index=True)


#: The full-text index (storage/search_index.py) is created by migration 0002 with engine-specific
#: DDL (an FTS5 virtual table and its shadow tables on SQLite, a GIN expression index on
#: PostgreSQL), so it is not part of the models; schema comparisons leave out these names.
SEARCH_INDEX_PREFIX = "search_"


def include_object(obj, name, type_, reflected, compare_to) -> bool:  # noqa: ANN001
    """Alembic filter: everything but the full-text index structures."""
    return not str(name or "").startswith(SEARCH_INDEX_PREFIX)
