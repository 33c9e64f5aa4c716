"""``jiezhen db reindex`` adds articles archived before the story index to it."""
from storage.archive import Archive
from storage.records import Article
from tests.crawler.conftest import export_records, run_cli

BODY = ("3月5日上午，区委召开常委会会议，传达学习全国两会精神，研究部署我区贯彻落实工作。区委书记周立群主持会议。\n"
        "会议指出，全区各级各部门要把学习贯彻全国两会精神作为当前和今后一个时期的重要政治任务。")


def test_reindex_links_reposts_archived_before_the_story_index(sqlite_url):
    with Archive.open(sqlite_url, migrate=True) as archive:  # stored without fingerprints
        archive.store_batch([
            (Article(url="http://town.cn/1.html", site="town", title="常委会", body=BODY, published="2024-03-05"), None),
            (Article(url="http://qu.cn/7.html", site="qu", title="区委常委会会议", body="来源：区融媒体中心\n" + BODY,
                     published="2024-03-06"), None),
        ])
    result = run_cli("db", "reindex", "--db", sqlite_url)
    assert result.code == 0, result.err
    assert "story index: 2 articles added, 1 linked as reposts" in result.out
    records = {r["url"]: r for r in export_records(sqlite_url)}
    assert records["http://qu.cn/7.html"]["duplicate_of"] == records["http://town.cn/1.html"]["id"]
    again = run_cli("db", "reindex", "--db", sqlite_url)
    assert again.code == 0 and "story index" not in again.out  # nothing left to add


def _keys(url: str) -> int:
    with Archive.open(url) as archive, archive._engine.connect() as conn:  # noqa: SLF001
        return conn.exec_driver_sql("SELECT (SELECT count(*) FROM story_keys) "
                                    "+ (SELECT count(*) FROM story_keys_recent)").scalar_one()


def test_reindex_of_a_linked_archive_without_keys_keeps_every_story(sqlite_url):
    """An archive whose story keys are gone (a change of the band scheme empties them) is
    re-indexed by ``db reindex`` into the same stories, including one whose canonical copy was
    archived after its repost (it used to be linked to itself)."""
    from datetime import datetime, timedelta, timezone

    from pipelines.logic.dedup import fingerprint
    from pipelines.logic.dedup.patterns import BANDS

    def copy(url, site, body, published):
        return Article(url=url, site=site, title="常委会", body=body, published=published)

    first_seen = datetime(2024, 3, 8, tzinfo=timezone.utc)
    with Archive.open(sqlite_url, migrate=True) as archive:
        for n, article in enumerate([copy("http://qu.cn/7.html", "qu", "来源：区融媒体中心\n" + BODY, "2024-03-06"),
                                     copy("http://town.cn/1.html", "town", BODY, "2024-03-05"),
                                     copy("http://jd.cn/3.html", "jd", BODY + "\n（街道供稿）", "2024-03-07"),
                                     copy("http://qu.cn/9.html", "qu", BODY.replace("3月5日", "3月19日"), "2024-03-19")]):
            archive.store_batch([(article, None)], seen_at=first_seen + timedelta(hours=n),
                                fingerprints=[fingerprint(article.title, article.body)])
    before = {r["url"]: r["duplicate_of"] for r in export_records(sqlite_url)}
    ids = {r["url"]: r["id"] for r in export_records(sqlite_url)}
    town = ids["http://town.cn/1.html"]
    assert before == {"http://qu.cn/7.html": town, "http://town.cn/1.html": None,
                      "http://jd.cn/3.html": town, "http://qu.cn/9.html": None}
    with Archive.open(sqlite_url) as archive, archive._engine.begin() as conn:  # noqa: SLF001
        conn.exec_driver_sql("DELETE FROM story_keys")
        conn.exec_driver_sql("DELETE FROM story_keys_recent")
    assert _keys(sqlite_url) == 0
    result = run_cli("db", "reindex", "--db", sqlite_url)
    assert result.code == 0, result.err
    assert "story index: 4 articles added" in result.out
    assert {r["url"]: r["duplicate_of"] for r in export_records(sqlite_url)} == before
    assert _keys(sqlite_url) == 4 * BANDS
