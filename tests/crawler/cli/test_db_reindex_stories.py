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
