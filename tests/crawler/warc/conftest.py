"""Generated local sites for the WARC tests (benchmarks/sitegen.py: a TRS-style news column)."""
from __future__ import annotations

import json

import pytest

from benchmarks.sitegen import generate
from crawler.demo.server import DemoServer


def _site(tmp_path, articles: int, delay: float | None):
    root = tmp_path / "site"
    site = generate(root, articles=articles, per_page=10)
    if delay:
        (root / "_routes.json").write_text(json.dumps({"/col1/": {"delay": delay}}), encoding="utf-8")
    server = DemoServer(root).start()
    return server, server.base_url + site["start"], articles


@pytest.fixture
def fast_site(tmp_path):
    """12 articles on two list pages, answered at once: (server, start URL, article count)."""
    server, start, count = _site(tmp_path, 12, None)
    with server:
        yield server, start, count


@pytest.fixture
def slow_site(tmp_path):
    """40 articles, every page answered after 50 ms: a crawl of a few seconds to kill."""
    server, start, count = _site(tmp_path, 40, 0.05)
    with server:
        yield server, start, count
