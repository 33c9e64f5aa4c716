"""Lines of page furniture that are not article text, whatever the page looked like.

The HTML extractor already skips widget subtrees, but their words still reach the text when a
CMS prints them inside the article container, when a page is saved as text, or when a record
is imported from another tool. So the cleaning stage drops, line by line:

* a line made only of widget words (``【字体：大 中 小】【打印】【关闭】``): :data:`WIDGET_WORDS`;
* a line of one of the shapes in :data:`BOILERPLATE_LINES` (``分享到：微信 微博``,
  ``扫一扫在手机打开当前页``, ``上一篇：…``): each entry named, so that a test covers it;
* CSS rules and script statements that leaked as text (a ``<style>`` escaped by the CMS).

Only whole lines go: a sentence that mentions 打印 or 分享 is text. Tables only; the logic is
:func:`is_boilerplate_line`.
"""
from __future__ import annotations

import re

#: Words of widget bars. A line whose every token (split on :data:`WIDGET_SPLIT_RE`) is one of
#: these, or a page number, is furniture.
WIDGET_WORDS = frozenset({
    "打印本页", "打印此页", "打印文章", "打印本文", "打印", "打印文稿", "关闭窗口", "关闭本页", "关闭",
    "收藏本页", "收藏本文", "收藏", "加入收藏", "分享到", "分享至", "分享", "字号", "字体", "大", "中",
    "小", "默认", "超大", "字号减小", "字号增大", "小字号", "大字号", "中字号", "纠错", "我要纠错",
    "返回顶部", "回到顶部", "返回首页", "回到首页", "返回列表", "返回", "顶部", "首页", "上一页",
    "下一页", "尾页", "末页", "微信", "微博", "新浪微博", "腾讯微博", "QQ空间", "QQ好友", "QQ",
    "Qzone", "微信好友", "朋友圈", "复制链接", "扫一扫", "二维码", "手机扫一扫", "手机阅读", "扫码阅读",
    "手机看", "默认字号", "放大", "缩小", "保存", "关闭本窗口", "×", "X",
})

#: Separators between widget words on one line.
WIDGET_SPLIT_RE = re.compile(r"[\s【】\[\]|｜/:：·•>»<«()（）]+")

#: A page number or pager entry (``1``, ``【2】``).
PAGE_NUMBER_RE = re.compile(r"^\d{1,3}$")

#: Named whole-line shapes of furniture: name -> pattern (matched from the line start; ``$``
#: where the whole line must be the widget). Add an example to the tests with each new entry.
BOILERPLATE_LINES: dict[str, re.Pattern[str]] = {
    "print": re.compile(r"^[【\[]?\s*(?:打印本页|打印此页|打印文章|打印本文)\s*[】\]]?$"),
    "close": re.compile(r"^[【\[]?\s*(?:关闭窗口|关闭本页|关闭本窗口)\s*[】\]]?$"),
    "font_size": re.compile(r"^[【\[]?\s*(?:字号|字体)\s*[:：]?\s*[【\[]?\s*大\s*[】\]]?\s*[【\[]?\s*中\s*[】\]]?"
                            r"\s*[【\[]?\s*小\s*[】\]]?"),
    "share": re.compile(r"^(?:分享到|分享至|一键分享)\s*[:：]?"),
    "scan": re.compile(r"^(?:扫一扫|微信扫一扫|手机扫一扫|用微信扫描|用手机扫描|扫描二维码|扫码)"
                       r"[^。！？]{0,30}$"),
    "back_to_top": re.compile(r"^[【\[]?\s*(?:返回顶部|回到顶部|返回首页|返回列表)\s*[】\]]?$"),
    "favourite": re.compile(r"^[【\[]?\s*(?:收藏本页|加入收藏|收藏本文)\s*[】\]]?$"),
    "correction": re.compile(r"^[【\[]?\s*我要纠错\s*[】\]]?$"),
    "prev_next": re.compile(r"^(?:上一篇|下一篇|上一条|下一条)\s*[:：]"),
    "breadcrumb": re.compile(r"^(?:当前位置|您的位置|您现在的位置|所在位置)\s*[:：]"),
    "page_views": re.compile(r"^(?:浏览次数|浏览量|访问量|点击数|阅读数|阅读量)\s*[:：]?\s*\d*\s*次?$"),
    "open_in_phone": re.compile(r"^在手机上(?:打开|浏览|查看)[^。！？]{0,20}$"),
}

#: CSS leaked as text: ``.TRS_Editor P{margin-top:0;line-height:1.8;}`` or ``body { … }``.
CSS_RULE_RE = re.compile(r"^(?:[^{}\u4e00-\u9fff]{0,200}\{[^{}]*:[^{}]*\}\s*)+$|^[^{}\u4e00-\u9fff]{1,200}\{\s*$|^\}\s*$")

#: Longest line a named shape may match: furniture is short, an article sentence is not (and
#: furniture never holds a full stop).
MAX_BOILERPLATE_CHARS = 80

#: Script statements leaked as text.
SCRIPT_LINE_RE = re.compile(
    r"^(?:var |let |const |function\s*\w*\s*\(|document\.write|window\.|\$\(|jQuery\(|<!--|//\s*<!\[CDATA\[)")


def _only_widget_words(line: str) -> bool:
    tokens = [token for token in WIDGET_SPLIT_RE.split(line) if token]
    return bool(tokens) and all(token in WIDGET_WORDS or PAGE_NUMBER_RE.match(token) for token in tokens)


def is_boilerplate_line(line: str) -> bool:
    """The whole line is page furniture (widgets, pager, breadcrumb, leaked CSS/script)."""
    text = line.strip()
    if not text:
        return False
    if _only_widget_words(text):
        return True
    if len(text) <= MAX_BOILERPLATE_CHARS and "。" not in text and \
            any(pattern.match(text) for pattern in BOILERPLATE_LINES.values()):
        return True
    if ("{" in text or "}" in text) and CSS_RULE_RE.match(text):
        return True
    return bool(SCRIPT_LINE_RE.match(text))
