"""An Article record from plain text (``jiezhen extract --text``): newsletters, PDFs, saved text.

Plain text has no markup, so its parts are told apart by their shape:

* the headline block: the first line is the headline, unless it is a kicker (引题) printed
  above it: a short line without sentence punctuation followed by a headline-shaped line that
  is longer, or written as spaced phrases (``听心声 鼓干劲 助发展``); with ``--title`` the given
  headline is found among the first lines and what stands above it is the kicker. A line
  opening with a dash right under the headline (``——请广大居民…``) is the subheading (副题);
* an info line (``发布时间：… 来源：…``) among the first lines gives the date and source;
* caption lines (``会议现场``, ``图为…``: :mod:`pipelines.logic.captions`) become images
  without a ``src`` (the photo is not in the text; the caption still belongs to it, not to
  the body);
* the rest is the body, its layout line breaks repaired (:mod:`pipelines.logic.linebreaks`),
  then cleaned like any record (bylines and editor lines at its edges move to their fields).
"""
from __future__ import annotations

import re

from crawler.parsing import infoline
from crawler.parsing.dom import nospace
from pipelines.logic.captions import is_caption_line
from pipelines.logic.linebreaks import repair_line_breaks
from pipelines.logic.text_cleaning import clean_article, clean_line, clean_text
from storage.records import Article

#: Sentence punctuation: a line with any of these is not a kicker.
_KICKER_PUNCT_RE = re.compile(r"[。！？!?，,；;：:]")
#: Sentence ends inside a line: such a line is not a headline.
_SENTENCE_RE = re.compile(r"[。；;]|[！？!?](?=.)")
#: A kicker written as spaced phrases: ``听心声 鼓干劲 助发展``.
_SPACED_PHRASES_RE = re.compile(r"^[\u4e00-\u9fff“”]{2,}(?:\s+[\u4e00-\u9fff“”]{2,})+$")
#: A subheading (副题) under the headline opens with a dash.
_SUBTITLE_RE = re.compile(r"^(?:——|—|--|－－)")
MAX_KICKER_CHARS = 30
MIN_HEADLINE_CHARS = 4
MAX_HEADLINE_CHARS = 80
#: How many leading lines may hold the given headline, or the info line.
HEAD_SEARCH_LINES = 4


def _headline_shaped(line: str) -> bool:
    flat = nospace(line)
    return (MIN_HEADLINE_CHARS <= len(flat) <= MAX_HEADLINE_CHARS and not _SENTENCE_RE.search(line)
            and not infoline.is_info_line(line) and not is_caption_line(line))


def _is_kicker(line: str, headline: str) -> bool:
    """``line`` is a kicker printed above ``headline`` (see the module docstring)."""
    flat = nospace(line)
    if not flat or len(flat) > MAX_KICKER_CHARS or _KICKER_PUNCT_RE.search(line) or is_caption_line(line):
        return False
    if not _headline_shaped(headline):
        return False
    return bool(_SPACED_PHRASES_RE.match(line)) or len(nospace(headline)) > len(flat)


def split_headline(lines: list[str], title: str | None) -> tuple[str, str | None, list[str]]:
    """``(title, kicker or subheading, remaining lines)`` from the top of the text."""
    subtitle = None
    if title is not None:
        wanted = nospace(clean_line(title))
        position = next((i for i, line in enumerate(lines[:HEAD_SEARCH_LINES]) if nospace(line) == wanted), None)
        if position is None:
            rest = lines
        else:
            above = lines[:position]
            if above and all(_is_kicker(line, lines[position]) or _SPACED_PHRASES_RE.match(line) for line in above):
                subtitle = " ".join(above)
                rest = lines[position + 1:]
            elif not above:
                rest = lines[1:]
            else:
                rest = lines[:position] + lines[position + 1:]
    elif not lines:
        return "", None, []
    elif len(lines) >= 3 and _is_kicker(lines[0], lines[1]):
        subtitle, title, rest = lines[0], lines[1], lines[2:]
    else:
        title, rest = lines[0], lines[1:]
    if subtitle is None and rest and _SUBTITLE_RE.match(rest[0]) and len(nospace(rest[0])) <= MAX_HEADLINE_CHARS:
        subtitle, rest = rest[0], rest[1:]
    return title, subtitle, rest


def extract_text(text: str, *, url: str | None = None, published: str | None = None,
                 title: str | None = None) -> Article:
    """An Article from plain text (see the module docstring). ``published`` and ``title``, when
    given, win over what the text says."""
    lines = clean_text(text).split("\n") if text else []
    lines = [line for line in lines if line]
    title, subtitle, lines = split_headline(lines, title)
    source = None
    for index, line in enumerate(lines[:HEAD_SEARCH_LINES - 1]):
        if infoline.is_info_line(line):
            fields = infoline.parse_info(line)
            if fields.published or fields.source:
                published = published or fields.published
                source = fields.source
                del lines[index]
                break
    captions = [line for line in lines if is_caption_line(line)]
    paragraphs = repair_line_breaks([line for line in lines if not is_caption_line(line)])
    article = Article(url=url, title=title or "", subtitle=subtitle, body="\n".join(paragraphs),
                      published=published, source=source,
                      images=[{"src": None, "caption": caption} for caption in captions])
    return clean_article(article)
