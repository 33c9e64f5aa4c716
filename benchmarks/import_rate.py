"""Import rate and peak memory of ``jiezhen import`` through the full pipeline.

Two inputs are generated from the same synthetic articles (``benchmarks/search.py``'s
trigram writer over the devset's prose): a WARC.gz of N article pages (``--pages``, default
10,000; sitegen's portal page template, written as response records by warcio, not by
jiezhen) and a JSONL of M export records (``--records``, default 100,000, with hashes,
sightings and timestamps as ``jiezhen export`` writes them).
Each is imported into a fresh SQLite archive by a child process (``jiezhen import``), which
reports its wall time and peak RSS. Baselines measured in the same run: warcio reading the
same WARC (every record's payload), and ``json.loads`` of every JSONL line: the cost of
merely reading the input, against which the pipeline's rate is set.

    python benchmarks/import_rate.py [--pages N] [--records M] [--keep DIR]

Targets: >= 50 WARC pages/s and >= 500 JSONL records/s, peak RSS < 500 MB.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.sitegen import PAGE, TOWNS  # noqa: E402

BASE = "http://bench.example.gov.cn"


def articles(count: int) -> list:
    """Varied synthetic articles (benchmarks/search.py's trigram writer over the devset's prose):
    sitegen's eight stock sentences would make every page share story keys with thousands of
    others, which no real archive does, and measure the dedup index's worst case instead."""
    from benchmarks.search import make_articles, sentences

    return make_articles(count, sentences())


def write_warc(count: int, out: Path) -> None:
    """``count`` article pages in sitegen's portal template, as warcio response records."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    with open(out, "wb") as fp:
        writer = WARCWriter(fp, gzip=True)
        for n, article in enumerate(articles(count)):
            paragraphs = "".join(f"<p>　　{line}</p>" for line in article.body.split("\n"))
            body = PAGE.format(title=article.title, date=article.published, town=TOWNS[n % len(TOWNS)],
                               paragraphs=paragraphs, files="").encode("utf-8")
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                               ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
            date = (start + timedelta(seconds=n)).strftime("%Y-%m-%dT%H:%M:%SZ")
            writer.write_record(writer.create_warc_record(f"{BASE}/col1/{n // 1000}/{n}.html", "response",
                                                          payload=io.BytesIO(body), length=len(body),
                                                          http_headers=http,
                                                          warc_headers_dict={"WARC-Date": date}))


def write_jsonl(count: int, out: Path) -> None:
    """``count`` export records as ``jiezhen export`` writes them (hashes, sightings, times)."""
    day = datetime(2020, 1, 1, 9, tzinfo=timezone.utc)
    with open(out, "w", encoding="utf-8") as fp:
        for i, article in enumerate(articles(count)):
            seen = (day + timedelta(minutes=i)).strftime("%Y-%m-%dT%H:%M:%SZ")
            record = article.to_record()
            record.update(id=i + 1, first_seen=seen, last_seen=seen, duplicate_of=None, version=1,
                          capture=None, versions=[], captures=[],
                          sightings=[{"url": article.url, "site": article.site, "first_seen": seen,
                                      "published": article.published, "source": None, "id": i + 1,
                                      "duplicate_of": None, "differs": []}])
            fp.write(json.dumps(record, ensure_ascii=False) + "\n")


def child(args: list[str]) -> None:
    """Run ``jiezhen import ARGS`` here and print its time and this process's peak RSS."""
    from crawler.cli.main import main

    started = time.perf_counter()
    code = main(["import", *args])
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"code": code, "seconds": seconds, "peak_mb": peak}))


def run_child(args: list[str]) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", *args], cwd=ROOT,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"import failed ({proc.returncode}): {proc.stderr[-2000:]}")
    summary = [line for line in proc.stdout.splitlines() if not line.startswith("{")]
    return {**json.loads(lines[-1]), "summary": summary}


def baseline_warc(path: Path) -> float:
    from warcio.archiveiterator import ArchiveIterator

    started = time.perf_counter()
    with open(path, "rb") as fp:
        n = sum(1 for record in ArchiveIterator(fp) if record.content_stream().read() is not None)
    return n / (time.perf_counter() - started)


def baseline_jsonl(path: Path) -> float:
    started = time.perf_counter()
    with open(path, encoding="utf-8") as fp:
        n = sum(1 for line in fp if json.loads(line))
    return n / (time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--keep", metavar="DIR", help="work here and keep the files")
    parser.add_argument("--child", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    if args.child is not None:
        child(args.child)
        return 0
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="jiezhen-import-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} on {os.cpu_count()} cores")
        rows = []
        if args.pages:
            warc = work / "pages.warc.gz"
            write_warc(args.pages, warc)
            base = baseline_warc(warc)
            result = run_child([str(warc), "--db", f"sqlite:///{work / 'warc.db'}",
                                "--warc-dir", str(work / "warc")])
            rows.append(("WARC pages", args.pages, result, base))
        if args.records:
            jsonl = work / "records.jsonl"
            write_jsonl(args.records, jsonl)
            base = baseline_jsonl(jsonl)
            result = run_child([str(jsonl), "--db", f"sqlite:///{work / 'jsonl.db'}"])
            rows.append(("JSONL records", args.records, result, base))
        print(f"{'input':<14} {'count':>8} {'seconds':>8} {'per s':>8} {'peak MB':>8} {'read-only per s':>16}")
        for name, count, result, base in rows:
            print(f"{name:<14} {count:>8} {result['seconds']:>8.1f} {count / result['seconds']:>8.1f} "
                  f"{result['peak_mb']:>8.0f} {base:>16.0f}")
            for line in result["summary"]:
                print("    " + line)
        print(f"load after: {os.getloadavg()[0]:.2f}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
