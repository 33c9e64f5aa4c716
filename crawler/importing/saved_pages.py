"""Reading a folder of saved ``.html`` pages (any encoding) into pages to import.

Each file's URL comes, in this order, from:
1. a sidecar file ``NAME.html.url`` beside it (its first line is the URL);
2. a ``urls.tsv`` in the file's folder: lines ``FILE<TAB>URL`` (FILE relative to that folder);
3. the page itself: ``<link rel="canonical" href>``, else ``<meta property="og:url">``;
4. ``--base-url``: the file's path relative to the imported folder, joined to it.
A file with none of these is skipped (``no_url``). Bytes are decoded by the crawler's own
rules (``crawler/parsing/encoding.py``: BOM, meta charset, UTF-8 validity, GB18030...), so
GBK and UTF-8 pages without a charset label both read; bytes that no rule decodes without
loss are reported with the offset of the first bad byte and skipped (text is data: a
page with replacement characters is not archived as if it were the page).

The file's bytes are the capture: ``write`` puts them into a WARC file of ours
(``crawler/warc/writer.py``) as a response record dated by the file's modification time,
unless the archive already holds a record of this URL with these bytes (a second import
of the same folder writes nothing).
"""
from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote, urljoin

from lxml import html as lxml_html

from crawler.importing.inputs import BadInput, Page, Skipped
from crawler.parsing.encoding import decode_html

SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
SIDECAR_SUFFIX = ".url"
URLS_FILE = "urls.tsv"
HEAD_BYTES = 65536
_CANONICAL_XPATH = ('//link[translate(@rel, "CANONICAL", "canonical")="canonical"]/@href'
                    ' | //meta[@property="og:url"]/@content')


def html_files(root: Path) -> Iterator[Path]:
    """``root`` itself if it is a file, else every saved page under it, in path order."""
    if root.is_file():
        yield root
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix.lower() in SUFFIXES:
            yield path


def _tsv_urls(folder: Path, cache: dict[Path, dict[str, str]]) -> dict[str, str]:
    if folder not in cache:
        table: dict[str, str] = {}
        listing = folder / URLS_FILE
        if listing.is_file():
            with open(listing, encoding="utf-8", newline="") as fp:
                for row in csv.reader(fp, delimiter="\t"):
                    if len(row) >= 2 and row[0].strip() and not row[0].startswith("#"):
                        table[row[0].strip()] = row[1].strip()
        cache[folder] = table
    return cache[folder]


def _url_in_page(text: str) -> str | None:
    try:
        tree = lxml_html.fromstring(text[:HEAD_BYTES] or "<html/>")
    except (ValueError, lxml_html.etree.ParserError):
        return None
    for value in tree.xpath(_CANONICAL_XPATH):
        value = str(value).strip()
        if re.match(r"https?://", value):
            return value
    return None


def page_url(path: Path, root: Path, text: str, base_url: str | None,
             cache: dict[Path, dict[str, str]]) -> str | None:
    sidecar = path.with_name(path.name + SIDECAR_SUFFIX)
    if sidecar.is_file():
        first = sidecar.read_text(encoding="utf-8").strip().splitlines()
        if first and first[0].strip():
            return first[0].strip()
    listed = _tsv_urls(path.parent, cache).get(path.name)
    if listed:
        return listed
    found = _url_in_page(text)
    if found:
        return found
    if base_url:
        relative = path.name if root.is_file() else path.relative_to(root).as_posix()
        return urljoin(base_url if base_url.endswith("/") else base_url + "/", quote(relative))
    return None


def _first_bad_byte(body: bytes, encoding: str) -> int:
    try:
        body.decode(encoding)
    except UnicodeDecodeError as exc:
        return exc.start
    except LookupError:
        pass
    return 0


def read_saved_pages(root: Path, base_url: str | None,
                     capture: Callable[[Page], Page]) -> Iterator[Page | Skipped | BadInput]:
    """Pages under ``root``; ``capture(page)`` gives each its WARC record before it is yielded."""
    cache: dict[Path, dict[str, str]] = {}
    for path in html_files(root):
        try:
            body = path.read_bytes()
            mtime = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
        except OSError as exc:
            yield BadInput(f"{path}", f"cannot read: {exc.strerror or exc}")
            continue
        decoded = decode_html(body)
        if decoded.lossy:
            offset = _first_bad_byte(body, decoded.encoding)
            yield BadInput(f"{path}@{offset}", f"bytes cannot be decoded (best guess "
                                               f"{decoded.encoding}); not imported")
            continue
        url = page_url(path, root, decoded.text, base_url, cache)
        if url is None:
            yield Skipped("no_url", str(path))
            continue
        page = Page(url=url, status=200, headers={"Content-Type": "text/html"}, body=body,
                    fetched_at=mtime, warc=None, where=str(path))
        yield capture(page)
