"""Crawl throughput: jiezhen's full pipeline against a bare Scrapy spider, same site, same run.

Generates a local site of about 2,000 articles (benchmarks/sitegen.py), serves it on
127.0.0.1, then in separate processes (so memory figures are each process's own):
  (a) a bare Scrapy spider that follows the same links and does nothing with the pages;
  (b) ``jiezhen crawl --start-url`` in generic mode through extraction, cleaning, dedup
      and the SQLite store, with WARC capture (the default);
  (c) the same with ``--no-warc`` (raw bytes of articles kept in the database instead);
  (d) (b) with extraction in the crawl's own process (``JIEZHEN_EXTRACT_PROCESSES=0``), to
      show what the extraction workers (crawler/parsing/offload.py) bring on this machine.
All run with the same concurrency and no throttling, interleaved. Prints pages/s for each,
the (b)/(a) ratio and peak memory (max RSS); the goals are (b) >= 0.5 x (a), (b) < 300 MB,
and capture costing at most 1.15x the time without it ((c)/(b) rate); plus WARC bytes per
page and the database size with and without WARC.

    python benchmarks/crawl.py [--articles 2000] [--repeat 2] [--attachments-every N]

``--attachments-every N`` gives every Nth article a 附件 block with a small PDF and DOC
(sitegen); the bare spider does not fetch them, jiezhen with WARC does (``--no-warc``
does not: nothing would keep them), so (c)/(b) then includes fetching the files.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.sitegen import generate  # noqa: E402
from crawler.demo.server import DemoServer  # noqa: E402

SETTINGS = {"AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0", "CONCURRENT_REQUESTS": "16",
            "CONCURRENT_REQUESTS_PER_DOMAIN": "16", "LOG_LEVEL": "WARNING"}




def run_child(script: str, *args: str) -> dict:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), *args], cwd=ROOT,
                          capture_output=True,
                          text=True, check=False)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-3000:])
        raise SystemExit(f"child failed with {proc.returncode}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["wall"] = wall
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--attachments-every", type=int, default=0,
                        help="every Nth article links a PDF and a DOC (0: none, as in earlier figures)")
    parser.add_argument("--repeat", type=int, default=2,
                        help="runs per side; the fastest of each is compared (loopback timings are noisy)")
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = generate(Path(tmp) / "site", articles=opts.articles,
                        attachments_every=opts.attachments_every)
        with DemoServer(Path(tmp) / "site").start() as server:
            start = server.base_url + site["start"]
            files = len(list((Path(tmp) / "site" / "files").glob("*"))) if opts.attachments_every else 0
            print(f"site: {site['articles']} articles, {site['list_pages']} list pages, "
                  f"{files} attachments at {start}")
            bares, fulls, nowarcs, inprocs = [], [], [], []
            for attempt in range(opts.repeat):
                bares.append(run_child("bare_crawl.py", start, json.dumps(SETTINGS)))
                for runs, extra in ((fulls, ["--warc-dir", f"{tmp}/warc{attempt}"]),
                                    (nowarcs, ["--no-warc"]),
                                    (inprocs, ["--warc-dir", f"{tmp}/warcd{attempt}",
                                               "-s", "JIEZHEN_EXTRACT_PROCESSES=0"])):
                    db = f"sqlite:///{tmp}/bench{attempt}{len(extra)}{extra[0]}.db"  # a fresh archive each time
                    argv = ["crawl", "--start-url", start, "--db", db, *extra]
                    for name, value in SETTINGS.items():
                        argv += ["-s", f"{name}={value}"]
                    runs.append(run_child("full_crawl.py", json.dumps(argv)))
            bare = min(bares, key=lambda r: r["crawl_seconds"])
            full = min(fulls, key=lambda r: r["crawl_seconds"])
            nowarc = min(nowarcs, key=lambda r: r["crawl_seconds"])
            inproc = min(inprocs, key=lambda r: r["crawl_seconds"])
            full["maxrss_mb"] = max(r["maxrss_mb"] for r in fulls)
            full["tree_peak_mb"] = max(r.get("tree_peak_mb", 0) for r in fulls)
            rates = lambda runs: ", ".join(f"{r['pages'] / r['crawl_seconds']:.0f}" for r in runs)  # noqa: E731
            print(f"runs per side: {opts.repeat} (fastest compared); bare pages/s: {rates(bares)}; "
                  f"jiezhen pages/s: {rates(fulls)}; jiezhen --no-warc pages/s: {rates(nowarcs)}; "
                  f"jiezhen extracting in-process pages/s: {rates(inprocs)}")
    # Both rates are pages over the time from spider open to spider close (Scrapy's
    # elapsed_time_seconds; jiezhen's run record), so start-up costs do not count on either side;
    # "process s" is each child's whole crawl call, start-up included, for reference.
    rate_bare = bare["pages"] / bare["crawl_seconds"]
    rate_full = full["pages"] / full["crawl_seconds"]
    print(f"{'':24}{'pages':>8}{'crawl s':>10}{'process s':>10}{'pages/s':>10}{'peak MB':>10}")
    print(f"{'(a) bare Scrapy spider':24}{bare['pages']:>8}{bare['crawl_seconds']:>10.2f}"
          f"{bare['seconds']:>10.2f}{rate_bare:>10.1f}{bare['maxrss_mb']:>10.0f}")
    print(f"{'(b) jiezhen crawl':24}{full['pages']:>8}{full['crawl_seconds']:>10.2f}"
          f"{full['seconds']:>10.2f}{rate_full:>10.1f}{full['maxrss_mb']:>10.0f}")
    rate_nowarc = nowarc["pages"] / nowarc["crawl_seconds"]
    print(f"{'(c) jiezhen --no-warc':24}{nowarc['pages']:>8}{nowarc['crawl_seconds']:>10.2f}"
          f"{nowarc['seconds']:>10.2f}{rate_nowarc:>10.1f}{nowarc['maxrss_mb']:>10.0f}")
    rate_inproc = inproc["pages"] / inproc["crawl_seconds"]
    print(f"{'(d) (b), extraction here':24}{inproc['pages']:>8}{inproc['crawl_seconds']:>10.2f}"
          f"{inproc['seconds']:>10.2f}{rate_inproc:>10.1f}{inproc['maxrss_mb']:>10.0f}")
    cost = rate_nowarc / rate_full
    print(f"WARC capture cost (c)/(b) time per page: {cost:.2f}x (goal <= 1.15x); "
          f"WARC {full['warc_bytes']:,} bytes = {full['warc_bytes'] / full['pages']:,.0f} bytes/page; "
          f"database {full['db_bytes']:,} bytes with WARC, {nowarc['db_bytes']:,} without")
    print(f"crawl time (b)/(c), same articles: {full['crawl_seconds'] / nowarc['crawl_seconds']:.2f}x "
          f"(with attachments (b) also fetches them; pages counts every response)")
    ratio = rate_full / rate_bare
    cpu = {name: (run["cpu_seconds"] + run.get("workers_cpu_seconds", 0)) / run["pages"] * 1000
           for name, run in (("bare", bare), ("full", full), ("nowarc", nowarc), ("inproc", inproc))}
    print(f"CPU ms/page (spider open to close, all threads, extraction workers included; less "
          f"sensitive to machine load): (a) {cpu['bare']:.2f}, (b) {cpu['full']:.2f} (of which workers "
          f"{full.get('workers_cpu_seconds', 0) / full['pages'] * 1000:.2f}), (c) {cpu['nowarc']:.2f}, "
          f"(d) {cpu['inproc']:.2f}; CPU ratio (a)/(b) {cpu['bare'] / cpu['full']:.2f}, "
          f"WARC (b)/(c) {cpu['full'] / cpu['nowarc']:.2f}x")
    print(f"extraction workers: (b)/(d) {rate_full / rate_inproc:.2f}x the rate of extracting in-process")
    print(f"ratio (b)/(a): {ratio:.2f} (goal >= 0.50); articles archived: {full['articles']}"
          f" of {site['articles']}; peak memory (b): {full['maxrss_mb']:.0f} MB, with its extraction workers "
          f"{full['tree_peak_mb']:.0f} MB (sampled; goal < 300)")
    ok = (ratio >= 0.5 and max(full["maxrss_mb"], full["tree_peak_mb"]) < 300 and full["articles"] == site["articles"]
          and cost <= 1.15)
    print("RESULT:", "meets the goals" if ok else "BELOW the goals")


if __name__ == "__main__":
    main()
