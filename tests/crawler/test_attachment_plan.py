"""Which attachment links a crawl fetches: the site's hosts (any port), a cap per article."""
from __future__ import annotations

from crawler.attachments import plan_captures


def _links(*urls: str) -> list[dict]:
    return [{"url": url, "name": f"附件{i}"} for i, url in enumerate(urls)]


def test_own_hosts_only_any_port_and_subdomains():
    plan = plan_captures(_links("http://127.0.0.1:8080/a.pdf", "http://files.x.gov.cn/b.doc",
                                "http://x.gov.cn.evil.com/c.pdf", "https://other.gov.cn/d.pdf"),
                         [], allowed_domains=["127.0.0.1", "x.gov.cn"], limit=20, with_images=False)
    assert [url for url, _, _ in plan.fetch] == ["http://127.0.0.1:8080/a.pdf", "http://files.x.gov.cn/b.doc"]
    assert plan.offsite == 2


def test_at_most_the_limit_and_images_only_when_asked():
    links = _links(*(f"http://x.gov.cn/{n}.pdf" for n in range(5)), "http://x.gov.cn/0.pdf")
    images = [{"src": "http://x.gov.cn/p.jpg", "caption": "现场"}]
    plan = plan_captures(links, images, allowed_domains=["x.gov.cn"], limit=3, with_images=False)
    assert [url for url, _, _ in plan.fetch] == [f"http://x.gov.cn/{n}.pdf" for n in range(3)]
    assert plan.over_limit == 2  # the repeated link is not counted twice
    plan = plan_captures([], images, allowed_domains=["x.gov.cn"], limit=3, with_images=True)
    assert plan.fetch == [("http://x.gov.cn/p.jpg", "现场", "image")]
