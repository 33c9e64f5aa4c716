"""Score an extractor against labelled pages in the devset format (``pages/labels.jsonl``).

Shared by the quality-floor test and ``benchmarks/extraction.py`` so both measure the same
thing. Comparisons follow the devset README: body start/end compared with all whitespace
removed, ``title_alt`` / ``body_first20_alt`` accepted, a trailing byline optional. A label
source written ``X (via Y)`` or ``X (Y)`` is matched by ``X``.
"""
from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from crawler.parsing.article import Extraction, extract_article

_WHITESPACE_RE = re.compile("[\\s\u3000\u00a0\u200b\u200c\u200d\ufeff\u2060]+")
_LABEL_NOTE_RE = re.compile(r"\s*[(（].*?[)）]\s*$")

Extractor = Callable[[bytes, str | None], Extraction]


def nows(text: str | None) -> str:
    """Text with all whitespace removed (the devset README's comparison form)."""
    return _WHITESPACE_RE.sub("", text or "")


@dataclass
class PageResult:
    id: str
    kind: str
    is_article: bool
    reason: str | None
    title: bool = False
    date: bool = False
    source: bool = False
    author: bool = False
    editor: bool = False
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

    def rate(self, name: str) -> float:
        articles = self._articles()
        return sum(getattr(page, name) for page in articles) / len(articles) if articles else 0.0

    @property
    def include_rate(self) -> float:
        total = sum(page.include_total for page in self._articles())
        return sum(page.include_hits for page in self._articles()) / total if total else 0.0

    @property
    def exclude_leak_rate(self) -> float:
        total = sum(page.exclude_total for page in self._articles())
        return sum(page.exclude_leaks for page in self._articles()) / total if total else 0.0

    @property
    def articles_accepted(self) -> float:
        return self.rate("is_article")

    @property
    def lists_rejected(self) -> tuple[int, int]:
        lists = [page for page in self.pages if page.kind == "list"]
        return sum(not page.is_article for page in lists), len(lists)

    @property
    def pages_per_second(self) -> float:
        return len(self.pages) / self.seconds if self.seconds else 0.0

    def summary(self) -> dict[str, float]:
        rejected, lists = self.lists_rejected
        return {
            "title": self.rate("title"), "published_date": self.rate("date"), "source": self.rate("source"),
            "author": self.rate("author"), "editor": self.rate("editor"), "body_first20": self.rate("first20"),
            "body_last20": self.rate("last20"), "must_include": self.include_rate,
            "must_exclude_leaks": self.exclude_leak_rate, "articles_accepted": self.articles_accepted,
            "lists_rejected": rejected / lists if lists else 1.0, "pages_per_second": self.pages_per_second,
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


def score_page(label: dict, extraction: Extraction) -> PageResult:
    result = PageResult(label["id"], label.get("kind", "article"), extraction.is_article, extraction.reason)
    article = extraction.draft
    if result.kind != "article" or article is None:
        return result
    result.title = article.title in [label["title"], *label.get("title_alt", [])]
    result.date = (article.published or "")[:10] == label.get("publish_date")
    want_source = label.get("source")
    result.source = bool(article.source) and article.source in (want_source, _LABEL_NOTE_RE.sub("", want_source or ""))
    result.author = _same_person_field(article.author, label.get("author"))
    result.editor = _same_person_field(article.editor, label.get("editor"))
    body = nows(article.body)
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


def evaluate(pages_dir: Path, extractor: Extractor | None = None) -> Scores:
    """Run ``extractor`` (default: jiezhen's) over every labelled page and score it."""
    extractor = extractor or (lambda body, url: extract_article(body, url))
    labels = load_labels(pages_dir)
    bodies = [(label, (pages_dir / "html" / f"{label['id']}.html").read_bytes()) for label in labels]
    results, seconds = [], 0.0
    for label, body in bodies:
        started = time.perf_counter()
        extraction = extractor(body, label.get("url"))
        seconds += time.perf_counter() - started
        results.append(score_page(label, extraction))
    return Scores(results, seconds)
