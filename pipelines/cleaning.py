"""Stage 1 (ITEM_PIPELINES 100): clean the article text.

Markup, layout and encoding damage only (whitespace, U+3000 indents, &nbsp;,
zero-width characters); the words stay as the source wrote them. The raw capture
travels with the item, so the cleaning can be redone later.
"""
from __future__ import annotations

from typing import Any

from pipelines._drop import quiet_drop
from pipelines.logic.text_cleaning import clean_article


class CleaningPipeline:
    def __init__(self, crawler: Any = None):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> "CleaningPipeline":
        return cls(crawler)

    def process_item(self, item: Any, spider: Any = None) -> Any:
        item.article = clean_article(item.article)
        if not item.article.title or not item.article.body:
            if self.crawler is not None:
                self.crawler.stats.inc_value("jiezhen/skipped/empty_after_cleaning")
            raise quiet_drop(f"empty after cleaning: {item.article.url}")
        return item
