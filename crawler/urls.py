"""Canonical URLs: one archived page per canonical URL.

The archive is keyed by the canonical form, so two spellings of one page
(``HTTP://Host:80/a/./b.html#top`` and ``http://host/a/b.html``) are one article.
``canonical_url`` also drops tracking parameters (``utm_*``, ``spm``...; table in
``crawler/url_patterns.py``) and is what requests and link checks use. ``article_url``
is the archive's key: the canonical URL with a directory index file name folded
(``/a/index.html`` -> ``/a/``). Requests keep the file name, since some servers do not
serve the bare directory; only the archive treats the two spellings as one page.
"""
from __future__ import annotations

from urllib.parse import unquote_plus, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

from crawler.url_patterns import INDEX_FILES, TRACKING_PARAMS, TRACKING_PREFIXES

_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, drop the default port and the fragment,
    resolve ``.``/``..`` segments, sort query arguments, normalise percent-escapes."""
    url = canonicalize_url(url.strip(), keep_fragments=False)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    netloc = host
    if parts.port and parts.port != _DEFAULT_PORTS.get(scheme):
        netloc = f"{host}:{parts.port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, _without_tracking(parts.query), ""))


def _is_tracking(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_PARAMS or name.startswith(TRACKING_PREFIXES)


def _without_tracking(query: str) -> str:
    """The query without tracking parameters, every other byte as w3lib escaped it."""
    if not query:
        return query
    return "&".join(pair for pair in query.split("&")
                    if not _is_tracking(unquote_plus(pair.split("=", 1)[0])))


def article_url(url: str) -> str:
    """The archive's key for a page: ``canonical_url`` with a trailing directory index file
    (``index.html``, ``default.htm``...) folded into its directory, when it has no query."""
    url = canonical_url(url)
    parts = urlsplit(url)
    head, _, last = parts.path.rpartition("/")
    if last.lower() in INDEX_FILES and not parts.query:
        return urlunsplit((parts.scheme, parts.netloc, head + "/", "", ""))
    return url


def host_of(url: str) -> str:
    """``host`` or ``host:port`` (non-default port) of a URL, lower-case."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.port and parts.port != _DEFAULT_PORTS.get(parts.scheme.lower()):
        return f"{host}:{parts.port}"
    return host


def host_allowed(url: str, allowed: list[str] | tuple[str, ...] | set[str]) -> bool:
    """True when the URL's host is allowed. An entry with a port (``127.0.0.1:8080``)
    must match host and port; an entry without one matches the host on any port."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        return False
    host = (parts.hostname or "").lower()
    full = host_of(url)
    for entry in allowed:
        entry = entry.lower()
        if entry == full or (":" not in entry and entry == host):
            return True
    return False
