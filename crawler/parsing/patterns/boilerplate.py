"""What is not article text: widget strings, trailer headings, noise containers.

Three kinds of rules, applied by :mod:`crawler.parsing.body`:

* ``NOISE_TOKENS`` / ``NOISE_PREFIXES``: class/id words of elements whose whole subtree is
  skipped inside the article container (share bars, 字号 switchers, related lists, pagers...).
* line rules: a line made only of widget words is dropped; a trailer heading (相关链接,
  推荐阅读, 特别声明...) ends the body; a few prefixes and suffixes are dropped or cut.
* print/video/pager shapes that are not words.
"""
from __future__ import annotations

import re

from pipelines.logic.boilerplate import WIDGET_WORDS as CLEANING_WIDGET_WORDS

from crawler.parsing.patterns.titles import ORIGINAL_TITLE_RE

#: class/id tokens (split on space, ``-``, ``_`` and camelCase, lower-cased) of noise subtrees.
#: Strong tokens name navigation, lists and page furniture: always skipped.
STRONG_NOISE_TOKENS = frozenset({
    "related", "relate", "relation", "xglj", "xgxw", "recommend", "recom", "comment", "comments",
    "pinglun", "reply", "footer", "foot", "copyright", "breadcrumb", "breadcrumbs", "crumb", "crumbs",
    "position", "nav", "navbar", "menu", "ad", "ads", "advert", "adv", "banner", "sidebar", "aside",
    "hot", "hotnews", "rank", "ranking", "prev", "next", "prenext", "sxp", "pagination", "pager",
    "paging", "fenye", "zdfy", "pagenav", "pagebar", "statement", "disclaimer", "login", "search",
    "hidden", "hide",
})
#: Weak tokens name widgets (share, print, 字号, tags...). Some sites put them on wrappers of
#: the whole article (``js_img_share_area``), so a weak-noise subtree holding real prose is kept.
WEAK_NOISE_TOKENS = frozenset({
    "share", "bshare", "jiathis", "print", "fontsize", "zihao", "tool", "tools", "toolbar", "qrcode",
    "erweima", "ewm", "keywords", "keyword", "tags", "tag", "subscribe", "player", "vjs", "sns",
    "social", "fav", "favorite", "collect", "jiucuo", "correction", "dianzan", "like", "likes",
    "reward", "feedback", "weixin", "wechat", "weibo", "gotop", "backtop", "return", "mobile", "wap",
    "bdsharebuttonbox", "sharebox",
})
#: Token prefixes that mark noise even when glued to other words (``shareBox``, ``commentList``).
STRONG_NOISE_PREFIXES = ("comment", "relate", "recommend", "breadcrumb", "advert", "pagination", "copyright")
WEAK_NOISE_PREFIXES = ("share", "bshare", "qrcode", "fontsize", "jiathis", "bdshare")
#: Chinese characters of non-link text above which a weak-noise subtree is prose, not a widget.
WEAK_NOISE_MAX_PROSE = 120

#: Inline styles of subtrees that are not displayed. (``visibility:hidden`` is not one: WeChat
#: articles hide their whole text that way until a script reveals it.)
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none", re.IGNORECASE)

#: Words of widget bars. A line whose every token is one of these (or a page number) is noise:
#: the cleaning table (pipelines/logic/boilerplate.py) plus what only whole pages show
#: (social buttons, video players, reactions).
WIDGET_WORDS = CLEANING_WIDGET_WORDS | frozenset({
    "打印本页", "打印此页", "打印文章", "打印", "打印文稿", "关闭窗口", "关闭本页", "关闭", "收藏本页",
    "收藏本文", "收藏", "加入收藏", "分享到", "分享至", "分享", "字号", "字体", "大", "中", "小",
    "默认", "超大", "字号减小", "字号增大", "小字号", "大字号", "中字号", "字号：", "纠错", "我要纠错",
    "返回顶部", "回到顶部", "返回首页", "回到首页", "返回列表", "返回", "顶部", "首页", "上一页",
    "下一页", "尾页", "末页", "微信", "微博", "新浪微博", "腾讯微博", "QQ空间", "QQ好友", "QQ",
    "Qzone", "人人", "人人网", "开心网", "豆瓣", "Facebook", "Twitter", "Google+", "LinkedIn",
    "微信好友", "朋友圈", "复制链接", "链接已复制", "链接复制成功", "关注新华网", "评论", "图集",
    "好文", "钦佩", "喜欢", "泪奔", "可爱", "思考", "点赞", "首赞", "点赞失败", "举报", "内容举报",
    "二维码", "Play", "Video", "Play Video", "Pause", "Mute", "Unmute", "Fullscreen", "Loaded",
    "Current Time", "Duration", "Remaining Time", "加载更多", "更多", "阅读", "全文", "展开全文",
    "扫码阅读", "手机阅读", "手机看", "下载", "X", "×", "+1", "【", "】", "|", "｜",
})

#: Separators used when splitting a line into widget tokens.
WIDGET_SPLIT_RE = re.compile(r"[\s【】\[\]|｜/:：·•>»<«()（）]+")

#: A token that is a page number, ``【2】`` pager entry or a media time code (``0:00``, ``/2:54``).
NUMBERISH_TOKEN_RE = re.compile(r"^(?:\d{1,3}|\d{1,2}:\d{2}(?::\d{2})?|\d{1,3}%)$")

#: Lines that begin a trailer: everything after them is not the article (only applied once
#: some body text has been seen, so a sidebar heading before the body cannot erase it).
STOP_LINE_RE = re.compile(
    r"^[【\[〔]?\s*(?:相关链接|相关新闻|相关阅读|相关文章|相关稿件|相关报道|相关推荐|相关内容|延伸阅读|推荐阅读|"
    r"热点推荐|热门推荐|精彩推荐|猜你喜欢|大家都在看|网友评论|发表评论|我要评论|新闻评论|热门评论|"
    r"最新评论|热帖|图片推荐|视频推荐|往期回顾|更多阅读|今日推荐|编辑推荐|阅读下一篇|上一篇|下一篇|"
    r"正文已结束|今日搜狐热点|新闻表情排行|您此时的心情)\s*[】\]〕]?\s*(?:[:：>]|$)")

#: Lines that are always dropped (not article paragraphs), wherever they are.
DROP_LINE_RES = (
    re.compile(r"^(?:此前报道|点击进入专题|点击进入|延伸阅读|相关专题|专题)[:：]"),
    ORIGINAL_TITLE_RE,  # ``（原标题：…）``, ``本文原标题：《…》``, ``（原题为《…》）``
    re.compile(r"^(?:特别声明|平台声明|免责声明|版权声明|声明)[:：]"),
    re.compile(r"^发布于[:：]"),
    re.compile(r"^(?:关注|扫码关注|长按关注|欢迎关注)(?:公众号|我们|微信|微博|官方微信)"),
    re.compile(r"^阅读剩余全文"),
    re.compile(r"^阅读\s*[(（][\d万千.]*[)）]$"),
    re.compile(r"^\d*\s*人参与"),
    re.compile(r"^(?:分享到|分享至)[:：]"),
    re.compile(r"^(?:上一篇|下一篇|上一条|下一条)[:：]"),
    re.compile(r"^(?:扫一扫|用微信扫描|用手机扫描|微信扫一扫|扫码).{0,30}$"),
    re.compile(r"^(?:标签|关键词|关键字|TAG|Tags?)\s*[:：]", re.IGNORECASE),
    re.compile(r"^(?:字号|字体)\s*[:：]"),
    # Print-edition reference printed after a newspaper article.
    re.compile(r"^《\s*[^》]{1,20}\s*》\s*[（(]\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*\d*\s*版\s*[）)]$"),
)

#: Widget text glued to the end of the last paragraph; cut off.
STRIP_SUFFIX_RE = re.compile(
    r"\s*(?:返回[\u4e00-\u9fff]{1,6}[，,]\s*查看更多|返回腾讯网首页>>|返回腾讯网首页|【纠错】|\[纠错\]|"
    r"[\[【]\s*(?:责任编辑|责编)\s*[:：][^\]】]{0,20}[\]】])\s*$")

#: A 责任编辑 line after the article's text ends the article (CMSs print it last; what follows is
#: a related item or an advertisement, even inside the same container).
EDITOR_LINE_END_RE = re.compile(r"^[（(【\[]?\s*(?:责任编辑|责编)\s*[:：]")

#: Page-generation stamps and similar machine lines that carry dates that are not publish dates.
MACHINE_DATE_LINE_RE = re.compile(r"(?:页面生成|生成时间|更新于|最后更新|访问时间|当前时间|今天是)")
