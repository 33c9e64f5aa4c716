"""The bundled demo site: encodings, links, pagination and the hand-written expected records."""
import re
import tomllib
from urllib.parse import urljoin, urlsplit

import pytest
from parsel import Selector

from crawler.demo.server import DEMO_SITE
from tests.crawler.demo.helpers import (SITES_DIR, body_span, decode_page, declared_charset, load_expected,
                                        page_text, request, squeeze)

EXPECTED = load_expected("demo")
DEMO_MARK = "演示站点：内容为示例，非官方发布"
PROFILES = {slug: tomllib.loads((SITES_DIR / f"{slug}.toml").read_text(encoding="utf-8"))
            for slug in ("demo-changning", "demo-xinjing")}
ARTICLES = EXPECTED["articles"]


def html_files(prefix: str):
    return sorted(p for p in (DEMO_SITE / prefix.strip("/")).rglob("*.html"))


def site_path(file) -> str:
    return "/" + file.relative_to(DEMO_SITE).as_posix()


def exists(path: str) -> bool:
    target = DEMO_SITE / path.lstrip("/")
    return target.is_file() or (target / "index.html").is_file()


def select(sel: Selector, query: str):
    return sel.xpath(query) if query.startswith(("/", "./", "(")) else sel.css(query)


# ------------------------------------------------------------------ size and shape
def test_site_is_small_and_has_enough_articles():
    total = sum(p.stat().st_size for p in DEMO_SITE.rglob("*") if p.is_file())
    assert total < 1_000_000
    assert len(ARTICLES) >= 15
    for site in ("demo-changning", "demo-xinjing"):
        assert len([a for a in ARTICLES if a["site"] == site]) >= 7
        assert len([p for p in EXPECTED["list_pages"] if p.startswith(EXPECTED["sites"][site]["prefix"])]) >= 3


def test_every_page_is_marked_as_a_demo_copy():
    for file in html_files("/"):
        assert DEMO_MARK in decode_page(file.read_bytes()), site_path(file)


def test_robots_txt_keeps_crawlers_out_of_admin(demo):
    status, headers, body = request(demo.base_url, "/robots.txt")
    assert status == 200 and headers["content-type"].startswith("text/plain")
    assert "Disallow: /qu/admin/" in body.decode("ascii")
    assert all(path.startswith("/qu/admin/") for path in EXPECTED["robots_disallowed"])


# ------------------------------------------------------------------ encodings
def test_district_pages_are_utf8_and_say_so_in_the_header(demo):
    files = html_files("/qu/")
    assert len(files) >= 12
    for file in files:
        data = file.read_bytes()
        data.decode("utf-8")  # strict
        assert declared_charset(data) == "utf-8"
        status, headers, body = request(demo.base_url, site_path(file))
        assert (status, body) == (200, data)
        assert headers["content-type"] == "text/html; charset=utf-8", site_path(file)


def test_town_pages_are_gbk_bytes_with_no_charset_in_the_header(demo):
    files = html_files("/xjz/")
    assert len(files) >= 12
    for file in files:
        data = file.read_bytes()
        text = data.decode("gbk")  # strict
        assert text.encode("gbk") == data
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")  # real GBK, not UTF-8 that merely declares gb2312
        assert "新泾镇" in text
        assert declared_charset(data) in ("gb2312", "gbk")
        status, headers, body = request(demo.base_url, site_path(file))
        assert (status, body) == (200, data)
        assert headers["content-type"] == "text/html", site_path(file)


# ------------------------------------------------------------------ lists, links and pagination
def list_links(path: str) -> list[str]:
    slug = "demo-changning" if path.startswith("/qu/") else "demo-xinjing"
    data = (DEMO_SITE / path.lstrip("/")).read_bytes()
    sel = Selector(text=decode_page(data))
    base = "http://demo.local" + path
    return [urlsplit(urljoin(base, href)).path
            for href in select(sel, PROFILES[slug]["list"]["article_links"]).xpath("@href").getall()]


def test_every_list_link_resolves_except_the_deliberate_dead_ones():
    seen = []
    for path in EXPECTED["list_pages"]:
        for link in list_links(path):
            seen.append(link)
            assert exists(link) != (link in EXPECTED["dead"]), (path, link)
    assert set(EXPECTED["dead"]) <= set(seen)
    article_paths = {a["path"] for a in ARTICLES}
    assert article_paths <= set(seen)  # every expected article is reachable from a list


def test_each_list_has_a_non_article_item_somewhere():
    for list_path, topic in EXPECTED["topic_links_in_lists"].items():
        assert topic in list_links(list_path)
        assert topic in EXPECTED["not_articles"] and exists(topic)


def test_url_patterns_tell_articles_from_other_pages():
    for slug, profile in PROFILES.items():
        pattern = re.compile(profile["list"]["article_url_pattern"])
        prefix = EXPECTED["sites"][slug]["prefix"]
        for art in (a for a in ARTICLES if a["site"] == slug):
            assert pattern.search("http://127.0.0.1:8157" + art["path"]), art["path"]
        for path in EXPECTED["not_articles"]:
            if path.startswith(prefix) and path not in EXPECTED["dead"]:
                assert not pattern.search("http://127.0.0.1:8157" + path), path


def test_district_pager_is_written_by_script_only():
    pages = [p for p in EXPECTED["list_pages"] if p.startswith("/qu/")]
    for number, path in enumerate(pages):
        data = (DEMO_SITE / path.lstrip("/")).read_text(encoding="utf-8")
        assert f'createPageHTML({len(pages)}, {number}, "index", "html");' in data
        assert "<noscript" not in data and "下一页" not in data
        expected_name = "index.html" if number == 0 else PROFILES["demo-changning"]["pagination"][
            "index_pattern"].format(n=number)
        assert path.endswith("/" + expected_name)
    script = (DEMO_SITE / "qu" / "js" / "page.js").read_text(encoding="utf-8")
    assert "function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt)" in script


def test_town_pager_next_links_walk_all_list_pages():
    xpath = PROFILES["demo-xinjing"]["pagination"]["next_link"]
    path, walked = PROFILES["demo-xinjing"]["start_urls"][0], []
    while path:
        walked.append(path)
        sel = Selector(text=decode_page((DEMO_SITE / path.lstrip("/")).read_bytes()))
        hrefs = sel.xpath(xpath).xpath("@href").getall()
        path = urlsplit(urljoin("http://demo.local" + path, hrefs[0])).path if hrefs else None
        assert len(walked) < 10
    assert walked == [p for p in EXPECTED["list_pages"] if p.startswith("/xjz/")]


def test_profiles_follow_the_schema():
    for slug, profile in PROFILES.items():
        assert profile["slug"] == slug and re.fullmatch(r"[a-z0-9-]+", slug)
        assert profile["level"] in ("市", "区", "县", "镇", "街道", "乡")
        assert profile["demo"] is True and profile["verified"] is True and profile["enabled"] is True
        assert profile["start_urls"] == [EXPECTED["sites"][slug]["start"]]
        assert profile["pagination"]["mode"] in ("auto", "next_link", "index_n", "none")
        assert all(isinstance(v, list) and v for v in profile["fields"].values())
    assert PROFILES["demo-xinjing"]["parent"] == "demo-changning"
    assert PROFILES["demo-changning"]["parent"] == ""


def test_profile_field_selectors_find_their_element_on_every_article():
    for art in ARTICLES:
        profile = PROFILES[art["site"]]
        sel = Selector(text=decode_page((DEMO_SITE / art["path"].lstrip("/")).read_bytes()))
        for field in ("title", "body"):
            assert any(select(sel, q) for q in profile["fields"][field]), (art["path"], field)
        texts = [squeeze(" ".join(select(sel, q).xpath("string()").getall())) for q in profile["fields"]["published"]]
        date = art["published"][:10]
        y, m, d = date.split("-")
        assert any(date in t or f"{y}年{int(m)}月{int(d)}日" in t for t in texts), art["path"]


# ------------------------------------------------------------------ the expected records match the pages
@pytest.mark.parametrize("art", ARTICLES, ids=[a["path"] for a in ARTICLES])
def test_expected_record_agrees_with_the_served_page(demo, art):
    status, _, data = request(demo.base_url, art["path"])
    assert status == 200
    raw = decode_page(data)
    text = page_text(data)
    assert squeeze(art["title"]) in text
    if art["subtitle"]:
        assert squeeze(art["subtitle"]) in text
    date, _, clock = art["published"].partition("T")
    y, m, d = date.split("-")
    assert (f"{date} {clock}" if clock else date) in raw or f"{y}年{int(m)}月{int(d)}日" in raw
    assert squeeze("来源：" + art["source"]) in text
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
        assert (DEMO_SITE / img["src_path"].lstrip("/")).read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    for att in art["attachments"]:
        assert f'href="{att["path"]}"' in raw and att["name"] in raw
        pdf = (DEMO_SITE / att["path"].lstrip("/")).read_bytes()
        assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")


def test_the_repost_has_the_same_body_as_its_original(demo):
    for art in (a for a in ARTICLES if a.get("repost_of")):
        original = next(a for a in ARTICLES if a["path"] == art["repost_of"])
        bodies = []
        for rec in (art, original):
            _, _, data = request(demo.base_url, rec["path"])
            bodies.append(body_span(page_text(data), rec["body_first"], rec["body_last"]))
        assert bodies[0] == bodies[1]
        assert art["site"] != original["site"]


def test_non_articles_and_dead_links_answer_as_declared(demo):
    for path in EXPECTED["not_articles"]:
        status, _, _ = request(demo.base_url, path)
        assert status == (404 if path in EXPECTED["dead"] else 200), path
