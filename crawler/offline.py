"""Running the crawl's processing on a response without Scrapy's engine or network.

``jiezhen reprocess`` (stored captures) and ``jiezhen import`` (WARC files, saved pages)
both hand responses to exactly what a crawl does with one: the spider's article parsing
(``process_article``: ``parse_article`` in this process; the site's profile, or generic
rules) and every stage of ``ITEM_PIPELINES`` in the
settings' order, built from the settings list (no stage named here), store stage last.

Scrapy's ``Crawler`` needs an engine and a reactor; the stages only use ``settings``,
``stats`` and ``signals``, so ``OfflineCrawler`` gives them just those.
"""
from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from scrapy import Request, Spider
from scrapy.exceptions import DropItem
from scrapy.http import Response
from scrapy.settings import Settings
from scrapy.signalmanager import SignalManager
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.conf import build_component_list
from scrapy.utils.misc import build_from_crawler, load_object

from crawler.outcomes import ERROR_PREFIX


class OfflineCrawler:
    """What spiders and item pipelines use of a Scrapy ``Crawler``, without engine or network."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.signals = SignalManager(self)
        self.stats = MemoryStatsCollector(self)
        self.spider: Spider | None = None
        self.engine = None


class StageRunner:
    """A spider and the pipeline stages for one site, as one crawl of it would have."""

    def __init__(self, settings: Settings, spider_cls: type, kwargs: dict[str, Any]):
        self.crawler = OfflineCrawler(settings)
        self.spider = spider_cls.from_crawler(self.crawler, **kwargs)
        self.crawler.spider = self.spider
        names = build_component_list(settings.getwithbase("ITEM_PIPELINES"))
        self.stages = [build_from_crawler(load_object(name), self.crawler) for name in names]
        for stage in self.stages:
            if hasattr(stage, "open_spider"):
                stage.open_spider(self.spider)

    def process(self, response: Response, on_drop: Callable[[str], None]) -> int:
        """Parse ``response`` and send each item through the stages; ``on_drop(reason)`` for
        each item a stage drops. Returns how many items the spider produced."""
        produced = 0
        for item in self.spider.process_article(response):
            if isinstance(item, Request):  # an attachment to fetch: offline, nothing is fetched
                continue
            produced += 1
            for stage in self.stages:
                try:
                    item = stage.process_item(item, self.spider)
                except DropItem as exc:
                    on_drop(str(exc).split(":", 1)[0])
                    break
                if inspect.isawaitable(item):
                    raise TypeError(f"{type(stage).__name__}: asynchronous stages are not "
                                    f"supported offline")
        return produced

    def flush(self) -> None:
        """Write what the store stage holds (a progress report then counts it)."""
        for stage in self.stages:
            if hasattr(stage, "flush"):
                stage.flush()

    def close(self) -> None:
        for stage in self.stages:
            if hasattr(stage, "close_spider"):
                stage.close_spider(self.spider)

    def stat(self, name: str) -> int:
        return int(self.crawler.stats.get_value(name, 0) or 0)

    def errors(self) -> dict[str, int]:
        """``jiezhen/errors/KIND`` counters of this runner, by kind."""
        return {name.rsplit("/", 1)[1]: int(value)
                for name, value in self.crawler.stats.get_stats().items()
                if name.startswith(ERROR_PREFIX)}
