"""Every request ends in one named outcome; failures are counted by kind in the run record.

The kinds are stable names that ops can alert on: ``http_404``, ``http_500``,
``timeout``, ``dns``, ``connection``, ``blocked`` (an anti-crawler answer: HTTP 412/521 cookie
challenge or a 访问过于频繁 notice, see ``crawler/blocking_patterns.py``), ``robots`` (disallowed
by robots.txt, not fetched), ``too_large``,
``data_loss`` (body shorter than its Content-Length), ``truncated`` (HTML cut off before
``</html>``), ``parse``, ``charset``, ``database``; and, not errors but counted,
the skipped kinds (``not_article``, ``not_html``, ``before_since``, ``duplicate_url`` ...).
Incremental crawls add two outcomes that are neither: ``not_modified`` (a re-check answered
304) and ``known`` (an archived article listed again and not re-fetched), see ``ARTICLE_PREFIX``.
"""
from __future__ import annotations

from twisted.internet import defer, error as neterror
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

from scrapy import exceptions as scrapy_exc
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError


def _scrapy(*names: str) -> tuple[type[BaseException], ...]:
    """Download exception types that newer Scrapy versions raise (absent in older ones)."""
    return tuple(getattr(scrapy_exc, name) for name in names if hasattr(scrapy_exc, name))


#: Stats key prefix under which error kinds are counted.
ERROR_PREFIX = "jiezhen/errors/"
#: Not errors, but outcomes worth counting (pages that were fetched yet not archived).
SKIP_PREFIX = "jiezhen/skipped/"
#: Article outcomes: new / changed / unchanged (store), not_modified / known (incremental).
ARTICLE_PREFIX = "jiezhen/articles/"

#: Exception types -> error kind, first match wins.
FAILURE_KINDS: list[tuple[tuple[type[BaseException], ...], str]] = [
    ((neterror.DNSLookupError, *_scrapy("CannotResolveHostError")), "dns"),
    ((defer.TimeoutError, neterror.TimeoutError, neterror.TCPTimedOutError,
      *_scrapy("DownloadTimeoutError")), "timeout"),
    ((defer.CancelledError, *_scrapy("DownloadCancelledError")), "too_large"),
    (_scrapy("ResponseDataLossError"), "data_loss"),
    ((neterror.ConnectionRefusedError, neterror.ConnectError, neterror.ConnectionLost,
      neterror.ConnectionDone, ResponseFailed, ResponseNeverReceived,
      *_scrapy("DownloadConnectionRefusedError", "DownloadFailedError")),
     "connection"),
]


def looks_truncated(body: bytes) -> bool:
    """HTML that stops before its closing tag: a server or proxy cut the page short."""
    tail = body[-4096:].lower()
    return bool(body.strip()) and b"</html" not in tail and b"</body" not in tail


def classify_failure(failure: Failure) -> str:
    """The error kind of a failed request."""
    exc = failure.value
    if isinstance(exc, HttpError):
        return f"http_{exc.response.status}"
    if isinstance(exc, IgnoreRequest):
        from crawler.blocking import BlockedResponse

        if isinstance(exc, BlockedResponse):
            return "blocked"
        text = str(exc).lower()
        return "robots" if "robots" in text or "forbidden by" in text else "ignored"
    for types, kind in FAILURE_KINDS:
        if isinstance(exc, types):
            return kind
    if isinstance(exc, ResponseFailed):
        return "connection"
    return "other"
