"""The HTTP request and response of one exchange, as the blocks of WARC records.

Scrapy hands us the response at ``response_downloaded``: after Twisted has undone chunked
transfer coding, before Scrapy's middlewares decompress it. So the body we record is the
entity as sent (still gzip/deflate/br encoded when the server encoded it) and the
``Content-Encoding`` header stays true; only the transfer framing is gone. The block
therefore drops ``Transfer-Encoding`` and gives the ``Content-Length`` of the bytes
recorded (replay tools would otherwise try to de-chunk a body that is not chunked). The
original values are kept as ``X-Jiezhen-Original-*`` headers so nothing the server said is
lost. Scrapy does not expose the raw status line's reason phrase: the standard one is used.
"""
from __future__ import annotations

from http import HTTPStatus
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders

#: Hop-by-hop framing headers that no longer describe the bytes we record.
FRAMING_HEADERS = ("transfer-encoding",)
ORIGINAL_PREFIX = "X-Jiezhen-Original-"

Headers = list[tuple[str, str]]


def reason_phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def response_headers(status: int, headers: Headers, body_length: int,
                     protocol: str | None = None) -> StatusAndHeaders:
    """Status line and headers for a response record whose payload is ``body_length`` bytes."""
    out: Headers = []
    lengths = []
    framed = False
    for name, value in headers:
        lower = name.lower()
        if lower in FRAMING_HEADERS:
            framed = True
            out.append((ORIGINAL_PREFIX + name, value))
        elif lower == "content-length":
            lengths.append(value)
        else:
            out.append((name, value))
    if framed or lengths != [str(body_length)]:
        out += [(ORIGINAL_PREFIX + "Content-Length", v) for v in lengths if v != str(body_length)]
        out.append(("Content-Length", str(body_length)))
    else:
        out.append(("Content-Length", lengths[0]))
    return StatusAndHeaders(f"{status} {reason_phrase(status)}", out,
                            protocol=protocol or "HTTP/1.1")


def request_headers(method: str, url: str, headers: Headers) -> StatusAndHeaders:
    """Request line (``GET /path?q HTTP/1.1``) and headers, with the ``Host`` Twisted adds."""
    parts = urlsplit(url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    out = list(headers)
    if not any(name.lower() == "host" for name, _ in out):
        out.insert(0, ("Host", parts.netloc))
    return StatusAndHeaders(f"{method} {target} HTTP/1.1", out, is_http_request=True)
