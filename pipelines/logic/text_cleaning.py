"""Repair layout and encoding damage in extracted text, and nothing else.

Chinese text is data: characters and punctuation are never changed. What is removed is the
residue of HTML layout: zero-width characters, ``&nbsp;`` leftovers, full-width (U+3000)
paragraph indents, ragged line ends and blank lines. The result has one paragraph per line.

The extractor calls :func:`clean_article` on its output and the cleaning pipeline stage calls
it again on whatever reaches it (e.g. imported records), so cleaning must be idempotent:
``clean_text(clean_text(x)) == clean_text(x)``.
"""
from __future__ import annotations

import re
from dataclasses import replace

from storage.records import Article

#: Characters that carry no text at all.
ZERO_WIDTH_RE = re.compile("[\u200b\u200c\u200d\ufeff\u2060]")

#: Entity names that survived as literal text (double-escaped markup, copy-paste from CMSs).
ENTITY_LEFTOVER_RE = re.compile(r"&(?:nbsp|ensp|emsp|thinsp|#160|#xa0|#12288|#x3000);?", re.IGNORECASE)

#: Horizontal spaces of every width: ASCII space and tab, no-break space, en/em/thin spaces,
#: narrow no-break space, medium mathematical space and the ideographic space (U+3000).
SPACE_RUN_RE = re.compile("[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")

#: Line separators other than ``\n``.
LINE_BREAK_RE = re.compile("\r\n|[\r\u2028\u2029\u0085]")

#: Characters between which a line join needs no space (CJK and full-width punctuation).
_CJK_CHAR = "[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
_CJK_RE = re.compile(_CJK_CHAR)


def clean_text(text: str | None) -> str:
    """Clean a multi-paragraph text: one stripped, non-empty paragraph per line."""
    if not text:
        return ""
    text = LINE_BREAK_RE.sub("\n", text)
    text = ZERO_WIDTH_RE.sub("", text)
    text = ENTITY_LEFTOVER_RE.sub(" ", text)
    lines = (SPACE_RUN_RE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def clean_line(text: str | None) -> str:
    """Clean a one-line field (title, source, ...): line breaks become joins.

    A break between two CJK characters is a layout artefact (``<br>`` inside a headline) and
    disappears; a break next to Latin text becomes a single space.
    """
    lines = clean_text(text).split("\n")
    out = lines[0]
    for line in lines[1:]:
        if _CJK_RE.fullmatch(out[-1:] or "x") and _CJK_RE.fullmatch(line[:1]):
            out += line
        else:
            out += " " + line
    return out


def _optional(value: str | None) -> str | None:
    cleaned = clean_line(value)
    return cleaned or None


def clean_article(article: Article) -> Article:
    """A cleaned copy of ``article`` with its ``content_hash`` recomputed from the clean body."""
    cleaned = replace(
        article,
        title=clean_line(article.title),
        subtitle=_optional(article.subtitle),
        source=_optional(article.source),
        author=_optional(article.author),
        editor=_optional(article.editor),
        body=clean_text(article.body),
        images=[{**image, "caption": _optional(image.get("caption"))} for image in article.images],
        attachments=[{**item, "name": _optional(item.get("name")) or item.get("name")}
                     for item in article.attachments],
    )
    cleaned.rehash()
    return cleaned
