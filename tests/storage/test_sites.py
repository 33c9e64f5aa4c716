"""The site hierarchy: recorded sites, and selecting a district with all its towns."""
from __future__ import annotations

import pytest

from tests.storage.factories import article

SITES = [
    {"slug": "sh", "name": "上海市人民政府", "level": "市", "parent": None, "region": "上海市"},
    {"slug": "cn", "name": "长宁区人民政府", "level": "区", "parent": "sh", "region": "长宁区"},
    {"slug": "cn-xjz", "name": "新泾镇人民政府", "level": "镇", "parent": "cn", "region": "新泾镇"},
    {"slug": "cn-hq", "name": "虹桥街道", "level": "街道", "parent": "cn", "region": "虹桥街道"},
    {"slug": "xh", "name": "徐汇区人民政府", "level": "区", "parent": "sh", "region": "徐汇区"},
    {"slug": "xh-tl", "name": "田林街道", "level": "街道", "parent": "xh", "region": "田林街道"},
]


def _fill(archive):
    archive.register_sites(SITES)
    archive.store_batch([(article(f"{s['slug']}-{i}", body=f"社区会议在{s['region']}召开。", site=s["slug"]), None)
                         for s in SITES for i in range(2)])


def _sites_of(records):
    return sorted({r["site"] for r in records})


def test_register_sites_upserts_by_slug(archive):
    archive.register_sites(SITES[:2])
    archive.register_sites([{**SITES[1], "name": "上海市长宁区人民政府"}])
    rows = archive.sites()
    assert [r["slug"] for r in rows] == ["cn", "sh"]
    assert rows[0] == {"slug": "cn", "name": "上海市长宁区人民政府", "level": "区", "parent": "sh",
                       "region": "长宁区"}


@pytest.mark.parametrize("name, expected", [
    ("长宁区", ["cn", "cn-hq", "cn-xjz"]),
    ("cn", ["cn", "cn-hq", "cn-xjz"]),
    ("新泾镇", ["cn-xjz"]),
    ("上海市", ["cn", "cn-hq", "cn-xjz", "sh", "xh", "xh-tl"]),
])
def test_export_by_district_takes_the_district_and_everything_below(archive, name, expected):
    _fill(archive)
    assert _sites_of(archive.iter_records(district=name)) == expected
    assert archive.has_district(name)


def test_search_by_district(archive):
    _fill(archive)
    result = archive.search("社区会议", district="长宁区", limit=50)
    assert _sites_of(result.hits) == ["cn", "cn-hq", "cn-xjz"]
    assert result.total == 6
    assert archive.search("社区会议", district="徐汇区", limit=50).total == 4
    assert archive.search("社区会议", district="无此区", limit=50).total == 0
    assert not archive.has_district("无此区")


def test_a_cycle_in_parents_does_not_hang(archive):
    archive.register_sites([{"slug": "a", "name": "甲", "level": "区", "parent": "b", "region": "甲区"},
                            {"slug": "b", "name": "乙", "level": "镇", "parent": "a", "region": "乙镇"}])
    archive.store_batch([(article("a1", site="a"), None), (article("b1", site="b"), None)])
    assert _sites_of(archive.iter_records(district="甲区")) == ["a", "b"]
