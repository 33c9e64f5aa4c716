"""Which database, and an engine configured for how jiezhen uses it.

Several crawl processes may write to one SQLite file at once (cron overlapping a
manual run), so SQLite gets WAL (readers never block the writer), a long busy
timeout (writers queue instead of failing) and explicit ``BEGIN`` control so a
writing transaction can take the write lock up front (``BEGIN IMMEDIATE``) rather
than fail when it upgrades a read lock half-way. PostgreSQL always goes through
psycopg 3, whatever driver the user's URL names.
"""
from __future__ import annotations

import os
import re

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from storage.errors import ArchiveError

DEFAULT_DB_URL = "sqlite:///jiezhen.db"
ENV_VAR = "JIEZHEN_DB"

#: How long a SQLite writer waits for another writer's lock before giving up.
SQLITE_BUSY_TIMEOUT_MS = 30_000
#: SQLite page cache per connection, KiB (SQLite's default is 2 MiB). The story index's
#: recent keys and the upper levels of ``story_keys`` stay cached across store batches
#: (measured at 100,000 articles: the index's CPU cost -15%, its merges -25%). Memory only:
#: no effect on durability (WAL, synchronous=FULL unchanged); pages are allocated as used.
SQLITE_CACHE_KIB = 65_536
#: Bytes of the database file a searching SQLite connection reads through a memory map
#: instead of read() calls into its page cache (SQLite's own limit on Linux is 2 GiB; past
#: it, pages are read as before). A search reads the doclists of its terms, megabytes for a
#: common character in a large archive: mapped, the pages the OS already caches are not
#: copied again (benchmarks/search.py at 100,000 articles: mean latency -17%, p50 -25%).
#: Only connections that search map the file (``map_for_search``): every mapped page a
#: process touches counts in its resident memory, and an import or a crawl touches most of
#: the file (``jiezhen import`` of 100,000 records: peak RSS 913 MB mapped, 273 MB not).
SQLITE_MMAP_BYTES = 2 * 1024 ** 3
#: How long to wait for a PostgreSQL server before calling it unreachable.
PG_CONNECT_TIMEOUT_S = 10

#: Execution option naming the SQLite BEGIN mode ("DEFERRED" or "IMMEDIATE").
SQLITE_BEGIN_OPTION = "jiezhen_sqlite_begin"

#: Driver names rewritten to psycopg 3 (the only PostgreSQL driver we depend on).
_PG_DRIVERNAMES = {"postgresql", "postgres", "postgresql+psycopg2", "postgresql+psycopg"}
_USERINFO = re.compile(r"(://[^:/@]*):[^@/]*@")


def resolve_db_url(url: str | None) -> str:
    """The URL to use: the argument, else ``$JIEZHEN_DB``, else ``sqlite:///jiezhen.db``."""
    if url:
        return url
    return os.environ.get(ENV_VAR) or DEFAULT_DB_URL


def parse_url(url: str) -> URL:
    """Parse ``url`` and normalise its driver; raises ArchiveError (redacted) if unparseable."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        raise ArchiveError(f"invalid database URL {redact(url)}: expected e.g. "
                           f"sqlite:///jiezhen.db or postgresql://user@host/dbname") from None
    if parsed.drivername in _PG_DRIVERNAMES:
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def redact(url: str | URL) -> str:
    """``url`` as text with any password replaced by ``***``, safe to print or log."""
    if isinstance(url, URL):
        return url.render_as_string(hide_password=True)
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return _USERINFO.sub(r"\1:***@", url)


def is_sqlite(url: str | URL) -> bool:
    parsed = parse_url(url) if isinstance(url, str) else url
    return parsed.get_backend_name() == "sqlite"


#: Engines shared by every Archive of this process, per URL (see ``share_engines``), with
#: how many open Archives use each.
_SHARED: dict[str, list] = {}
_sharing = False


def share_engines(on: bool = True) -> None:
    """Let every ``Archive.open`` of this process share one Engine (one connection pool) per URL.

    A distributed worker runs one Scrapy spider per site, and each opens several Archives
    (spider, store, run record, WARC): with a pool each, 4 workers of 8 sites held 128
    PostgreSQL connections and the server refused more (``max_connections`` 100). Shared, a
    process holds at most one pool's worth (5, up to 15 at a peak).
    """
    global _sharing
    _sharing = on


def acquire_engine(url: str) -> Engine:
    """``make_engine(url)``, or the process's shared Engine for it when sharing is on."""
    if not _sharing:
        return make_engine(url)
    entry = _SHARED.get(url)
    if entry is None:
        entry = _SHARED[url] = [make_engine(url), 0]
    entry[1] += 1
    return entry[0]


def release_engine(engine: Engine) -> None:
    """Give back an Engine from ``acquire_engine``: disposed when its last user lets go."""
    for url, entry in list(_SHARED.items()):
        if entry[0] is engine:
            entry[1] -= 1
            if entry[1] <= 0:
                del _SHARED[url]
                engine.dispose()
            return
    engine.dispose()


def make_engine(url: str) -> Engine:
    """An Engine for ``url`` (already resolved) with jiezhen's connection settings."""
    parsed = parse_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        engine = create_engine(parsed)
        _configure_sqlite(engine)
        return engine
    if backend == "postgresql":
        return create_engine(parsed, connect_args={"connect_timeout": PG_CONNECT_TIMEOUT_S})
    return create_engine(parsed)


def map_for_search(conn: Connection) -> None:
    """Let this SQLite connection read the file through a memory map (SQLITE_MMAP_BYTES), for
    good: a pooled connection that searched once is likely to search again, and setting the
    size again would unmap and remap the file. Nothing to do on PostgreSQL."""
    if conn.dialect.name != "sqlite" or conn.connection.info.get("mapped"):
        return
    cursor = conn.connection.cursor()
    try:
        cursor.execute(f"PRAGMA mmap_size = {SQLITE_MMAP_BYTES}")
    finally:
        cursor.close()
    conn.connection.info["mapped"] = True


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Take BEGIN away from the sqlite3 module (it skips it for SELECT and DDL);
        # _on_begin below emits it, so transactions mean what they say.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")  # negative: KiB
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA journal_mode = WAL")  # persistent; "memory" for :memory:
        finally:
            cursor.close()
        # Search confirms terms on normalised text; PostgreSQL has the same function in SQL
        # (migration 0002), here it is the Python one.
        from storage.search_tokens import normalize

        dbapi_connection.create_function("jiezhen_fold", 1, normalize, deterministic=True)

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        mode = conn.get_execution_options().get(SQLITE_BEGIN_OPTION, "DEFERRED")
        if mode not in ("DEFERRED", "IMMEDIATE"):
            raise ValueError(f"unknown SQLite BEGIN mode {mode!r}")
        conn.exec_driver_sql(f"BEGIN {mode}")


def write_options(engine: Engine) -> dict:
    """Execution options for a connection that will write: take SQLite's write lock at BEGIN."""
    return {SQLITE_BEGIN_OPTION: "IMMEDIATE"} if engine.dialect.name == "sqlite" else {}


def failure_reason(exc: BaseException) -> str:
    """One line saying why a database operation failed, without the driver's boilerplate.

    psycopg says ``connection failed: connection to server at "h", port 1 failed:
    Connection refused`` plus hint lines; users need the part after the last
    ``failed:``. Messages never contain the password (drivers do not echo it).
    """
    orig = getattr(exc, "orig", None) or exc
    lines = [line.strip() for line in str(orig).splitlines() if line.strip()]
    reason = lines[0] if lines else type(orig).__name__
    reason = reason.rsplit(" failed: ", 1)[-1]
    reason = re.sub(r"^(FATAL|ERROR):\s*", "", reason)
    return re.sub(r"\s+", " ", reason).strip() or type(orig).__name__


def is_missing_database(exc: BaseException) -> bool:
    """True if a PostgreSQL connection failed only because the database does not exist."""
    orig = getattr(exc, "orig", None) or exc
    if getattr(orig, "sqlstate", None) == "3D000":  # invalid_catalog_name
        return True
    return bool(re.search(r'database "[^"]*" does not exist', str(orig)))


def create_postgres_database(url: str | URL) -> None:
    """CREATE DATABASE for ``url``'s database, connecting to the server's ``postgres`` db.

    Lets ``jiezhen crawl --db postgresql://host/newname`` start an archive from
    nothing, as it does for a SQLite file. Losing a creation race is not an error.
    """
    parsed = parse_url(url) if isinstance(url, str) else url
    name = parsed.database
    if not name:
        raise ArchiveError(f"no database name in {redact(parsed)}")
    admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT",
                          connect_args={"connect_timeout": PG_CONNECT_TIMEOUT_S})
    try:
        with admin.connect() as conn:
            quoted = conn.dialect.identifier_preparer.quote_identifier(name)
            try:
                conn.exec_driver_sql(f"CREATE DATABASE {quoted}")
            except DBAPIError as exc:
                if getattr(exc.orig, "sqlstate", None) != "42P04":  # duplicate_database
                    raise
    finally:
        admin.dispose()
