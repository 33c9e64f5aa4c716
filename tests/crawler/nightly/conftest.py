"""A generated news site that publishes new articles between nightly runs, served on 127.0.0.1."""
from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from benchmarks.sitegen import generate, profile_toml
from crawler.demo.server import DemoServer
from storage.archive import Archive
from tests.crawler.conftest import FAST, Result, run_cli

BASE_ARTICLES = 60  # 3 list pages of 20



@dataclass
class NightSite:
    root: Path
    server: DemoServer
    sites_dir: Path
    db_url: str
    slug: str = "night"
    fresh: int = 0
    paths: list[str] = field(default_factory=list)

    def publish(self, count: int) -> list[str]:
        """Put ``count`` more articles at the top of the list; returns their paths."""
        before = set(self.paths)
        self.fresh += count
        self.paths = generate(self.root, articles=BASE_ARTICLES, fresh=self.fresh)["paths"]
        return [p for p in self.paths if p not in before]

    def nightly(self, *extra: str, timeout: int = 120) -> Result:
        return run_cli("nightly", "--db", self.db_url, "--sites-dir", str(self.sites_dir), *FAST,
                       *extra, timeout=timeout)

    def nightly_argv(self, *extra: str) -> list[str]:
        return ["nightly", "--db", self.db_url, "--sites-dir", str(self.sites_dir), *FAST, *extra]

    def runs(self) -> list[dict]:
        out = run_cli("runs", "--format", "json", "--db", self.db_url)
        assert out.code == 0, out.err
        return json.loads(out.out)

    def archived_urls(self) -> set[str]:
        with Archive.open(self.db_url) as archive:
            return {r["url"] for r in archive.iter_records()}

    def article_hits(self) -> dict[str, int]:
        return {path: n for path, n in self.server.hits.items() if path in set(self.paths)}

    def list_hits(self) -> dict[str, int]:
        return {path: n for path, n in self.server.hits.items() if "/index" in path}

    def url(self, path: str) -> str:
        return self.server.base_url + path


@contextmanager
def _serve_night_site(tmp_path: Path, db_url: str):
    """The generated site on a local server, with its profile in a sites folder."""
    root = tmp_path / "site"
    paths = generate(root, articles=BASE_ARTICLES)["paths"]
    with DemoServer(root) as server:
        sites_dir = tmp_path / "sites"
        sites_dir.mkdir()
        (sites_dir / "night.toml").write_text(profile_toml("night", "夜间测试区", server.base_url),
                                              encoding="utf-8")
        yield NightSite(root, server, sites_dir, db_url, paths=paths)


@pytest.fixture
def night_site(tmp_path: Path, db_url: str):
    with _serve_night_site(tmp_path, db_url) as site:
        yield site


@pytest.fixture
def sqlite_night_site(tmp_path: Path, sqlite_url: str):
    """The same, on SQLite only (signal tests: one backend is enough to show the resume)."""
    with _serve_night_site(tmp_path, sqlite_url) as site:
        yield site
