"""Repair layout and encoding damage in extracted text, and nothing else.

Chinese text is data: characters and punctuation are never changed. What is removed or
normalised is the residue of HTML layout and of input methods:

* full-width Latin letters and digits (``２０２３``, ``ＡＩ``) become ASCII (NFKC, for those
  characters only: ``，。：“”`` and every other full-width punctuation mark stay Chinese);
* zero-width characters, ``&nbsp;`` leftovers, full-width (U+3000) paragraph indents, ragged
  line ends and blank lines go; the result has one paragraph per line;
* ``<style>``/``<script>`` blocks that reached the text, and lines of page furniture
  (打印本页, 字号 大 中 小, 分享到 …: :mod:`pipelines.logic.boilerplate`) go;
* bylines and editor lines at the start or end of the body move into ``author`` / ``editor``
  (:mod:`pipelines.logic.bylines`).

Joining lines broken inside a sentence (PDF and newsletter text) is not done here: in HTML a
block boundary is a real paragraph end, so only plain-text input is repaired
(:mod:`pipelines.logic.linebreaks`, called by ``extract --text``).

The extractor calls :func:`clean_article` on its output and the cleaning pipeline stage calls
it again on whatever reaches it (e.g. imported records), so cleaning is idempotent:
``clean_article(clean_article(a)) == clean_article(a)``.
"""
from __future__ import annotations

import re
from dataclasses import replace

from pipelines.logic.boilerplate import is_boilerplate_line
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

#: ``<style>``/``<script>`` elements that reached the text as markup (escaped by a CMS, or text
#: saved from a page source), with their content.
CODE_BLOCK_RE = re.compile(r"<(style|script)\b[^>]*>.*?(?:</\1\s*>|$)", re.IGNORECASE | re.DOTALL)

#: Full-width digits and Latin letters -> ASCII (what NFKC does to these 62 characters only).
FULL_WIDTH_ALNUM = str.maketrans(
    {code: code - 0xFEE0 for block in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
     for code in range(block[0], block[1] + 1)})

#: Characters between which a line join needs no space (CJK and full-width punctuation).
_CJK_CHAR = "[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
_CJK_RE = re.compile(_CJK_CHAR)


_FULL_WIDTH_ALNUM_RE = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")


def normalize_chars(text: str) -> str:
    """Full-width Latin letters and digits to ASCII; zero-width characters and entity
    leftovers removed. Everything else (Chinese punctuation included) is kept as it is."""
    # The searches first: most text has none of these, and translate() copies every string.
    if _FULL_WIDTH_ALNUM_RE.search(text):
        text = text.translate(FULL_WIDTH_ALNUM)
    text = ZERO_WIDTH_RE.sub("", text)
    return ENTITY_LEFTOVER_RE.sub(" ", text) if "&" in text else text


def text_lines(text: str | None) -> list[str]:
    """The non-empty lines of ``text``, each stripped, spaces squeezed, characters normalised."""
    if not text:
        return []
    text = LINE_BREAK_RE.sub("\n", text)
    if "<" in text:
        text = CODE_BLOCK_RE.sub("\n", text)
    text = normalize_chars(text)
    lines = (SPACE_RUN_RE.sub(" ", line).strip() for line in text.split("\n"))
    return [line for line in lines if line]


def clean_text(text: str | None) -> str:
    """Clean a multi-paragraph text: one stripped, non-empty paragraph per line, no furniture."""
    return "\n".join(line for line in text_lines(text) if not is_boilerplate_line(line))


def clean_line(text: str | None) -> str:
    """Clean a one-line field (title, source, ...): line breaks become joins.

    A break between two CJK characters is a layout artefact (``<br>`` inside a headline) and
    disappears; a break next to Latin text becomes a single space.
    """
    lines = text_lines(text)
    if not lines:
        return ""
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
    from pipelines.logic.bylines import take_staff_lines  # noqa: PLC0415 - see below

    # Imported here, not at the top: bylines reads lines with the extractor's label tables
    # (crawler.parsing), and crawler.parsing imports this module.
    lines, staff = take_staff_lines(clean_text(article.body).split("\n"))
    cleaned = replace(
        article,
        title=clean_line(article.title),
        subtitle=_optional(article.subtitle),
        source=_optional(article.source) or _optional(staff.source),
        author=_optional(article.author) or _optional(staff.author),
        editor=_optional(article.editor) or _optional(staff.editor),
        body="\n".join(line for line in lines if line),
        images=[{**image, "caption": _optional(image.get("caption"))} for image in article.images],
        attachments=[{**item, "name": _optional(item.get("name")) or item.get("name")}
                     for item in article.attachments],
    )
    cleaned.rehash()
    return cleaned
