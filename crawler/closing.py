"""Close a spider from a component (middleware, pipeline) with a finish reason, on any Scrapy."""
from __future__ import annotations

from typing import Any


def close_spider(crawler: Any, reason: str) -> None:
    engine = crawler.engine
    if hasattr(engine, "close_spider_async"):  # Scrapy >= 2.14
        from scrapy.utils.defer import deferred_from_coro

        deferred_from_coro(engine.close_spider_async(reason=reason))
    else:
        engine.close_spider(crawler.spider, reason)
