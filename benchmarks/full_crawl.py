"""Measured side of benchmarks/crawl.py: `jiezhen crawl` in this process, then its figures.
Usage: python benchmarks/full_crawl.py ARGV_JSON"""
import sys
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import json, resource, sys, time, io, contextlib
from crawler.cli.main import main
from storage.archive import Archive
args = json.loads(sys.argv[1])
t0 = time.perf_counter()
out = io.StringIO()
with contextlib.redirect_stdout(out):
    code = main(args)
seconds = time.perf_counter() - t0
with Archive.open(args[args.index("--db") + 1]) as archive:
    run = archive.runs(last=1)[0]
    count = archive.count()
from datetime import datetime
crawl_seconds = (datetime.fromisoformat(run["finished"].replace("Z", "+00:00"))
                 - datetime.fromisoformat(run["started"].replace("Z", "+00:00"))).total_seconds()
print(json.dumps({"seconds": seconds, "crawl_seconds": crawl_seconds, "pages": run["pages"], "articles": count, "exit": code,
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
