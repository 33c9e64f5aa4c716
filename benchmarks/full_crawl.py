"""Measured side of benchmarks/crawl.py: `jiezhen crawl` in this process, then its figures.
Usage: python benchmarks/full_crawl.py ARGV_JSON"""
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import json, resource, sys, time, io, contextlib
from sqlalchemy import select
from crawler.cli.main import main
from benchmarks.cpu_clock import CpuClock
from benchmarks.process_tree import TreeSampler
from storage.archive import Archive
from storage.db import make_engine
from storage.models import CrawlRun
args = json.loads(sys.argv[1])
clock = CpuClock()
tree = TreeSampler().start()  # extraction workers: their CPU and memory
t0 = time.perf_counter()
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = main(args)
seconds = time.perf_counter() - t0
tree.stop()
db_url = args[args.index("--db") + 1]
with Archive.open(db_url) as archive:
    run = archive.runs(last=1)[0]
    count = archive.count()
engine = make_engine(db_url)
with engine.connect() as conn:  # the run's own timestamps, to the microsecond
    started, finished = conn.execute(select(CrawlRun.started, CrawlRun.finished)
                                     .order_by(CrawlRun.id.desc()).limit(1)).one()
engine.dispose()
crawl_seconds = (finished - started).total_seconds()
warc_bytes = 0
if "--warc-dir" in args:
    warc_bytes = sum(p.stat().st_size for p in Path(args[args.index("--warc-dir") + 1]).glob("*.warc.gz*"))
db_path = db_url[len("sqlite:///"):] if db_url.startswith("sqlite:///") else None
print(json.dumps({"seconds": seconds, "crawl_seconds": crawl_seconds, "cpu_seconds": clock.seconds, "pages": run["pages"], "articles": count, "exit": code,
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "workers_cpu_seconds": tree.descendants_cpu_seconds, "tree_peak_mb": tree.peak_bytes / 2**20,
                  "warc_bytes": warc_bytes, "db_bytes": Path(db_path).stat().st_size if db_path else 0}))
