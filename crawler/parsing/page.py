"""One parsed page shared by the field extractors: the tree, its lines, its metas, its base URL."""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urljoin

from lxml.html import HtmlElement

from crawler.parsing.dom import Line, linearize, squash


@dataclass
class Page:
    doc: HtmlElement
    url: str | None
    lines: list[Line]  # the whole page as read (hidden subtrees and scripts excluded)
    metas: dict[str, list[str]] = field(default_factory=dict)
    title_tag: str = ""
    base_url: str | None = None

    @classmethod
    def from_doc(cls, doc: HtmlElement, url: str | None) -> Page:
        body = doc.find("body")
        lines = linearize(body if body is not None else doc)
        page = cls(doc=doc, url=url, lines=lines)
        page.metas = _read_metas(doc)
        title = doc.find(".//title")
        page.title_tag = squash(title.text_content()) if title is not None else ""
        base = doc.find(".//base[@href]")
        page.base_url = urljoin(url or "", base.get("href")) if base is not None else url
        return page

    def meta(self, names: tuple[str, ...]) -> str | None:
        """The first non-empty meta value among ``names`` (in preference order)."""
        for name in names:
            for value in self.metas.get(name, ()):
                if value.strip():
                    return value.strip()
        return None

    def absolute(self, href: str | None) -> str | None:
        if not href:
            return None
        href = href.strip()
        if not href or href.lower().startswith(("javascript:", "data:", "mailto:", "#")):
            return None
        return urljoin(self.base_url or "", href)

    def line_span(self, element: HtmlElement) -> tuple[int, int] | None:
        """Indices ``[first, last]`` of the page lines inside ``element``, or None."""
        inside = set(element.iter())
        first = last = None
        for index, line in enumerate(self.lines):
            if line.block in inside or (line.image is not None and line.image in inside):
                if first is None:
                    first = index
                last = index
        return (first, last) if first is not None else None


def _read_metas(doc: HtmlElement) -> dict[str, list[str]]:
    metas: dict[str, list[str]] = {}
    for meta in doc.iter("meta"):
        content = meta.get("content")
        if content is None:
            continue
        for attribute in ("name", "property", "itemprop", "http-equiv"):
            name = meta.get(attribute)
            if name:
                metas.setdefault(name.strip().lower(), []).append(content)
    # schema.org microdata outside <meta>: <span itemprop="datePublished">2020年09月11日</span>
    for element in doc.xpath("//*[@itemprop and not(self::meta)]"):
        name = element.get("itemprop").strip().lower()
        if name in ("datepublished", "headline", "author"):
            value = element.get("content") or element.get("datetime") or squash(element.text_content())
            if value:
                metas.setdefault(name, []).append(value)
    return metas
