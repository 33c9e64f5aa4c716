"""Join lines that a PDF or a newsletter layout broke inside a sentence.

Text copied out of a PDF page or a printed newsletter carries the layout's line and page
breaks: ``…分别围绕民生服务和产业`` / ``发展、协商于民工作站…``, ``…实效`` / ``性上，要聚焦…``,
``王伟对2022年法治政府建`` / ``设情况进行了总结…``, often with blank lines between the pieces,
so blank lines prove nothing. A break is judged by the text on each side of it:

* never joined: the line ends a sentence (``。！？…``, also after a closing quote or bracket),
  or ends with ``：`` / ``；`` (a salutation or a list item), or the next line opens a list
  item (``一、``, ``（二）``, ``3.``), or either line is a caption;
* joined: the next line starts with punctuation that cannot open a paragraph (``，、。）”``);
  the line ends on a pause (``，``, ``、``), an opening bracket or quote, a word that cannot
  end a sentence (``的``, ``以``, ...), a digit (``1200`` / ``人次``) or a Latin word followed
  by another; the line holds a sentence end inside it (it is the tail of a paragraph, never a
  heading); the line is long running text with pauses in it;
* a short line without punctuation may be a subheading (``守牢商场消防底线``): it is joined only
  when the two characters on each side of the break are found side by side elsewhere in the
  same text (``建`` / ``设`` where the text also says ``法治建设``). That evidence comes from
  the document itself, so it needs no dictionary and carries to any subject.

Pieces are joined without a space, except between two Latin letters or digits. The words are
never changed. Tables of characters are at the top; the logic is :func:`repair_line_breaks`.
"""
from __future__ import annotations

import re

#: A line ending with one of these (optionally followed by closing quotes/brackets) ends a
#: sentence, so the break after it is a real paragraph end.
SENTENCE_END_RE = re.compile(r"[。！？!?…]+[”’」』）)】》\"']*$|(?<![A-Za-z0-9])\.$")
#: Endings that close a block even without a sentence end: a salutation or lead-in (``：``), a
#: list item (``；``).
BLOCK_END_CHARS = "：:；;"
#: A line ending with one of these stops mid-sentence.
PAUSE_END_CHARS = "，,、（(“‘《〈「『【—-"
#: Characters that cannot end a sentence or a heading: function words that always take a
#: complement (``…深入开展以`` / ``习近平法治思想…``). Words that also end nouns and verbs
#: (和 in 祥和, 与 in 参与, 为 in 行为, 所 in 派出所) are not here.
DANGLING_END_CHARS = frozenset("的把被从向于之而且但使让给跟及或将以")
#: Characters that cannot open a paragraph: the break before them is layout.
CONTINUATION_START_CHARS = "，,、。．.；;：:！!？?）)】』」》〉”’%％"
#: A list item or numbered heading opening a line: always a new paragraph.
LIST_ITEM_RE = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、．.]|\d{1,2}[、．.](?!\d)|"
    r"第[一二三四五六七八九十\d]{1,3}[，、条章节部]|附件[:：\d])")
#: Sentence punctuation inside a line: a line with one of these inside is running text.
INNER_END_RE = re.compile(r"[。！？!?]")
INNER_PAUSE_RE = re.compile(r"[，,；;：:]")
#: From this many characters, a line with a pause in it is running text, not a heading.
MIN_RUNNING_LINE_CHARS = 26
_CJK_RE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD_CHAR_RE = re.compile("[A-Za-z0-9]")


def ends_sentence(line: str) -> bool:
    return bool(SENTENCE_END_RE.search(line)) or line[-1:] in BLOCK_END_CHARS


def _running_text(line: str) -> bool:
    """The line is a piece of a paragraph (it has sentence punctuation inside), not a heading."""
    if INNER_END_RE.search(line[:-1]):
        return True
    return len(line) >= MIN_RUNNING_LINE_CHARS and bool(INNER_PAUSE_RE.search(line))


def _pair_seen(left: str, right: str, text: str) -> bool:
    """The two characters around the break appear side by side elsewhere in the text."""
    a, b = left[-1:], right[:1]
    if not (_CJK_RE.match(a) and _CJK_RE.match(b)):
        return False
    return (a + b) in text


def should_join(line: str, following: str, text: str = "") -> bool:
    """Whether the break between ``line`` and ``following`` is layout, not a paragraph end.
    ``text`` is the whole document, the evidence for short lines."""
    if not line or not following or ends_sentence(line):
        return False
    if LIST_ITEM_RE.match(following):
        return False
    if following[0] in CONTINUATION_START_CHARS:
        return True
    last = line[-1]
    if last in PAUSE_END_CHARS or last in DANGLING_END_CHARS:
        return True
    if _running_text(line):
        return True
    if last.isdigit() or (last.isascii() and last.isalpha() and following[0].isascii() and following[0].isalpha()):
        return True  # a number broken from its unit, an English phrase broken in two
    return _pair_seen(line, following, text)


def join_pieces(line: str, following: str) -> str:
    """Join without a space, except between two Latin letters or digits."""
    if _WORD_CHAR_RE.match(line[-1:]) and _WORD_CHAR_RE.match(following[:1]):
        return f"{line} {following}"
    return line + following


def repair_line_breaks(lines: list[str], keep: set[int] | frozenset[int] = frozenset()) -> list[str]:
    """Paragraphs from ``lines`` (blank lines already dropped), broken lines joined.

    ``keep``: indices of lines that are never joined to anything (captions, headings the
    caller recognised). The evidence for short lines is the text with its breaks removed
    between lines, so a pair formed *only* by this break does not count for itself.
    """
    if len(lines) < 2:
        return list(lines)
    text = "\n".join(lines)
    out: list[str] = []
    current = lines[0]
    current_kept = 0 in keep
    for index in range(1, len(lines)):
        line = lines[index]
        kept = index in keep
        if not current_kept and not kept and should_join(current, line, text):
            current = join_pieces(current, line)
        else:
            out.append(current)
            current, current_kept = line, kept
    out.append(current)
    return out
