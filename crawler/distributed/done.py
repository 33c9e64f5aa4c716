"""Spider middleware: tell the in-flight record when a taken request's work is finished.

It tags each article with the in-flight field of its response (the store's commit finishes
it: ``pipelines.signals.items_stored``, handled by the worker extension) and reports the end of
each callback's output; see ``InFlight.output_consumed`` for why that alone finishes nothing.
"""
from __future__ import annotations

from typing import Any, AsyncIterator, Iterable

from crawler.distributed.inflight import META_KEY
from crawler.items import ArticleItem

#: attribute set on an ArticleItem: the in-flight field of the response it came from
ITEM_ATTR = "jiezhen_inflight"


class DoneMiddleware:
    def __init__(self, crawler: Any):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> "DoneMiddleware":
        return cls(crawler)

    def _field(self, response: Any) -> tuple[Any, str | None]:
        inflight = getattr(self.crawler, "jiezhen_inflight", None)
        try:
            field = response.meta.get(META_KEY)
        except AttributeError:  # a response without a request
            field = None
        return inflight, field

    def _tag(self, inflight: Any, field: str | None, element: Any) -> None:
        if field and isinstance(element, ArticleItem):
            setattr(element, ITEM_ATTR, field)
            inflight.expect_item(field)

    def process_spider_output(self, response: Any, result: Iterable[Any], spider: Any = None):
        inflight, field = self._field(response)
        for element in result:
            if inflight is not None:
                self._tag(inflight, field, element)
            yield element
        if inflight is not None and field:
            inflight.output_consumed(field)

    async def process_spider_output_async(self, response: Any, result: AsyncIterator[Any],
                                          spider: Any = None):
        inflight, field = self._field(response)
        async for element in result:
            if inflight is not None:
                self._tag(inflight, field, element)
            yield element
        if inflight is not None and field:
            inflight.output_consumed(field)
