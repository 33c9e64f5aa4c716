"""``<meta>`` names (and a few attributes) that carry article fields, by CMS family.

Names are compared lower-cased against ``name``, ``property`` and ``itemprop``. Order is
preference: the first present, non-empty value wins.
"""
from __future__ import annotations

#: Headline metas. TRS (most Shanghai district portals) writes ``ArticleTitle``; Hanweb and
#: others ``title``; social metas come last because they often carry a site suffix.
TITLE_METAS = (
    "articletitle", "headline", "dc.title", "og:title", "twitter:title",
)

#: Kicker / subheading metas.
SUBTITLE_METAS = ("subtitle", "articlesubtitle", "sub_title", "articlesubtitle")

#: Publish-time metas: TRS ``PubDate``; people.cn / xinhua / banyuetan ``publishdate``;
#: Sina ``article:published_time`` / ``weibo: article:create_at``; Sohu ``og:release_date``;
#: ifeng ``og:time``; Dublin Core; schema.org ``datePublished``.
PUBLISHED_METAS = (
    "pubdate", "publishdate", "publish_date", "publishtime", "publish-time", "firstpublishedtime",
    "article:published_time", "og:release_date", "og:article:published_time",
    "weibo: article:create_at", "og:time", "datepublished", "dc.date.issued", "dc.date",
    "dcterms.created", "dcterms.issued", "sailthru.date", "releasedate", "createdate",
)

#: Source (来源) metas. ``source`` values may carry the label itself (来源：...).
SOURCE_METAS = ("contentsource", "source", "og:article:source", "mediaid")

#: Author metas are mostly unusable on Chinese portals (numeric user ids, or the editor's
#: name), so only an explicit byline meta is read.
AUTHOR_METAS = ("byline", "article:author:name")

#: Endings of a publisher's name among the ``<title>`` segments (``BBC中文网``, ``云南日报``,
#: ``长宁区人民政府``): the segment taken as the source when the page prints no 来源.
SITE_NAME_SUFFIXES = ("网", "网站", "门户", "政府", "人民政府", "日报", "晚报", "早报", "时报", "报", "电视台",
                      "广播电视台", "融媒体中心", "新闻中心", "客户端", "发布")

#: Site-name metas, used to recognise a "title" that is only the site's name.
SITE_NAME_METAS = ("sitename", "og:site_name", "application-name", "site_name", "columnname")

#: Hidden inputs and attributes some CMSs use for the publish time.
PUBLISHED_ATTRIBUTES = ("data-ptime", "data-pubtime", "data-publish-time", "datetime")
PUBLISHED_INPUT_IDS = ("pubtime", "publishtime", "pubdate")
