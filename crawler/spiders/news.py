"""The news spider: list pages -> article pages -> ArticleItem.

One class serves both modes. With a profile it follows the profile's link selector,
URL pattern and pagination rule; without one (generic mode, ``--start-url``) it finds
article and next-page links by itself and stays on the start URLs' hosts. It only ever
follows pagination from list pages and article links from list pages, so it does not
wander into home pages, topic sections or other columns; pages reached that way are
still checked and dropped when they are not articles.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import Any, AsyncIterator, Iterator

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler import incremental
from crawler.attachments import plan_captures
from crawler.events import emit
from crawler.items import ArticleItem
from crawler.outcomes import ARTICLE_PREFIX, ERROR_PREFIX, SKIP_PREFIX, classify_failure, looks_truncated
from crawler.parsing.article import Extraction, extract_article
from crawler.parsing.offload import ExtractionPool, WorkerDied, default_processes
from crawler.parsing.encoding import decode_html
from crawler.parsing.listing import analyse_listing
from crawler.profiles import Profile
from crawler.urls import article_url, canonical_url, host_of
from storage.archive import Archive
from storage.records import Capture

#: Where crawler/warc/extension.py leaves the WARC record of a response (request.meta).
WARC_META_KEY = "jiezhen_warc"
#: When the response was fetched, if not now (``jiezhen import``: the record's WARC-Date).
FETCHED_AT_META_KEY = "jiezhen_fetched_at"

HTML_TYPES = (b"text/html", b"application/xhtml", b"text/plain", b"")
#: request.meta key: "read every list page" decided for the whole (distributed) crawl.
DEEP_META_KEY = "jiezhen_deep"
#: 304 answers are written back (``last_seen``) in batches of this many.
NOT_MODIFIED_BATCH = 50
#: Stats prefix of attachment (and image) fetches: not article outcomes, not run errors.
ATTACHMENT_PREFIX = "jiezhen/attachments/"


def headers_dict(response: Response) -> dict[str, str]:
    """Response headers as ``{name: value}`` text (repeated headers joined with ", ")."""
    out = {}
    for name, values in response.headers.items():
        key = name.decode("latin-1")
        out[key] = ", ".join(v.decode("latin-1") for v in values)
    return out


class NewsSpider(scrapy.Spider):
    name = "news"

    def __init__(self, *args: Any, profile: Profile | None = None,
                 start_url: str | list[str] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.profile = profile
        if profile is not None:
            self.start_urls = profile.absolute_start_urls
            self.hosts = list(profile.hosts)
            self.site = profile.slug
        else:
            urls = [start_url] if isinstance(start_url, str) else list(start_url or [])
            urls = [u for part in urls for u in part.split(",") if u.strip()]  # -a start_url=a,b
            if not urls:
                raise ValueError("generic mode needs at least one start URL (-a start_url=URL)")
            self.start_urls = urls
            self.hosts = list(dict.fromkeys(host_of(u) for u in urls))
            self.site = ",".join(self.hosts)
        # Scrapy's offsite filter (also applied to redirects) works on host names.
        self.allowed_domains = list(dict.fromkeys(h.split(":")[0] for h in self.hosts))
        self.policy = incremental.Policy(enabled=False)
        self._archive: Archive | None = None
        self._not_modified: list[str] = []
        self._extraction: ExtractionPool | None = None

    # --- settings read once the crawler is bound -------------------------------------------
    @property
    def max_list_pages(self) -> int:
        if self.profile is not None:
            return self.profile.pagination.max_pages
        return self.settings.getint("JIEZHEN_MAX_LIST_PAGES", 100)

    @property
    def since(self) -> str | None:
        return self.settings.get("JIEZHEN_SINCE") or None

    @property
    def extraction(self) -> ExtractionPool:
        """Where article pages are extracted (crawler/parsing/offload.py): worker processes,
        JIEZHEN_EXTRACT_PROCESSES of them (unset: one per core beyond the first; 0: here)."""
        if self._extraction is None:
            wanted = self.settings.get("JIEZHEN_EXTRACT_PROCESSES")
            processes = default_processes() if wanted in (None, "") else self.settings.getint(
                "JIEZHEN_EXTRACT_PROCESSES")
            self._extraction = ExtractionPool(processes)
        return self._extraction

    def _count(self, prefix: str, kind: str, url: str | None = None, status: int | None = None) -> None:
        self.crawler.stats.inc_value(prefix + kind)
        if url is not None:
            emit("request", site=self.site, url=url, status=status, outcome=kind)

    # --- incremental state (crawler/incremental.py) ------------------------------------------
    def _open_archive(self) -> Archive:
        if self._archive is None:
            self._archive = Archive.open(self.settings.get("JIEZHEN_DB"), migrate=True)
        return self._archive

    def _incremental_policy(self) -> incremental.Policy:
        settings = self.settings
        if not settings.getbool("JIEZHEN_INCREMENTAL", True):
            return incremental.Policy(enabled=False)
        run_id = self.crawler.stats.get_value("jiezhen/run_id")
        earlier = [r for r in self._open_archive().runs(site=self.site, last=3) if r["id"] != run_id]
        deep = not incremental.previous_run_complete(earlier[0] if earlier else None)
        policy = incremental.Policy(
            enabled=True, overlap=settings.getint("JIEZHEN_OVERLAP", 1),
            recheck_after=timedelta(days=settings.getfloat("JIEZHEN_RECHECK_DAYS", 30.0)), deep=deep)
        self.logger.info("incremental crawl (overlap %d, re-check after %s%s)", policy.overlap,
                         policy.recheck_after, ", every list page: the last run did not finish" if deep else "")
        return policy

    def closed(self, reason: str) -> None:
        try:
            self._flush_not_modified()
        finally:
            if self._extraction is not None:
                self._extraction.close()
            if self._archive is not None:
                self._archive.close()

    def _flush_not_modified(self) -> None:
        if self._not_modified and self._archive is not None:
            urls, self._not_modified = self._not_modified, []
            try:
                self._archive.mark_not_modified(urls)
            except Exception:  # they will simply be re-checked next time
                self.logger.exception("could not record %d re-checked articles", len(urls))

    # --- requests ---------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[scrapy.Request]:
        self.policy = self._incremental_policy()
        self.crawler.stats.set_value("jiezhen/incremental", self.policy.enabled)
        self.crawler.stats.set_value("jiezhen/deep", self.policy.deep)
        if self.settings.getbool("JIEZHEN_DISTRIBUTED", False):
            return  # a worker: start pages come from the shared queue (`jiezhen enqueue`)
        for url in self.start_urls:
            yield self.list_request(url)

    def list_request(self, url: str, *, page: int = 1, streak: int = 0,
                     deep: bool | None = None) -> scrapy.Request:
        """A list page request. ``deep`` (read every list page) travels with the request when
        it was decided elsewhere: `jiezhen enqueue` decides it once for a distributed crawl."""
        meta: dict[str, Any] = {"jiezhen_kind": "list", "list_page": page, "known_streak": streak}
        if deep is not None:
            meta[DEEP_META_KEY] = deep
        return scrapy.Request(url, callback=self.parse_list, errback=self.on_error, meta=meta,
                              dont_filter=page == 1)

    def _policy_for(self, response: Response) -> incremental.Policy:
        deep = response.meta.get(DEEP_META_KEY)
        return self.policy if deep is None else replace(self.policy, deep=bool(deep))

    def parse_list(self, response: Response):
        """A list page: queue its articles, then its next page."""
        page = decode_html(response.body, headers_dict(response))
        if page.lossy:
            self._count(ERROR_PREFIX, "charset")
        p = self.profile
        listing = analyse_listing(
            page.text, response.url, allowed_hosts=self.hosts,
            article_links_selector=p.article_links if p else None,
            article_url_pattern=p.article_url_pattern if p else None,
            pagination_mode=p.pagination.mode if p else "auto",
            next_selector=p.pagination.next_link if p else None,
            index_pattern=p.pagination.index_pattern if p else "index_{n}.html",
        )
        self.crawler.stats.inc_value("jiezhen/list_pages")
        self.crawler.stats.inc_value("jiezhen/article_links", len(listing.article_links))
        emit("request", site=self.site, url=response.url, status=response.status, outcome="list",
             links=len(listing.article_links))
        if not listing.article_links:
            self.logger.warning("no article links found on list page %s", response.url)
            self._count(SKIP_PREFIX, "empty_list")
        links = {}
        for link in listing.article_links:
            links.setdefault(canonical_url(link.url), link)
        states = self._open_archive().article_states(links) if self.policy.enabled and links else {}
        policy = self._policy_for(response)
        plan = incremental.plan_links(links, states, datetime.now(timezone.utc), policy)
        for url in plan.fetch:
            link = links[url]
            yield scrapy.Request(link.url, callback=self.parse_article, errback=self.on_error,
                                 meta={"jiezhen_kind": "article", "link_text": link.text})
        for url, headers in plan.recheck:
            link = links[url]
            yield scrapy.Request(link.url, callback=self.parse_article, errback=self.on_error,
                                 headers=headers, meta={"jiezhen_kind": "article", "link_text": link.text,
                                                        "handle_httpstatus_list": [304]})
        if plan.known:
            self.crawler.stats.inc_value(ARTICLE_PREFIX + "known", len(plan.known))
        streak = incremental.next_streak(response.meta.get("known_streak", 0), plan)
        number = response.meta.get("list_page", 1)
        if not incremental.keep_paging(streak, policy):
            self.logger.info("incremental: stopping after list page %d (%s): %d pages in a row "
                             "held only archived articles", number, response.url, streak)
            self.crawler.stats.set_value("jiezhen/paging_stopped_at", number)
            return
        if number < self.max_list_pages:
            for url in listing.next_pages:
                yield self.list_request(url, page=number + 1, streak=streak,
                                        deep=response.meta.get(DEEP_META_KEY))

    async def parse_article(self, response: Response):
        """An article page: extract it (in a worker process when there are any), or count
        why it is not archived."""
        if not self._extractable(response):
            return
        headers = headers_dict(response)
        try:
            result = await self.extraction.extract(response.body, response.url, headers,
                                                   self.profile.fields if self.profile else None)
        except WorkerDied:  # the page that killed its worker, or one caught in its death
            self._extraction_failed(response, "extraction worker died on %s", trace=False)
            return
        except Exception:  # a parser bug must cost one page, not the crawl
            self._extraction_failed(response, "extraction failed for %s")
            return
        for output in self._article_outputs(response, headers, result):
            yield output

    def process_article(self, response: Response) -> Iterator[Any]:
        """``parse_article`` in this process and synchronously: for ``jiezhen reprocess``
        and ``import`` (crawler/offline.py), which run no reactor."""
        if not self._extractable(response):
            return
        headers = headers_dict(response)
        try:
            result = extract_article(response.body, response.url, headers,
                                     selectors=self.profile.fields if self.profile else None)
        except Exception:  # a parser bug must cost one page, not the run
            self._extraction_failed(response, "extraction failed for %s")
            return
        yield from self._article_outputs(response, headers, result)

    def _extraction_failed(self, response: Response, message: str, trace: bool = True) -> None:
        """Log and count a page whose extraction failed (a ``parse`` error of the run)."""
        if trace:
            self.logger.exception(message, response.url)
        else:
            self.logger.error(message, response.url)
        self._count(ERROR_PREFIX, "parse", response.url, response.status)

    def _extractable(self, response: Response) -> bool:
        """Whether ``response`` is a page to extract; if not, it is counted (and a 304 noted)."""
        if response.status == 304:  # a re-check: the archived copy is current
            self._count(ARTICLE_PREFIX, "not_modified", response.url, 304)
            self._not_modified.append(canonical_url(response.url))
            if len(self._not_modified) >= NOT_MODIFIED_BATCH:
                self._flush_not_modified()
            return False
        content_type = response.headers.get(b"Content-Type", b"").split(b";")[0].strip().lower()
        if not any(content_type.startswith(t) for t in HTML_TYPES if t) and content_type:
            self._count(SKIP_PREFIX, "not_html", response.url, response.status)
            return False
        return True

    def _article_outputs(self, response: Response, headers: dict[str, str], result: Extraction
                         ) -> Iterator[Any]:
        """The item of an extracted page and the requests for its attachments, or nothing
        (counted) when it is not an article to archive."""
        if result.lossy_encoding:
            self._count(ERROR_PREFIX, "charset")
        truncated = looks_truncated(response.body)
        if truncated:
            self._count(ERROR_PREFIX, "truncated")
        if not result.is_article or result.article is None:
            self.logger.info("not an article (%s): %s", result.reason, response.url)
            self._count(SKIP_PREFIX, "not_article", response.url, response.status)
            return
        article = result.article
        article.url = article_url(response.url)
        article.site = self.site if self.profile else host_of(response.url)
        if self.since and article.published and article.published[:10] < self.since:
            self._count(SKIP_PREFIX, "before_since", response.url, response.status)
            return
        # `jiezhen import` hands over when the page was fetched (its WARC-Date, a file's mtime).
        fetched_at = response.meta.get(FETCHED_AT_META_KEY) or datetime.now(timezone.utc)
        capture = Capture(url=response.url, fetched_at=fetched_at,
                          status=response.status, headers=headers, body=response.body,
                          encoding=result.encoding)
        emit("request", site=self.site, url=response.url, status=response.status, outcome="article")
        files = self._capture_requests(article)
        yield ArticleItem(article=article, capture=capture, truncated=truncated,
                          warc=response.meta.get(WARC_META_KEY))
        yield from files

    # --- attachments: fetched to be captured (crawler/attachments.py) -------------------------
    def _capture_requests(self, article: Any) -> list[scrapy.Request]:
        settings = self.settings
        if not (settings.getbool("JIEZHEN_WARC", True) and settings.getbool("JIEZHEN_ATTACHMENTS", True)):
            return []
        plan = plan_captures(article.attachments or [], article.images or [],
                             allowed_domains=self.allowed_domains,
                             limit=settings.getint("JIEZHEN_ATTACHMENTS_MAX", 20),
                             with_images=settings.getbool("JIEZHEN_IMAGES", False))
        stats = self.crawler.stats
        if plan.offsite:
            stats.inc_value(ATTACHMENT_PREFIX + "offsite", plan.offsite)
        if plan.over_limit:
            stats.inc_value(ATTACHMENT_PREFIX + "over_limit", plan.over_limit)
        return [scrapy.Request(url, callback=self.parse_attachment, errback=self.on_attachment_error,
                               meta={"jiezhen_kind": kind, "link_text": name})
                for url, name, kind in plan.fetch]

    def parse_attachment(self, response: Response) -> None:
        """An attachment or image: its bytes are already in the WARC file; only counted."""
        kind = response.meta.get("jiezhen_kind", "attachment")
        self.crawler.stats.inc_value(f"{ATTACHMENT_PREFIX}fetched/{kind}")
        emit("request", site=self.site, url=response.url, status=response.status, outcome=kind)

    def on_attachment_error(self, failure: Failure) -> None:
        """A missing or unreachable attachment is the site's loss, not a failed crawl: counted
        apart from the run's errors (the answer, or the failure, is in the WARC file)."""
        kind = classify_failure(failure)
        request = getattr(failure, "request", None)
        self.crawler.stats.inc_value(f"{ATTACHMENT_PREFIX}failed/{kind}")
        self.logger.info("attachment %s: %s (%s)", kind, request.url if request else "?",
                         failure.getErrorMessage())

    def on_error(self, failure: Failure) -> None:
        kind = classify_failure(failure)
        request = getattr(failure, "request", None)
        self._count(ERROR_PREFIX, kind, request.url if request else None,
                    getattr(getattr(failure.value, "response", None), "status", None))
        self.logger.warning("%s: %s (%s)", kind, request.url if request else "?",
                            failure.getErrorMessage())


def spider_for_profile(profile: Profile) -> type[NewsSpider]:
    """A NewsSpider subclass named after the profile, so ``scrapy crawl SLUG`` finds it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("profile", profile)
        NewsSpider.__init__(self, *args, **kwargs)

    cls_name = "Spider_" + profile.slug.replace("-", "_")
    return type(cls_name, (NewsSpider,), {"name": profile.slug, "__init__": __init__,
                                           "__doc__": f"Crawls {profile.name} ({profile.slug})."})
