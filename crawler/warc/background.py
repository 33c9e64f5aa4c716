"""Running the WARC writer on its own thread, so the crawl does not wait for gzip and digests.

Building, hashing and compressing two records costs ~1-2 ms an exchange, about half a
page's processing time; on Scrapy's one reactor thread that would be paid in series with
everything else. zlib and hashlib release the GIL on page-sized buffers, so one worker
thread runs that work beside the crawl. The reactor only queues the exchange and gets a
``Future`` of its ``WarcRef``; one worker keeps records in arrival order.

``barrier()`` queues the writer's fsync behind every record submitted so far and waits for
it: once it returns, every pending ``Future`` is done, and what they name is on disk. The
store stage calls it before each commit (the ordering guarantee, NOTES.md).
"""
from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from crawler.warc.writer import Exchange, FailedRequest, WarcWriteError, WarcWriter
from storage.records import WarcRef
from storage.warc_records import WrittenRecord


class BackgroundWriter:
    def __init__(self, writer: WarcWriter, on_error: Callable[[OSError], None]):
        self.writer = writer
        self._on_error = on_error  # called on the worker thread, once
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jiezhen-warc")
        self.failed: OSError | None = None

    def submit(self, exchange: Exchange) -> "Future[WarcRef]":
        return self._pool.submit(self._write, exchange)

    def submit_failure(self, failure: FailedRequest) -> "Future[WarcRef]":
        return self._pool.submit(self._write, failure)

    def _write(self, what: Exchange | FailedRequest) -> WarcRef:
        if self.failed is not None:
            raise WarcWriteError(0, f"WARC capture stopped earlier: {self.failed}")
        try:
            if isinstance(what, FailedRequest):
                return self.writer.write_failure(what)
            return self.writer.write_exchange(what)
        except OSError as exc:
            self.failed = exc
            self._on_error(exc)
            raise

    def barrier(self) -> list[WrittenRecord]:
        """Wait for every queued record, then fsync; raises the writer's error, if any.
        Returns the records written since the last call (now durable: the archive may list
        them), drained on the writer's thread so none is taken while being appended."""
        def durable() -> list[WrittenRecord]:
            self.writer.barrier()
            return self.writer.drain()

        return self._pool.submit(durable).result()

    def close(self) -> None:
        """Write what is queued, close the current file (fsync, rename), stop the thread."""
        try:
            self._pool.submit(self.writer.close).result()
        finally:
            self._pool.shutdown(wait=True)
