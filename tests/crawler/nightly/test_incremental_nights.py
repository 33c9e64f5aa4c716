"""Three nights against a site that publishes between them: only list pages and new articles."""
from __future__ import annotations

from pathlib import Path


def test_second_and_third_nights_fetch_only_list_pages_and_new_articles(night_site):
    first = night_site.nightly()
    assert first.code == 0, first.err + first.out
    assert len(night_site.archived_urls()) == 60
    assert set(night_site.article_hits()) == set(night_site.paths)

    for count in (5, 12):
        new_paths = night_site.publish(count)
        night_site.server.hits.clear()
        result = night_site.nightly()
        assert result.code == 0, result.err + result.out
        # every article page fetched is a new one, each once
        assert night_site.article_hits() == {p: 1 for p in new_paths}
        # list pages: the first (new ones), then overlap 1 -> at most two more pages of old articles
        assert len(night_site.list_hits()) <= 3, night_site.list_hits()
        assert sum(night_site.server.hits.values()) <= count + 3 + 1  # + robots.txt
        assert night_site.archived_urls() >= {night_site.url(p) for p in new_paths}
        run = night_site.runs()[0]
        assert (run["status"], run["new"], run["changed"]) == ("finished", count, 0)
        assert run["known"] > 0
    assert len(night_site.archived_urls()) == 60 + 5 + 12


def test_full_fetches_everything_again(night_site):
    assert night_site.nightly().code == 0
    night_site.server.hits.clear()
    result = night_site.nightly("--full")
    assert result.code == 0, result.err
    assert set(night_site.article_hits()) == set(night_site.paths)
    assert night_site.runs()[0]["unchanged"] == 60


def test_due_articles_are_rechecked_with_conditional_get(night_site):
    assert night_site.nightly().code == 0
    # one article is edited on the site; everything is due for a re-check (interval 0)
    edited = night_site.paths[7]
    page = Path(night_site.root, edited.lstrip("/"))
    page.write_text(page.read_text(encoding="utf-8").replace("</div>\n<div class=\"editor\">",
                                                             "<p>　　（本文有更正。）</p></div>\n<div class=\"editor\">"),
                    encoding="utf-8")
    night_site.server.hits.clear()
    result = night_site.nightly("-s", "JIEZHEN_RECHECK_DAYS=0")
    assert result.code == 0, result.err
    run = night_site.runs()[0]
    # nothing is new, so paging stops after two list pages of archived articles (overlap 1);
    # their 40 articles were all re-checked: 39 answered 304, the edited one was fetched and stored
    assert run["list_pages"] == 2
    assert (run["not_modified"], run["changed"], run["new"]) == (39, 1, 0)
    with_body = [r for r in _records(night_site) if r["url"] == night_site.url(edited)]
    assert "本文有更正" in with_body[0]["body"] and with_body[0]["version"] == 2


def _records(site):
    from storage.archive import Archive

    with Archive.open(site.db_url) as archive:
        return list(archive.iter_records())
