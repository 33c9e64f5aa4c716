"""``sites probe --write`` then ``crawl`` with the written profile, on three CMS families.

The crawl must archive exactly the articles each site holds (its full list, over every
list page), with no navigation, sidebar or other-column page among them.
"""
from __future__ import annotations

import json
import tomllib

from crawler.profiles import load_profile
from tests.crawler.conftest import FAST, export_records, run_cli


def test_probe_writes_a_profile_that_crawls_the_whole_site(cms_site, tmp_path):
    site, server = cms_site
    sites_dir = tmp_path / "sites"
    slug = f"local-{site.name}"
    probed = run_cli("sites", "probe", server.url(site.start_path), "--write", "--slug", slug,
                     "--sites-dir", str(sites_dir))
    assert probed.code == 0, probed.err
    path = sites_dir / f"{slug}.toml"
    profile = load_profile(path)
    assert profile.verified is False
    assert profile.article_url_pattern and profile.pagination.mode != "none"
    assert set(profile.fields) >= {"title", "published", "body"}

    db = f"sqlite:///{tmp_path / 'a.db'}"
    # every article must come: a 1 s timeout (FAST) can lose one on a loaded CI machine
    crawled = run_cli("crawl", slug, "--sites-dir", str(sites_dir), "--db", db, *FAST,
                      "-s", "DOWNLOAD_TIMEOUT=15")
    assert crawled.code == 0, crawled.out + crawled.err
    records = export_records(db)
    found = sorted(r["url"].replace(server.base_url, "") for r in records)
    assert found == sorted(site.articles)
    assert all(r["site"] == slug and r["title"] and r["published"] and r["body"] for r in records)
    runs = json.loads(run_cli("runs", "--format", "json", "--db", db).out)
    assert [run["errors"] for run in runs] == [{}]  # no page past the last one asked for (no 404)


def test_probe_without_write_prints_and_writes_nothing(trs_server, tmp_path):
    site, server = trs_server
    result = run_cli("sites", "probe", server.url(site.start_path), "--sites-dir", str(tmp_path / "s"))
    assert result.code == 0, result.err
    proposal = tomllib.loads(result.out)
    assert proposal["pagination"] == {"mode": "index_n", "index_pattern": "index_{n}.html",
                                      "max_pages": 100}
    assert proposal["level"] == "区" and proposal["region"] == "长宁区"
    assert not (tmp_path / "s").exists()


def test_probe_refuses_to_overwrite_and_reports_unreachable_pages(trs_server, tmp_path):
    site, server = trs_server
    args = ("sites", "probe", server.url(site.start_path), "--write", "--slug", "x",
            "--sites-dir", str(tmp_path))
    assert run_cli(*args).code == 0
    again = run_cli(*args)
    assert again.code == 1 and "exists" in again.err
    missing = run_cli("sites", "probe", server.url("/nowhere/index.html"))
    assert missing.code == 1 and "HTTP 404" in missing.err


def test_probe_with_unknown_parent_is_refused(trs_server, tmp_path):
    site, server = trs_server
    result = run_cli("sites", "probe", server.url(site.start_path), "--write", "--parent", "nosuch",
                     "--sites-dir", str(tmp_path))
    assert result.code == 1 and "nosuch" in result.err
    assert list(tmp_path.iterdir()) == []
