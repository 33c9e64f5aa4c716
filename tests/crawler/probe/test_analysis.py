"""The probe's pieces on small pages: URL shapes, pagination rules."""
from __future__ import annotations

import re

from crawler.parsing.listing import parse_html
from crawler.probe.pagination import detect
from crawler.probe.urlshape import best_cluster, pattern_for

TRS = ["https://www.shcn.gov.cn/col6991/20221125/1226260.html",
       "https://www.shcn.gov.cn/col6991/20221124/1226199.html"]


def test_a_pattern_generalises_digits_and_keeps_words():
    pattern = pattern_for(TRS)
    assert all(re.search(pattern, u) for u in TRS)
    assert re.search(pattern, "https://www.shcn.gov.cn/col7454/20250429/1287750.html")
    assert not re.search(pattern, "https://www.shcn.gov.cn/col6991/index.html")
    hanweb = ["http://x.gov.cn/art/2023/2/6/art_1229_4471.html", "http://x.gov.cn/art/2023/12/16/art_1229_5.html"]
    assert re.search(pattern_for(hanweb), "http://x.gov.cn/art/2024/1/1/art_77_1.html")
    query = ["http://x.cn/news/show.php?id=1", "http://x.cn/news/show.php?id=22"]
    assert re.search(pattern_for(query), "http://x.cn/news/show.php?id=333")
    assert not re.search(pattern_for(query), "http://x.cn/news/list.php?page=2")


def test_the_biggest_shape_wins():
    urls = TRS + ["https://www.shcn.gov.cn/about.html"]
    assert best_cluster(urls) == TRS


def _rule(body: str, url: str = "http://x.cn/news/index.html"):
    html = f"<html><body>{body}</body></html>"
    return detect(parse_html(html), html, url)


def test_pagination_rules():
    script = _rule('<script>createPageHTML(5, 0, "index", "shtml");</script>')
    assert (script.mode, script.index_pattern, script.next_url) == (
        "index_n", "index_{n}.shtml", "http://x.cn/news/index_1.shtml")
    newer = _rule("<script>createPageHTML('page_div', 4, 1, 'list', 'html', 60);</script>")
    assert (newer.mode, newer.index_pattern) == ("index_n", "list_{n}.html")
    last = _rule('<script>createPageHTML(1, 0, "index", "html");</script>')
    assert last.mode == "index_n" and last.next_url is None
    nxt = _rule('<a href="?page=2">下一页</a><a href="?page=9">尾页</a>')
    assert (nxt.mode, nxt.next_link, nxt.next_url) == (
        "next_link", "//a[normalize-space(.)='下一页']", "http://x.cn/news/index.html?page=2")
    numbered = _rule('<a href="index.html">1</a><a href="index_1.html">2</a><a href="index_2.html">3</a>')
    assert (numbered.mode, numbered.index_pattern) == ("index_n", "index_{n}.html")
    from_two = _rule('<div class="pg"><a href="list.html">1</a><a href="list_2.html">2</a></div>',
                     "http://x.cn/news/list.html")
    assert (from_two.mode, from_two.next_link, from_two.next_url) == (
        "numbered", "div.pg a", "http://x.cn/news/list_2.html")
    query = _rule('<p class="pg"><span>1</span><a href="?p=2">[2]</a><a href="?p=3">[3]</a></p>')
    assert (query.mode, query.next_link) == ("numbered", "p.pg a")
    assert _rule("<p>no pager</p>").mode == "none"
