"""``sites check SLUG`` against a local copy of a profile's site."""
from __future__ import annotations

import datetime

from crawler.profiles import load_profile
from tests.crawler.conftest import run_cli

PROFILE = """\
# a comment that must survive the check
slug = "local-trs"
name = "本地 TRS 站"
level = "区"
base_url = "{base}"
start_urls = ["/col1234/index.html"]
verified = false

[list]
article_links = "ul.news-list li a"
article_url_pattern = '/col\\d+/\\d{{8}}/\\d+\\.html$'

[pagination]
mode = "index_n"

[fields]
title = ["//meta[@name='ArticleTitle']/@content"]
body = ["{body}"]
"""


def _write(tmp_path, base: str, body: str = "div.TRS_Editor"):
    path = tmp_path / "local-trs.toml"
    path.write_text(PROFILE.format(base=base, body=body), encoding="utf-8")
    return path


def test_check_reports_fields_and_marks_the_profile_verified(trs_server, tmp_path):
    site, server = trs_server
    path = _write(tmp_path, server.base_url)
    result = run_cli("sites", "check", "local-trs", "--sites-dir", str(tmp_path))
    assert result.code == 0, result.out + result.err
    assert "article links  7" in result.out
    assert "index_1.html" in result.out
    first = site.articles[0]
    assert server.url(first) in result.out
    assert "ok title" in result.out and "[//meta[@name='ArticleTitle']/@content]" in result.out
    assert "ok body" in result.out and "[div.TRS_Editor]" in result.out
    assert "ok published 2023-03-31T09:30" in result.out
    profile = load_profile(path)
    assert profile.verified is True
    assert profile.verified_on == datetime.date.today().isoformat()
    assert path.read_text(encoding="utf-8").startswith("# a comment that must survive the check")


def test_check_fails_on_a_selector_that_matches_nothing(trs_server, tmp_path):
    site, server = trs_server
    path = _write(tmp_path, server.base_url, body="div.article-body")
    result = run_cli("sites", "check", "local-trs", "--sites-dir", str(tmp_path))
    assert result.code == 7, result.out + result.err
    assert "!! body" in result.out and "div.article-body" in result.err
    assert load_profile(path).verified is False


def test_check_fails_when_the_list_yields_no_article(trs_server, tmp_path):
    site, server = trs_server
    path = _write(tmp_path, server.base_url)
    path.write_text(path.read_text(encoding="utf-8").replace("ul.news-list li a", "ol.items a"),
                    encoding="utf-8")
    result = run_cli("sites", "check", "local-trs", "--sites-dir", str(tmp_path))
    assert result.code == 7
    assert "no article links" in result.err


def test_check_of_an_unreachable_site_fails_in_one_line(tmp_path):
    _write(tmp_path, "http://127.0.0.1:9")
    result = run_cli("sites", "check", "local-trs", "--sites-dir", str(tmp_path))
    assert result.code == 7
    assert "list page" in result.err and "Traceback" not in result.err


def test_site_tools_obey_robots_txt(tmp_path):
    from tests.crawler.probe.sites import BUILDERS, SiteServer

    site = BUILDERS["trs"]()
    site.pages["/robots.txt"] = (b"User-agent: *\nDisallow: /col1234/\n", "text/plain")
    with SiteServer(site) as server:
        result = run_cli("sites", "probe", server.url(site.start_path))
    assert result.code == 1 and "disallowed by robots.txt" in result.err
