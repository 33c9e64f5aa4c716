"""CPU time of a crawl, from spider open to spider close, in this process (all threads).

Wall-clock pages/s depend on what else the machine runs; CPU seconds per page much less so,
which is what the crawl benchmark compares when the machine is shared. Listens to every
crawler's signals (pydispatch's ``Any`` sender), so it needs no access to the crawler.
"""
from __future__ import annotations

import time

from pydispatch import dispatcher
from scrapy import signals


class CpuClock:
    def __init__(self) -> None:
        self.opened: float | None = None
        self.seconds = 0.0
        dispatcher.connect(self._opened, signal=signals.spider_opened)
        dispatcher.connect(self._closed, signal=signals.spider_closed)

    def _opened(self, *args, **kwargs) -> None:
        self.opened = time.process_time()

    def _closed(self, *args, **kwargs) -> None:
        if self.opened is not None:
            self.seconds += time.process_time() - self.opened
            self.opened = None
