"""Run crawls in this process and report what each one did.

The CLI builds a list of ``CrawlTarget`` (a spider class and its arguments), and
``run_crawls`` runs them together in one Scrapy ``CrawlerProcess`` (the Twisted
reactor runs once per process). Settings come from ``crawler.settings``, then
jiezhen's options, then ``-s NAME=VALUE`` pairs, which win.
"""
from __future__ import annotations

import gc
from dataclasses import dataclass, field
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler.outcomes import ERROR_PREFIX, SKIP_PREFIX
from crawler.extensions.run_record import counts_with_prefix, run_status, yield_flags


@dataclass
class CrawlTarget:
    spider_cls: type
    kwargs: dict[str, Any] = field(default_factory=dict)
    label: str = ""


@dataclass
class CrawlResult:
    label: str
    run_id: int | None
    status: str
    finish_reason: str | None
    pages: int
    list_pages: int
    new: int
    changed: int
    unchanged: int
    errors: dict[str, int]
    skipped: dict[str, int]
    bytes: int
    not_modified: int = 0
    known: int = 0
    flags: list[str] = field(default_factory=list)
    warc_dir: str | None = None  # where this crawl's WARC files went (None: WARC off or failed)
    warc_records: int = 0
    warc_bytes: int = 0
    reposts: int = 0  # of the new articles, how many were reposts of an archived story

    @property
    def archived(self) -> int:
        return self.new + self.changed + self.unchanged

    @property
    def found(self) -> int:
        """Articles the crawl saw, fetched or not (incremental crawls skip archived ones)."""
        return self.archived + self.not_modified + self.known


def build_settings(*, db_url: str | None = None, since: str | None = None,
                   max_pages: int | None = None, sites_dir: str | None = None,
                   log_level: str | None = None, warc_dir: str | None = None, warc: bool = True,
                   overrides: dict[str, str] | None = None) -> Settings:
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    if db_url:
        settings.set("JIEZHEN_DB", db_url, priority="cmdline")
    if since:
        settings.set("JIEZHEN_SINCE", since, priority="cmdline")
    if max_pages:
        settings.set("CLOSESPIDER_PAGECOUNT", max_pages, priority="cmdline")
    if sites_dir:
        settings.set("JIEZHEN_SITES_DIR", sites_dir, priority="cmdline")
    if log_level:
        settings.set("LOG_LEVEL", log_level, priority="cmdline")
    if warc_dir:
        settings.set("JIEZHEN_WARC_DIR", warc_dir, priority="cmdline")
    if not warc:
        settings.set("JIEZHEN_WARC", False, priority="cmdline")
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    return settings


def run_crawls(targets: list[CrawlTarget], settings: Settings) -> list[CrawlResult]:
    """Run every target to the end (or until interrupted) and collect their results."""
    process = CrawlerProcess(settings)
    crawlers = []
    for target in targets:
        crawler = process.create_crawler(target.spider_cls)
        process.crawl(crawler, **target.kwargs)
        crawlers.append((target, crawler))
    # Everything imported and built so far lives for the whole crawl: move it out of the
    # cyclic collector's sight, so each collection walks only the per-page garbage.
    gc.collect()
    gc.freeze()
    process.start()
    results = []
    for target, crawler in crawlers:
        stats = crawler.stats.get_stats() if crawler.stats else {}
        reason = stats.get("finish_reason")
        flags = yield_flags(stats)
        results.append(CrawlResult(
            label=target.label or getattr(crawler.spider, "site", target.spider_cls.name),
            run_id=stats.get("jiezhen/run_id"),
            status=run_status(reason, flags) if reason else "failed",
            finish_reason=reason,
            pages=int(stats.get("response_received_count", 0)),
            list_pages=int(stats.get("jiezhen/list_pages", 0)),
            new=int(stats.get("jiezhen/articles/new", 0)),
            changed=int(stats.get("jiezhen/articles/changed", 0)),
            unchanged=int(stats.get("jiezhen/articles/unchanged", 0))
            + int(stats.get("jiezhen/articles/older", 0)),  # current text unchanged
            reposts=int(stats.get("jiezhen/articles/reposts", 0)),
            errors=counts_with_prefix(stats, ERROR_PREFIX),
            skipped=counts_with_prefix(stats, SKIP_PREFIX),
            bytes=int(stats.get("downloader/response_bytes", 0)),
            not_modified=int(stats.get("jiezhen/articles/not_modified", 0)),
            known=int(stats.get("jiezhen/articles/known", 0)),
            flags=flags,
            warc_dir=stats.get("jiezhen/warc/dir"),
            warc_records=int(stats.get("jiezhen/warc/records", 0)),
            warc_bytes=int(stats.get("jiezhen/warc/bytes", 0)),
        ))
    return results
