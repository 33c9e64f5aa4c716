"""Generate a local news site of N articles in the style of a TRS district portal.

Used by the crawl benchmark (and reusable by load tests): list pages of 20 items
with a 下一页 link, article pages with the usual boilerplate (navigation, info line,
责任编辑, 相关链接, footer) and a few paragraphs of generated government-style prose
(benchmarks/prose.py: as varied as a real column's, so duplicate detection and search see
realistic text overlap).
"""
from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from benchmarks.prose import devset_writer

TOWNS = ["新泾镇", "北新泾街道", "程家桥街道", "虹桥街道", "华阳路街道", "江苏路街道", "新华路街道",
         "天山路街道", "周家桥街道", "仙霞新村街道"]
TOPICS = ["垃圾分类", "平安建设", "旧区改造", "为老服务", "营商环境", "社区治理", "防汛防台", "文明创建",
          "志愿服务", "消防安全", "人口普查", "创全迎检"]
EVENTS = ["召开{t}工作会议", "开展{t}专项行动", "举行{t}推进会", "部署{t}重点工作", "走访调研{t}情况"]
SENTENCES = [
    "会议传达学习了区委、区政府有关工作要求，并对下一阶段任务作了具体部署。",
    "与会人员围绕工作中存在的难点问题进行了深入交流，提出了意见建议。",
    "活动现场，志愿者们耐心向居民讲解相关政策，发放宣传资料两百余份。",
    "下一步，将进一步压实责任、细化措施，确保各项工作落地见效。",
    "据了解，今年以来已累计走访企业四十余家，协调解决问题十余个。",
    "居民们纷纷表示，这样的活动贴近生活，实实在在解决了身边的难题。",
    "会上，各职能部门分别汇报了近期工作推进情况和下一步工作打算。",
    "此次检查重点围绕安全隐患排查、制度落实和应急处置能力等方面展开。",
]

PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{title} - 示例区人民政府</title>
<meta name="ArticleTitle" content="{title}"><meta name="PubDate" content="{date} 09:30">
<meta name="ContentSource" content="{town}"></head>
<body><div class="header"><div class="nav"><a href="/index.html">首页</a> <a href="/zwgk/">政务公开</a>
<a href="/col1/index.html">街镇动态</a> <a href="/zt/">专题专栏</a> <a href="/lxwm.html">联系我们</a></div></div>
<div class="position">当前位置：<a href="/index.html">首页</a> &gt; <a href="/col1/index.html">街镇动态</a></div>
<div class="article"><h1 class="title">{title}</h1>
<div class="info">发布时间：{date} 09:30　来源：{town}　字号：<a>大</a> <a>中</a> <a>小</a>　<a>打印本页</a>　<a>关闭窗口</a></div>
<div class="TRS_Editor">{paragraphs}</div>{files}
<div class="editor">责任编辑：王小明</div>
<div class="related"><h3>相关链接</h3><ul><li><a href="/col1/index.html">更多街镇动态</a></li></ul></div>
</div><div class="footer">主办单位：示例区人民政府办公室　备案号：沪ICP备00000000号　演示站点：内容为示例</div>
</body></html>"""

LIST = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>街镇动态 - 示例区人民政府</title></head>
<body><div class="header"><div class="nav"><a href="/index.html">首页</a> <a href="/col1/index.html">街镇动态</a></div></div>
<div class="main"><ul class="news-list">
{items}
</ul><div class="pager">{pager}</div></div>
<div class="footer">主办单位：示例区人民政府办公室</div></body></html>"""


#: A site profile for the generated site (its list markup and 下一页 pager), for crawls that
#: need a configured site (nightly runs, benchmarks): ``profile_toml(slug, name, base_url)``.
PROFILE = """slug = "{slug}"
name = "{name}"
level = "区"
base_url = "{base}"
start_urls = ["/col1/index.html"]
[list]
article_links = "ul.news-list li a"
[pagination]
mode = "next_link"
next_link = "//div[@class='pager']/a[contains(., '下一页')]"
max_pages = 1000
"""


def profile_toml(slug: str, name: str, base_url: str) -> str:
    return PROFILE.format(slug=slug, name=name, base=base_url)


#: The 附件 block of an article with attachments (TRS puts it right after the editor box).
FILES = '\n<div class="fujian">附件：{links}</div>'
FILE_LINK = '<a href="{href}" title="{name}">{name}</a>'


def _file_bytes(kind: str, rnd: random.Random, size: int) -> bytes:
    """Small stand-ins with the right magic numbers (a PDF header and trailer; the OLE2
    header of a .doc), so content sniffers see what a real attachment would show."""
    filler = bytes(rnd.getrandbits(8) for _ in range(size))
    if kind == "pdf":
        return b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nstream\n" + filler + b"\nendstream\nendobj\n%%EOF\n"
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + filler


def write_attachments(root: Path, number: int, title: str, rnd: random.Random) -> str:
    """Write article ``number``'s PDF and DOC under /files/ and return its 附件 block."""
    files = root / "files"
    files.mkdir(parents=True, exist_ok=True)
    links = []
    for kind, size in (("pdf", rnd.randint(2000, 6000)), ("doc", rnd.randint(1000, 3000))):
        name = f"{number}.{kind}"
        (files / name).write_bytes(_file_bytes(kind, rnd, size))
        links.append(FILE_LINK.format(href=f"/files/{name}", name=f"{title}（附件）.{kind}"))
    return FILES.format(links=" ".join(links))


def _paragraph(rnd: random.Random) -> str:
    """Three sentences of body text: generated prose (benchmarks/prose.py) when the devset is
    beside the repository, else three of the fixed SENTENCES (every article then looks alike)."""
    writer = devset_writer()
    if writer is None:
        return "".join(rnd.sample(SENTENCES, 3))
    return writer.paragraph(rnd, 3)


def generate(root: Path, articles: int = 2000, per_page: int = 20, seed: int = 7, fresh: int = 0,
             attachments_every: int = 0) -> dict:
    """Write the site under ``root``; returns {"start": path, "articles": n, "list_pages": n,
    "paths": [article paths, newest first]}.

    ``fresh`` adds that many newer articles at the top of the list, as a site does between two
    nightly crawls: the ``articles`` older ones keep their URLs and bytes, so calling this again
    with a larger ``fresh`` on the same ``root`` simulates the next night.

    ``attachments_every`` = N > 0 gives every Nth older article a 附件 block linking a small
    PDF and a DOC under ``/files/`` (0, the default, keeps the site and its figures as before;
    the article texts are the same either way).
    """
    rnd = random.Random(seed)
    col = root / "col1"
    col.mkdir(parents=True, exist_ok=True)
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /admin/\n", encoding="utf-8")
    day = date(2023, 12, 31)
    entries = []
    for i in range(articles):
        if i % 3 == 0:
            day -= timedelta(days=1)
        town, topic = rnd.choice(TOWNS), rnd.choice(TOPICS)
        title = town + rnd.choice(EVENTS).format(t=topic)
        paragraphs = "".join(f"<p>　　{_paragraph(rnd)}</p>" for _ in range(rnd.randint(3, 8)))
        paragraphs = f"<p>　　{day.month}月{day.day}日上午，{title}。</p>" + paragraphs
        rel = f"{day:%Y%m%d}/{100000 + i}.html"
        path = col / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        files = ""
        if attachments_every and i % attachments_every == 0:  # own generator: texts stay the same
            files = write_attachments(root, 100000 + i, title, random.Random(seed * 7919 + i))
        path.write_text(PAGE.format(title=title, date=day.isoformat(), town=town,
                                    paragraphs=paragraphs, files=files), encoding="utf-8")
        entries.append((rel, title, day.isoformat()))
    newer = []
    for j in range(fresh):
        day = date(2024, 1, 1) + timedelta(days=j // 3)
        town, topic = TOWNS[j % len(TOWNS)], TOPICS[j % len(TOPICS)]
        title = f"{town}{EVENTS[j % len(EVENTS)].format(t=topic)}（第{j + 1}期）"
        fresh_rnd = random.Random(seed * 1000 + j)  # independent of how many fresh ones there are
        paragraphs = f"<p>　　{day.month}月{day.day}日，{title}。</p>" + "".join(
            f"<p>　　{_paragraph(fresh_rnd)}</p>" for _ in range(4))
        rel = f"{day:%Y%m%d}/{900000 + j}.html"
        path = col / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE.format(title=title, date=day.isoformat(), town=town,
                                    paragraphs=paragraphs, files=""), encoding="utf-8")
        newer.append((rel, title, day.isoformat()))
    entries = newer[::-1] + entries
    pages = [entries[i:i + per_page] for i in range(0, len(entries), per_page)]
    for n, chunk in enumerate(pages):
        name = "index.html" if n == 0 else f"index_{n}.html"
        items = "\n".join(f'<li><a href="{rel}">{title}</a><span>{d}</span></li>' for rel, title, d in chunk)
        pager = f'<a href="index_{n + 1}.html">下一页</a>' if n + 1 < len(pages) else ""
        (col / name).write_text(LIST.format(items=items, pager=pager), encoding="utf-8")
    return {"start": "/col1/index.html", "articles": len(entries), "list_pages": len(pages),
            "paths": [f"/col1/{rel}" for rel, _, _ in entries]}
