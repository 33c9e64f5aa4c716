"""Driving one ``jiezhen import``: readers -> (pages) the crawl's stages / (records) restore.

Pages (WARC records, saved files) go through ``crawler/offline.py``'s ``StageRunner``: the
spider's ``parse_article`` and every ``ITEM_PIPELINES`` stage, exactly as a crawl, with the
store stage dating each article by its capture (the record's WARC-Date, as it dates a
crawled one by its fetch) and the capture pointing at its WARC record. Export records go to ``Archive.restore_batch``.
Everything streams: one record at a time from the readers, stores in batches, so memory is
bounded by a batch and the store stage's queue whatever the input size.

The import is recorded as a run (site ``import``, or ``import:SLUG`` with ``--site``, so
neither ``health`` nor an incremental crawl of SLUG takes it for a crawl of the site).
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TextIO

from scrapy import Request
from scrapy.http import Response
from scrapy.settings import Settings

from crawler.importing import IMPORT_SITE
from crawler.importing.detect import detect_format, warc_files
from crawler.importing.inputs import BadInput, Page, Record, Revisit, Skipped
from crawler.importing.jsonl_input import read_jsonl
from crawler.importing.progress import ImportCounts, Progress
from crawler.importing.saved_pages import read_saved_pages
from crawler.importing.warc_input import Segments, read_warc
from crawler.offline import StageRunner
from crawler.outcomes import ARTICLE_PREFIX, SKIP_PREFIX
from crawler.profiles import load_profiles
from crawler.spiders.news import FETCHED_AT_META_KEY, WARC_META_KEY, NewsSpider, spider_for_profile
from crawler.urls import article_url
from crawler.warc.writer import Exchange, WarcWriter, payload_digest
from pipelines.logic.dedup import fingerprint
from storage.archive import Archive
from storage.restore import RecordInvalid, check_record

#: Export records restored per transaction.
RESTORE_BATCH = 200
#: Revisits applied (``last_seen``) per batch.
REVISIT_BATCH = 200


class _Captures:
    """Stands in for the crawl's WARC extension in the store stage: the record already
    exists (a foreign WARC), or was written by ``SavedPageWriter``; ``barrier`` makes it durable."""

    def __init__(self, writer: "SavedPageWriter") -> None:
        self.writer = writer

    def barrier(self) -> None:
        if self.writer.writer is not None:
            self.writer.writer.barrier()

    @staticmethod
    def resolve(pending: Any, url: str) -> Any:
        return pending


class SavedPageWriter:
    """Writes into a WARC file of ours (opened on first need) the pages that no record holds
    whole: saved pages' bytes, and records joined from segments (their payload as recorded)."""

    def __init__(self, archive: Archive, warc_dir: Path) -> None:
        self.archive = archive
        self.warc_dir = warc_dir
        self.writer: WarcWriter | None = None

    def __call__(self, page: Page) -> Page:
        payload = page.body if page.raw_payload is None else page.raw_payload
        earlier = self.archive.find_warc_capture(page.url, payload_digest(payload))
        if earlier is not None:  # imported before: the same record serves
            page.warc = earlier
            return page
        if self.writer is None:
            self.writer = WarcWriter(self.warc_dir, IMPORT_SITE, info={
                "operator-note": "jiezhen import: saved pages, and WARC records joined from segments"}).open()
        page.warc = self.writer.write_exchange(Exchange(
            url=page.url, method="GET", request_headers=[], status=page.status,
            response_headers=list(page.headers.items()), body=payload, fetched_at=page.fetched_at))
        return page

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


class Importer:
    def __init__(self, archive: Archive, settings: Settings, *, site: str | None,
                 base_url: str | None, warc_dir: Path, sites_dir: str | None,
                 err: TextIO | None = None, progress: Progress | None = None) -> None:
        self.archive = archive
        self.base_url = base_url
        self.err = err or sys.stderr
        self.counts = ImportCounts()
        self.progress = progress or Progress(self.counts)
        self.progress.counts = self.counts
        settings = settings.copy()
        settings.set("JIEZHEN_SINCE", None, priority="cmdline")
        self.settings = settings
        self.profile = None
        if site:
            self.profile = load_profiles([sites_dir] if sites_dir else []).get(site)
            if self.profile is None:
                raise ValueError(f"no site profile {site!r} (see `jiezhen sites`)")
        self.saved = SavedPageWriter(archive, warc_dir)
        self.runner: StageRunner | None = None
        self.segments = Segments()
        self.revisits: list[Revisit] = []
        self.pending_links: list[tuple[str, str]] = []
        self.records: list[Record] = []
        self.restored = {"new": 0, "updated": 0, "duplicate": 0}

    # -- inputs ---------------------------------------------------------------------------

    def items(self, path: Path, fmt: str) -> Iterator[Any]:
        if not path.exists():
            yield BadInput(str(path), "no such file or folder")
            return
        chosen = detect_format(path) if fmt == "auto" else fmt
        if chosen is None:
            yield BadInput(f"{path}@0", "not a WARC file, a saved page or a JSONL export")
        elif chosen == "warc":
            files = warc_files(path) if path.is_dir() else [path]
            for file in files:
                yield from read_warc(file, self.segments)
        elif chosen == "html":
            yield from read_saved_pages(path, self.base_url, self.saved)
        else:
            yield from read_jsonl(path)

    def run(self, paths: Iterable[Path], fmt: str) -> ImportCounts:
        try:
            for path in paths:
                for item in self.items(path, fmt):
                    self._take(item)
            for problem in self.segments.unfinished():
                self._bad(problem)
            self._restore()
            self._finish_pages()
        finally:
            self.saved.close()
            if self.runner is not None:
                self.runner.close()
            self.progress.done()
        self._sync_counts()
        return self.counts

    # -- dispatch -------------------------------------------------------------------------

    def _take(self, item: Any) -> None:
        if isinstance(item, BadInput):
            self.counts.read += 1
            self._bad(item)
        elif isinstance(item, Skipped):
            self.counts.read += 1
            self.counts.skip(item.reason)
        elif isinstance(item, Revisit):
            self.counts.read += 1
            self.counts.revisits += 1
            self.revisits.append(item)
            if len(self.revisits) >= REVISIT_BATCH:
                self._apply_revisits()
        elif isinstance(item, Page):
            self.counts.read += 1
            self._page(item)
        elif isinstance(item, Record):
            self.counts.read += 1
            self.records.append(item)
            if len(self.records) >= RESTORE_BATCH:
                self._restore()
        self.progress.tick()

    def _bad(self, item: BadInput) -> None:
        self.counts.bad += 1
        print(f"jiezhen import: skipped {item.where}: {item.problem}", file=self.err)

    # -- pages ----------------------------------------------------------------------------

    def _stage_runner(self, url: str) -> StageRunner:
        if self.runner is None:
            if self.profile is not None:
                self.runner = StageRunner(self.settings, spider_for_profile(self.profile), {})
            else:  # generic rules; each article's site is its host, as in a generic crawl
                self.runner = StageRunner(self.settings, NewsSpider, {"start_url": [url]})
            self.runner.crawler.jiezhen_warc = _Captures(self.saved)
        return self.runner

    def _page(self, page: Page) -> None:
        if not page.url.startswith(("http://", "https://")):
            self.counts.skip("not_http_url")
            return
        if page.warc is None:
            page = self.saved(page)
        runner = self._stage_runner(page.url)
        meta = {"jiezhen_kind": "article", WARC_META_KEY: page.warc,
                FETCHED_AT_META_KEY: page.fetched_at}
        response = Response(page.url, status=page.status, headers=page.headers, body=page.body,
                            request=Request(page.url, meta=meta))
        runner.process(response, lambda reason: self.counts.skip(reason))
        self._sync_counts()

    def _sync_counts(self) -> None:
        """Articles new/updated/duplicate: what the store stage counted plus what was restored."""
        stat = self.runner.stat if self.runner is not None else (lambda name: 0)
        self.counts.new = stat(ARTICLE_PREFIX + "new") + self.restored["new"]
        self.counts.older = stat(ARTICLE_PREFIX + "older")
        self.counts.updated = stat(ARTICLE_PREFIX + "changed") + self.counts.older + self.restored["updated"]
        self.counts.duplicate = stat(ARTICLE_PREFIX + "unchanged") + self.restored["duplicate"]
        if self.runner is not None:
            for name, value in self.runner.crawler.stats.get_stats().items():
                if name.startswith(SKIP_PREFIX):
                    self.counts.skipped[name[len(SKIP_PREFIX):]] = int(value)
            self.counts.errors = self.runner.errors()

    def _finish_pages(self) -> None:
        if self.runner is not None:
            self.runner.flush()
        self._apply_revisits()

    def _apply_revisits(self) -> None:
        if self.runner is not None:
            self.runner.flush()  # the originals first
        for revisit in self.revisits:
            self.archive.mark_not_modified([article_url(revisit.url)], seen_at=revisit.seen_at)
        self.revisits = []

    # -- export records --------------------------------------------------------------------

    def _restore(self) -> None:
        records, self.records = self.records, []
        good, prints = [], []
        for record in records:
            try:
                check_record(record.data)
            except (RecordInvalid, TypeError, ValueError) as exc:
                self._bad(BadInput(record.where, f"not a restorable export record: {exc}"))
                continue
            good.append(record.data)
            try:
                prints.append(fingerprint(record.data.get("title"), record.data["body"]))
            except Exception:
                prints.append(None)
        if good:
            result = self.archive.restore_batch(good, prints)
            self.pending_links = self.archive.link_restored(self.pending_links + result.unresolved)
            self.restored["new"] += len(result.new)
            self.restored["updated"] += len(result.updated)
            self.restored["duplicate"] += len(result.duplicate)
            self._sync_counts()
        if not records and self.pending_links:
            self.pending_links = self.archive.link_restored(self.pending_links)


def record_run(archive: Archive, site: str | None, settings: dict[str, Any],
               work: Callable[[], ImportCounts]) -> ImportCounts:
    """Run ``work`` inside a run record (like a crawl's: ``jiezhen runs`` lists it)."""
    started = datetime.now(timezone.utc)
    run_site = f"{IMPORT_SITE}:{site}" if site else IMPORT_SITE
    run_id = archive.start_run(run_site, settings=settings, started=started)
    status, reason, counts = "failed", "error", None
    try:
        counts = work()
        status, reason = "finished", "import"
        return counts
    except KeyboardInterrupt:
        status, reason = "interrupted", "shutdown"
        raise
    finally:
        c = counts or ImportCounts()
        errors = dict(c.errors)
        if c.bad:
            errors["bad_input"] = c.bad
        archive.finish_run(run_id, status=status, finish_reason=reason, pages=c.read, new=c.new,
                           changed=c.updated, unchanged=c.duplicate, errors=errors, bytes=0,
                           not_modified=c.revisits)
