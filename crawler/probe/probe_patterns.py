"""Tables the probe reads: kept apart from its logic so another CMS family is a new row."""
import re

#: Articles fetched to learn the content container and the date/source places.
SAMPLE_ARTICLES = 3
#: Class and id values usable in a CSS selector as they are (others are skipped).
SELECTOR_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
#: Class words that say nothing about one element (layout grids, states).
GENERIC_CLASS_RE = re.compile(r"^(clearfix|clear|fl|fr|left|right|active|on|cur|current|"
                              r"row|col|col-\w+|container|wrap|wrapper|w\d+|mt\d+|mb\d+)$", re.I)
#: Metas that TRS-family CMSs write for each article: (field, selector).
FIELD_METAS = (
    ("title", "//meta[@name='ArticleTitle']/@content"),
    ("published", "//meta[@name='PubDate']/@content"),
    ("source", "//meta[@name='ContentSource']/@content"),
)
#: A numbered pager link: index_2.html, list_3.shtml ... (stem, number, extension).
NUMBERED_PAGE_RE = re.compile(r"^(?P<stem>[A-Za-z]+)_(?P<n>\d+)\.(?P<ext>s?html?)$")
#: The government a page's <title> names: 上海市长宁区人民政府, 新泾镇人民政府, 虹桥街道办事处.
GOVERNMENT_RE = re.compile(r"([\u4e00-\u9fff]{1,12}?(街道|镇|乡|区|县|市))(人民政府|办事处|政府)")
#: A province or city written before the place's own name (上海市长宁区 -> 长宁区).
REGION_PREFIX_RE = re.compile(r"^[\u4e00-\u9fff]{1,6}?[省市](?=[\u4e00-\u9fff]{2,})")
