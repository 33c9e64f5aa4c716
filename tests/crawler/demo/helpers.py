"""Small helpers shared by the demo-site tests: raw HTTP requests and page text for label checks."""
from __future__ import annotations

import http.client
import json
import re
from pathlib import Path

import lxml.html

REPO_ROOT = Path(__file__).resolve().parents[3]
FIXTURES = REPO_ROOT / "tests" / "fixtures"
ALTSITE = FIXTURES / "sites" / "altsite"
SITES_DIR = REPO_ROOT / "crawler" / "sites"

_WHITESPACE = re.compile(r"[\s\u3000\u00a0\u200b\ufeff]+")
_META_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)


def load_expected(name: str) -> dict:
    return json.loads((FIXTURES / "expected" / f"{name}.json").read_text(encoding="utf-8"))


def request(base_url: str, target: str, method: str = "GET", headers: dict | None = None,
            timeout: float = 5.0) -> tuple[int, dict[str, str], bytes]:
    """Send ``target`` exactly as given (no client-side normalisation of ``..``)."""
    host, port = base_url.split("://", 1)[1].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=timeout)
    try:
        conn.putrequest(method, target, skip_accept_encoding=True)
        for name, value in (headers or {}).items():
            conn.putheader(name, value)
        conn.endheaders()
        resp = conn.getresponse()
        body = resp.read()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, body
    finally:
        conn.close()


def declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:2048])
    return match.group(1).decode("ascii").lower() if match else None


def decode_page(data: bytes) -> str:
    """Decode by the page's own meta charset (gb2312 read as its superset gbk)."""
    charset = declared_charset(data) or "utf-8"
    if charset in ("gb2312", "gbk", "gb18030"):
        charset = "gbk"
    return data.decode(charset)


def squeeze(text: str) -> str:
    """Remove all whitespace, the way the devset labels are compared."""
    return _WHITESPACE.sub("", text)


def page_text(data: bytes) -> str:
    """All text of the page (style and script included), whitespace removed."""
    return squeeze(lxml.html.document_fromstring(decode_page(data)).text_content())


def body_span(text: str, first: str, last: str) -> str:
    """The stretch of page text from the body's first words to its last ones."""
    first, last = squeeze(first), squeeze(last)
    start = text.index(first)
    end = text.index(last, start) + len(last)
    return text[start:end]
