"""Where CMS families put the headline, the kicker, the body and image captions.

Body containers are tried before the text-density fallback: TRS (``TRS_Editor``, used by most
Shanghai district portals), Hanweb (``#zoom``), UCAP, the Shanghai municipal portal
(``#ivs_content``) and a few generic names. A container is only used when it holds enough
text; when several match, the one with the most text wins.
"""
from __future__ import annotations

import re

#: CSS selectors of known body containers.
BODY_CONTAINERS = (
    ".TRS_Editor", ".TRS_UEDITOR", ".trs_editor_view", ".Custom_UnionStyle", "#zoom", "#Zoom",
    "#ivs_content", "#UCAP-CONTENT", ".ucap-content", "#article_content_text", ".article-content",
    ".article_content", "#article-content", "#articleContent", ".articleContent", "#ArticleContent",
    ".news_content", ".news-content", "#news_content", ".detail_content", ".detail-content",
    ".xl_content", ".xlcontent", ".wzxq", ".zw", "#zw", ".content_text", "#content_text",
    ".pages_content", "#mainText", ".art_con", ".artCon", ".conTxt", ".TRS_PreAppend",
)

#: Minimum count of CJK characters for a known container to be trusted.
MIN_CONTAINER_CJK = 40

#: class/id tokens that mark a headline element.
TITLE_TOKENS = frozenset({
    "title", "tit", "bt", "pbt", "biaoti", "headline", "mtitle", "atitle", "arttitle", "newstitle",
    "xxbt", "wzbt", "articletitle", "newsTitle".lower(), "dbt", "zbt", "title1", "maintitle",
})

#: class/id tokens of a kicker (引题) or subheading (副题).
SUBTITLE_TOKENS = frozenset({
    "subtitle", "fbt", "ftitle", "ytitle", "yt", "yinti", "futi", "vicetitle", "subhead",
    "subheading", "introtitle", "kicker", "shoulder", "pretitle", "leadtitle", "fubiaoti", "yintitle",
})

#: class/id of image captions.
CAPTION_CLASS_RE = re.compile(
    r"caption|(?:img|pic|image|photo|tu)[-_]?(?:txt|text|desc|title|info|intro|note|sm|explain)|tpsm",
    re.IGNORECASE)

#: class/id tokens of centred paragraphs (``<p class="f_center">``).
CENTER_TOKENS = frozenset({"center", "f_center", "fcenter", "tc", "text-center", "txt-c", "txtc",
                           "pic_center", "img_center", "p_image", "imgcenter", "pcenter"})

#: A caption usually ends with a photo credit.
CAPTION_CREDIT_RE = re.compile(
    r"(?:[\s（(]*(?:记者|通讯员)?\s*[\u4e00-\u9fff·]{0,8}\s*(?:摄|摄影|供图|图|提供)[）)]?|[（(]\s*(?:图|图片|资料图)[^）)]{0,20}[）)]"
    r"|(?:视觉中国|东方IC|IC photo|新华社发|资料图片?|网络图片|图片来源[:：][^。]{0,20}|图源[:：][^。]{0,20})\s*(?:资料|供图|发)?)\s*$")

#: A caption that starts like one.
CAPTION_START_RE = re.compile(r"^(?:图为|图片为|上图|下图|左图|右图|图[一二三四五六七八九十\d]+[:：、\s])")

#: Longest caption accepted by shape alone (characters).
MAX_CAPTION_CHARS = 90

#: Block-level tags: their boundaries (and ``<br>``) end a line of text.
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section",
    "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})

#: Tags whose content is never text.
SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas",
    "select", "option", "textarea", "button", "input", "map", "video", "audio", "head", "title",
    "meta", "link",
})

#: Heading tags, by preference for the headline.
HEADING_TAGS = ("h1", "h2", "h3")
