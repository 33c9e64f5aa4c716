"""Tables for list-page analysis: which links look like articles, pagers and navigation.

Kept apart from ``listing.py`` so that supporting another CMS family means adding a
row here, not touching the logic.
"""
import re

#: Article-like URL shapes on Chinese government and news CMSs (searched in the path+query).
ARTICLE_URL_PATTERNS = [
    re.compile(p, re.I) for p in (
        r"/20\d{2}[01]\d[0-3]\d/",             # TRS: /col6991/20221125/1226260.html
        r"/t20\d{6}_\d+\.s?html?$",             # TRS: /t20230206_123456.html
        r"/20\d{2}-[01]\d/[0-3]\d/",            # /2023-02/06/content_1.html
        r"/20\d{2}/[01]?\d/[0-3]?\d/",          # Hanweb: /art/2023/2/6/art_1229_4471.html
        r"/20\d{2}[01]\d/",                     # /202302/xxx.html
        r"/art_\d+_\d+\.s?html?",               # Hanweb
        r"content_\d+\.s?html?",                # content_8812.html
        r"/(detail|show|view|article|info|news)[^/]*\.(s?html?|aspx?|jsp|php)\?.*\bid=\w+",
        r"[?&](id|articleid|newsid|infoid|aid|contentid)=\w+",
        r"/\d{5,}\.s?html?$",                   # numeric article id
        r"/[a-z]*\d{6,}[a-z_\d]*\.s?html?$",
    )
]

#: URL shapes that are never articles (lists, indexes, search, assets, scripts).
NON_ARTICLE_URL_PATTERNS = [
    re.compile(p, re.I) for p in (
        r"/index(_\d+)?\.s?html?$",
        r"/list(_\d+)?\.s?html?$",
        r"/$",
        r"\.(jpe?g|png|gif|bmp|svg|ico|css|js|zip|rar|7z|mp4|mp3|avi|flv|swf|exe|apk)$",
        r"\.(pdf|docx?|xlsx?|pptx?|wps|txt|xml|rss)$",
        r"/(search|login|register|sitemap)\b",
    )
]

#: Ancestors whose class/id says "navigation, not content".
NAV_CONTAINER_RE = re.compile(
    r"(^|[\s_-])(nav|navbar|menu|header|head|top|topbar|footer|foot|bottom|breadcrumb|crumbs?"
    r"|position|location|weizhi|dqwz|friend|links?|yqlj|sidebar|share|copyright|banner)([\s_-]|\d|$)",
    re.I,
)
NAV_TAGS = {"nav", "header", "footer"}

#: Text of a link that moves to the next list page.
NEXT_PAGE_TEXT_RE = re.compile(r"^\s*(下一页|下页|后一页|后页|next|next\s*page|›|»|>|>>)\s*$", re.I)
#: Text of other pager links (never articles).
PAGER_TEXT_RE = re.compile(
    r"^\s*(\d+|上一页|上页|前一页|首页|尾页|末页|最后一页|第一页|跳转|go|prev|previous|first|last|‹|«|<|<<"
    r"|更多|更多>>|more|\.\.\.)\s*$", re.I)

#: Text of a numbered pager link (``numbered`` pagination follows these).
PAGE_NUMBER_TEXT_RE = re.compile(r"^\s*\[?\s*\d{1,4}\s*\]?\s*$")

#: Dates printed next to list items.
LIST_DATE_RE = re.compile(
    r"(20\d{2}|19\d{2})\s*[-/.年]\s*[01]?\d\s*[-/.月]\s*[0-3]?\d|\b[01]\d-[0-3]\d\b")

#: Script-written pagers. TRS: createPageHTML(total, current, "index", "html") (current is 0-based),
#: and the newer createPageHTML("div", total, current, "index", "html", records) (current 1-based).
CREATE_PAGE_HTML_RE = re.compile(r"createPageHTML\s*\(([^)]*)\)")
#: index_N.html style pages: the first page is index.html, then index_1.html, index_2.html...
INDEX_N_RE = re.compile(r"^(?P<stem>.*/)?(?P<prefix>[a-zA-Z]+)(?:_(?P<n>\d+))?\.(?P<ext>s?html?)$")

#: Minimum visible characters of an article link's text.
MIN_ARTICLE_LINK_TEXT = 5
#: A group of sibling links is a news list when it holds at least this many candidates.
MIN_LIST_GROUP = 3
