"""Article extraction in worker processes, so a crawl uses more than one core.

Why: a crawl's reactor thread does everything in one Python process (Scrapy, extraction,
the pipelines), and extraction is ~40% of its CPU per page (py-spy, session 9). On a
machine with a spare core, extracting in a worker process while the reactor goes on
fetching and storing is the one change that makes a crawl substantially faster; no
amount of tuning in one thread gets there (the GIL keeps threads to one core).

``extract_article`` is pure: bytes, URL, headers and selectors in, an ``Extraction`` out,
both picklable, so the worker returns exactly what the call in-process returns.

Failure: an exception raised by the extractor comes back as the same exception (the
spider counts it as a parse error, as before). A worker that dies (a page that crashes
lxml, the OOM killer) costs the page it held: the pool is started again for the next page,
and beyond ``MAX_RESTARTS`` deaths extraction goes back in-process for the rest of the
crawl.

Workers are *spawned* (a fresh interpreter: forking the crawl would copy its threads' locks,
the WARC writer's, the database pool's) as children of the crawl, and they die with it:
``PR_SET_PDEATHSIG`` on Linux, so a crawl killed outright (SIGKILL, the OOM killer) leaves no
worker holding its pipes (a cron job's or a test's ``communicate()`` would wait on them; a
``forkserver`` outlived its crawl). They ignore SIGINT and SIGTERM, which a terminal or a
process-group kill also delivers to them: the crawl decides when to stop, and stops them.
"""
from __future__ import annotations

import asyncio
import ctypes
import logging
import multiprocessing
import os
import signal
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from crawler.parsing.article import Extraction, Selectors, extract_article

log = logging.getLogger(__name__)

#: Worker deaths tolerated in one crawl before extraction goes back in-process.
MAX_RESTARTS = 3
#: Linux's prctl option: the signal this process gets when its parent dies.
PR_SET_PDEATHSIG = 1


def default_processes() -> int:
    """Worker processes when the setting does not say: one per core beyond the first
    (the reactor keeps one busy), at most 4; none on a single core."""
    return max(0, min(4, (os.cpu_count() or 1) - 1))


class WorkerDied(RuntimeError):
    """The worker extracting a page died; the page is lost, the crawl goes on."""


class ExtractionPool:
    """``extract_article`` in ``processes`` worker processes (0: in this process).

    The pool starts at the first page, so a crawl that fetches no article starts none."""

    def __init__(self, processes: int):
        self.processes = max(0, processes)
        self.restarts = 0
        self._executor: ProcessPoolExecutor | None = None

    @property
    def in_process(self) -> bool:
        return self.processes == 0 or self.restarts > MAX_RESTARTS

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.processes, mp_context=multiprocessing.get_context("spawn"),
                initializer=_worker_setup, initargs=(os.getpid(),))
        return self._executor

    async def extract(self, body: bytes, url: str | None, headers: Mapping[str, str] | None,
                      selectors: Selectors | None = None) -> Extraction:
        """What ``extract_article(body, url, headers, selectors=selectors)`` returns.

        Raises what the extractor raises, or ``WorkerDied``. A worker's death fails every
        page in flight, not only the one that killed it, so a page is tried once more on
        the new pool before it is given up."""
        plain_selectors = None if selectors is None else {k: list(v) for k, v in selectors.items()}
        for attempt in (1, 2):
            if self.in_process:
                return extract_article(body, url, headers, selectors=selectors)
            executor = self._pool()
            try:
                with _main_script_hidden():  # submit() is where workers are started
                    future = executor.submit(extract_article, body, url, dict(headers or {}),
                                             selectors=plain_selectors)
                return await asyncio.wrap_future(future)
            except BrokenProcessPool as exc:
                self._restart(executor)
                if attempt == 2:
                    raise WorkerDied(f"extraction worker died on {url}") from exc
        raise AssertionError("unreachable")

    def _restart(self, broken: ProcessPoolExecutor) -> None:
        """Drop the broken pool (once, however many pages saw it break); the next page
        starts a new one, or extracts in-process beyond MAX_RESTARTS deaths."""
        if self._executor is not broken:
            return  # another page already replaced it
        self._executor = None
        self.restarts += 1
        broken.shutdown(wait=False, cancel_futures=True)
        log.warning("an extraction worker died (%d so far)", self.restarts)
        if self.restarts > MAX_RESTARTS:
            log.warning("extraction workers died %d times: extracting in-process from now on",
                        self.restarts)

    def close(self) -> None:
        """Stop the workers (pages still queued are dropped: the crawl is over)."""
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


@contextmanager
def _main_script_hidden() -> Iterator[None]:
    """Start workers without running the main script again in them.

    A spawned (or forkserver) child first imports the parent's ``__main__`` from its file, as
    ``__mp_main__``: harmless for the ``jiezhen`` command, whose script is guarded by
    ``if __name__ == "__main__"``, but a script that calls the crawl at top level (a
    benchmark, a user's cron wrapper) would run a whole second crawl in each worker.
    The workers need nothing from ``__main__`` (they run ``extract_article``), so while
    they start, ``__main__`` says it has no file or spec, and multiprocessing skips it."""
    main = sys.modules.get("__main__")
    if main is None:
        yield
        return
    saved = {name: main.__dict__[name] for name in ("__file__", "__spec__") if name in main.__dict__}
    main.__dict__.pop("__file__", None)
    main.__dict__["__spec__"] = None
    try:
        yield
    finally:
        main.__dict__.pop("__spec__", None)
        main.__dict__.update(saved)


def _worker_setup(crawl_pid: int) -> None:
    """In each worker, first: leave stopping to the crawl, and die with it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != crawl_pid:  # the crawl died before the line above took effect
        os._exit(1)
