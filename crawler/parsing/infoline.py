"""Read the labelled fields of an info line and bylines.

``发布时间：2023-02-06 10:30 来源：新泾镇 字号：大 中 小`` gives published and source;
``(责编：汤诗瑶、丁涛)`` gives the editor; ``本报记者  王乐文  方  敏`` gives the author
``王乐文 方敏``. Each value runs from its label to the next label of any kind, then is
trimmed to the shape of its field (a source is one name, never a date or a person).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from crawler.parsing.dates import parse_datetime
from crawler.parsing.patterns.dates import DATETIME_RE
from crawler.parsing.patterns.labels import (
    BRACKET_BYLINE_RE,
    BYLINE_GROUP_RE,
    BYLINE_SOURCE_RE,
    COLON_OPTIONAL_FIELDS,
    EDITOR_LINE_RE,
    EDITOR_PREFERENCE,
    FIELD_LABELS,
    MAX_BYLINE_CHARS,
    NOT_NAMES,
    PHOTO_ROLES,
    ROLE_PREFIX_RE,
    ROLE_SUFFIX_RE,
    PRINTED_NAME_RE,
    SPEAKER_LABELS,
    TERMINATOR_LABELS,
    TITLED_NAME_RE,
    TRAILING_NAME_RE,
    UNGLUED_LABELS,
)

_LABEL_FIELD: dict[str, str] = {}
for _field, _labels in FIELD_LABELS.items():
    for _label in _labels:
        _LABEL_FIELD.setdefault(_label, _field)
for _label in TERMINATOR_LABELS:
    _LABEL_FIELD.setdefault(_label, "other")

_ALL_LABELS = sorted(_LABEL_FIELD, key=len, reverse=True)
_LABEL_RE = re.compile(r"(?P<label>" + "|".join(map(re.escape, _ALL_LABELS)) + r")\s*(?P<colon>[:：/])?")
_CJK = re.compile("[\u4e00-\u9fff]")
_SENTENCE_END = re.compile("[。！？；!?]")
_TRIM = " \t\u3000\u00a0:：,，;；|｜/、.。-—_()（）[]【】<>《》\"'“”"


@dataclass
class InfoFields:
    """Fields read from an info line; None when absent."""

    published: str | None = None
    source: str | None = None
    author: str | None = None
    editor: str | None = None
    editors: dict[str, str] = field(default_factory=dict)  # label -> value, all seen
    labels: int = 0  # how many labels (of any kind) were recognised

    def merge(self, other: InfoFields) -> None:
        """Fill fields still missing from ``other``."""
        self.published = self.published or other.published
        self.source = self.source or other.source
        self.author = self.author or other.author
        for label, value in other.editors.items():
            self.editors.setdefault(label, value)
        self.editor = preferred_editor(self.editors) or self.editor or other.editor
        self.labels += other.labels


def _label_matches(text: str) -> list[tuple[re.Match[str], str]]:
    """Label occurrences that really are labels (right boundary, colon where required).

    Field labels need a colon (``/`` for bylines: ``文/张三``, ``编辑/苏芳``), except a date
    label directly followed by a date. A one-character label (文, 图) must not follow a Chinese
    character (``中文：`` is not a byline); a two-character one may only with its colon
    (``证券时报网作者：李在山``), except generic words (``会议时间：``, ``数据来源：``).
    """
    found = []
    for match in _LABEL_RE.finditer(text):
        label, colon = match["label"], match["colon"]
        field_name = _LABEL_FIELD[label]
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end():match.end() + 12]
        glued = bool(before) and bool(_CJK.match(before))
        if field_name == "other":
            if glued and len(label) <= 2 and not colon:
                continue
        elif colon == "/":
            if field_name not in ("author", "editor") or not _CJK.match(after.lstrip()[:1] or "x"):
                continue
        elif colon is None:
            if not (field_name in COLON_OPTIONAL_FIELDS and DATETIME_RE.match(after.lstrip())):
                continue
        if glued and (len(label) == 1 or label in UNGLUED_LABELS):
            continue
        found.append((match, field_name))
    return found


def parse_info(text: str | None) -> InfoFields:
    """The labelled fields found in ``text`` (an info line, or a few lines joined)."""
    info = InfoFields()
    if not text:
        return info
    matches = _label_matches(text)
    info.labels = len(matches)
    for index, (match, field_name) in enumerate(matches):
        end = matches[index + 1][0].start() if index + 1 < len(matches) else len(text)
        value = text[match.end():end]
        if field_name == "published" and info.published is None:
            info.published = parse_datetime(value)
        elif field_name == "source" and info.source is None:
            info.source = clean_source(value)
        elif field_name == "author" and info.author is None:
            info.author = clean_names(value) or titled_name(value)
        elif field_name == "editor":
            names = clean_names(value, keep_separators=True)
            if names:
                info.editors.setdefault(match["label"], names)
    info.editor = preferred_editor(info.editors)
    return info


def preferred_editor(editors: dict[str, str]) -> str | None:
    for label in EDITOR_PREFERENCE:
        if label in editors:
            return editors[label]
    return next(iter(editors.values()), None)


def clean_source(value: str) -> str | None:
    """The source name: the first word of the value, without a glued date or brackets."""
    value = value.strip(_TRIM)
    if not value:
        return None
    date = DATETIME_RE.search(value)
    if date:
        value = value[:date.start()] if date.start() > 0 else ""
    token = re.split(r"\s+|\u3000|\u00a0", value.strip(_TRIM))[0] if value.strip(_TRIM) else ""
    token = token.strip(_TRIM)
    if not token or len(token) > 30 or token.lower().startswith(("http", "www.")):
        return None
    if not re.search("[\u4e00-\u9fffA-Za-z]", token):
        return None
    return token


def clean_names(value: str, *, keep_separators: bool = False) -> str | None:
    """Names from a byline value: roles removed, ``方  敏`` joined, at most a short list."""
    value = value.strip(_TRIM.replace("、", ""))
    value = ROLE_PREFIX_RE.sub("", value).strip(_TRIM)
    value = ROLE_SUFFIX_RE.sub("", value).strip(_TRIM)
    if not value:
        return None
    tokens = [token for token in re.split(r"[\s\u3000\u00a0]+", value) if token]
    merged: list[str] = []
    for token in tokens:
        if merged and len(token) == 1 and len(merged[-1]) == 1 and _CJK.match(token):
            merged[-1] += token
        else:
            merged.append(token)
    merged = [token.strip(_TRIM.replace("、", "").replace("·", "")) for token in merged]
    merged = [token for token in merged if token]
    if not merged or len(merged) > 8:
        return None
    for token in merged:
        for name in re.split("[、，,]", token):
            if name and not PRINTED_NAME_RE.fullmatch(name):
                return None  # a title or a sentence, not a list of names
    names = " ".join(merged)
    if not keep_separators:
        names = names.replace("、", " ").replace("，", " ")
        names = re.sub(r"\s+", " ", names)
    if len(names) > 40 or DATETIME_RE.search(names) or _SENTENCE_END.search(names):
        return None
    return names


def titled_name(value: str) -> str | None:
    """The name ending a job-title author value (``…研究部部长、研究员徐占忱`` -> ``徐占忱``)."""
    match = TITLED_NAME_RE.search(value.strip(_TRIM))
    return match["name"] if match else None


def is_info_line(text: str) -> bool:
    """A metadata line (date, source, editor, counters) rather than article text."""
    stripped = text.strip(_TRIM)
    if not stripped or len(stripped) > 150:
        return False
    if is_date_only(stripped):
        return True
    matches = _label_matches(text)
    kinds = {field_name for _, field_name in matches}
    if len(matches) >= 2 and kinds - {"other"} and len(stripped) <= 120 and not _SENTENCE_END.search(stripped):
        return True
    if matches and len(stripped) <= 80 and DATETIME_RE.search(stripped) and not _SENTENCE_END.search(stripped):
        return True  # 2019年06月15日08:18  来源：人民网-文化频道
    if matches and matches[0][0].start() <= 3 and matches[0][0]["label"] not in SPEAKER_LABELS:
        return len(stripped) <= 60 and not _SENTENCE_END.search(stripped[:-1])
    return False


def is_date_only(text: str) -> bool:
    """The line is a date/time and nothing else of substance."""
    match = DATETIME_RE.search(text)
    if not match:
        return False
    rest = (text[:match.start()] + text[match.end():]).strip(_TRIM)
    return len(rest) <= 2 or bool(re.fullmatch(r"(?:星期|周)[一二三四五六日天]", rest))


def parse_editor_line(text: str) -> str | None:
    """The editor of a colon-less staff line (``编辑 刘晓阳 校对 李铭``), else None."""
    match = EDITOR_LINE_RE.match(text.strip())
    if not match:
        return None
    return clean_names(match["names"], keep_separators=True)


def parse_byline(text: str) -> tuple[str | None, str | None] | None:
    """``(author, source)`` when the whole line is a byline, else None."""
    line = text.strip()
    if not line or len(line) > MAX_BYLINE_CHARS or _SENTENCE_END.search(line):
        return None
    source = None
    tail = BYLINE_SOURCE_RE.search(line)
    if tail:
        source = clean_source(tail["source"])
        line = line[:tail.start()]
    position, authors, photographers = 0, [], []
    while position < len(line):
        match = BYLINE_GROUP_RE.match(line, position)
        if not match or match.end() == position:
            break
        names = clean_names(match["names"])
        if names is None:
            return None
        (photographers if match["role"] in PHOTO_ROLES else authors).append(names)
        position = match.end()
    if position == 0 or line[position:].strip(_TRIM):
        return None
    names = " ".join(authors or photographers)
    return (names or None), source


def bracket_byline(text: str) -> str | None:
    """Author names from a bracketed byline (``（记者 张三 通讯员 李四）``) in ``text``."""
    for match in BRACKET_BYLINE_RE.finditer(text):
        parsed = parse_byline(match["inner"])
        if parsed and parsed[0]:
            return parsed[0]
    return None


def trailing_name(text: str) -> str | None:
    """A bare bracketed name ending the text (commentary signature), if it looks like one."""
    match = TRAILING_NAME_RE.search(text)
    if match and match["name"] not in NOT_NAMES:
        return match["name"]
    return None

