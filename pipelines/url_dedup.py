"""Stage 2 (ITEM_PIPELINES 200): drop a second copy of a canonical URL within one crawl."""
from __future__ import annotations

from typing import Any

from pipelines._drop import quiet_drop
from pipelines.logic.url_dedup import SeenUrls


class UrlDedupPipeline:
    def __init__(self, crawler: Any = None):
        self.crawler = crawler
        self.seen = SeenUrls()

    @classmethod
    def from_crawler(cls, crawler: Any) -> "UrlDedupPipeline":
        return cls(crawler)

    def process_item(self, item: Any, spider: Any = None) -> Any:
        if not self.seen.first_time(item.article.url):
            if self.crawler is not None:
                self.crawler.stats.inc_value("jiezhen/skipped/duplicate_url")
            raise quiet_drop(f"duplicate URL in this crawl: {item.article.url}")
        return item
