"""Stage (ITEM_PIPELINES 250): fingerprint each article's story for repost detection.

Computes the MinHash/LSH fingerprint of the cleaned text (``pipelines/logic/dedup``) and
attaches it to the item; the store stage hands it to the archive, which finds earlier copies
of the story in its persistent index and links the article to them (``storage/stories.py``)
in the same transaction that stores it. Nothing is dropped here: a repost is archived as a
sighting of its story. A failure costs only the link, never the article.
"""
from __future__ import annotations

import logging
from typing import Any

from pipelines.logic.dedup import fingerprint

logger = logging.getLogger(__name__)


class DedupPipeline:
    def __init__(self, crawler: Any = None):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> "DedupPipeline":
        return cls(crawler)

    def process_item(self, item: Any, spider: Any = None) -> Any:
        article = item.article
        try:
            item.fingerprint = fingerprint(article.title, article.body)
        except Exception:  # an odd text must not cost the article
            logger.exception("fingerprint failed for %s", article.url)
            item.fingerprint = None
            if self.crawler is not None:
                self.crawler.stats.inc_value("jiezhen/errors/fingerprint")
        return item
