"""Requests and time of an incremental night against a full crawl of the same site.

Generates a 2,000-article site (benchmarks/sitegen.py), serves it on 127.0.0.1, archives it
once (the first night), then publishes 20 new articles and, from two copies of that archive,
runs in the same session:
  (a) ``jiezhen nightly --full``: every listed article fetched again;
  (b) ``jiezhen nightly`` (incremental): list pages until two pages of archived articles in a
      row (overlap 1), then only the new articles.
Prints the server's request counts and the wall time of each; the target is (b) <= 5% of (a)'s
requests. Wall time includes process start-up (~1-2 s of imports and migration checks).

    python benchmarks/incremental_night.py [--articles 2000] [--new 20]

(Not named incremental.py: run from this folder, that name would shadow the ``incremental``
package Twisted imports, and break every other benchmark here.)
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.sitegen import generate, profile_toml  # noqa: E402
from crawler.demo.server import DemoServer  # noqa: E402

SETTINGS = {"AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0", "CONCURRENT_REQUESTS": "16",
            "CONCURRENT_REQUESTS_PER_DOMAIN": "16", "LOG_LEVEL": "WARNING"}


def jiezhen() -> list[str]:
    script = Path(sys.executable).parent / "jiezhen"
    return [str(script)] if script.exists() else [sys.executable, "-m", "crawler.cli.main"]


def night(server: DemoServer, db: str, sites_dir: Path, *extra: str) -> dict:
    argv = [*jiezhen(), "nightly", "--db", db, "--sites-dir", str(sites_dir), *extra]
    for name, value in SETTINGS.items():
        argv += ["-s", f"{name}={value}"]
    server.hits.clear()
    t0 = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr[-3000:])
        raise SystemExit(f"nightly exited {proc.returncode}")
    hits = dict(server.hits)
    return {"wall": wall, "requests": sum(hits.values()),
            "list": sum(n for p, n in hits.items() if "/index" in p),
            "articles": sum(n for p, n in hits.items() if "/index" not in p and p.endswith(".html"))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--new", type=int, default=20)
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        site = generate(tmp_path / "site", articles=opts.articles)
        with DemoServer(tmp_path / "site") as server:
            sites_dir = tmp_path / "sites"
            sites_dir.mkdir()
            (sites_dir / "bench.toml").write_text(profile_toml("bench", "基准测试区", server.base_url),
                                                   encoding="utf-8")
            first = night(server, f"sqlite:///{tmp}/night1.db", sites_dir)
            print(f"site: {site['articles']} articles, {site['list_pages']} list pages; first night "
                  f"{first['requests']} requests, {first['wall']:.1f} s")
            site = generate(tmp_path / "site", articles=opts.articles, fresh=opts.new)
            for name in ("full", "incremental"):
                for suffix in ("", "-wal", "-shm"):
                    if (tmp_path / f"night1.db{suffix}").exists():
                        shutil.copy(tmp_path / f"night1.db{suffix}", tmp_path / f"{name}.db{suffix}")
            full = night(server, f"sqlite:///{tmp}/full.db", sites_dir, "--full")
            inc = night(server, f"sqlite:///{tmp}/incremental.db", sites_dir)
    print(f"{opts.new} new articles published, {site['articles']} on the site, {site['list_pages']} list pages")
    print(f"{'':28} {'requests':>9} {'list':>6} {'articles':>9} {'wall s':>8}")
    for label, r in (("(a) nightly --full", full), ("(b) nightly (incremental)", inc)):
        print(f"{label:28} {r['requests']:>9} {r['list']:>6} {r['articles']:>9} {r['wall']:>8.1f}")
    print(f"incremental / full: requests {inc['requests'] / full['requests']:.1%} (target <= 5%), "
          f"time {inc['wall'] / full['wall']:.1%}")


if __name__ == "__main__":
    main()
