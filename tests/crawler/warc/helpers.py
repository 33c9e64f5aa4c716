"""Shared by the WARC tests: a writer with a few exchanges, and `warcio check`."""
from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

from crawler.warc.writer import Exchange

WARCIO = Path(sys.executable).parent / "warcio"


def exchange(url: str, body: bytes, *, status: int = 200, headers=None) -> Exchange:
    return Exchange(url=url, method="GET", request_headers=[("User-Agent", "jiezhen-test")],
                    status=status, response_headers=headers or [("Content-Type", "text/html; charset=utf-8")],
                    body=body, fetched_at=datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc))


def page(n: int, size: int = 2000) -> bytes:
    text = f"<html><body><h1>第{n}篇</h1><p>" + "街镇动态" * (size // 12) + "</p></body></html>"
    return text.encode("utf-8")


def warcio_check(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(WARCIO), "check", "-v", str(path)], capture_output=True, text=True)


def record_types(path: Path) -> list[str]:
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as fp:
        return [record.rec_type for record in ArchiveIterator(fp)]


def exported(db_url: str) -> list[dict]:
    """The export records, read in this process (what `jiezhen export` prints, without paying
    a CLI start-up per look; the CLI's own output is tested in tests/crawler/cli)."""
    from storage.archive import Archive

    with Archive.open(db_url) as archive:
        return list(archive.iter_records())


def search_urls(db_url: str, query: str) -> list[str]:
    from storage.archive import Archive

    with Archive.open(db_url) as archive:
        return [hit["url"] for hit in archive.search(query, limit=100).hits]
