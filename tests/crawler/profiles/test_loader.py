import textwrap

import pytest

from crawler.profiles import ProfileError, load_profile, load_profiles

GOOD = """\
slug = "xinjing"
name = "新泾镇 · 新闻"
level = "镇"
parent = ""
base_url = "https://www.example.gov.cn"
start_urls = ["/xwzx/index.html"]

[list]
article_links = "ul.list li a"
article_url_pattern = '/\\d{8}/\\d+\\.html$'

[pagination]
mode = "index_n"
index_pattern = "index_{n}.html"
max_pages = 5

[fields]
title = ["h1.title", "//meta[@name='ArticleTitle']/@content"]
body = "div.TRS_Editor"
"""


def write(tmp_path, text, name="site.toml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_good_profile_loads_with_defaults(tmp_path):
    p = load_profile(write(tmp_path, GOOD))
    assert p.slug == "xinjing" and p.level == "镇" and p.parent is None
    assert p.absolute_start_urls == ["https://www.example.gov.cn/xwzx/index.html"]
    assert p.hosts == ("www.example.gov.cn",)
    assert p.pagination.mode == "index_n" and p.pagination.max_pages == 5
    assert p.fields["title"] == ("h1.title", "//meta[@name='ArticleTitle']/@content")
    assert p.fields["body"] == ("div.TRS_Editor",)
    assert p.enabled is True and p.verified is False


def test_rebased_profile_points_at_new_server(tmp_path):
    p = load_profile(write(tmp_path, GOOD)).rebased("http://127.0.0.1:5555")
    assert p.absolute_start_urls == ["http://127.0.0.1:5555/xwzx/index.html"]
    assert p.hosts == ("127.0.0.1:5555",)


@pytest.mark.parametrize("old,new,line,reason", [
    ('level = "镇"', 'level = "村"', 3, "level '村' is not one of"),
    ('mode = "index_n"', 'mode = "scroll"', 13, "pagination mode 'scroll'"),
    ('max_pages = 5', 'max_pages = 0', 15, "'max_pages' must be a positive whole number"),
    ('title = ["h1.title"', 'title = ["h1..title"', 18, "invalid selector for 'title'"),
    ("article_url_pattern = '/\\d{8}/\\d+\\.html$'", "article_url_pattern = '(['", 10,
     "invalid regular expression"),
    ('slug = "xinjing"', 'slug = "Xin Jing"', 1, "slug 'Xin Jing' must be lower-case"),
    ('[fields]', '[fields]\nheadline = ["h1"]', 18, "unknown key 'headline' in [fields]"),
])
def test_invalid_profiles_name_file_line_and_reason(tmp_path, old, new, line, reason):
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(ProfileError) as err:
        load_profile(path)
    assert err.value.path == str(path)
    assert err.value.line == line
    assert reason in err.value.reason
    assert str(err.value).startswith(f"{path}:{line}: ")


def test_toml_syntax_error_has_line(tmp_path):
    path = write(tmp_path, GOOD.replace('name = "新泾镇 · 新闻"', 'name = "新泾镇'))
    with pytest.raises(ProfileError) as err:
        load_profile(path)
    assert err.value.line == 2 and "invalid TOML" in err.value.reason


def test_missing_required_key(tmp_path):
    path = write(tmp_path, GOOD.replace('start_urls = ["/xwzx/index.html"]\n', ""))
    with pytest.raises(ProfileError, match="missing required key 'start_urls'"):
        load_profile(path)


def test_unknown_parent_and_duplicate_slug_are_rejected(tmp_path):
    write(tmp_path, GOOD.replace('parent = ""', 'parent = "nowhere"'))
    with pytest.raises(ProfileError, match="parent 'nowhere' is not a known site"):
        load_profiles([tmp_path], include_bundled=False)
    other = tmp_path / "other"
    other.mkdir()
    write(other, GOOD, "a.toml")
    write(other, GOOD, "b.toml")
    with pytest.raises(ProfileError, match="already used by"):
        load_profiles([other], include_bundled=False)


def test_extra_folder_adds_to_bundled_profiles(tmp_path):
    write(tmp_path, GOOD)
    profiles = load_profiles([tmp_path])
    assert "xinjing" in profiles
    assert any(p.demo for p in profiles.values())  # the bundled demo profiles are there too
