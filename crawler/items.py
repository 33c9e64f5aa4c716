"""What the spider yields: an extracted article with the raw capture it came from."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from storage.records import Article, Capture


@dataclass
class ArticleItem:
    article: Article
    capture: Capture
    #: the HTML ends before ``</html>``: archive it if new, but never let it overwrite a stored copy
    truncated: bool = False
    #: where WARC capture put the response (crawler/warc): a Future of a WarcRef, or a WarcRef;
    #: the store stage resolves it into ``capture.warc`` once the record is on disk
    warc: Any = None
    #: the story's fingerprint (pipelines/dedup.py), handed to the archive to link reposts
    fingerprint: Any = None

    def __repr__(self) -> str:  # Scrapy logs items; the raw body does not belong in a log line
        return f"ArticleItem(url={self.article.url!r}, title={self.article.title!r})"
