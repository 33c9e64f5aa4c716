"""Crawls that meet one story twice, a page edited in place, and two crawlers at once.

Real ``jiezhen`` processes crawl local sites (``dedup_sites.py``) into SQLite and PostgreSQL;
results are read back through ``export``, ``search`` and ``show`` as a user would.
"""
from __future__ import annotations

import json
import subprocess

from crawler.demo.server import DemoServer
from tests.crawler.conftest import FAST, export_records, jiezhen_command, run_cli
from tests.crawler.dedup_sites import write_site

SAFETY = ("3月5日上午，北塘镇召开安全生产工作会议，总结全年安全生产工作，部署岁末年初安全防范重点任务。镇长王海鹏主持会议。\n"
          "会上，镇应急管理办公室通报了今年以来全镇安全生产形势，全年共排查隐患312处，已整改305处。\n"
          "镇党委书记李建平强调，各村居、各企业要压紧压实安全生产责任，紧盯重点行业和人员密集场所，坚决遏制各类事故发生。")
SAFETY_REPOST = ("北塘镇于3月5日上午举行安全生产工作会议，总结全年安全生产工作，部署岁末年初安全防范重点任务。镇长王海鹏主持会议。\n"
                 + SAFETY.split("\n", 1)[1] + "\n下一步，北塘镇将继续抓好各项安全防范措施的落实。")
# The district's template report for another town: same wording, its own town and officials.
TEMPLATE = SAFETY.replace("北塘镇", "青石镇").replace("王海鹏", "赵振宇").replace("李建平", "陈立新")
SORTING = ("3月8日，北塘镇召开垃圾分类工作推进会，通报2月份各村居垃圾分类检查情况，部署下阶段重点工作。\n"
           "会议要求，各村居要对照检查中发现的问题逐项整改，加强分类投放点日常管理，"
           "做好居民宣传引导，推动垃圾分类从“有没有”向“好不好”转变。")
SORTING_REPOST = SORTING + "\n（北塘镇供稿）"
PARK = ("经过一年多的提升改造，南湖公园北区将于5月1日起正式对外开放，市民可免费入园游览。\n"
        "此次改造新建环湖步道2.6公里，增设儿童游乐区、健身广场、智慧公厕各1处，新增停车泊位120个。")
LIBRARY = ("3月10日，区图书馆东港分馆正式开馆，馆藏图书3万余册，设有少儿阅读区、自习区和数字阅读体验区。\n"
           "分馆实行每周七天开放，市民凭身份证即可免费办理借阅证。")

TOWN = [
    dict(path="/news/2024/0305/t1.html", title="北塘镇召开安全生产工作会议", date="2024-03-05",
         source="北塘镇党政办", editor="张敏", body=SAFETY),
    dict(path="/news/2024/0308/t2.html", title="北塘镇召开垃圾分类工作推进会", date="2024-03-08",
         source="北塘镇", editor="张敏", body=SORTING),
    dict(path="/news/2024/0310/t3.html", title="南湖公园北区5月1日起开放", date="2024-03-10",
         source="北塘镇", editor="张敏", body=PARK),
]
DISTRICT = [
    dict(path="/xwzx/2024/0306/d1.html", title="北塘镇部署岁末年初安全防范工作", date="2024-03-06",
         source="临江区融媒体中心", editor="李明", body=SAFETY_REPOST),
    dict(path="/xwzx/2024/0309/d2.html", title="北塘镇推进垃圾分类工作", date="2024-03-09",
         source="临江区融媒体中心", editor="李明", body=SORTING_REPOST),
    dict(path="/xwzx/2024/0305/d3.html", title="青石镇召开安全生产工作会议", date="2024-03-05",
         source="青石镇", editor="李明", body=TEMPLATE),
    dict(path="/xwzx/2024/0311/d4.html", title="区图书馆东港分馆开馆", date="2024-03-11",
         source="区文旅局", editor="李明", body=LIBRARY),
]


def serve(root, name, articles):
    return DemoServer(write_site(root / name, name, articles)).start()


def crawl(db_url, *servers, extra=()):
    starts = [arg for server in servers for arg in ("--start-url", server.url("/news/list.html"))]
    result = run_cli("crawl", *starts, "--db", db_url, *FAST, *extra)
    assert result.code == 0, result.err + result.out
    return result


def test_two_sites_sharing_a_story_give_one_canonical_record_with_two_sightings(db_url, tmp_path):
    with serve(tmp_path, "town", TOWN) as town, serve(tmp_path, "district", DISTRICT) as district:
        crawl(db_url, town, district)
        base_t, base_d = town.base_url, district.base_url
    records = {r["url"]: r for r in export_records(db_url)}
    assert len(records) == 7  # every copy archived, none dropped
    t1, d1 = records[base_t + "/news/2024/0305/t1.html"], records[base_d + "/xwzx/2024/0306/d1.html"]
    assert t1["duplicate_of"] is None and d1["duplicate_of"] == t1["id"]
    assert [(s["url"], s["published"], s["source"]) for s in t1["sightings"]] == [
        (t1["url"], "2024-03-05", "北塘镇党政办"), (d1["url"], "2024-03-06", "临江区融媒体中心")]
    t2, d2 = records[base_t + "/news/2024/0308/t2.html"], records[base_d + "/xwzx/2024/0309/d2.html"]
    assert d2["duplicate_of"] == t2["id"] and len(t2["sightings"]) == 2
    # the hard negative (the template report of another town) and the unrelated stories stay apart
    for path in ("/xwzx/2024/0305/d3.html", "/xwzx/2024/0311/d4.html"):
        assert records[base_d + path]["duplicate_of"] is None
        assert len(records[base_d + path]["sightings"]) == 1
    assert records[base_t + "/news/2024/0310/t3.html"]["duplicate_of"] is None

    found = run_cli("search", "安全生产工作会议", "--format", "json", "--db", db_url)
    assert found.code == 0, found.err
    hits = json.loads(found.out)
    assert sorted(h["url"] for h in hits) == sorted([t1["url"], base_d + "/xwzx/2024/0305/d3.html"])
    assert [s["url"] for s in next(h for h in hits if h["id"] == t1["id"])["sightings"]] == [t1["url"], d1["url"]]

    runs = json.loads(run_cli("runs", "--format", "json", "--db", db_url).out)
    assert sum(r["reposts"] for r in runs) == 2  # t1/d1 and t2/d2, whichever site was stored second

    shown = run_cli("show", str(d1["id"]), "--db", db_url)
    assert shown.code == 0, shown.err
    assert "sightings (2)" in shown.out and t1["url"] in shown.out and d1["url"] in shown.out
    assert f"repost of {t1['id']}" in shown.out


def test_recrawl_after_a_page_changed_adds_a_version(db_url, tmp_path):
    with serve(tmp_path, "town", TOWN) as town:
        crawl(db_url, town)
        page = tmp_path / "town" / "news" / "2024" / "0305" / "t1.html"
        page.write_text(page.read_text(encoding="utf-8").replace(
            "</div><div class=\"detail-editor\">", "<p>会后，与会人员实地检查了辖区两家重点企业。</p>\n</div><div class=\"detail-editor\">"),
            encoding="utf-8")
        crawl(db_url, town, extra=("-s", "JIEZHEN_RECHECK_DAYS=0"))  # archived pages due for a re-check
        url = town.url("/news/2024/0305/t1.html")
    records = {r["url"]: r for r in export_records(db_url)}
    assert len(records) == 3
    changed = records[url]
    assert changed["version"] == 2 and changed["body"].endswith("会后，与会人员实地检查了辖区两家重点企业。")
    assert all(r["version"] == 1 for u, r in records.items() if u != url)  # unchanged: last_seen only
    assert all(r["last_seen"] > r["first_seen"] for r in records.values())  # seen again by the re-crawl

    shown = run_cli("show", str(changed["id"]), "--versions", "--db", db_url)
    assert shown.code == 0, shown.err
    assert "versions (2)" in shown.out and "== version 1" in shown.out and "== version 2" in shown.out
    assert "+会后，与会人员实地检查了辖区两家重点企业。" in shown.out  # the diff
    history = json.loads(run_cli("show", str(changed["id"]), "--versions", "--format", "json",
                                 "--db", db_url).out)["versions"]
    assert [v["version"] for v in history] == [1, 2]
    assert history[0]["body"] == SAFETY  # the old text is kept

    missing = run_cli("show", "9999", "--db", db_url)
    assert missing.code == 1 and "no article with id 9999" in missing.err


def _story_sites(devset, count):
    """``count`` different meeting reports, each on the town site and re-posted on the district's."""
    town, district = [], []
    for n, path in enumerate(sorted((devset / "meetings" / "texts").glob("*.txt"))[:count]):
        lines = path.read_text(encoding="utf-8").splitlines()
        body = "\n".join(line for line in lines[1:] if line.strip() and not line.startswith("发布时间"))
        town.append(dict(path=f"/news/t{n}.html", title=lines[0], date="2024-03-05", source="镇",
                         editor="张敏", body=body))
        district.append(dict(path=f"/xwzx/d{n}.html", title=lines[0], date="2024-03-05", source="区融媒体中心",
                             editor="李明", body=body + "\n（区融媒体中心供稿）"))
    return town, district


def test_two_crawlers_into_postgresql_at_once_make_one_canonical_record_per_story(postgres_url, tmp_path, devset):
    assert run_cli("db", "upgrade", "--db", postgres_url).code == 0
    stories = 8
    town_pages, district_pages = _story_sites(devset, stories)
    with serve(tmp_path, "town", town_pages) as town, serve(tmp_path, "district", district_pages) as district:
        procs = [subprocess.Popen([*jiezhen_command(), "crawl", "--start-url", server.url("/news/list.html"),
                                   "--db", postgres_url, *FAST, "-s", "JIEZHEN_BATCH_SIZE=1"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for server in (town, district)]
        outputs = [proc.communicate(timeout=180) for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], [err.decode()[-2000:] for _, err in outputs]
    records = export_records(postgres_url)
    assert len(records) == 2 * stories
    canonical = [r for r in records if r["duplicate_of"] is None]
    assert len(canonical) == stories
    assert all(len(r["sightings"]) == 2 for r in records)
