"""Score an extractor against labelled pages in the devset format (``pages/labels.jsonl``).

Shared by the quality-floor test and ``benchmarks/extraction.py`` so that jiezhen and its
peers are measured by the same code. Comparisons follow the devset README: body start/end
compared with all whitespace removed, ``title_alt`` / ``body_first20_alt`` accepted, a
trailing byline optional. A label source written ``X (via Y)`` or ``X (Y)`` is matched by ``X``.

An extractor that has no such field at all (GNE has no 来源, neither peer has an editor) is
scored ``None`` on it ("n/a"), not 0%: the table must not suggest it tried and failed.
"""
from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

from crawler.parsing.article import Extraction, extract_article
from crawler.parsing.dates import parse_datetime

_WHITESPACE_RE = re.compile("[\\s\u3000\u00a0\u200b\u200c\u200d\ufeff\u2060]+")
_LABEL_NOTE_RE = re.compile(r"\s*[(（].*?[)）]\s*$")

#: Record fields an extractor may or may not provide.
FIELDS = ("title", "published", "source", "author", "editor", "body")


@dataclass
class Output:
    """What one extractor returned for one page, in jiezhen's field names.

    ``published`` may be in any printed form (it is normalised before comparison, so a peer is
    judged on which date it found, not on its date format).
    """

    title: str | None = None
    published: str | None = None
    source: str | None = None
    author: str | None = None
    editor: str | None = None
    body: str | None = None
    is_article: bool | None = None  # None: the tool does not decide
    reason: str | None = None


#: bytes and URL in, Output out
Extractor = Callable[[bytes, str | None], Output]


def nows(text: str | None) -> str:
    """Text with all whitespace removed (the devset README's comparison form)."""
    return _WHITESPACE_RE.sub("", text or "")


@dataclass
class PageResult:
    id: str
    kind: str
    is_article: bool | None
    reason: str | None
    title: bool | None = False
    date: bool | None = False
    source: bool | None = False
    author: bool | None = False
    editor: bool | None = False
    first20: bool = False
    last20: bool = False
    include_hits: int = 0
    include_total: int = 0
    exclude_leaks: int = 0
    exclude_total: int = 0
    missing: list[str] = field(default_factory=list)
    leaked: list[str] = field(default_factory=list)


@dataclass
class Scores:
    pages: list[PageResult]
    seconds: float

    def _articles(self) -> list[PageResult]:
        return [page for page in self.pages if page.kind == "article"]

    def rate(self, name: str) -> float | None:
        """Share of article pages right on ``name``; None when the tool has no such field."""
        values = [getattr(page, name) for page in self._articles()]
        if not values or any(value is None for value in values):
            return None
        return sum(values) / len(values)

    @property
    def include_rate(self) -> float:
        total = sum(page.include_total for page in self._articles())
        return sum(page.include_hits for page in self._articles()) / total if total else 0.0

    @property
    def exclude_leak_rate(self) -> float:
        total = sum(page.exclude_total for page in self._articles())
        return sum(page.exclude_leaks for page in self._articles()) / total if total else 0.0

    @property
    def articles_accepted(self) -> float | None:
        return self.rate("is_article")

    @property
    def lists_rejected(self) -> tuple[int, int] | None:
        lists = [page for page in self.pages if page.kind == "list"]
        if any(page.is_article is None for page in lists):
            return None
        return sum(not page.is_article for page in lists), len(lists)

    @property
    def pages_per_second(self) -> float:
        return len(self.pages) / self.seconds if self.seconds else 0.0

    def summary(self) -> dict[str, float | None]:
        lists = self.lists_rejected
        return {
            "title": self.rate("title"), "published_date": self.rate("date"), "source": self.rate("source"),
            "author": self.rate("author"), "editor": self.rate("editor"), "body_first20": self.rate("first20"),
            "body_last20": self.rate("last20"), "must_include": self.include_rate,
            "must_exclude_leaks": self.exclude_leak_rate, "articles_accepted": self.articles_accepted,
            "lists_rejected": (lists[0] / lists[1] if lists[1] else 1.0) if lists else None,
            "pages_per_second": self.pages_per_second,
        }


def load_labels(pages_dir: Path) -> list[dict]:
    with open(pages_dir / "labels.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _same_person_field(extracted: str | None, label: str | None) -> bool:
    if not label:
        return not extracted
    if not extracted:
        return False
    if nows(extracted) == nows(label):
        return True
    # "倪仕轩 (编辑), 杨格 (责任编辑)": any one named person is accepted.
    parts = [nows(_LABEL_NOTE_RE.sub("", part)) for part in re.split(r"[,，]", label)]
    return nows(extracted) in parts


def _same_date(extracted: str | None, label: str | None) -> bool:
    if not extracted:
        return False
    normalised = parse_datetime(extracted) or extracted
    return normalised[:10] == label


def score_output(label: dict, output: Output | None, fields: Collection[str] = FIELDS) -> PageResult:
    """Score one page; fields outside ``fields`` (the tool's own) are None."""
    result = PageResult(label["id"], label.get("kind", "article"),
                        output.is_article if output else None, output.reason if output else None)
    if result.kind != "article":
        return result
    output = output or Output()

    def scored(name: str, right: bool) -> bool | None:
        return right if name in fields else None

    title = (output.title or "").strip()
    result.title = scored("title", title in [label["title"], *label.get("title_alt", [])])
    result.date = scored("published", _same_date(output.published, label.get("publish_date")))
    want_source = label.get("source")
    source = (output.source or "").strip()
    result.source = scored("source", bool(source) and source in (want_source, _LABEL_NOTE_RE.sub("", want_source or "")))
    result.author = scored("author", _same_person_field(output.author, label.get("author")))
    result.editor = scored("editor", _same_person_field(output.editor, label.get("editor")))
    body = nows(output.body)
    result.first20 = body[:20] in (label["body_first20"], label.get("body_first20_alt"))
    endings = [nows(label["body_last20"])] + [nows(label["body_last20"]) + nows(tail)
                                             for tail in label.get("body_trailing_byline_optional", [])]
    result.last20 = any(body.endswith(ending) for ending in endings)
    result.missing = [phrase for phrase in label.get("must_include", []) if nows(phrase) not in body]
    result.leaked = [phrase for phrase in label.get("must_exclude", []) if nows(phrase) in body]
    result.include_total = len(label.get("must_include", []))
    result.include_hits = result.include_total - len(result.missing)
    result.exclude_total = len(label.get("must_exclude", []))
    result.exclude_leaks = len(result.leaked)
    return result


def score_page(label: dict, extraction: Extraction) -> PageResult:
    """Score jiezhen's :class:`Extraction` of one page (its draft, for rejected pages too)."""
    return score_output(label, jiezhen_output(extraction))


def jiezhen_output(extraction: Extraction) -> Output:
    article = extraction.draft
    if article is None:
        return Output(is_article=extraction.is_article, reason=extraction.reason)
    return Output(title=article.title, published=article.published, source=article.source,
                  author=article.author, editor=article.editor, body=article.body,
                  is_article=extraction.is_article, reason=extraction.reason)


def jiezhen_extractor(body: bytes, url: str | None) -> Output:
    return jiezhen_output(extract_article(body, url))


def evaluate(pages_dir: Path, extractor: Extractor | None = None, fields: Collection[str] = FIELDS) -> Scores:
    """Run ``extractor`` (default: jiezhen's) over every labelled page and score it.

    Only the extractor call is timed (file reading and scoring are not)."""
    extractor = extractor or jiezhen_extractor
    labels = load_labels(pages_dir)
    bodies = [(label, (pages_dir / "html" / f"{label['id']}.html").read_bytes()) for label in labels]
    results, seconds = [], 0.0
    for label, body in bodies:
        started = time.perf_counter()
        output = extractor(body, label.get("url"))
        seconds += time.perf_counter() - started
        results.append(score_output(label, output, fields))
    return Scores(results, seconds)
