"""A shared (distributed) crawl on this machine: generated sites, each served on its own
loopback address (127.0.0.N, so each is its own host), workers as `jiezhen crawl --distributed`
subprocesses, the archive in any database. Used by tests/crawler/distributed and by
benchmarks/distributed.py.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.sitegen import generate, profile_toml
from crawler.demo.server import DemoServer
from storage.archive import Archive

REPO_ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("JIEZHEN_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@dataclass
class Result:
    code: int
    out: str
    err: str


def jiezhen(*args: str, timeout: float = 120) -> Result:
    env = {k: v for k, v in os.environ.items() if k != "JIEZHEN_DB"}
    proc = subprocess.run([sys.executable, "-m", "crawler.cli.main", *args], cwd=REPO_ROOT, env=env,
                          capture_output=True, timeout=timeout)
    return Result(proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace"))


@dataclass
class Site:
    slug: str
    server: DemoServer
    paths: list[str]

    def article_hits(self) -> dict[str, int]:
        wanted = set(self.paths)
        return {p: n for p, n in self.server.hits.items() if p in wanted}

    def urls(self) -> set[str]:
        return {self.server.base_url + p for p in self.paths}


@dataclass
class SharedCrawl:
    sites: list[Site]
    sites_dir: Path
    db_url: str
    prefix: str
    warc_dir: Path
    procs: dict[str, subprocess.Popen] = field(default_factory=dict)
    fast: tuple[str, ...] = ()  #: options every worker gets (e.g. -s settings for loopback sites)

    def enqueue(self, *extra: str) -> Result:
        return jiezhen("enqueue", "--redis", REDIS_URL, "--redis-prefix", self.prefix, "--db", self.db_url,
                       "--sites-dir", str(self.sites_dir), *extra, *[s.slug for s in self.sites])

    def start_worker(self, worker: str, *extra: str, idle: float = 2.0) -> subprocess.Popen:
        argv = [sys.executable, "-m", "crawler.cli.main", "crawl", "--distributed", "--redis", REDIS_URL, "--redis-prefix", self.prefix,
                "--db", self.db_url, "--sites-dir", str(self.sites_dir), "--worker-id", worker,
                "--idle-seconds", str(idle), "--warc-dir", str(self.warc_dir), *self.fast, *extra]
        env = {k: v for k, v in os.environ.items() if k != "JIEZHEN_DB"}
        # Output to files, not pipes: a worker blocked on a full pipe would look like a hang.
        self.warc_dir.parent.joinpath("logs").mkdir(exist_ok=True)
        with open(self._log(worker, "out"), "wb") as out, open(self._log(worker, "err"), "wb") as err:
            proc = subprocess.Popen(argv, cwd=REPO_ROOT, env=env, stdout=out, stderr=err)
        self.procs[worker] = proc
        return proc

    def _log(self, worker: str, stream: str) -> Path:
        return self.warc_dir.parent / "logs" / f"{worker}.{stream}"

    def wait_all(self, timeout: float = 120) -> dict[str, Result]:
        out = {}
        deadline = time.monotonic() + timeout
        for worker, proc in self.procs.items():
            proc.wait(timeout=max(1.0, deadline - time.monotonic()))
            out[worker] = Result(proc.returncode,
                                 self._log(worker, "out").read_text(encoding="utf-8", errors="replace"),
                                 self._log(worker, "err").read_text(encoding="utf-8", errors="replace"))
        return out

    def archived_count(self) -> int:
        with Archive.open(self.db_url) as archive:
            return sum(1 for _ in archive.iter_records())

    def archived_urls(self) -> list[str]:
        with Archive.open(self.db_url) as archive:
            return [r["url"] for r in archive.iter_records()]

    def runs(self) -> list[dict]:
        """Every run record (``jiezhen runs`` would show only the last 20)."""
        with Archive.open(self.db_url) as archive:
            return archive.runs()

    def all_urls(self) -> set[str]:
        return set().union(*(s.urls() for s in self.sites))


def make_shared_crawl(tmp_path: Path, db_url: str, prefix: str, stack: ExitStack, *, sites: int,
                      articles: int, delay: float = 0.0) -> SharedCrawl:
    """``articles`` spread over ``sites`` generated sites, each served on its own 127.0.0.N."""
    sites_dir = tmp_path / "sites"
    sites_dir.mkdir()
    out = []
    for n in range(sites):
        root = tmp_path / f"site{n}"
        paths = generate(root, articles=articles // sites, seed=100 + n)["paths"]
        if delay:
            (root / "_routes.json").write_text(json.dumps({"/col1/": {"delay": delay}}), encoding="utf-8")
        server = stack.enter_context(DemoServer(root, host=f"127.0.0.{n + 1}"))
        slug = f"dist{n}"
        (sites_dir / f"{slug}.toml").write_text(profile_toml(slug, f"分布测试{n}区", server.base_url),
                                                 encoding="utf-8")
        out.append(Site(slug, server, paths))
    return SharedCrawl(out, sites_dir, db_url, prefix, tmp_path / "warc")
