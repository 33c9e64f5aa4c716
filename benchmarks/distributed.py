"""Wall time of one shared crawl done by 1, 2 and 4 workers (``jiezhen crawl --distributed``).

Generates ``--sites`` sites (``--articles`` in all) served on 127.0.0.1..N, each answering every
request after ``--delay`` seconds (a slow government server), seeds them with ``jiezhen
enqueue`` and lets N workers crawl them into a fresh PostgreSQL database, for N in 1, 2, 4, in
the same run. Each worker sends at most ``--per-worker`` requests at a time to a host
(``CONCURRENT_REQUESTS_PER_DOMAIN``, Scrapy's per-process limit) and all workers together at
most ``--host-limit`` (``JIEZHEN_HOST_CONCURRENCY``, the shared politeness limit), so more
workers help until the hosts' shared slots are full, or the CPU is. (With the two limits equal,
as by default, one worker already fills every host's slots: workers then add only CPU.) Prints, per N: wall time from the first worker's start to the last one's exit (start-up
and the idle wait included), crawl time (first run start to last run end, from the run
records), pages, articles, and the speed-up over one worker.

    python benchmarks/distributed.py [--sites 2] [--articles 160] [--delay 0.2] [--per-worker 1] [--host-limit 4]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402
import redis  # noqa: E402

from benchmarks.shared_crawl import REDIS_URL, make_shared_crawl  # noqa: E402
from storage.archive import Archive  # noqa: E402

PG = os.environ.get("JIEZHEN_BENCH_PG", "postgresql://postgres@127.0.0.1:5432")
IDLE = 1.0


def fresh_db(name: str) -> str:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql+psycopg://{PG.split('://', 1)[1]}/{name}"


def drop_db(name: str) -> None:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def one(workers: int, args: argparse.Namespace) -> dict:
    name = f"jiezhen_bench_dist_{workers}_{uuid.uuid4().hex[:6]}"
    prefix = f"jiezhen-bench-{uuid.uuid4().hex[:8]}"
    db = fresh_db(name)
    server = redis.Redis.from_url(REDIS_URL)
    try:
        with ExitStack() as stack, tempfile.TemporaryDirectory() as tmp:
            crawl = make_shared_crawl(Path(tmp), db, prefix, stack, sites=args.sites, articles=args.articles,
                                      delay=args.delay)
            # A tiny delay, not 0: Scrapy 2.19 ignores CONCURRENT_REQUESTS_PER_DOMAIN at 0 (NOTES.md)
            crawl.fast = ("-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0.001",
                          "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={args.per_worker}",
                          "-s", f"JIEZHEN_HOST_CONCURRENCY={args.host_limit}")
            seeded = crawl.enqueue()
            assert seeded.code == 0, seeded.err
            start = time.monotonic()
            for n in range(workers):
                crawl.start_worker(f"w{n}", idle=IDLE)
            results = crawl.wait_all(timeout=1800)
            wall = time.monotonic() - start
            bad = {w: r.err[-500:] for w, r in results.items() if r.code != 0}
            assert not bad, bad
            with Archive.open(db) as archive:
                runs = archive.runs()  # all of them (`jiezhen runs` shows the last 20)
            first = min(datetime.fromisoformat(r["started"]) for r in runs)
            last = max(datetime.fromisoformat(r["finished"]) for r in runs)
            archived = crawl.archived_count()
            hits = max(max(s.server.max_in_flight for s in crawl.sites), 0)
            return {"workers": workers, "wall": wall, "crawl": (last - first).total_seconds(),
                    "pages": sum(r["pages"] for r in runs), "articles": archived, "max_in_flight": hits}
    finally:
        for key in server.scan_iter(match=f"{prefix}:*", count=500):
            server.delete(key)
        drop_db(name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sites", type=int, default=2)
    parser.add_argument("--articles", type=int, default=160)
    parser.add_argument("--delay", type=float, default=0.2)
    parser.add_argument("--per-worker", type=int, default=1, help="requests in flight per host per worker")
    parser.add_argument("--host-limit", type=int, default=4, help="requests in flight per host, all workers")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    args = parser.parse_args()
    print(f"load before: {os.getloadavg()[0]:.2f} (1 min), {os.cpu_count()} cores")
    rows = [one(n, args) for n in args.workers]
    base = rows[0]
    print(f"{args.sites} sites, {args.articles} articles, {args.delay:.2f} s per response, "
          f"{args.per_worker} request(s) in flight per host per worker, {args.host_limit} per host in all")
    print(f"{'workers':>7} {'wall s':>8} {'crawl s':>8} {'pages':>6} {'articles':>8} {'host max':>8} "
          f"{'speed-up (wall)':>15} {'speed-up (crawl)':>16}")
    for r in rows:
        print(f"{r['workers']:>7} {r['wall']:>8.1f} {r['crawl']:>8.1f} {r['pages']:>6} {r['articles']:>8} "
              f"{r['max_in_flight']:>8} {base['wall'] / r['wall']:>15.2f} {base['crawl'] / r['crawl']:>16.2f}")
    print(f"load after: {os.getloadavg()[0]:.2f} (1 min)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
