"""``jiezhen import`` of our own JSONL export: SQLite -> PostgreSQL -> SQLite gives the same
articles, sightings, versions and content hashes; bad lines are named by line number."""
from __future__ import annotations

import json
from datetime import datetime, timezone

from pipelines.logic.dedup import fingerprint
from storage.archive import Archive
from storage.records import Article, Capture, WarcRef
from tests.crawler.importing.helpers import export, run_import

REPORT = ("2月9日下午，新华路街道召开2023年社区治理工作会议，总结2022年社区治理工作，部署2023年重点任务。"
          "会上，街道党工委书记回顾了过去一年在居民区党建、美丽家园建设、口袋空间微更新等方面取得的成绩，"
          "并对做好今年工作提出三点要求。番禺居民区、法华居民区、新华居民区党组织书记作交流发言。")


def _source_archive(url: str) -> None:
    """Three articles: one with two versions, one repost of it on another site, one alone."""
    t = [datetime(2023, 2, d, 8, 0, tzinfo=timezone.utc) for d in (10, 11, 12)]
    first = Article(url="https://qu.example.gov.cn/a.html", site="qu", title="新华路街道召开社区治理工作会议",
                    body=REPORT, published="2023-02-10", source="新华路街道")
    changed = Article(**{**first.to_record(), "content_hash": "", "body": REPORT + "\n（编辑：周敏）"})
    repost = Article(url="https://xhl.example.gov.cn/b.html", site="xhl", title="社区治理工作会议召开",
                     body=REPORT + "\n来源：长宁区", published="2023-02-11", source="长宁区")
    alone = Article(url="https://qu.example.gov.cn/c.html", site="qu", title="另一篇",
                    body="天山路街道开展垃圾分类宣传活动，志愿者走进居民区。" * 3, published="2023-02-12")
    ref = WarcRef(warc_file="qu-20230210T080000-1.warc.gz", record_id="<urn:uuid:1>", offset=1234,
                  length=567, payload_digest="sha1:ABC", url=first.url)
    capture = Capture(url=first.url, fetched_at=t[0], status=200, headers={"Content-Type": "text/html"},
                      body=b"<html>...</html>", encoding="utf-8", warc=ref)
    with Archive.open(url, migrate=True) as archive:
        archive.store_batch([(first, capture)], seen_at=t[0], fingerprints=[fingerprint(first.title, first.body)])
        archive.store_batch([(changed, None)], seen_at=t[1], fingerprints=[fingerprint(changed.title, changed.body)])
        archive.store_batch([(repost, None), (alone, None)], seen_at=t[2],
                            fingerprints=[fingerprint(a.title, a.body) for a in (repost, alone)])


def _comparable(records: list[dict]) -> dict[str, dict]:
    """Records by URL with database ids replaced by the URLs they stand for."""
    by_id = {r["id"]: r["url"] for r in records}
    out = {}
    for record in records:
        r = {k: v for k, v in record.items() if k != "id"}
        r["duplicate_of"] = by_id.get(record["duplicate_of"])
        r["sightings"] = [{**s, "id": by_id[s["id"]], "duplicate_of": by_id.get(s["duplicate_of"])}
                          for s in record["sightings"]]
        out[record["url"]] = r
    return out


def test_round_trip_sqlite_postgresql_sqlite(tmp_path, sqlite_url, postgres_url, capsys):
    _source_archive(sqlite_url)
    original = export(sqlite_url, capsys)
    by_url = {r["url"]: r for r in original}
    a, b = by_url["https://qu.example.gov.cn/a.html"], by_url["https://xhl.example.gov.cn/b.html"]
    assert a["version"] == 2 and len(a["versions"]) == 1 and b["duplicate_of"] == a["id"]  # the set-up holds
    assert a["capture"]["warc_offset"] == 1234 and a["captures"][0]["digest"].startswith("sha256:")
    first = tmp_path / "one.jsonl"
    first.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in original), encoding="utf-8")
    code, out, err = run_import(str(first), "--db", postgres_url, capsys=capsys)
    assert code == 0 and "3 new" in out, err
    on_postgres = export(postgres_url, capsys)
    second = tmp_path / "two.jsonl"
    second.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in on_postgres), encoding="utf-8")
    back = str(tmp_path / "back.db")
    code, out, err = run_import(str(second), "--db", f"sqlite:///{back}", capsys=capsys)
    assert code == 0, err
    assert _comparable(export(f"sqlite:///{back}", capsys)) == _comparable(on_postgres) == _comparable(original)
    # the restored stories are indexed: a new copy of the report links to them
    with Archive.open(f"sqlite:///{back}") as archive:
        copy = Article(url="https://hq.example.gov.cn/d.html", site="hq", title="会议", body=REPORT + "\n转载",
                       published="2023-02-13")
        result = archive.store_batch([(copy, None)], fingerprints=[fingerprint(copy.title, copy.body)])
    assert result.reposts and result.reposts[0][1] == {r["url"]: r for r in export(
        f"sqlite:///{back}", capsys)}["https://qu.example.gov.cn/a.html"]["id"]
    # and importing again adds nothing
    code, out, _ = run_import(str(second), "--db", f"sqlite:///{back}", capsys=capsys)
    assert code == 0 and "0 new, 0 updated, 3 duplicate" in out


def test_bad_lines_are_named_and_skipped(tmp_path, sqlite_url, capsys):
    _source_archive(sqlite_url)
    lines = [json.dumps(r, ensure_ascii=False) for r in export(sqlite_url, capsys)]
    edited = json.loads(lines[2])
    edited["body"] += "改"
    path = tmp_path / "in.jsonl"
    path.write_bytes("\n".join([lines[0], "{not json", lines[1]]).encode() + b"\n\xff\xfe{}\n"
                     + json.dumps(edited, ensure_ascii=False).encode() + b"\n[1, 2]\n")
    code, out, err = run_import(str(path), "--db", f"sqlite:///{tmp_path / 'x.db'}", capsys=capsys)
    assert code == 8
    assert f"{path}:2: not JSON" in err
    assert f"{path}:4: not UTF-8" in err
    assert f"{path}:5: " in err and "content_hash is not the hash of the body" in err
    assert f"{path}:6: not a JSON object" in err
    assert "2 new" in out
