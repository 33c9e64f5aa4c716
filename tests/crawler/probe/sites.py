"""Three small local news sites built like three CMS families, for probing and crawling.

- ``trs``: TRS-like column, GBK bytes served without a charset header, script-written pager
  ``createPageHTML(3, n, "index", "html")``, articles ``/col1234/YYYYMMDD/NNNNNN.html`` with
  ArticleTitle/PubDate/ContentSource metas and a ``TRS_Editor`` body.
- ``hanweb``: Hanweb-like table layout, list ``/col/col1229/index.html?uid=5&pageNum=N`` paged by
  a 下一页 link, articles ``/art/YYYY/M/D/art_1229_N.html`` with the body in ``td#zoom``.
- ``plain``: a hand-made site, list ``/news/index.html`` then ``index_1.html`` … reached only
  through numbered pager links (no 下一页, no script), articles ``/news/show.php?id=N``;
  ``plain-query`` is the same with ``list.php``, ``list.php?page=2`` … as list pages.

Each site knows the full list of its article URLs (``Site.articles``): that list, not
anything the crawler or the probe computes, is what the tests compare against. Every site
also carries navigation, a sidebar and links to another column that must not be archived.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit

TOPICS = ("社区治理工作推进会", "垃圾分类专题培训", "为老服务中心开放日", "平安建设联席会议",
          "营商环境座谈会", "文明实践志愿服务活动", "防汛防台应急演练", "党群服务站点调研")
PLACES = ("新泾镇", "北新泾街道", "程家桥街道", "虹桥街道", "天山路街道")


def paragraphs(n: int) -> list[str]:
    place = PLACES[n % len(PLACES)]
    topic = TOPICS[n % len(TOPICS)]
    return [
        f"第{n}期{topic}日前在{place}社区事务受理服务中心举行，辖区各居民区书记、相关职能部门负责人参加。",
        f"会上，{place}有关负责同志通报了近期工作进展，结合居民群众反映集中的问题，逐项梳理了下一步的工作安排，"
        f"要求各部门压实责任、细化举措，确保各项任务按时保质完成。",
        f"与会人员围绕第{n}项重点任务进行了交流讨论，大家表示将把会议精神落实到日常工作中，"
        f"以更实的作风服务好辖区居民，推动{topic.rstrip('会议动')}工作取得新成效。",
    ]


@dataclass
class Site:
    name: str
    start_path: str
    pages: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    articles: list[str] = field(default_factory=list)  # paths (with query) of every article


def _key(path_and_query: str) -> str:
    parts = urlsplit(path_and_query)
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return parts.path + (f"?{query}" if query else "")


def _day(n: int) -> date:
    return date(2023, 3, 31) - timedelta(days=n * 2)


# -- TRS-like ------------------------------------------------------------------------------

def trs_site(per_page: int = 7, pages: int = 3) -> Site:
    site = Site("trs", "/col1234/index.html")
    count = per_page * pages
    nav = ('<div class="nav"><a href="/">首页</a><a href="/col5678/index.html">政务公开</a>'
           '<a href="/col1234/index.html">街镇动态</a></div>')
    for p in range(pages):
        rows = []
        for i in range(p * per_page, min(count, (p + 1) * per_page)):
            d = _day(i)
            path = f"/col1234/{d:%Y%m%d}/{100200 + i}.html"
            title = f"{PLACES[i % 5]}举行{TOPICS[i % 8]}（第{i}期）"
            rows.append(f'<li><a href="{path}" target="_blank" title="{title}">{title}</a>'
                        f'<span class="date">{d.isoformat()}</span></li>')
            site.articles.append(path)
            body = "".join(f"<p>{t}</p>" for t in paragraphs(i))
            html = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
                    f'<title>{title}_长宁区人民政府</title><meta name="ArticleTitle" content="{title}">'
                    f'<meta name="PubDate" content="{d.isoformat()} 09:30">'
                    f'<meta name="ContentSource" content="长宁区融媒体中心"></head><body>{nav}'
                    f'<div class="article"><h1>{title}</h1><div class="info">发布时间：{d.isoformat()} 09:30'
                    f'　来源：长宁区融媒体中心</div><div class="TRS_Editor">{body}</div></div>'
                    f'<div class="footer">主办：上海市长宁区人民政府办公室 沪ICP备00000000号</div></body></html>')
            site.pages[path] = (html.encode("gbk"), "text/html")
        name = "index.html" if p == 0 else f"index_{p}.html"
        html = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
                f'<title>街镇动态_上海市长宁区人民政府</title></head><body>{nav}'
                f'<div class="sidebar"><h3>热点</h3><a href="/col5678/20230101/990001.html">'
                f'区政府召开常务会议研究部署近期重点工作</a></div>'
                f'<div class="main"><ul class="news-list">{"".join(rows)}</ul>'
                f'<div class="page"><script>createPageHTML({pages}, {p}, "index", "html");</script></div>'
                f'</div><div class="footer">主办：上海市长宁区人民政府办公室</div></body></html>')
        site.pages[f"/col1234/{name}"] = (html.encode("gbk"), "text/html")
    return site


# -- Hanweb-like ---------------------------------------------------------------------------

def hanweb_site(per_page: int = 6, pages: int = 4) -> Site:
    site = Site("hanweb", "/col/col1229/index.html")
    count = per_page * pages - 2  # last page not full
    head = ('<table class="top" width="1000"><tr><td><a href="/">首页</a></td>'
            '<td><a href="/col/col1230/index.html">通知公告</a></td></tr></table>')
    for p in range(pages):
        rows = []
        for i in range(p * per_page, min(count, (p + 1) * per_page)):
            d = _day(i)
            path = f"/art/{d.year}/{d.month}/{d.day}/art_1229_{4400 + i}.html"
            title = f"{PLACES[(i + 2) % 5]}开展{TOPICS[(i + 3) % 8]}"
            rows.append(f'<tr><td width="80%"><a href="{path}" title="{title}" target="_blank">{title}</a></td>'
                        f'<td width="20%">[{d.isoformat()}]</td></tr>')
            site.articles.append(path)
            body = "".join(f"<p>　　{t}</p>" for t in paragraphs(i + 50))
            html = (f'<html><head><meta charset="utf-8"><title>{title}</title></head><body>{head}'
                    f'<table width="1000" class="main"><tr><td class="bt_title" align="center">{title}</td></tr>'
                    f'<tr><td class="bt_info" align="center">发布日期：{d.isoformat()}　来源：{PLACES[(i + 2) % 5]}'
                    f'　浏览次数：<span id="c">0</span></td></tr>'
                    f'<tr><td id="zoom" class="bt_content">{body}</td></tr></table>'
                    f'<table class="foot"><tr><td>版权所有：某某街道办事处</td></tr></table></body></html>')
            site.pages[path] = (html.encode("utf-8"), "text/html; charset=utf-8")
        pager = []
        if p + 1 < pages:
            pager.append(f'<a href="/col/col1229/index.html?uid=5&amp;pageNum={p + 2}">下一页</a>')
        if p > 0:
            pager.append(f'<a href="/col/col1229/index.html?uid=5&amp;pageNum={p}">上一页</a>')
        html = (f'<html><head><meta charset="utf-8"><title>工作动态 新泾镇人民政府</title></head><body>{head}'
                f'<table width="1000"><tr><td width="200" class="left"><a href="/col/col1231/index.html">'
                f'机构职能</a></td><td><table class="tb_list" width="100%">{"".join(rows)}</table>'
                f'<div class="pager">共{count}条 {"".join(pager)}</div></td></tr></table></body></html>')
        key = "/col/col1229/index.html" if p == 0 else _key(f"/col/col1229/index.html?uid=5&pageNum={p + 1}")
        site.pages[key] = (html.encode("utf-8"), "text/html; charset=utf-8")
    return site


# -- plain ---------------------------------------------------------------------------------

def plain_site(per_page: int = 5, pages: int = 4, query_pages: bool = False) -> Site:
    """``query_pages``: the list is ``/news/list.php`` then ``list.php?page=2`` … instead."""
    def list_path(n: int) -> str:
        if query_pages:
            return "/news/list.php" if n == 0 else f"/news/list.php?page={n + 1}"
        return "/news/index.html" if n == 0 else f"/news/index_{n}.html"

    site = Site("plain-query" if query_pages else "plain", list_path(0))
    menu = '<ul class="menu"><li><a href="/">网站首页</a></li><li><a href="/about.html">街道概况</a></li></ul>'
    for p in range(pages):
        rows = []
        for i in range(p * per_page, (p + 1) * per_page):
            d = _day(i)
            path = f"/news/show.php?id={3000 + i}"
            title = f"{TOPICS[(i + 5) % 8]}在{PLACES[(i + 1) % 5]}举行"
            rows.append(f'<div class="item"><a href="show.php?id={3000 + i}">{title}</a> '
                        f'<em>{d:%Y年%m月%d日}</em></div>')
            site.articles.append(path)
            body = "".join(f"<p>{t}</p>" for t in paragraphs(i + 100))
            html = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head><body>'
                    f'{menu}<div class="content"><h2>{title}</h2><div class="meta">{d:%Y年%m月%d日}'
                    f' 来源：{PLACES[(i + 1) % 5]}</div><div class="text">{body}</div></div>'
                    f'<p class="copy">© 某某街道</p></body></html>')
            site.pages[_key(path)] = (html.encode("utf-8"), "text/html; charset=utf-8")
        numbers = "".join(f'<a href="{list_path(n).rpartition("/")[2]}">{n + 1}</a>' for n in range(pages))
        html = (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>新闻动态 虹桥街道办事处</title></head>'
                f'<body>{menu}<div class="newslist">{"".join(rows)}</div><div class="pages">{numbers}</div>'
                f'</body></html>')
        site.pages[_key(list_path(p))] = (html.encode("utf-8"), "text/html; charset=utf-8")
    return site


BUILDERS = {"trs": trs_site, "hanweb": hanweb_site, "plain": plain_site,
            "plain-query": lambda: plain_site(query_pages=True)}


class SiteServer:
    """Serves one ``Site`` on 127.0.0.1 (query strings matter, unlike DemoServer's files)."""

    def __init__(self, site: Site):
        self.site = site
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # noqa: ANN002
                pass

            def do_GET(self):  # noqa: N802
                found = owner.site.pages.get(_key(self.path))
                body, ctype = found if found else (b"<html><body>404</body></html>", "text/html")
                self.send_response(200 if found else 404)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def __enter__(self) -> "SiteServer":
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
