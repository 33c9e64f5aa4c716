"""URL-level duplicate check within one crawl.

Two list pages often link the same article (a "top story" box and the list itself,
or the same link under two spellings); the spider's request filter catches most, but
redirects can land two requests on one canonical URL. The archive's upsert makes a
second copy harmless; dropping it here saves the work and keeps the counts honest.
Near-duplicate stories (reposts) are another stage's job.
"""
from __future__ import annotations


class SeenUrls:
    """Remembers canonical URLs seen in this run."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def first_time(self, url: str) -> bool:
        """True the first time a URL is offered, False after."""
        if url in self._seen:
            return False
        self._seen.add(url)
        return True

    def __len__(self) -> int:
        return len(self._seen)
