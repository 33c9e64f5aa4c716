"""Two small local news sites (a town's and its district's) that share stories, for crawl tests.

Written to a folder and served by ``DemoServer``; pages are plain UTF-8 HTML in the
list-of-dated-links / article-with-info-line shape of the bundled demo site.
"""
from __future__ import annotations

from pathlib import Path

LIST = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{site}动态</title></head><body>
<div class="menu"><a href="/index.html">首页</a> | <a href="/news/list.html">{site}动态</a></div>
<div class="list-box"><div class="list-title">{site}动态</div><ul class="news-list">
{rows}
</ul></div><div class="foot">主办单位：{site}人民政府</div></body></html>"""
ROW = '<li><span class="date">{date}</span><a href="{href}" target="_blank" title="{title}">{title}</a></li>'
ARTICLE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}-{site}</title></head><body>
<div class="menu"><a href="/index.html">首页</a> | <a href="/news/list.html">{site}动态</a></div>
<div class="detail"><div class="detail-title"><h1>{title}</h1></div>
<div class="detail-info">发布日期：{date}　　信息来源：{source}</div>
<div class="detail-content" id="zoom">
{paragraphs}
</div><div class="detail-editor">责任编辑：{editor}</div></div>
<div class="foot">主办单位：{site}人民政府</div></body></html>"""


def write_site(root: Path, site: str, articles: list[dict]) -> Path:
    """Write ``articles`` ({"path", "title", "date", "source", "editor", "body"}) and a list page."""
    for a in articles:
        page = root / a["path"].lstrip("/")
        page.parent.mkdir(parents=True, exist_ok=True)
        paragraphs = "\n".join(f"<p>{p}</p>" for p in a["body"].split("\n") if p)
        page.write_text(ARTICLE.format(site=site, paragraphs=paragraphs, **{k: a[k] for k in
                        ("title", "date", "source", "editor")}), encoding="utf-8")
    rows = "\n".join(ROW.format(date=a["date"], href=a["path"], title=a["title"]) for a in articles)
    listing = root / "news" / "list.html"
    listing.parent.mkdir(parents=True, exist_ok=True)
    listing.write_text(LIST.format(site=site, rows=rows), encoding="utf-8")
    return root
