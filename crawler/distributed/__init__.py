"""Distributed crawling: many worker processes, on any number of machines, share one crawl.

Built on scrapy-redis (its Redis scheduler queue and duplicate filter, one pair per site) with
PostgreSQL as the shared archive. What jiezhen adds around it, one module each:

- ``keys``: the Redis key names of a crawl (one prefix, per-site keys);
- ``scripts``: the Lua scripts (atomic pop-and-record, re-queue, host slots);
- ``inflight``: what each worker has taken from the queue and not yet finished, so a worker
  killed outright loses nothing (other workers put its requests back in the queue);
- ``scheduler``: scrapy-redis's scheduler, popping through ``inflight``;
- ``done``: a spider middleware that says when a taken request is finished;
- ``worker``: the worker extension (heartbeat, recovery of dead workers, idle stop, shared
  block flag);
- ``host_slots``: the per-host concurrency limit held across every worker (a Redis semaphore);
- ``seed``: ``jiezhen enqueue`` (start pages into the shared queue);
- ``config``: the Scrapy settings that turn a crawl into a worker.
"""
