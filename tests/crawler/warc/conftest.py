"""Generated local sites for the WARC tests (benchmarks/sitegen.py: a TRS-style news column)."""
from __future__ import annotations

import json
import socket

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


#: Links added to the first article's 附件 block: a missing file, a file on a host the crawl
#: may not visit, one on a port where nothing listens (connection refused), and one larger
#: than ``TOO_LARGE`` (crawl with ``-s DOWNLOAD_MAXSIZE=TOO_LARGE``).
EXTRA_LINKS = ('<a href="/files/missing.pdf">缺失的附件.pdf</a> '
               '<a href="/big/scan.pdf">过大的附件.pdf</a> '
               '<a href="http://files.other.invalid/x.pdf">外站附件.pdf</a> '
               '<a href="http://127.0.0.1:{port}/files/gone.doc">拒绝连接.doc</a> ')


TOO_LARGE = 60_000


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def attachment_site(tmp_path):
    """9 articles; every third links a PDF and a DOC (benchmarks/sitegen.py), and the first
    one also a 404, an offsite and a refused attachment: (server, start URL, site info, port)."""
    root = tmp_path / "site"
    site = generate(root, articles=9, per_page=5, attachments_every=3)
    port = _closed_port()
    (root / "big").mkdir()
    (root / "big" / "scan.pdf").write_bytes(b"%PDF-1.4\n" + bytes(TOO_LARGE + 1000))
    first = root / site["paths"][0].lstrip("/")
    html = first.read_text(encoding="utf-8")
    first.write_text(html.replace('<div class="fujian">附件：',
                                  '<div class="fujian">附件：' + EXTRA_LINKS.format(port=port)),
                     encoding="utf-8")
    with DemoServer(root).start() as server:
        yield server, server.base_url + site["start"], site, port
