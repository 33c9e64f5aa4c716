"""Shapes of headlines: ``<title>`` separators, reprint notes, markup left in titles."""
from __future__ import annotations

import re

#: Separators between headline, channel and site name in ``<title>``
#: (``标题_新闻频道_中国青年网``, ``标题--文化--人民网``, ``标题 - 云南日报网``, ``标题-半月谈``).
TITLE_SEPARATOR_RE = re.compile(r"\s*(?:_|\||｜|--|——|—|–|\s-\s|-(?=[^-\d]{2,14}$)|::)\s*")

#: Characters that may stand between ``<title>`` segments once whitespace is removed.
TITLE_SEGMENT_EDGES = frozenset("_|｜-—–:：·")

#: A reprint's note of its original headline (``（原标题：…）``, ``本文原标题：《…》``,
#: ``（原题为《…》）``): never the headline, never body text.
ORIGINAL_TITLE_RE = re.compile(r"^[（(【\[]?\s*(?:本文)?原(?:标)?题(?:为)?\s*[:：《]")

#: Markup that leaked into a headline as text (``&lt;br&gt;``, ``<font color=red>``).
STRAY_MARKUP_RE = re.compile(r"</?[a-zA-Z][^<>]{0,200}>|&lt;/?br\s*/?&gt;", re.IGNORECASE)
