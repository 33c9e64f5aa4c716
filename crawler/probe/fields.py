"""Where an article's fields sit, learnt from a few sample articles of one site.

The generic extractor already finds title, date, source and body on most pages; the probe
turns what it found into selectors so that a profile pins them down (and ``sites check``
can tell when the site's layout moves). A selector is proposed only when the same one
fits every sample, and is kept only when extracting with it gives exactly what the generic
rules gave: a proposal never makes extraction worse on the pages it was learnt from.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from lxml.html import HtmlElement

from crawler.parsing.article import extract_article
from crawler.parsing.container import find_container
from crawler.parsing.dates import parse_datetime
from crawler.parsing.dom import parse_html, select, squash
from crawler.parsing.encoding import decode_html
from crawler.parsing.page import Page
from crawler.probe.fetch import Fetched
from crawler.probe.probe_patterns import FIELD_METAS
from crawler.probe.selectors import css_for, selects

COMPARED = ("title", "published", "source", "body")
#: Longest text of an element that may be "the date line" or "the source line".
MAX_INFO_CHARS = 200


@dataclass
class Sample:
    url: str
    doc: HtmlElement
    generic: dict[str, str | None]
    encoding: str


@dataclass
class FieldFindings:
    selectors: dict[str, list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    encodings: list[str] = field(default_factory=list)


def _sample(page: Fetched) -> Sample | None:
    result = extract_article(page.body, page.url, page.headers)
    draft = result.article or result.draft
    doc = parse_html(decode_html(page.body, page.headers).text)
    if draft is None or doc is None:
        return None
    values = {key: getattr(draft, key) or None for key in COMPARED}
    return Sample(page.url, doc, values, result.encoding)


def _smallest_with(doc: HtmlElement, accept) -> HtmlElement | None:
    """The deepest element (with a short text) that ``accept`` takes."""
    best = None
    for el in doc.iter():
        if not isinstance(el.tag, str) or el.tag in ("html", "head", "script", "style", "title"):
            continue
        text = squash(el.text_content())
        if len(text) <= MAX_INFO_CHARS and accept(text):
            best = el  # document order: descendants come after ancestors
    return best


def _locate(sample: Sample, key: str) -> HtmlElement | None:
    value = sample.generic.get(key)
    if not value:
        return None
    if key == "body":
        container, _how = find_container(Page.from_doc(sample.doc, sample.url))
        return container
    if key == "title":
        return _smallest_with(sample.doc, lambda t: t == squash(value))
    if key == "published":
        return _smallest_with(sample.doc, lambda t: (parse_datetime(t) or "")[:10] == value[:10])
    return _smallest_with(sample.doc, lambda t: "来源" in t and value in t)


def _candidate(samples: list[Sample], key: str) -> str | None:
    for name, meta in FIELD_METAS:
        if name == key and all(s.generic.get(key) and select(s.doc, meta) for s in samples):
            return meta
    found = set()
    for sample in samples:
        el = _locate(sample, key)
        selector = css_for(el) if el is not None else None
        if selector is None or not selects(sample.doc, selector, el):
            return None
        found.add(selector)
    return found.pop() if len(found) == 1 else None


def learn_fields(pages: list[Fetched]) -> FieldFindings:
    findings = FieldFindings()
    samples = [s for s in (_sample(p) for p in pages) if s is not None]
    findings.encodings = sorted({s.encoding for s in samples})
    if not samples:
        findings.notes.append("no sample article could be parsed")
        return findings
    for key in COMPARED:
        selector = _candidate(samples, key)
        if selector is None:
            findings.notes.append(f"{key}: no selector fits every sample; generic rules apply")
            continue
        if all(_same_with(page, key, selector) for page in pages):
            findings.selectors[key] = [selector]
        else:
            findings.notes.append(f"{key}: {selector} changes what is extracted; left to generic rules")
    return findings


def _same_with(page: Fetched, key: str, selector: str) -> bool:
    generic = extract_article(page.body, page.url, page.headers)
    pinned = extract_article(page.body, page.url, page.headers, selectors={key: [selector]})
    a, b = generic.article or generic.draft, pinned.article or pinned.draft
    if a is None or b is None:
        return False
    return all(getattr(a, k) == getattr(b, k) for k in COMPARED)
