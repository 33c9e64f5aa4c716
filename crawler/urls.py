"""Canonical URLs: one archived page per canonical URL.

The archive is keyed by the canonical form, so two spellings of one page
(``HTTP://Host:80/a/./b.html#top`` and ``http://host/a/b.html``) are one article.
This is the foundation's rule set; the duplicates issue extends it (tracking
parameters, ``index.html``) in this same module.
"""
from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from w3lib.url import canonicalize_url

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
    return urlunsplit((scheme, netloc, path, parts.query, ""))


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
