"""Load and validate site profiles from TOML files.

Every problem is reported as ``file:line: reason`` so that whoever edits a profile
can fix it without reading code. Bundled profiles live in ``crawler/sites/``; a
``--sites-dir`` folder adds to them (and overrides a bundled slug of the same name).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urljoin, urlsplit
from pathlib import Path
from typing import Any, Iterable

from crawler.profiles.model import FIELD_NAMES, LEVELS, PAGINATION_MODES, Pagination, Profile

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")

_TOP_KEYS = {"slug", "name", "level", "parent", "base_url", "start_urls", "allowed_hosts",
             "enabled", "verified", "verified_on", "demo", "region", "list", "pagination", "fields", "notes"}
_LIST_KEYS = {"article_links", "article_url_pattern"}
_PAGINATION_KEYS = {"mode", "next_link", "index_pattern", "max_pages"}


class ProfileError(ValueError):
    """A profile that cannot be used; ``str()`` is ``file:line: reason``."""

    def __init__(self, path: str, line: int | None, reason: str):
        self.path, self.line, self.reason = path, line, reason
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {reason}")


def bundled_sites_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "sites"


@dataclass
class _Source:
    """The profile's text, to point errors at the line that holds a key."""

    path: str
    text: str

    def line_of(self, key: str, table: str | None = None) -> int | None:
        lines = self.text.splitlines()
        start = 0
        if table:
            header = re.compile(rf"^\s*\[\s*{re.escape(table)}\s*\]")
            for i, line in enumerate(lines):
                if header.match(line):
                    start = i
                    break
            else:
                return None
        pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
        for i in range(start, len(lines)):
            if i > start and table is None and lines[i].lstrip().startswith("["):
                break
            if pattern.match(lines[i]):
                return i + 1
        return None

    def error(self, reason: str, key: str | None = None, table: str | None = None) -> ProfileError:
        line = self.line_of(key, table) if key else None
        if line is None and table:
            line = self.line_of_table(table)
        return ProfileError(self.path, line, reason)

    def line_of_table(self, table: str) -> int | None:
        for i, line in enumerate(self.text.splitlines()):
            if re.match(rf"^\s*\[\s*{re.escape(table)}\s*\]", line):
                return i + 1
        return None


def load_profile(path: str | Path) -> Profile:
    """Parse and validate one profile file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ProfileError(str(path), None, f"not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise ProfileError(str(path), None, f"cannot read: {exc.strerror}") from None
    src = _Source(str(path), text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise ProfileError(str(path), int(match.group(1)) if match else None,
                           f"invalid TOML: {reason}") from None
    return _build(data, src)


def _require_str(data: dict, key: str, src: _Source, table: str | None = None,
                 required: bool = True) -> str | None:
    value = data.get(key)
    if value is None:
        if required:
            where = f" in [{table}]" if table else ""
            raise src.error(f"missing required key '{key}'{where}", None, table)
        return None
    if not isinstance(value, str):
        raise src.error(f"'{key}' must be a string, not {type(value).__name__}", key, table)
    return value


def _str_list(value: Any, key: str, src: _Source, table: str | None = None) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise src.error(f"'{key}' must be a string or a list of non-empty strings", key, table)
    return tuple(value)


def _check_unknown(data: dict, allowed: set[str], src: _Source, table: str | None = None) -> None:
    for key in data:
        if key not in allowed:
            where = f"[{table}]" if table else "the top level"
            raise src.error(f"unknown key '{key}' in {where} (allowed: {', '.join(sorted(allowed))})",
                            key, table)


def _check_selector(selector: str, key: str, src: _Source, table: str) -> None:
    """Compile the selector now so a typo fails when the profile loads, not mid-crawl."""
    from lxml import etree
    from lxml.cssselect import CSSSelector

    try:
        if selector.startswith(("/", "./", "(")):
            etree.XPath(selector)
        else:
            CSSSelector(selector)
    except Exception as exc:  # lxml and cssselect raise several types
        raise src.error(f"invalid selector for '{key}': {selector!r} ({exc})", key, table) from None


def _check_hosts(base_url: str, start_urls: tuple[str, ...], allowed_hosts: tuple[str, ...],
                 src: _Source) -> None:
    """Start URLs must lie on the allowed hosts, or the crawl would drop its own first page."""
    for host in allowed_hosts:
        if "/" in host or not re.fullmatch(r"[A-Za-z0-9.-]+(:\d+)?", host):
            raise src.error(f"allowed host {host!r} must be a host name (optionally :port), "
                            "not a URL", "allowed_hosts")
    if not allowed_hosts:
        return
    allowed = {h.lower() for h in allowed_hosts}
    for url in start_urls:
        parts = urlsplit(urljoin(base_url.rstrip("/") + "/", url))
        if parts.netloc.lower() not in allowed and (parts.hostname or "").lower() not in allowed:
            raise src.error(f"start URL {url!r} is on {parts.netloc}, which is not in allowed_hosts "
                            f"({', '.join(allowed_hosts)})", "start_urls")


def _build(data: dict, src: _Source) -> Profile:
    _check_unknown(data, _TOP_KEYS, src)
    slug = _require_str(data, "slug", src)
    if not SLUG_RE.match(slug):
        raise src.error(f"slug {slug!r} must be lower-case letters, digits and '-'", "slug")
    name = _require_str(data, "name", src)
    level = _require_str(data, "level", src)
    if level not in LEVELS:
        raise src.error(f"level {level!r} is not one of {', '.join(LEVELS)}", "level")
    base_url = _require_str(data, "base_url", src, required=False) or ""
    if "start_urls" not in data:
        raise src.error("missing required key 'start_urls'")
    start_urls = _str_list(data["start_urls"], "start_urls", src)
    for url in start_urls:
        if not re.match(r"^https?://", url) and not re.match(r"^https?://", base_url):
            raise src.error(f"start URL {url!r} is relative but base_url is not an http(s) URL",
                            "start_urls")
    allowed_hosts = _str_list(data.get("allowed_hosts") or [], "allowed_hosts", src) \
        if data.get("allowed_hosts") else ()
    _check_hosts(base_url, start_urls, allowed_hosts, src)
    flags = {}
    for key in ("enabled", "verified", "demo"):
        value = data.get(key, key == "enabled")
        if not isinstance(value, bool):
            raise src.error(f"'{key}' must be true or false", key)
        flags[key] = value

    listing = data.get("list", {})
    if not isinstance(listing, dict):
        raise src.error("'list' must be a table", "list")
    _check_unknown(listing, _LIST_KEYS, src, "list")
    article_links = _require_str(listing, "article_links", src, "list", required=False)
    if article_links:
        _check_selector(article_links, "article_links", src, "list")
    pattern = _require_str(listing, "article_url_pattern", src, "list", required=False)
    if pattern:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise src.error(f"invalid regular expression for 'article_url_pattern': {exc}",
                            "article_url_pattern", "list") from None

    pag = data.get("pagination", {})
    if not isinstance(pag, dict):
        raise src.error("'pagination' must be a table", "pagination")
    _check_unknown(pag, _PAGINATION_KEYS, src, "pagination")
    mode = pag.get("mode", "auto")
    if mode not in PAGINATION_MODES:
        raise src.error(f"pagination mode {mode!r} is not one of {', '.join(PAGINATION_MODES)}",
                        "mode", "pagination")
    next_link = _require_str(pag, "next_link", src, "pagination", required=False)
    if mode == "next_link" and not next_link:
        raise src.error("pagination mode 'next_link' needs a 'next_link' selector", "mode", "pagination")
    if next_link:
        _check_selector(next_link, "next_link", src, "pagination")
    index_pattern = _require_str(pag, "index_pattern", src, "pagination", required=False) \
        or "index_{n}.html"
    if "{n}" not in index_pattern:
        raise src.error("'index_pattern' must contain {n}", "index_pattern", "pagination")
    max_pages = pag.get("max_pages", 100)
    if not isinstance(max_pages, int) or isinstance(max_pages, bool) or max_pages < 1:
        raise src.error("'max_pages' must be a positive whole number", "max_pages", "pagination")

    fields_data = data.get("fields", {})
    if not isinstance(fields_data, dict):
        raise src.error("'fields' must be a table", "fields")
    _check_unknown(fields_data, set(FIELD_NAMES), src, "fields")
    fields = {}
    for key, value in fields_data.items():
        selectors = _str_list(value, key, src, "fields")
        for selector in selectors:
            _check_selector(selector, key, src, "fields")
        fields[key] = selectors

    parent = data.get("parent") or None
    if parent is not None and not isinstance(parent, str):
        raise src.error("'parent' must be a site slug", "parent")
    if parent == slug:
        raise src.error("a site cannot be its own parent", "parent")
    region = _require_str(data, "region", src, required=False) or None
    verified_on = data.get("verified_on")
    if verified_on is not None:
        if isinstance(verified_on, str):
            try:
                verified_on = date.fromisoformat(verified_on)
            except ValueError:
                verified_on = None
        if not isinstance(verified_on, date) or isinstance(verified_on, datetime):
            raise src.error("'verified_on' must be a date (YYYY-MM-DD)", "verified_on")
        verified_on = verified_on.isoformat()

    return Profile(
        slug=slug, name=name, level=level, base_url=base_url, start_urls=start_urls,
        parent=parent, region=region, verified_on=verified_on, allowed_hosts=allowed_hosts,
        enabled=flags["enabled"],
        verified=flags["verified"], demo=flags["demo"], article_links=article_links,
        article_url_pattern=pattern,
        pagination=Pagination(mode=mode, next_link=next_link, index_pattern=index_pattern,
                              max_pages=max_pages),
        fields=fields, path=src.path,
    )


def validate_dirs(extra_dirs: Iterable[str | Path] = (), *, include_bundled: bool = True
                  ) -> tuple[int, list[ProfileError]]:
    """Check every profile file (not only the first bad one): (valid count, errors)."""
    dirs = ([bundled_sites_dir()] if include_bundled else []) + [Path(d) for d in extra_dirs]
    errors: list[ProfileError] = []
    good: dict[str, Profile] = {}
    for folder in dirs:
        if not folder.is_dir():
            errors.append(ProfileError(str(folder), None, "sites folder does not exist"))
            continue
        in_folder: dict[str, str] = {}
        for path in sorted(folder.glob("*.toml")):
            try:
                profile = load_profile(path)
            except ProfileError as exc:
                errors.append(exc)
                continue
            if profile.slug in in_folder:
                errors.append(ProfileError(str(path), _Source(str(path), path.read_text("utf-8"))
                                           .line_of("slug"),
                                           f"slug {profile.slug!r} is already used by "
                                           f"{in_folder[profile.slug]}"))
                continue
            in_folder[profile.slug] = str(path)
            good[profile.slug] = profile
    orphans = [p for p in good.values() if p.parent and p.parent not in good]
    for profile in orphans:
        src = _Source(profile.path or "?", Path(profile.path).read_text(encoding="utf-8"))
        errors.append(src.error(f"parent {profile.parent!r} is not a known site", "parent"))
    return len(good) - len(orphans), errors


def load_profiles(extra_dirs: Iterable[str | Path] = (), *, include_bundled: bool = True
                  ) -> dict[str, Profile]:
    """All profiles by slug: bundled first, then each extra folder (later wins).

    Raises ProfileError on the first invalid file, and on two files in one folder
    claiming the same slug; a parent slug that names no profile is an error too.
    """
    dirs = ([bundled_sites_dir()] if include_bundled else []) + [Path(d) for d in extra_dirs]
    profiles: dict[str, Profile] = {}
    for folder in dirs:
        if not folder.is_dir():
            if folder != bundled_sites_dir():
                raise ProfileError(str(folder), None, "sites folder does not exist")
            continue
        in_folder: dict[str, str] = {}
        for path in sorted(folder.glob("*.toml")):
            profile = load_profile(path)
            if profile.slug in in_folder:
                raise ProfileError(str(path), None,
                                   f"slug {profile.slug!r} is already used by {in_folder[profile.slug]}")
            in_folder[profile.slug] = str(path)
            profiles[profile.slug] = profile
    for profile in profiles.values():
        if profile.parent and profile.parent not in profiles:
            src = _Source(profile.path or "?", Path(profile.path).read_text(encoding="utf-8")
                          if profile.path else "")
            raise src.error(f"parent {profile.parent!r} is not a known site", "parent")
    return profiles
