"""Government-style Chinese prose for generated archives and sites.

Sentences are written character by character by a trigram model trained on the devset's real
meeting reports, seed newsletter and (optionally) news pages, with real sentences mixed in:
characters and character pairs are distributed as in real Chinese news, and two generated
articles share about as much text as two real ones do. A site whose pages repeat a handful
of fixed sentences instead makes every article a near-copy of every other, which no real
column is; it skews anything that looks at text overlap (duplicate detection, search).
"""
from __future__ import annotations

import os
import random
import re
from functools import lru_cache
from pathlib import Path

#: The development data: ``$JIEZHEN_DEVSET``, else ``../shared/devset`` beside the repository.
#: The one place benchmarks and tests look for it (``.ci/run`` sets the variable for a clone
#: made elsewhere, from the repository it was cloned from).
DEVSET = Path(os.environ.get("JIEZHEN_DEVSET")
              or Path(__file__).resolve().parent.parent.parent / "shared" / "devset")
SENTENCE_RE = re.compile(r"[^。！？\n]{6,120}[。！？]")


def sentences(devset: Path = DEVSET, *, pages: bool = True) -> list[str]:
    """Sentences of real Chinese government and news prose from the devset (empty without one).
    ``pages`` adds the news pages' bodies, which costs an extraction of each page."""
    found: list[str] = []
    for path in sorted((devset / "meetings" / "texts").glob("*.txt")):
        found += SENTENCE_RE.findall(path.read_text(encoding="utf-8"))
    for path in sorted((devset / "seed").glob("*.txt")):
        found += SENTENCE_RE.findall(path.read_text(encoding="utf-8"))
    if pages:
        try:
            from crawler.parsing.article import extract_article

            for path in sorted((devset / "pages" / "html").glob("*.html")):
                result = extract_article(path.read_bytes(), "http://example.cn/")
                if result.article:
                    found += SENTENCE_RE.findall(result.article.body)
        except Exception:  # the benchmarks must not depend on the extractor working
            pass
    return sorted(set(s.strip() for s in found))


class TrigramWriter:
    """Writes sentences character by character from the two characters before (trained on
    real sentences): realistic character statistics without repeating the same few sentences."""

    def __init__(self, pool: list[str], rnd: random.Random | None = None):
        self.rnd = rnd or random.Random(0)
        self.pool = pool
        self.next: dict[str, list[str]] = {}
        self.starts = [s[:2] for s in pool if len(s) > 2]
        for sentence in pool:
            for i in range(len(sentence) - 2):
                self.next.setdefault(sentence[i:i + 2], []).append(sentence[i + 2])

    def sentence(self, limit: int = 90, rnd: random.Random | None = None) -> str:
        rnd = rnd or self.rnd
        out = rnd.choice(self.starts)
        while len(out) < limit:
            choices = self.next.get(out[-2:])
            if not choices:
                break
            out += rnd.choice(choices)
            if out[-1] in "。！？" and len(out) > 12:
                break
        return out if out[-1] in "。！？" else out + "。"

    def paragraph(self, rnd: random.Random, sentences: int) -> str:
        """``sentences`` sentences, nine in ten generated, the rest real ones from the pool."""
        return "".join(self.sentence(rnd=rnd) if rnd.random() < 0.9 else rnd.choice(self.pool)
                       for _ in range(sentences))


@lru_cache(maxsize=1)
def devset_writer() -> TrigramWriter | None:
    """A writer trained on the devset's reports and newsletter (no page extraction: fast
    enough for test fixtures), or None when no devset sits beside the repository."""
    pool = sentences(pages=False)
    return TrigramWriter(pool) if pool else None
