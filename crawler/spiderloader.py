"""Scrapy spider loader that makes one spider per site profile.

``scrapy crawl SLUG`` and ``scrapy list`` work from the repository root without a
Python file per site: profiles are data (``crawler/sites/*.toml`` plus
``JIEZHEN_SITES_DIR``), and ``news`` is the generic spider (``-a start_url=URL``).
"""
from __future__ import annotations

from typing import Any

from crawler.profiles import load_profiles
from crawler.spiders.news import NewsSpider, spider_for_profile


class ProfileSpiderLoader:
    """Implements Scrapy's SpiderLoaderProtocol (from_settings, load, list, find_by_request)."""

    def __init__(self, settings: Any):
        extra = settings.get("JIEZHEN_SITES_DIR")
        self.profiles = load_profiles([extra] if extra else [])
        self._spiders = {slug: spider_for_profile(p) for slug, p in self.profiles.items()}
        self._spiders[NewsSpider.name] = NewsSpider

    @classmethod
    def from_settings(cls, settings: Any) -> "ProfileSpiderLoader":
        return cls(settings)

    def load(self, spider_name: str) -> type[NewsSpider]:
        try:
            return self._spiders[spider_name]
        except KeyError:
            raise KeyError(f"Spider not found: {spider_name}") from None

    def list(self) -> list[str]:
        return sorted(self._spiders)

    def find_by_request(self, request: Any) -> list[str]:
        return []
