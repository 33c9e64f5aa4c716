"""Recognise anti-crawler answers (tables in ``blocking_patterns.py``) so they are counted as
``blocked``, never archived, and a site that keeps blocking is stopped for the night.

``block_reason`` is plain Python (tested without a crawl); ``BlockDetectMiddleware`` applies it
to every response before retries and parsing, and closes the spider with reason ``blocked``
after ``JIEZHEN_BLOCK_LIMIT`` blocked answers in a row: hammering a WAF that has decided we are
a bot only gets the archive's address banned for longer.
"""
from __future__ import annotations

import logging
from typing import Any

from scrapy.exceptions import IgnoreRequest

from crawler.blocking_patterns import (
    BLOCK_PHRASES, BLOCK_STATUSES, COOKIE_SCRIPT_SIGNATURES, MAX_NOTICE_BYTES, RELOAD_SIGNATURES,
)
from crawler.closing import close_spider

logger = logging.getLogger(__name__)


class BlockedResponse(IgnoreRequest):
    """The server answered with an anti-crawler page (outcome ``blocked``)."""


def _text(body: bytes) -> str:
    for encoding in ("utf-8", "gb18030"):
        try:
            return body.decode(encoding)
        except UnicodeDecodeError:
            continue
    return body.decode("utf-8", "replace")


def block_reason(status: int, body: bytes) -> str | None:
    """Why this answer is a block, or None when it is an ordinary response."""
    if status in BLOCK_STATUSES:
        return f"http_{status} challenge"
    if status != 200 or len(body) > MAX_NOTICE_BYTES:
        return None
    if any(sig in body for sig in COOKIE_SCRIPT_SIGNATURES) and any(sig in body for sig in RELOAD_SIGNATURES):
        return "cookie script"
    text = _text(body)
    for phrase in BLOCK_PHRASES:
        if phrase in text:
            return f"notice {phrase}"
    return None


class BlockDetectMiddleware:
    """Downloader middleware: turn block answers into ``BlockedResponse`` failures."""

    def __init__(self, crawler: Any):
        self.crawler = crawler
        self.limit = crawler.settings.getint("JIEZHEN_BLOCK_LIMIT", 5)
        self.in_a_row = 0
        self.closing = False

    @classmethod
    def from_crawler(cls, crawler: Any) -> "BlockDetectMiddleware":
        return cls(crawler)

    def process_response(self, request: Any, response: Any, spider: Any = None) -> Any:
        reason = block_reason(response.status, response.body)
        if reason is None:
            if 200 <= response.status < 400:
                self.in_a_row = 0
            return response
        self.in_a_row += 1
        if self.limit and self.in_a_row >= self.limit and not self.closing:
            self.closing = True
            logger.error("%d blocked answers in a row; stopping this site for now", self.in_a_row)
            close_spider(self.crawler, "blocked")
        raise BlockedResponse(f"blocked ({reason}): {request.url}")
