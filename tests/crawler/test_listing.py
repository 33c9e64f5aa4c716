"""List-page analysis on hand-built pages of the two common shapes (TRS script pager, static pager)."""
from crawler.parsing.listing import analyse_listing, index_n_next

NAV = """
<div class="header"><div class="nav"><ul>
  <li><a href="/index.html">首页</a></li><li><a href="/zwgk/index.html">政务公开信息</a></li>
  <li><a href="/zt/index.html">专题专栏栏目</a></li><li><a href="/lxwm.html">联系我们的方式</a></li>
</ul></div></div>
<div class="position">当前位置：<a href="/index.html">首页</a> &gt; <a href="/col6991/index.html">街镇动态栏目</a></div>
"""

TRS_LIST = f"""<html><head><meta charset="utf-8"><title>街镇动态</title></head><body>{NAV}
<div class="main"><ul class="news-list">
  <li><a href="./20230206/1226260.html" title="区政协党组书记、主席洪流到新泾镇调研">区政协党组书记、主席洪流到新泾镇…</a><span>2023-02-06</span></li>
  <li><a href="/col6991/20230203/1226201.html">虹桥街道召开2023年平安建设工作会议</a><span>2023-02-03</span></li>
  <li><a href="http://www.shcn.gov.cn/col6991/20230201/1226100.html">程家桥街道开展垃圾分类志愿服务活动</a><span>2023-02-01</span></li>
  <li><a href="http://other.example.cn/col1/20230101/1.html">外站链接的一条新闻标题文字</a><span>2023-01-01</span></li>
</ul>
<div class="page"><script>createPageHTML(3, 0, "index", "html");</script></div>
</div>
<div class="footer"><a href="/about/20230101/99.html">网站地图与版权声明说明</a></div>
</body></html>"""

STATIC_LIST = """<html><body>
<div class="nav"><a href="/xjz/index.html">首页</a></div>
<table class="list">
<tr><td><a href="/xjz/xwzx/2023-02/06/content_8812.html">新泾镇召开2023年工作会议</a></td><td>2023-02-06</td></tr>
<tr><td><a href="/xjz/xwzx/2023-02/03/content_8790.html">新泾镇开展冬季消防安全检查</a></td><td>2023-02-03</td></tr>
<tr><td><a href="/xjz/zt/index.html">学习贯彻党的二十大精神专题</a></td><td>2023-01-20</td></tr>
<tr><td><a href="/xjz/xwzx/2023-01/18/content_8702.html">新泾镇走访慰问困难群众</a></td><td>2023-01-18</td></tr>
</table>
<div class="pager"><a href="list.html">首页</a> <a href="list.html">上一页</a> <a href="list_3.html">下一页</a> <a href="list_9.html">尾页</a></div>
</body></html>"""


def test_trs_list_finds_articles_not_nav_footer_or_offsite():
    listing = analyse_listing(TRS_LIST, "http://www.shcn.gov.cn/col6991/index.html",
                              allowed_hosts=["www.shcn.gov.cn"])
    assert [link.url for link in listing.article_links] == [
        "http://www.shcn.gov.cn/col6991/20230206/1226260.html",
        "http://www.shcn.gov.cn/col6991/20230203/1226201.html",
        "http://www.shcn.gov.cn/col6991/20230201/1226100.html",
    ]
    # the truncated link text is completed from the title attribute
    assert listing.article_links[0].text == "区政协党组书记、主席洪流到新泾镇调研"


def test_trs_script_pager_gives_next_page_and_count():
    listing = analyse_listing(TRS_LIST, "http://www.shcn.gov.cn/col6991/index.html",
                              allowed_hosts=["www.shcn.gov.cn"])
    assert listing.next_pages == ["http://www.shcn.gov.cn/col6991/index_1.html"]
    assert listing.page_count == 3
    last = TRS_LIST.replace("createPageHTML(3, 0,", "createPageHTML(3, 2,")
    listing = analyse_listing(last, "http://www.shcn.gov.cn/col6991/index_2.html",
                              allowed_hosts=["www.shcn.gov.cn"])
    assert listing.next_pages == []


def test_newer_trs_pager_signature():
    html = TRS_LIST.replace('createPageHTML(3, 0, "index", "html")',
                            "createPageHTML('page_div', 5, 2, 'index', 'shtml', 98)")
    listing = analyse_listing(html, "http://h.cn/col/index_1.shtml", allowed_hosts=["h.cn"])
    assert listing.next_pages == ["http://h.cn/col/index_2.shtml"]


def test_static_pager_and_table_rows():
    listing = analyse_listing(STATIC_LIST, "http://127.0.0.1:8000/xjz/xwzx/list_2.html",
                              allowed_hosts=["127.0.0.1:8000"])
    urls = [link.url for link in listing.article_links]
    assert urls == [
        "http://127.0.0.1:8000/xjz/xwzx/2023-02/06/content_8812.html",
        "http://127.0.0.1:8000/xjz/xwzx/2023-02/03/content_8790.html",
        "http://127.0.0.1:8000/xjz/xwzx/2023-01/18/content_8702.html",
    ]  # the topic page (an index.html) is not taken for an article
    assert listing.next_pages == ["http://127.0.0.1:8000/xjz/xwzx/list_3.html"]


def test_profile_selector_pattern_and_index_n_rule():
    listing = analyse_listing(
        TRS_LIST, "http://www.shcn.gov.cn/col6991/index_1.html", allowed_hosts=["www.shcn.gov.cn"],
        article_links_selector="ul.news-list li a", article_url_pattern=r"/2023020[36]/",
        pagination_mode="index_n", index_pattern="index_{n}.html")
    assert [link.url for link in listing.article_links] == [
        "http://www.shcn.gov.cn/col6991/20230206/1226260.html",
        "http://www.shcn.gov.cn/col6991/20230203/1226201.html",
    ]
    # createPageHTML says 3 pages and this is page 1 (0-based): index_2 is next
    assert listing.next_pages == ["http://www.shcn.gov.cn/col6991/index_2.html"]


def test_index_n_next():
    assert index_n_next("http://h/col/index.html") == "http://h/col/index_1.html"
    assert index_n_next("http://h/col/") == "http://h/col/index_1.html"
    assert index_n_next("http://h/col/index_7.html") == "http://h/col/index_8.html"
    assert index_n_next("http://h/col/list.shtml", "list_{n}.shtml") == "http://h/col/list_1.shtml"
    assert index_n_next("http://h/col/other.html") is None


def test_broken_markup_does_not_raise():
    listing = analyse_listing("<html><body><ul><li><a href='/a/20230101/1.html'>未闭合的标题链接文字",
                              "http://h.cn/a/index.html", allowed_hosts=["h.cn"])
    assert [l.url for l in listing.article_links] == ["http://h.cn/a/20230101/1.html"]
    assert analyse_listing("", "http://h.cn/").article_links == []


def test_index_n_stops_at_the_last_page_of_a_static_numbered_pager():
    def page(n_links):
        pager = "".join(f'<a href="index_{n}.html">{n + 1}</a>' for n in n_links)
        rows = "".join(f'<li><a href="/news/show.php?id={i}">新闻标题第{i}条的文字</a> 2023-02-0{i}</li>'
                       for i in range(1, 4))
        return f'<html><body><ul class="list">{rows}</ul><div class="pages">{pager}</div></body></html>'

    middle = analyse_listing(page([1, 2, 3]), "http://x.cn/news/index_2.html", pagination_mode="index_n")
    assert middle.next_pages == ["http://x.cn/news/index_3.html"]
    last = analyse_listing(page([1, 2, 3]), "http://x.cn/news/index_3.html", pagination_mode="index_n")
    assert last.next_pages == []
    # no static pager at all (a script other than createPageHTML): keep going as before
    bare = analyse_listing(page([]), "http://x.cn/news/index_3.html", pagination_mode="index_n")
    assert bare.next_pages == ["http://x.cn/news/index_4.html"]


def test_numbered_pagination_follows_every_page_number_link():
    html = ('<html><body><ul class="list"><li><a href="/a/1.html">一条新闻的标题文字</a></li></ul>'
            '<div class="cal"><a href="/day/3">3</a></div>'
            '<div class="pg"><b>1</b><a href="list_2.html">2</a><a href="list_3.html">[3]</a>'
            '<a href="list_3.html">尾页</a></div></body></html>')
    listing = analyse_listing(html, "http://x.cn/n/list.html", pagination_mode="numbered",
                              next_selector="div.pg a")
    assert listing.next_pages == ["http://x.cn/n/list_2.html", "http://x.cn/n/list_3.html"]
    anywhere = analyse_listing(html, "http://x.cn/n/list.html", pagination_mode="numbered")
    assert anywhere.next_pages == ["http://x.cn/day/3", "http://x.cn/n/list_2.html",
                                   "http://x.cn/n/list_3.html"]
