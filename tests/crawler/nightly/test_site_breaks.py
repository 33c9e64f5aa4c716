"""A site that changes its template overnight, or starts blocking us, is reported - never a plain success."""
from __future__ import annotations

import json
from pathlib import Path

from tests.crawler.conftest import run_cli

NOTICE = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>提示</title></head><body>"
          "<p>您的访问过于频繁，请稍后再试。</p></body></html>")
CHALLENGE = ("<html><head><script>var x='__jsl_clearance=1690000000.123|0|abc';"
             "document.cookie=x;location.href=location.pathname+location.search;</script></head></html>")


def _health(site, *extra: str):
    return run_cli("health", "--db", site.db_url, *extra)


def test_a_template_change_overnight_is_flagged_and_named_by_health(night_site, tmp_path):
    assert night_site.nightly().code == 0
    healthy = _health(night_site)
    assert healthy.code == 0, healthy.err + healthy.out
    # overnight the CMS renames the list's class: the profile's selector finds no article link
    night_site.publish(5)
    for page in Path(night_site.root, "col1").glob("index*.html"):
        page.write_text(page.read_text(encoding="utf-8").replace('class="news-list"', 'class="xxgk-list"'),
                        encoding="utf-8")
    result = night_site.nightly()
    assert result.code == 4, result.err + result.out  # finished, but flagged
    run = night_site.runs()[0]
    assert (run["status"], run["flags"], run["new"]) == ("suspect", ["no_links"], 0)
    prom = tmp_path / "jiezhen.prom"
    report = _health(night_site, "--format", "json", "--prometheus", str(prom))
    assert report.code == 6
    assert "jiezhen health: night: flagged: last run suspect (no_links)" in report.err
    (site,) = json.loads(report.out)
    assert site["site"] == "night" and not site["healthy"] and site["last_new"] == 0
    text = prom.read_text(encoding="utf-8")
    assert 'jiezhen_site_healthy{site="night"} 0.0' in text
    assert 'jiezhen_site_last_run_new_articles{site="night"} 0.0' in text


def test_a_blocking_site_is_stopped_and_reported(night_site):
    # every article answers 412 with a cookie-setting script (a WAF challenge)
    for path in night_site.paths:
        night_site.server.routes[path] = {"status": 412}
        Path(night_site.root, path.lstrip("/")).write_text(CHALLENGE, encoding="utf-8")
    result = night_site.nightly("-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2", "-s", "JIEZHEN_BLOCK_LIMIT=5")
    assert result.code == 3, result.err + result.out
    run = night_site.runs()[0]
    assert (run["status"], run["finish_reason"]) == ("blocked", "blocked")
    assert run["errors"]["blocked"] >= 5
    assert len(night_site.article_hits()) < 20  # stopped for the night, not 60 requests into a wall
    assert night_site.archived_urls() == set()  # a challenge page is never an article
    report = _health(night_site)
    assert report.code == 6
    assert "night: flagged: last run blocked" in report.err


def test_block_notices_on_200_pages_are_counted_blocked_and_not_archived(night_site):
    noticed = night_site.paths[10:13]
    for path in noticed:
        Path(night_site.root, path.lstrip("/")).write_text(NOTICE, encoding="utf-8")
    result = night_site.nightly()
    assert result.code == 0, result.err + result.out
    run = night_site.runs()[0]
    assert run["errors"] == {"blocked": 3} and run["new"] == 57
    assert not {night_site.url(p) for p in noticed} & night_site.archived_urls()
