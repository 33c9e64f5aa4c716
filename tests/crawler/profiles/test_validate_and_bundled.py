"""``sites validate`` reports every bad file with file:line; the bundled 长宁区 profiles."""
from __future__ import annotations

from crawler.profiles import load_profile, load_profiles, validate_dirs
from crawler.profiles.verified import mark_verified
from tests.crawler.conftest import run_cli

TOWNS = {"新泾镇": "镇", "北新泾街道": "街道", "程家桥街道": "街道", "虹桥街道": "街道", "华阳路街道": "街道",
         "江苏路街道": "街道", "新华路街道": "街道", "天山路街道": "街道", "周家桥街道": "街道",
         "仙霞新村街道": "街道"}

GOOD = """\
slug = "{slug}"
name = "x"
level = "镇"
base_url = "https://a.example.cn"
start_urls = ["/news/index.html"]
allowed_hosts = {hosts}
"""


def test_bundled_changning_profiles_form_the_district_tree():
    profiles = load_profiles()
    district = profiles["changning"]
    assert district.level == "区" and district.region == "长宁区" and district.parent is None
    towns = {p.region: p for p in profiles.values() if p.parent == "changning"}
    assert {region: p.level for region, p in towns.items()} == TOWNS
    for profile in [district, *towns.values()]:
        assert profile.verified is False  # nobody has checked them against the live site yet
        assert profile.hosts == ("www.shcn.gov.cn",)


def test_validate_reports_every_bad_file_with_its_line(tmp_path):
    (tmp_path / "a.toml").write_text(GOOD.format(slug="a", hosts='["b.example.cn"]'), encoding="utf-8")
    (tmp_path / "b.toml").write_text(GOOD.format(slug="b", hosts='["https://a.example.cn/"]'),
                                     encoding="utf-8")
    (tmp_path / "c.toml").write_text(GOOD.format(slug="c", hosts="[]") + 'parent = "nosuch"\n',
                                     encoding="utf-8")
    (tmp_path / "d.toml").write_text(GOOD.format(slug="d", hosts='["a.example.cn"]'), encoding="utf-8")
    count, errors = validate_dirs([tmp_path], include_bundled=False)
    assert count == 1
    messages = sorted(str(e) for e in errors)
    assert messages[0].startswith(f"{tmp_path / 'a.toml'}:5: start URL '/news/index.html' is on a.example.cn")
    assert messages[1].startswith(f"{tmp_path / 'b.toml'}:6: allowed host 'https://a.example.cn/'")
    assert messages[2] == f"{tmp_path / 'c.toml'}:7: parent 'nosuch' is not a known site"

    result = run_cli("sites", "validate", "--sites-dir", str(tmp_path))
    assert result.code == 1
    assert all(m in result.err for m in messages) and "3 invalid profile(s)" in result.err


def test_bundled_profiles_are_valid():
    result = run_cli("sites", "validate")
    assert result.code == 0 and result.out.strip().endswith("profiles valid")


def test_mark_verified_edits_only_the_two_lines(tmp_path):
    path = tmp_path / "a.toml"
    path.write_text("# known: x\n" + GOOD.format(slug="a", hosts="[]") + "\n[list]\n", encoding="utf-8")
    import datetime
    mark_verified(path, datetime.date(2026, 11, 27))
    mark_verified(path, datetime.date(2026, 11, 28))
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# known: x\n") and text.count("verified_on") == 1
    profile = load_profile(path)
    assert profile.verified and profile.verified_on == "2026-11-28"
