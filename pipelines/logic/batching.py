"""When to write: a batch is flushed when it is full or has waited long enough.

One transaction per batch keeps SQLite fast (one fsync per batch, not per article)
while bounding what a killed crawl can lose to at most one batch of unsaved items,
which the next crawl fetches again.
"""
from __future__ import annotations

import time
from typing import Callable, Generic, TypeVar

T = TypeVar("T")


class Batcher(Generic[T]):
    def __init__(self, size: int, max_wait: float, clock: Callable[[], float] = time.monotonic):
        if size < 1:
            raise ValueError("batch size must be at least 1")
        self.size, self.max_wait, self.clock = size, max_wait, clock
        self.items: list[T] = []
        self._since = clock()

    def add(self, item: T) -> bool:
        """Add an item; True when the batch should be flushed now."""
        if not self.items:
            self._since = self.clock()
        self.items.append(item)
        return len(self.items) >= self.size or self.clock() - self._since >= self.max_wait

    def take(self) -> list[T]:
        items, self.items = self.items, []
        return items

    def __len__(self) -> int:
        return len(self.items)
