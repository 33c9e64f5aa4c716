"""Redis key names of a distributed crawl: everything under one prefix, per site ("spider").

A site's queue and duplicate filter are scrapy-redis's own keys (``SCHEDULER_QUEUE_KEY`` and
``SCHEDULER_DUPEFILTER_KEY`` with ``%(spider)s``), so scrapy-redis tools can read them.
"""
from __future__ import annotations

from dataclasses import dataclass

DEFAULT_PREFIX = "jiezhen"


@dataclass(frozen=True)
class Keys:
    prefix: str = DEFAULT_PREFIX

    # scrapy-redis templates (``%(spider)s`` is the spider name: the site slug)
    @property
    def queue_template(self) -> str:
        return f"{self.prefix}:%(spider)s:requests"

    @property
    def dupefilter_template(self) -> str:
        return f"{self.prefix}:%(spider)s:dupefilter"

    def queue(self, spider: str) -> str:
        return self.queue_template % {"spider": spider}

    def dupefilter(self, spider: str) -> str:
        return self.dupefilter_template % {"spider": spider}

    def inflight(self, spider: str, worker: str) -> str:
        """Hash of the requests ``worker`` took from ``spider``'s queue and has not finished."""
        return f"{self.prefix}:{spider}:inflight:{worker}"

    def workers(self, spider: str) -> str:
        """Set of the workers that ever took requests of ``spider`` (their in-flight hashes)."""
        return f"{self.prefix}:{spider}:workers"

    def alive(self, worker: str) -> str:
        """Set (with a time to live) while ``worker`` runs: a worker without it is dead."""
        return f"{self.prefix}:worker:{worker}"

    def blocked(self, spider: str) -> str:
        """Set when a worker stopped ``spider`` as blocked: every worker stops it."""
        return f"{self.prefix}:{spider}:blocked"

    def seeded(self, spider: str) -> str:
        """When ``spider``'s crawl was last seeded (seconds since the epoch)."""
        return f"{self.prefix}:{spider}:seeded"

    @property
    def targets(self) -> str:
        """Hash: spider name -> JSON of what a worker needs to build it (profile slug or URLs)."""
        return f"{self.prefix}:targets"

    @property
    def seed_lock(self) -> str:
        return f"{self.prefix}:seed-lock"

    def host_slots(self, host: str) -> str:
        """Sorted set of the requests in flight to ``host`` across workers (score: lease end)."""
        return f"{self.prefix}:host:{host}"
