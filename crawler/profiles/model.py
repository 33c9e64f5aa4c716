"""The Profile data model: plain dataclasses, no I/O.

A profile says which pages to start from, which links on a list page are articles,
how the list pages are paged, and (optionally) where each article field sits. An
ordinary CMS needs nothing but this data; anything left out falls back to the
generic rules used for unconfigured sites.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import urljoin, urlsplit

from crawler.urls import host_of

#: Administrative levels a site may have (the archive groups towns under districts).
LEVELS = ("市", "区", "县", "镇", "街道", "乡")
#: How list pages are paged. ``auto`` uses the generic detector (下一页 links,
#: TRS ``createPageHTML`` scripts, ``index_N.html`` patterns); ``numbered`` follows every
#: pager link whose text is a page number (``next_link``, if set, selects those links).
PAGINATION_MODES = ("auto", "next_link", "index_n", "numbered", "none")
#: Article fields a profile may give selectors for.
FIELD_NAMES = ("title", "subtitle", "published", "source", "author", "editor", "body")


@dataclass(frozen=True)
class Pagination:
    mode: str = "auto"
    next_link: str | None = None  # CSS or XPath of the next-page <a>, for next_link mode
    index_pattern: str = "index_{n}.html"  # for index_n: page 0 is index.html, then n = 1, 2, ...
    max_pages: int = 100


@dataclass(frozen=True)
class Profile:
    slug: str
    name: str
    level: str
    base_url: str
    start_urls: tuple[str, ...]
    parent: str | None = None
    region: str | None = None  # the place's own name (长宁区, 新泾镇): ``--district`` matches it
    allowed_hosts: tuple[str, ...] = ()
    enabled: bool = True
    verified: bool = False
    verified_on: str | None = None  # YYYY-MM-DD of the last successful ``sites check``
    demo: bool = False
    article_links: str | None = None  # CSS or XPath selecting article <a> elements on a list page
    article_url_pattern: str | None = None  # regex searched in absolute article URLs
    pagination: Pagination = field(default_factory=Pagination)
    fields: dict[str, tuple[str, ...]] = field(default_factory=dict)
    path: str | None = None  # file it was loaded from

    @property
    def absolute_start_urls(self) -> list[str]:
        return [urljoin(self.base_url.rstrip("/") + "/", url) if not urlsplit(url).scheme else url
                for url in self.start_urls]

    @property
    def hosts(self) -> tuple[str, ...]:
        """Hosts the crawl may visit: the configured ones, else those of the start URLs."""
        if self.allowed_hosts:
            return self.allowed_hosts
        return tuple(dict.fromkeys(host_of(url) for url in self.absolute_start_urls))

    def rebased(self, base_url: str) -> "Profile":
        """The same profile pointed at another server (``jiezhen demo`` uses this):
        relative start URLs follow the new base and the allowed hosts become its host."""
        return replace(self, base_url=base_url, allowed_hosts=(host_of(base_url),))
