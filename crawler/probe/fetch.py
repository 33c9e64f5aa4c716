"""A small synchronous HTTP client for the site tools (standard library only).

Five pages per probe do not justify a reactor. Errors become ``FetchError`` with one line
a person can act on (host down, 404, timeout), never a traceback.
"""
from __future__ import annotations

import socket
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass
from urllib.parse import urlsplit

from crawler.version import __version__

USER_AGENT = f"jiezhen/{__version__} (site probe; +https://github.com/jiezhen)"
TIMEOUT = 15.0
MAX_BYTES = 8 * 1024 * 1024


class FetchError(RuntimeError):
    """A page could not be fetched; ``str()`` says which and why."""


@dataclass
class Fetched:
    url: str  # after redirects
    status: int
    headers: dict[str, str]
    body: bytes


_robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}


def allowed_by_robots(url: str, *, timeout: float = TIMEOUT) -> bool:
    """robots.txt as crawls obey it (read once per host; missing or unreadable: allowed)."""
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    if origin not in _robots:
        parser = None
        try:
            text = _get(origin + "/robots.txt", timeout).body.decode("utf-8", "replace")
            parser = urllib.robotparser.RobotFileParser()
            parser.parse(text.splitlines())
        except FetchError:
            pass
        _robots[origin] = parser
    parser = _robots[origin]
    return parser is None or parser.can_fetch(USER_AGENT, url)


def fetch(url: str, *, timeout: float = TIMEOUT) -> Fetched:
    """GET ``url`` unless robots.txt disallows it (then FetchError, as for any failure)."""
    if not allowed_by_robots(url, timeout=timeout):
        raise FetchError(f"{url}: disallowed by robots.txt")
    return _get(url, timeout)


def _get(url: str, timeout: float) -> Fetched:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT,
                                                   "Accept": "text/html,*/*;q=0.5"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) only
            body = response.read(MAX_BYTES + 1)[:MAX_BYTES]
            headers = {k: v for k, v in response.headers.items()}
            return Fetched(response.geturl(), response.status, headers, body)
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url}: HTTP {exc.code}") from None
    except urllib.error.URLError as exc:
        raise FetchError(f"{url}: {exc.reason}") from None
    except (TimeoutError, socket.timeout):
        raise FetchError(f"{url}: timed out after {timeout:g} s") from None
    except (OSError, ValueError) as exc:
        raise FetchError(f"{url}: {exc}") from None
