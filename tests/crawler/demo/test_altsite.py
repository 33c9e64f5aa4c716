"""The second test site (Hanweb-style layout) and its fault routes, as a crawler will meet them."""
import json
import re
from urllib.parse import urljoin, urlsplit

import pytest
from parsel import Selector

from tests.crawler.demo.helpers import ALTSITE, body_span, decode_page, load_expected, page_text, request, squeeze

EXPECTED = load_expected("altsite")
FAULTS = EXPECTED["faults"]
ARTICLES = EXPECTED["articles"]


def list_rows(path: str) -> list[str]:
    sel = Selector(text=(ALTSITE / path.lstrip("/")).read_text(encoding="utf-8"))
    return sel.css("table.list-table td.bt-list a::attr(href)").getall()


def test_site_shape():
    article_files = list((ALTSITE / "art").rglob("*.html"))
    assert 8 <= len(article_files) <= 10
    assert len(EXPECTED["list_pages"]) in (2, 3)
    assert not list(ALTSITE.rglob("index_1.html"))  # unlike the demo's TRS index_N paging


def test_list_pages_chain_by_static_next_links():
    path, walked = EXPECTED["start"], []
    while path:
        walked.append(path)
        sel = Selector(text=(ALTSITE / path.lstrip("/")).read_text(encoding="utf-8"))
        assert "createPageHTML" not in sel.get()
        nxt = sel.xpath("//td[@class='pager']/a[.='下页']/@href").getall()
        path = urlsplit(urljoin("http://alt.local" + path, nxt[0])).path if nxt else None
        assert len(walked) < 10
    assert walked == EXPECTED["list_pages"]


def test_list_rows_cover_articles_faults_and_the_off_host_link():
    links = [link for page in EXPECTED["list_pages"] for link in list_rows(page)]
    on_host = {link for link in links if link.startswith("/")}
    assert {a["path"] for a in ARTICLES} <= on_host
    assert set(FAULTS.values()) <= on_host
    assert set(EXPECTED["dead"]) <= on_host
    assert set(EXPECTED["off_host"]) == {link for link in links if not link.startswith("/")}


def test_list_and_article_pages_answer_200_with_utf8_header(altsite):
    for path in EXPECTED["list_pages"] + [a["path"] for a in ARTICLES]:
        status, headers, _ = request(altsite.base_url, path)
        assert status == 200, path
        assert headers["content-type"] == "text/html; charset=utf-8", path


def test_error_article_answers_500_every_time(altsite):
    for _ in range(3):
        status, _, _ = request(altsite.base_url, FAULTS["status_500"])
        assert status == 500


def test_dead_link_is_404(altsite):
    for path in EXPECTED["dead"]:
        assert request(altsite.base_url, path)[0] == 404


def test_slow_article_misses_a_one_second_timeout(altsite):
    routes = json.loads((ALTSITE / "_routes.json").read_text(encoding="utf-8"))
    assert routes[FAULTS["slow"]]["delay"] >= 2.0  # DOWNLOAD_TIMEOUT=1 in tests must expire, with margin
    with pytest.raises(TimeoutError):
        request(altsite.base_url, FAULTS["slow"], timeout=0.3)


def test_truncated_article_is_complete_http_but_cut_html(altsite):
    record = next(a for a in ARTICLES if a["path"] == FAULTS["truncated"])
    status, headers, body = request(altsite.base_url, FAULTS["truncated"])
    full = (ALTSITE / FAULTS["truncated"].lstrip("/")).read_bytes()
    assert status == 200
    assert int(headers["content-length"]) == len(body) < len(full)
    assert full.startswith(body)
    text = body.decode("utf-8")  # cut on a character boundary
    assert "</html>" not in text
    assert text.rstrip().endswith(record["body_last"])
    for phrase in record["not_served"]:
        assert phrase not in text and phrase in full.decode("utf-8")


def test_gbk_article_is_served_with_a_false_utf8_header(altsite):
    status, headers, body = request(altsite.base_url, FAULTS["gbk_mislabelled"])
    assert status == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert re.search(rb'charset=gbk"', body)
    assert "青禾街道开展春季爱国卫生运动" in body.decode("gbk")


def test_non_article_page_is_reachable(altsite):
    status, _, body = request(altsite.base_url, FAULTS["non_article"])
    assert status == 200
    assert "联系我们" in body.decode("utf-8")
    assert FAULTS["non_article"] in EXPECTED["not_articles"]


def test_not_articles_include_every_fault_but_the_archivable_ones():
    assert {FAULTS["status_500"], FAULTS["slow"], FAULTS["non_article"]} <= set(EXPECTED["not_articles"])
    assert set(EXPECTED["list_pages"]) <= set(EXPECTED["not_articles"])
    archived = {a["path"] for a in ARTICLES}
    assert {FAULTS["truncated"], FAULTS["gbk_mislabelled"]} <= archived
    assert not archived & set(EXPECTED["not_articles"])


@pytest.mark.parametrize("art", ARTICLES, ids=[a["path"] for a in ARTICLES])
def test_expected_record_agrees_with_the_served_page(altsite, art):
    status, _, data = request(altsite.base_url, art["path"])
    assert status == 200
    raw = decode_page(data)
    text = page_text(data)
    assert squeeze(art["title"]) in text
    date, _, clock = art["published"].partition("T")
    assert (f"{date} {clock}" if clock else date) in raw
    assert squeeze("来源：" + art["source"]) in text
    if art["editor"]:
        assert squeeze("责任编辑：" + art["editor"]) in text
    for name in (art["author"] or "").split():
        assert name in text
    body = body_span(text, art["body_first"], art["body_last"])
    for phrase in art["must_include"]:
        assert squeeze(phrase) in body, phrase
    captions = {squeeze(img["caption"]) for img in art["images"]}
    for phrase in art["must_exclude"]:
        assert squeeze(phrase) in text, f"{phrase!r} is not on the page: nothing to exclude"
        if squeeze(phrase) not in captions:
            assert squeeze(phrase) not in body, phrase
    for img in art["images"]:
        assert img["src_path"] in raw
        assert (ALTSITE / img["src_path"].lstrip("/")).read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
