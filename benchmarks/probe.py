"""Probed profiles against generic mode: articles found, and the time a probe takes.

For each local CMS-style site of tests/crawler/probe/sites.py (TRS-like GBK with a script
pager, Hanweb-like tables with a 下一页 link, a plain site with numbered pager links):
  (a) ``jiezhen crawl --start-url`` in generic mode, the baseline;
  (b) ``jiezhen sites probe --write`` then ``jiezhen crawl SLUG`` with the written profile.
Prints the site's full article count, what (a) and (b) archived, and the probe's wall time.
The goal: (b) == the full list on every site, and (b) >= (a).

    python benchmarks/probe.py
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.crawler.probe.sites import BUILDERS, SiteServer  # noqa: E402

FAST = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "LOG_LEVEL=ERROR"]
JIEZHEN = [str(Path(sys.executable).parent / "jiezhen")]


def archived(db: str, base: str) -> set[str]:
    out = subprocess.run([*JIEZHEN, "export", "--db", db], capture_output=True, text=True, check=True).stdout
    return {json.loads(line)["url"].replace(base, "") for line in out.splitlines() if line.strip()}


def main() -> None:
    print(f"{'site':<11} {'articles':>8} {'generic':>8} {'profile':>8} {'probe s':>8}")
    for name, build in sorted(BUILDERS.items()):
        site = build()
        with SiteServer(site) as server, tempfile.TemporaryDirectory() as tmp:
            generic_db, profile_db = f"sqlite:///{tmp}/g.db", f"sqlite:///{tmp}/p.db"
            subprocess.run([*JIEZHEN, "crawl", "--start-url", server.url(site.start_path),
                            "--db", generic_db, *FAST], capture_output=True, check=False)
            started = time.perf_counter()
            subprocess.run([*JIEZHEN, "sites", "probe", server.url(site.start_path), "--write",
                            "--slug", f"bench-{name}", "--sites-dir", tmp], capture_output=True, check=True)
            probe_s = time.perf_counter() - started
            subprocess.run([*JIEZHEN, "crawl", f"bench-{name}", "--sites-dir", tmp, "--db", profile_db,
                            *FAST], capture_output=True, check=False)
            want = set(site.articles)
            generic = archived(generic_db, server.base_url) & want
            profile = archived(profile_db, server.base_url)
            print(f"{name:<11} {len(want):>8} {len(generic):>8} {len(profile & want):>8} {probe_s:>8.2f}"
                  + ("" if profile == want else f"  (extra: {len(profile - want)})"))


if __name__ == "__main__":
    main()
