"""Which files an article links are fetched so that they are captured in WARC.

Government notices carry their substance in attachments (附件: the PDF of a 通知, the XLS of
a 公示 list); the article text often only says "详见附件". The parser already finds them
(``crawler/parsing/media.py``, extensions in ``crawler/parsing/patterns/media.py``); this
decides which to fetch: only on the site's own hosts (the crawl's ``allowed_domains``: a
file on a third-party host is somebody else's site), at most ``JIEZHEN_ATTACHMENTS_MAX`` an
article (a page of 300 links to scanned forms is a file index, not an article), and only
when something keeps the bytes (WARC capture on). Inline images only with
``JIEZHEN_IMAGES`` (off by default: they are most of a site's bytes and rarely the record).
Nothing here touches the article record: the links stay as the parser wrote them, and
export/show join them to their captures by URL (storage/warc_records.py).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from urllib.parse import urlsplit


def on_allowed_host(url: str, allowed_domains: Sequence[str]) -> bool:
    """The host (any port) is an allowed domain or under one, as Scrapy's offsite filter
    decides (``scrapy.utils.url.url_is_from_any_domain`` compares host:port, so a site on
    :8080 would be "offsite" from itself)."""
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d.lower() or host.endswith("." + d.lower()) for d in allowed_domains)


@dataclass
class LinkPlan:
    fetch: list[tuple[str, str, str]] = field(default_factory=list)  # (url, name, kind)
    offsite: int = 0
    over_limit: int = 0


def plan_captures(attachments: Sequence[dict[str, Any]], images: Sequence[dict[str, Any]], *,
                  allowed_domains: Sequence[str], limit: int, with_images: bool) -> LinkPlan:
    """The attachment (then image) URLs of one article to fetch, in page order."""
    plan = LinkPlan()
    candidates = [(a.get("url"), a.get("name") or "", "attachment") for a in attachments]
    if with_images:
        candidates += [(i.get("src"), i.get("caption") or "", "image") for i in images]
    seen: set[str] = set()
    taken = {"attachment": 0, "image": 0}
    for url, name, kind in candidates:
        if not url or url in seen or not url.startswith(("http://", "https://")):
            continue
        seen.add(url)
        if not on_allowed_host(url, allowed_domains):
            plan.offsite += 1
        elif taken[kind] >= limit:
            plan.over_limit += 1
        else:
            taken[kind] += 1
            plan.fetch.append((url, name, kind))
    return plan
