"""Requests that got no response go to the WARC files too, as ``metadata`` records.

A downloader middleware, because only there is every attempt seen: Scrapy's retry
middleware (550) re-queues a refused or timed-out request before any errback runs, and
``process_exception`` is called from the highest order down, so at 950 this one sees each
attempt first. It records and returns None (the exception goes on to retry and errbacks).
Answers with a status (404, 500) are responses and are recorded by the extension.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from twisted.python.failure import Failure

from crawler.outcomes import classify_failure
from crawler.warc.fetch_status import FETCH_STATUS
from crawler.warc.writer import FailedRequest


class FailureCapture:
    def __init__(self, crawler: Any):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> "FailureCapture":
        return cls(crawler)

    def process_exception(self, request: Any, exception: BaseException, spider: Any = None) -> None:
        capture = getattr(self.crawler, "jiezhen_warc", None)
        if capture is None:
            return None
        kind = classify_failure(Failure(exception))
        status = FETCH_STATUS.get(kind)
        if status is not None:
            capture.record_failure(FailedRequest(
                url=request.url, fetch_status=status, kind=kind,
                message=f"{type(exception).__name__}: {exception}",
                fetched_at=datetime.now(timezone.utc), method=request.method))
        return None
