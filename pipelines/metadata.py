"""Stage (ITEM_PIPELINES 300): meeting metadata -- when, what, who presided, who attended.

Fills ``article.meeting`` from the cleaned title and body (``pipelines/logic/meeting``), or
None when the article reports no event. The store stage then copies it into the archive's
columns and the person registry. Extraction trouble never costs the article: an exception
leaves ``meeting`` None, is counted (``jiezhen/errors/meeting``) and logged.
"""
from __future__ import annotations

import logging
from typing import Any

from pipelines.logic.meeting import extract_meeting

logger = logging.getLogger(__name__)


class MetadataPipeline:
    def __init__(self, crawler: Any = None):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> "MetadataPipeline":
        return cls(crawler)

    def _count(self, key: str) -> None:
        if self.crawler is not None:
            self.crawler.stats.inc_value(key)

    def process_item(self, item: Any, spider: Any = None) -> Any:
        article = item.article
        try:
            article.meeting = extract_meeting(article.title, article.body, published=article.published,
                                              url=article.url, author=article.author)
        except Exception:  # a bug on one odd page must not lose the page
            logger.exception("meeting metadata failed for %s", article.url)
            article.meeting = None
            self._count("jiezhen/errors/meeting")
            return item
        if article.meeting is not None:
            self._count("jiezhen/meetings/found")
        return item
