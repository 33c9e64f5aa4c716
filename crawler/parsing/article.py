"""Extract one article record from a page's bytes (or from plain text).

``extract_article`` is what the spider, ``jiezhen extract`` and ``jiezhen reprocess`` call
(plain text goes through :func:`crawler.parsing.plaintext.extract_text`, re-exported here):
bytes in (as fetched, any charset), an :class:`Extraction` out, never an exception. Each
field comes from the site profile's selectors when given, else from the generic rules in
the modules beside this one (title, body, infoline, dates, media, classify), whose pattern
tables live in :mod:`crawler.parsing.patterns`.
"""
from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from crawler.parsing import infoline
from crawler.parsing.body import BodyResult, extract_body
from crawler.parsing.classify import classify
from crawler.parsing.container import find_container
from crawler.parsing.dates import date_from_url, merge_time, parse_datetime
from crawler.parsing.dom import Line, cjk_count, class_tokens, first_selected_text, parse_html, squash
from crawler.parsing.encoding import decode_html
from crawler.parsing.media import find_attachments, public_images
from crawler.parsing.page import Page
from crawler.parsing.patterns.boilerplate import MACHINE_DATE_LINE_RE, STOP_LINE_RE
from crawler.parsing.patterns.labels import AUTHOR_TOKENS, PUBLISHED_LINE_RE
from crawler.parsing.patterns.meta import (
    AUTHOR_METAS,
    PUBLISHED_ATTRIBUTES,
    PUBLISHED_INPUT_IDS,
    PUBLISHED_METAS,
    SOURCE_METAS,
)
from crawler.parsing.plaintext import extract_text  # noqa: F401 - re-exported (CLI, tests)
from crawler.parsing.title import find_title, site_name, title_tag_main
from crawler.parsing.zones import after_body_lines, header_lines, trailer_lines
from pipelines.logic.text_cleaning import clean_article
from storage.records import Article

log = logging.getLogger(__name__)

Selectors = Mapping[str, Sequence[str]]


@dataclass
class Extraction:
    """What one page yielded. ``article`` is None when the page is not an article;
    ``draft`` then still holds the best-effort record (for ``jiezhen extract`` and debugging)."""

    article: Article | None
    is_article: bool
    #: Why not an article: "empty" (nothing to parse), "no-title", "no-body", "too-short",
    #: "list-page", "topic-page", "home-page", "site-info-page", "extractor-error".
    reason: str | None
    encoding: str
    encoding_source: str
    lossy_encoding: bool
    draft: Article | None = None


def extract_article(body: bytes, url: str | None = None, headers: Mapping[str, str] | None = None, *,
                    selectors: Selectors | None = None) -> Extraction:
    """Decode, parse and extract ``body``; see the module docstring."""
    decoded = decode_html(body or b"", headers)
    result = Extraction(None, False, None, decoded.encoding, decoded.source, decoded.lossy)
    doc = parse_html(decoded.text)
    if doc is None:
        result.reason = "empty"
        return result
    try:
        draft, reason = _extract(Page.from_doc(doc, url), url, _normalize_selectors(selectors))
    except Exception:  # noqa: BLE001 - one odd page must not stop a crawl
        log.exception("extraction failed for %s", url)
        result.reason = "extractor-error"
        return result
    result.draft = draft
    result.is_article = reason is None
    result.reason = reason
    result.article = draft if reason is None else None
    return result


def _extract(page: Page, url: str | None, selectors: Selectors) -> tuple[Article, str | None]:
    container, _how = find_container(page, selectors.get("body"))
    body_span = page.line_span(container) if container is not None else None
    title = find_title(page, body_span, selectors)
    body = extract_body(page, container, title.title) if container is not None else BodyResult(None)

    head = header_lines(page, title.element, body_span, title=title.title)
    header = _header_fields(head)
    footer = _footer_fields(trailer_lines(page, body_span))
    after = _after_body_info(after_body_lines(page, body_span))
    info = infoline.InfoFields()
    info.merge(header)
    info.merge(body.info)
    info.merge(footer)
    info.source = info.source or after.source

    published = _published(page, url, selectors, head, header, body, after)
    classed_author = None if info.author else _author_element(head)
    if classed_author and info.source and info.source.endswith(classed_author) and info.source != classed_author:
        # ``<span>来源：新泾镇</span><span class="author">王帆</span>`` reads as one run of text.
        info.source = info.source[:-len(classed_author)]
    article = Article(
        url=url,
        title=title.title or "",
        subtitle=title.subtitle or body.kicker,
        published=published,
        source=_selected(page, selectors, "source", _source_from_text) or info.source or _meta_source(page)
        or site_name(page, title.title),
        author=_selected(page, selectors, "author", _author_from_text) or info.author
        or classed_author or _body_author(body.paragraphs) or page.meta(AUTHOR_METAS),
        editor=_selected(page, selectors, "editor", _editor_from_text) or info.editor,
        body="\n".join(body.paragraphs),
        images=public_images(body.images),
        attachments=find_attachments(page, container),
    )
    article = clean_article(article)
    is_article, reason = classify(
        url=url, title=article.title, paragraphs=article.body.split("\n") if article.body else [],
        published=article.published, container=container, doc=page.doc,
        heading=title_tag_main(page.title_tag), link_rows=body.link_rows,
        prose_paragraphs=body.prose_paragraphs,
        caption_cjk=sum(cjk_count(image["caption"] or "") for image in article.images))
    return article, reason


def _normalize_selectors(selectors: Selectors | None) -> dict[str, list[str]]:
    """Each field's selectors as a list (a profile may give a single string)."""
    out: dict[str, list[str]] = {}
    for key, value in (selectors or {}).items():
        values = [value] if isinstance(value, str) else list(value or ())
        out[key] = [item.strip() for item in values if isinstance(item, str) and item.strip()]
    return out


def _selected(page: Page, selectors: Selectors, key: str, parse) -> str | None:
    text = first_selected_text(page.doc, selectors.get(key))
    return parse(text) if text else None


def _source_from_text(text: str) -> str | None:
    return infoline.parse_info(text).source or infoline.clean_source(text)


def _author_from_text(text: str) -> str | None:
    byline = infoline.parse_byline(text)
    return (byline[0] if byline else None) or infoline.parse_info(text).author or infoline.clean_names(text)


def _editor_from_text(text: str) -> str | None:
    return infoline.parse_info(text).editor or infoline.clean_names(text, keep_separators=True)


def _header_fields(lines: list[Line]) -> infoline.InfoFields:
    """Fields of the info area between headline and body (labels may sit on their own line)."""
    fields = infoline.InfoFields()
    for line in lines:
        byline = infoline.parse_byline(line.text)
        if byline:
            fields.author = fields.author or byline[0]
            fields.source = fields.source or byline[1]
    joined = " ".join(line.text for line in lines if not MACHINE_DATE_LINE_RE.search(line.text))
    fields.merge(infoline.parse_info(joined))
    return fields


def _footer_fields(lines: list[Line]) -> infoline.InfoFields:
    """Editor lines in or right after the body (``责任编辑：`` / ``尹世杰`` may be two lines).

    Only editors are read here: dates after the body belong to comments and related items,
    and a 来源 there may be a related item's.
    """
    fields = infoline.InfoFields()
    for index, line in enumerate(lines):
        text = line.text
        if len(text) > 60:
            continue
        if text.rstrip().endswith(("：", ":")) and index + 1 < len(lines):
            text = text + lines[index + 1].text
        parsed = infoline.parse_info(text)
        for label, value in parsed.editors.items():
            fields.editors.setdefault(label, value)
        staff = infoline.parse_editor_line(text)
        if staff:
            fields.editors.setdefault("编辑", staff)
    fields.editor = infoline.preferred_editor(fields.editors)
    return fields


def _after_body_info(lines: list[Line]) -> infoline.InfoFields:
    """The article's own info line printed after the body (``发布日期：… 信息来源：…``): a line
    right after the body opening with a publish-date label. Comments and related items come
    later, after a heading (相关文章, 网友评论 …) where the search stops, and their dates are
    unlabelled or sit in link rows, which are not taken."""
    for line in lines:
        text = line.text
        if STOP_LINE_RE.match(text):
            break
        if line.link_ratio < 0.3 and PUBLISHED_LINE_RE.match(text) and not MACHINE_DATE_LINE_RE.search(text):
            fields = infoline.parse_info(text)
            if fields.published:
                return fields
    return infoline.InfoFields()


def _published(page: Page, url: str | None, selectors: Selectors, header_lines_: list[Line],
               header: infoline.InfoFields, body: BodyResult, after: infoline.InfoFields) -> str | None:
    """Labelled date near the headline, then metas, then an unlabelled date near the headline,
    then a labelled date right after the body, then CMS attributes, then the URL; a clock time
    is borrowed from another witness of the same day when the chosen one has none."""
    selected = first_selected_text(page.doc, selectors.get("published"))
    if selected:
        value = infoline.parse_info(selected).published or parse_datetime(selected)
        if value:
            return value
    candidates = [
        header.published,
        body.info.published,
        parse_datetime(page.meta(PUBLISHED_METAS)),
        _first_date(header_lines_),
        body.loose_date,
        after.published,
        _attribute_date(page),
        date_from_url(url),
    ]
    chosen = next((value for value in candidates if value), None)
    for other in candidates:
        chosen = merge_time(chosen, other)
    return chosen


def _first_date(lines: list[Line]) -> str | None:
    for line in lines:
        if MACHINE_DATE_LINE_RE.search(line.text):
            continue
        value = parse_datetime(line.text)
        if value:
            return value
    return None


def _attribute_date(page: Page) -> str | None:
    for attribute in PUBLISHED_ATTRIBUTES:
        for value in page.doc.xpath(f"//@{attribute}"):
            parsed = parse_datetime(str(value))
            if parsed:
                return parsed
    for input_id in PUBLISHED_INPUT_IDS:
        for element in page.doc.xpath(f"//input[@id='{input_id}' or @name='{input_id}']"):
            parsed = parse_datetime(element.get("value"))
            if parsed:
                return parsed
    return None


def _meta_source(page: Page) -> str | None:
    value = page.meta(SOURCE_METAS)
    if not value:
        return None
    return infoline.parse_info(value).source or infoline.clean_source(value)


#: Elements looked at per header block when searching an author-classed element.
_MAX_HEADER_ELEMENTS = 60


def _author_element(lines: list[Line]) -> str | None:
    """A name alone in an author-classed element of the info area (``<span id="author_baidu">王帆
    </span>``). Such an element holding a 来源 label gives no author: it is the source."""
    seen: set = set()
    for line in lines:
        if line.block in seen:
            continue
        seen.add(line.block)
        for count, element in enumerate(line.block.iter()):
            if count >= _MAX_HEADER_ELEMENTS:
                break
            if not isinstance(element.tag, str) or AUTHOR_TOKENS.isdisjoint(class_tokens(element)):
                continue
            text = squash(element.text_content())
            if not text or len(text) > 40:
                continue
            fields = infoline.parse_info(text)
            if fields.labels and not fields.author:
                continue
            name = fields.author or infoline.clean_names(text)
            if name:
                return name
    return None


def _body_author(paragraphs: list[str]) -> str | None:
    """A dateline byline in the first paragraphs, or a bracketed one ending the text."""
    for paragraph in paragraphs[:2]:
        names = infoline.bracket_byline(paragraph[:80])
        if names:
            return names
    if paragraphs:
        last = paragraphs[-1]
        return infoline.bracket_byline(last[-40:]) or infoline.trailing_name(last)
    return None
