"""One story, many sightings: linking reposts to their story inside a store transaction.

The dedup stage hands the archive a *fingerprint* per article (any object with ``keys``, the
LSH band keys as ints, and ``similarity(title, body)``, which verifies one candidate);
storage never computes signatures, it stores and looks up integers. For every new article:

1. its keys are looked up in ``story_keys`` and ``story_keys_recent`` (one indexed query
   per batch, whatever the archive's size) and the articles sharing the most keys become candidates;
2. each candidate's stored text is verified by the fingerprint; the best verified one
   names the story (its canonical article), provided the newcomer also verifies against
   that canonical copy (no joining a story through a look-alike of one of its reposts);
3. the canonical copy is the one published first; on the same publication date (or both
   unknown), the one the archive saw first, then the lower id. An article without a date
   counts as published after every dated one. When a newcomer was published before the
   story's canonical copy, it becomes canonical and every sighting is re-pointed to it;
4. the article's own keys are added, so later copies find it too (under each key at most
   ``KEY_MEMBERS`` articles are kept: a key every report shares says nothing). They go to
   the small ``story_keys_recent``, merged into ``story_keys`` every ``MERGE_ROWS`` rows in
   one sorted pass (random single inserts into a big B-tree cost a page write each).

A repost is an article row of its own (its URL, site, date, source and text), with
``duplicate_of`` naming the canonical copy: nothing is dropped. Changed texts get new keys
but keep their links.

Concurrency: on PostgreSQL the whole store transaction first takes one transaction-level
advisory lock (``STORY_LOCK``), so two crawler processes cannot both look up, miss each
other, and create two canonical records for one story; SQLite's ``BEGIN IMMEDIATE``
already serialises writers.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from operator import itemgetter
from typing import Any, Protocol

from sqlalchemy import Connection, delete, or_, select, text, update

from storage.models import ArticleRow, StoryKeyRecentRow, StoryKeyRow

#: Advisory lock id held by every store transaction that links stories (PostgreSQL).
STORY_LOCK = 0x6A7A_5354  # "jzST"
#: Bound-parameter budget per IN (...) query of article ids, and of band keys.
IN_CHUNK = 500
KEY_CHUNK = 4000
#: Candidates verified per new article (those sharing the most band keys first): the work per
#: article is bounded whatever the archive's size.
MAX_CANDIDATES = 8
#: Band keys a candidate must share. With 32 bands of 4 rows, a pair with Jaccard J shares
#: >= 2 keys with probability 0.60 at J=0.5, 0.98 at 0.65, 0.9999 at 0.8; every built repost of
#: benchmarks/dedup.py shares >= 3, while unrelated texts sharing a sentence or two (J ~ 0.1)
#: almost never share 2, which keeps verifications (and their body reads) rare.
MIN_SHARED_KEYS = 2
#: Articles kept per band key, the newest. A key shared by more articles than this is mostly
#: template text (a daily report, a sentence every report of a column repeats): when a new
#: article joins a full key, the oldest member leaves it. This bounds the rows a lookup reads
#: and the candidates counted per new article (at most BANDS x KEY_MEMBERS), so lookup cost
#: does not grow with the archive. The price: a repost of a template report is found through
#: such a key only while fewer than KEY_MEMBERS newer look-alikes have arrived (reposts follow
#: within days); keys the look-alikes do not share still find it.
KEY_MEMBERS = 32
#: Rows gathered in ``story_keys_recent`` before they are merged into ``story_keys`` in one
#: sorted pass (about 3,000 articles' keys): the big table's pages are then written once per
#: merge, not once per store batch (migration 0012).
MERGE_ROWS = 100_000

A = ArticleRow.__table__


class StoryFingerprint(Protocol):
    keys: Sequence[int]

    def similarity(self, title: str | None, body: str | None) -> float | None: ...


def lock_stories(conn: Connection) -> None:
    """Serialise story linking between processes for the rest of this transaction."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": STORY_LOCK})


def canonical_order(row: Any) -> tuple:
    """Sort key: the first of a story's copies by this key is its canonical article."""
    day = row["published_date"]
    return (day is None, day or 0, row["first_seen"], row["id"])


class _Rows:
    """The few article rows linking needs, read once per batch and kept in step."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.rows: dict[int, dict[str, Any]] = {}

    def load(self, ids: set[int]) -> None:
        missing = sorted(ids - self.rows.keys())
        for i in range(0, len(missing), IN_CHUNK):
            for row in self.conn.execute(
                    select(A.c.id, A.c.duplicate_of, A.c.title, A.c.body, A.c.published_date,
                           A.c.first_seen).where(A.c.id.in_(missing[i:i + IN_CHUNK]))).mappings():
                self.rows[row["id"]] = dict(row)

    def root(self, article_id: int) -> int:
        return self.rows[article_id]["duplicate_of"] or article_id

    def repoint(self, old_root: int, new_root: int) -> None:
        """Make ``new_root`` the canonical copy of ``old_root``'s story (cache and table)."""
        self.conn.execute(update(ArticleRow).where(or_(ArticleRow.duplicate_of == old_root,
                                                       ArticleRow.id == old_root))
                          .values(duplicate_of=new_root))
        for row in self.rows.values():
            if row["id"] == old_root or row["duplicate_of"] == old_root:
                row["duplicate_of"] = new_root


def _marks(conn: Connection, count: int) -> str:
    """``count`` driver placeholders (qmark for sqlite3, format for psycopg)."""
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    return ", ".join([mark] * count)


# The two statements below run per batch over tens of thousands of keys; they go straight to
# the driver, as SQLAlchemy's per-parameter processing cost more than the queries themselves.

def _lookup(conn: Connection, keys: set[int]) -> dict[int, set[int]]:
    found: dict[int, set[int]] = defaultdict(set)
    wanted = sorted(keys)
    for i in range(0, len(wanted), KEY_CHUNK):
        chunk = tuple(wanted[i:i + KEY_CHUNK])
        marks = _marks(conn, len(chunk))
        for key, article_id in conn.exec_driver_sql(
                f"SELECT key, article_id FROM story_keys WHERE key IN ({marks}) UNION ALL "
                f"SELECT key, article_id FROM story_keys_recent WHERE key IN ({marks})",
                chunk + chunk):
            found[key].add(article_id)
    return found


def _insert_keys(conn: Connection, pairs: list[tuple[int, int]]) -> None:
    """New keys go to the small table; past MERGE_ROWS rows it is merged into the big one."""
    if not pairs:
        return
    conn.exec_driver_sql(f"INSERT INTO story_keys_recent (key, article_id) VALUES ({_marks(conn, 2)})",
                         pairs)
    span = conn.exec_driver_sql("SELECT max(id) - min(id) FROM story_keys_recent").scalar()
    if span is not None and span >= MERGE_ROWS:
        merge_recent_keys(conn)


def merge_recent_keys(conn: Connection) -> None:
    """Move every row of ``story_keys_recent`` into ``story_keys``, in key order."""
    conn.exec_driver_sql("INSERT INTO story_keys (key, article_id) SELECT DISTINCT key, article_id "
                         "FROM story_keys_recent ORDER BY key, article_id ON CONFLICT DO NOTHING")
    conn.exec_driver_sql("DELETE FROM story_keys_recent")


def _delete_keys(conn: Connection, pairs: list[tuple[int, int]]) -> None:
    if pairs:
        for table in ("story_keys", "story_keys_recent"):
            conn.exec_driver_sql(f"DELETE FROM {table} WHERE key = {_marks(conn, 1)} "
                                 f"AND article_id = {_marks(conn, 1)}", pairs)


def link_stories(conn: Connection, entries: Sequence[tuple[str, int, StoryFingerprint | None]]
                 ) -> list[tuple[int, int]]:
    """Index and link the stored articles ``entries`` ((outcome, article id, fingerprint)).

    New articles are matched against the archive (and earlier entries); changed ones only
    get their keys replaced. Returns (repost id, canonical id) for every repost linked.
    """
    entries = [(outcome, article_id, fp) for outcome, article_id, fp in entries
               if fp is not None and outcome in ("new", "changed")]
    if not entries:
        return []
    changed = sorted({article_id for outcome, article_id, _ in entries if outcome == "changed"})
    for i in range(0, len(changed), IN_CHUNK):
        for row in (StoryKeyRow, StoryKeyRecentRow):
            conn.execute(delete(row).where(row.article_id.in_(changed[i:i + IN_CHUNK])))
    index = _lookup(conn, {key for _, _, fp in entries for key in fp.keys})
    rows = _Rows(conn)
    linked: list[tuple[int, int]] = []
    new_keys: list[tuple[int, int]] = []
    evicted: list[tuple[int, int]] = []
    done: set[int] = set()
    for outcome, article_id, fp in entries:
        if article_id in done:  # the same URL twice in one batch: indexed once
            continue
        done.add(article_id)
        keys = set(fp.keys)
        if outcome == "new":
            candidates = _candidates(index, keys, article_id)
            if candidates:
                rows.load(set(candidates))
                story = _verified_story(rows, fp, candidates)
                # re-indexing (``jiezhen db reindex`` of an archive whose keys are gone) meets
                # articles already linked: a canonical copy finds its own reposts, whose story
                # it already heads
                if story is not None and story != article_id:
                    linked.append(_join(rows, article_id, story))
        for key in keys:
            members = index.get(key)
            if members is None:  # most keys of a new article are new
                index[key] = {article_id}
            else:
                while len(members) >= KEY_MEMBERS:  # ids grow with arrival: the smallest is the oldest
                    oldest = min(members)
                    members.discard(oldest)
                    evicted.append((key, oldest))
                members.add(article_id)
            new_keys.append((key, article_id))
    _delete_keys(conn, evicted)
    if evicted:  # a pair added earlier in this batch and already evicted again
        gone = set(evicted)
        new_keys = [pair for pair in new_keys if pair not in gone]
    new_keys.sort(key=itemgetter(0))  # in key order: SQLite's b-tree takes that faster
    _insert_keys(conn, new_keys)
    return linked


def _candidates(index: dict[int, set[int]], keys: set[int], article_id: int) -> list[int]:
    """The other articles sharing at least MIN_SHARED_KEYS of ``keys``, most shared first (ties
    in the order met), at most MAX_CANDIDATES. Most new articles share no key at all: that case
    costs one dictionary probe per key."""
    hits = [index[key] for key in keys if key in index]
    if len(hits) < MIN_SHARED_KEYS:
        return []
    shared: Counter[int] = Counter()
    for members in hits:
        shared.update(members)
    shared.pop(article_id, None)
    return [other for other, n in shared.most_common() if n >= MIN_SHARED_KEYS][:MAX_CANDIDATES]


def _verified_story(rows: _Rows, fp: StoryFingerprint, candidates: list[int]) -> int | None:
    """The canonical id of the story the best verified candidate belongs to, or None.

    The newcomer must also verify against that story's canonical copy: a report that matches
    a repost's wording but names another town than the original (a template re-issued) would
    otherwise join the story through the repost.
    """
    scored = []
    for other in candidates:
        row = rows.rows[other]
        score = fp.similarity(row["title"], row["body"])
        if score is not None:
            scored.append((score, other))
    for _, other in sorted(scored, reverse=True):
        root = rows.root(other)
        if root == other:
            return root
        rows.load({root})
        if fp.similarity(rows.rows[root]["title"], rows.rows[root]["body"]) is not None:
            return root
    return None


def _join(rows: _Rows, article_id: int, story: int) -> tuple[int, int]:
    """Add ``article_id`` to the story whose canonical copy is ``story``; returns the
    (repost, canonical) pair, the newcomer becoming canonical if it was published first."""
    rows.load({article_id, story})
    mine, theirs = rows.rows[article_id], rows.rows[story]
    if canonical_order(mine) < canonical_order(theirs):
        rows.repoint(story, article_id)
        return story, article_id
    rows.repoint(article_id, story)  # = link it; any sightings it headed (re-indexing) follow it
    return article_id, story
