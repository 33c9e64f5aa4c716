"""Words and shapes of pages that are not articles (home, topic index, contact/about pages)."""
from __future__ import annotations

import re

#: Headlines of site-information pages (compared after whitespace removal).
SITE_INFO_TITLES = frozenset({
    "联系我们", "关于我们", "网站地图", "站点地图", "网站声明", "版权声明", "免责声明", "隐私政策", "隐私声明",
    "使用帮助", "帮助中心", "联系方式", "网站介绍", "网站简介", "本站介绍", "关于本站", "意见建议", "留言板",
    "网站导航", "法律声明", "用户协议", "服务条款", "无障碍说明", "网站纠错", "政府信箱", "首页",
})

#: Headline endings of site-information pages; only used for undated pages, since a dated
#: ``2022年经济运行概况`` is a report.
SITE_INFO_TITLE_RE = re.compile(r"(?:概况|简介|介绍|机构职能|主要职能|职能职责|机构设置|内设机构|领导信息|领导简介|"
                                r"领导分工|联系方式|办公地址|办事指南|交通指南)$")

#: Dates as list rows print them: full dates, ``04-30``, ``2020/4/30``, ``4月30日``.
ROW_DATE_RE = re.compile(r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}|(?<!\d)\d{1,2}\s*[-/]\s*\d{1,2}(?!\d)|\d{1,2}月\d{1,2}日")

#: A headline naming a topic section (专题/专栏) rather than a story: ``学习二十大精神专题``.
TOPIC_TITLE_RE = re.compile(r"(?:专题|专栏|专题专栏|专题报道|系列报道)$|^(?:专题|专栏)[:：]?")

#: A headline that is really a site or section name (``长宁区人民政府``, ``街镇动态``, ``通知公告``).
SECTION_TITLE_RE = re.compile(
    r"^(?:.{0,16}(?:人民政府|门户网站|政府网|政务网|官网|网站)(?:[（(].{1,6}[)）])?|"
    r".{0,4}(?:动态|新闻|要闻|公告|通知|资讯|信息|公开|专栏|频道|中心|首页))$")

#: URL paths of home pages.
HOME_PATH_RE = re.compile(r"^/?(?:(?:index|default|home|main)\.(?:s?html?|jsp|aspx?|php))?$", re.IGNORECASE)

#: Thresholds of the article decision (CJK characters of the extracted body).
#: A dated page needs one short notice's worth of running text (60 characters is about three
#: sentences); an undated page needs much more, since false positives are worse than misses.
MIN_BODY_CJK_DATED = 60
MIN_BODY_CJK_UNDATED = 200
#: At least one paragraph must be running text, not a list of short items.
MIN_LONGEST_PARAGRAPH_CJK = 25
#: A body (or page) with this many title-link rows is a list.
MIN_LIST_ROWS = 5
#: Link density above which a body candidate is navigation, not prose.
MAX_BODY_LINK_DENSITY = 0.5
