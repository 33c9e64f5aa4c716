"""Search benchmark: the bigram index against a LIKE '%q%' scan, on SQLite and PostgreSQL.

Builds synthetic archives of government-style articles, written by a character trigram model
trained on the devset's meeting reports, seed newsletter and news pages (so characters and
character pairs are distributed as in real Chinese news, with real sentences mixed in), then
runs random queries of 1-6 characters drawn from the articles and
prints, per database and size:
  recall against a substring check of every article (must be 100%; precision too),
  p50/p95 latency of a search returning the top 20 and the total count,
  the same for a LIKE scan (on a sample of the queries) and the speed-up,
  index size against text size, and the index build rate.
Targets: recall 100%; p95 <= 50 ms at 100,000 articles on SQLite; >= 20x the LIKE scan;
index <= 3x the text.

    python benchmarks/search.py [--sizes 10000,100000] [--db sqlite,postgresql] [--queries 300]
"""
from __future__ import annotations

import argparse
import json
import random

import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import text  # noqa: E402

from storage.archive import Archive  # noqa: E402
from storage.records import Article  # noqa: E402
from storage.search import matching_ids  # noqa: E402
from storage.search_scan import scan_ids  # noqa: E402
from benchmarks.prose import DEVSET, TrigramWriter, sentences  # noqa: E402
from storage.search_tokens import normalize  # noqa: E402

PG_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432"


def make_articles(n: int, pool: list[str], seed: int = 11) -> list[Article]:
    rnd = random.Random(seed)
    writer = TrigramWriter(pool, rnd)
    start = datetime(2015, 1, 1)
    items = []
    for i in range(n):
        body = "\n".join("".join(writer.sentence() if rnd.random() < 0.9 else rnd.choice(pool)
                                  for _ in range(rnd.randint(2, 4))) for _ in range(rnd.randint(3, 8)))
        title = writer.sentence()[:rnd.randint(10, 30)].rstrip("，。")
        day = start + timedelta(days=rnd.randint(0, 3650))
        items.append(Article(url=f"https://bench.example.cn/{i}.html", title=title, body=body,
                             site=f"site{rnd.randint(1, 30)}", published=day.strftime("%Y-%m-%d")))
    return items


def make_queries(items: list[Article], count: int, seed: int = 3) -> list[str]:
    rnd = random.Random(seed)
    out = []
    while len(out) < count:
        source = rnd.choice(items)
        text_ = source.title + source.body
        size = rnd.randint(1, 6)
        start = rnd.randrange(0, max(1, len(text_) - size))
        query = text_[start:start + size]
        if query.strip() and not any(ch.isspace() for ch in query) and any(ch.isalnum() for ch in query):
            out.append(query)
    return out


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def index_and_text_bytes(archive: Archive) -> tuple[int, int]:
    with archive._engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            index = conn.execute(text("SELECT coalesce(sum(length(block)), 0) FROM search_fts_data")).scalar()
            index += conn.execute(text("SELECT count(*) * 24 FROM search_fts_idx")).scalar()
            index += conn.execute(text("SELECT coalesce(sum(length(sz)), 0) FROM search_fts_docsize")).scalar()
            size = conn.execute(text("SELECT sum(length(CAST(title AS BLOB)) + length(CAST(body AS BLOB))) "
                                     "FROM articles")).scalar()
        else:
            index = conn.execute(text("SELECT pg_total_relation_size('search_grams')")).scalar()
            size = conn.execute(text("SELECT sum(octet_length(title) + octet_length(body)) FROM articles")).scalar()
    return int(index), int(size)


def run_one(db_url: str, items: list[Article], queries: list[str], like_sample: int) -> dict:
    archive = Archive.open(db_url, migrate=True)
    t0 = time.perf_counter()
    for i in range(0, len(items), 500):
        archive.store_batch([(a, None) for a in items[i:i + 500]],
                            seen_at=datetime(2026, 1, 1, tzinfo=timezone.utc))
    store_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    archive.reindex()
    build_seconds = time.perf_counter() - t0
    index_bytes, text_bytes = index_and_text_bytes(archive)

    with archive._engine.connect() as conn:
        url_of = dict(conn.execute(text("SELECT id, url FROM articles")).all())
    texts = {a.url: normalize(a.title + " " + a.body) for a in items}
    wrong, latencies = 0, []
    for query in queries:
        start = time.perf_counter()
        result = archive.search(query, limit=20)
        latencies.append((time.perf_counter() - start) * 1000)
        with archive._engine.connect() as conn:  # the same matching step, every id
            got = {url_of[i] for i in matching_ids(conn, query)}
        want = {url for url, t in texts.items() if normalize(query) in t}
        top = {hit["url"] for hit in result.hits}
        if got != want or result.total != len(want) or not top <= want:
            wrong += 1
    like = []
    with archive._engine.connect() as conn:
        for query in queries[:like_sample]:
            start = time.perf_counter()
            scan_ids(conn, [query])
            like.append((time.perf_counter() - start) * 1000)
    archive.close()
    return {"n": len(items), "store_rate": len(items) / store_seconds, "build_rate": len(items) / build_seconds,
            "index_mb": index_bytes / 2**20, "text_mb": text_bytes / 2**20,
            "exact": len(queries) - wrong, "queries": len(queries),
            "p50": percentile(latencies, 50), "p95": percentile(latencies, 95),
            "like_p50": percentile(like, 50), "like_p95": percentile(like, 95),
            "like_mean": statistics.mean(like), "mean": statistics.mean(latencies)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--db", default="sqlite,postgresql")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--like-sample", type=int, default=30, help="queries timed with the LIKE scan")
    opts = parser.parse_args()
    pool = sentences()
    print(f"sentence pool: {len(pool)} sentences from {DEVSET}")
    rows = []
    for size in [int(s) for s in opts.sizes.split(",")]:
        items = make_articles(size, pool)
        queries = make_queries(items, opts.queries)
        for backend in opts.db.split(","):
            with tempfile.TemporaryDirectory() as tmp:
                if backend == "sqlite":
                    url = f"sqlite:///{tmp}/search-bench.db"
                    row = run_one(url, items, queries, opts.like_sample)
                else:
                    import psycopg

                    name = f"jiezhen_bench_{uuid.uuid4().hex[:8]}"
                    admin = psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True)
                    admin.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
                    try:
                        row = run_one(f"{PG_SERVER}/{name}", items, queries, opts.like_sample)
                    finally:
                        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                        admin.close()
            row["db"] = backend
            rows.append(row)
            print(json.dumps(row))
    print()
    print(f"{'db':11}{'articles':>9}{'exact':>9}{'p50 ms':>8}{'p95 ms':>8}{'LIKE p50':>9}{'speed-up':>9}"
          f"{'index/text':>11}{'build/s':>9}{'store/s':>9}")
    for r in rows:
        print(f"{r['db']:11}{r['n']:>9}{r['exact']:>5}/{r['queries']:<3}{r['p50']:>8.1f}{r['p95']:>8.1f}"
              f"{r['like_p50']:>9.1f}{r['like_mean'] / r['mean']:>8.0f}x"
              f"{r['index_mb'] / r['text_mb']:>10.2f}x{r['build_rate']:>9.0f}{r['store_rate']:>9.0f}")
    print("speed-up = mean LIKE-scan latency / mean indexed latency (top 20 + total count)")


if __name__ == "__main__":
    main()
