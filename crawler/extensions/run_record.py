"""Record every crawl as a run in the archive: site, start, end, counts, errors by kind.

A run row is written when the spider opens (status ``running``), so a crawl that is
killed outright still leaves a trace; it is completed when the spider closes.
"""
from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Any

from scrapy import signals

from crawler.events import emit
from crawler.outcomes import ARTICLE_PREFIX, ERROR_PREFIX, SKIP_PREFIX
from crawler.profiles import ProfileError, load_profiles
from crawler.profiles.hierarchy import lineage, site_row
from storage.archive import Archive

logger = logging.getLogger(__name__)

#: Scrapy finish reasons that mean "the crawl did what was asked".
FINISHED_REASONS = ("finished",)
STOPPED_ON_REQUEST_PREFIX = "closespider_"  # --max-pages and the like
INTERRUPTED_REASONS = ("shutdown",)
BLOCKED_REASON = "blocked"
#: Fewer article pages than this cannot show a collapse (a quiet night fetches none at all).
MIN_ARTICLE_PAGES_FOR_FLAG = 3


def run_status(reason: str | None, flags: list[str] | tuple[str, ...] = ()) -> str:
    """running | finished | suspect (finished, yield collapsed) | blocked | interrupted | failed
    (``killed`` is set by the next nightly run for a row a SIGKILLed run left ``running``)."""
    if reason == BLOCKED_REASON:
        return "blocked"
    if reason in FINISHED_REASONS or (reason or "").startswith(STOPPED_ON_REQUEST_PREFIX):
        return "suspect" if flags else "finished"
    if reason in INTERRUPTED_REASONS:
        return "interrupted"
    return "failed"


def yield_flags(stats: dict[str, Any]) -> list[str]:
    """Why a crawl that ran to its end must not be reported as a plain success.

    ``no_links``: list pages were read but held no article link (the template changed);
    ``no_articles``: article pages were fetched but none could be archived (extraction broke);
    ``unreachable``: requests were made and not one got an answer (DNS, refused connections,
    timeouts: the site or the network is down). Scrapy calls such a crawl "finished".
    A night with nothing new is not flagged: it finds links, all archived already.
    """
    flags = []
    if int(stats.get("response_received_count", 0)) == 0 and counts_with_prefix(stats, ERROR_PREFIX):
        flags.append("unreachable")
    if int(stats.get("jiezhen/list_pages", 0)) > 0 and int(stats.get("jiezhen/article_links", 0)) == 0:
        flags.append("no_links")
    archived = sum(int(stats.get(ARTICLE_PREFIX + k, 0)) for k in ("new", "changed", "unchanged", "not_modified"))
    not_archived = int(stats.get(SKIP_PREFIX + "not_article", 0)) + int(stats.get(ERROR_PREFIX + "parse", 0))
    if archived == 0 and not_archived >= MIN_ARTICLE_PAGES_FOR_FLAG:
        flags.append("no_articles")
    return flags


def counts_with_prefix(stats: dict[str, Any], prefix: str) -> dict[str, int]:
    return {key[len(prefix):]: int(value) for key, value in sorted(stats.items())
            if key.startswith(prefix)}


class RunRecorder:
    def __init__(self, crawler: Any):
        self.crawler = crawler
        self.archive: Archive | None = None
        self.run_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> "RunRecorder":
        ext = cls(crawler)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Any) -> None:
        settings = self.crawler.settings
        self.archive = Archive.open(settings.get("JIEZHEN_DB"), migrate=True)
        self.archive.reap_dead_runs()  # earlier crawls killed outright, before this one is added
        recorded = {name: settings.get(name) for name in (
            "USER_AGENT", "ROBOTSTXT_OBEY", "AUTOTHROTTLE_ENABLED", "DOWNLOAD_DELAY",
            "CONCURRENT_REQUESTS_PER_DOMAIN", "CLOSESPIDER_PAGECOUNT", "JIEZHEN_SINCE")}
        recorded["start_urls"] = list(getattr(spider, "start_urls", []))
        self.run_id = self.archive.start_run(getattr(spider, "site", spider.name),
                                             settings=recorded,
                                             worker=settings.get("JIEZHEN_WORKER_ID") or None)
        self.crawler.stats.set_value("jiezhen/run_id", self.run_id)
        emit("run_start", site=getattr(spider, "site", spider.name), run_id=self.run_id)
        self._register_sites(spider)

    def _register_sites(self, spider: Any) -> None:
        """Record the crawled site and the sites above it (district of a town) in the archive."""
        profile = getattr(spider, "profile", None)
        if profile is None or self.archive is None:
            return  # generic mode: a host, with no place in the hierarchy
        extra = self.crawler.settings.get("JIEZHEN_SITES_DIR")
        try:
            profiles = load_profiles([extra] if extra else [])
        except ProfileError:
            profiles = {}
        chain = lineage(profiles.get(profile.slug, profile), profiles)
        chain[0] = profile  # the profile actually crawled (``jiezhen demo`` rebinds it)
        self.archive.register_sites(site_row(p) for p in chain)

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self.archive is None or self.run_id is None:
            return
        stats = self.crawler.stats.get_stats()
        errors = counts_with_prefix(stats, ERROR_PREFIX)
        flags = yield_flags(stats)
        counts = dict(
            pages=int(stats.get("response_received_count", 0)),
            new=int(stats.get("jiezhen/articles/new", 0)),
            changed=int(stats.get("jiezhen/articles/changed", 0)),
            unchanged=int(stats.get("jiezhen/articles/unchanged", 0))
            + int(stats.get("jiezhen/articles/older", 0)),  # current text unchanged
            bytes=int(stats.get("downloader/response_bytes", 0)),
            list_pages=int(stats.get("jiezhen/list_pages", 0)),
            not_modified=int(stats.get("jiezhen/articles/not_modified", 0)),
            known=int(stats.get("jiezhen/articles/known", 0)),
            reposts=int(stats.get("jiezhen/articles/reposts", 0)),  # the dedup stage counts these
        )
        status = run_status(reason, flags)
        if self.crawler.settings.getbool("JIEZHEN_DISTRIBUTED") and reason == "finished" \
                and counts["pages"] == 0:
            # A worker that got no request of this site: no run to report (its peers did it).
            try:
                self.archive.discard_run(self.run_id)
            finally:
                self.archive.close()
            return
        emit("run_end", site=getattr(spider, "site", spider.name), run_id=self.run_id, status=status,
             finish_reason=reason, flags=flags, errors=errors, **counts)
        try:
            self.archive.finish_run(
                self.run_id, status=status, finish_reason=reason, errors=errors, flags=flags,
                finished=datetime.now(timezone.utc), **counts,
            )
        except Exception:
            logger.exception("could not record the end of run %s", self.run_id)
        finally:
            self.archive.close()
