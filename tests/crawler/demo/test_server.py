"""The demo HTTP server: what a crawler pointed at it will actually receive."""
import json
import time

import pytest

from crawler.demo.server import DemoServer, match_route
from tests.crawler.demo.helpers import request

PAGE = "<html><head><meta charset=\"gbk\"></head><body><p>新泾镇召开会议</p></body></html>".encode("gbk")
LONG = ("<html><body>" + "<p>第一段。</p>" * 50 + "</body></html>").encode("utf-8")


@pytest.fixture()
def site(tmp_path):
    root = tmp_path / "root"
    (root / "news" / "2023").mkdir(parents=True)
    (root / "index.html").write_bytes(b"<html>home</html>")
    (root / "news" / "index.html").write_bytes(b"<html>news index</html>")
    (root / "news" / "a.html").write_bytes(PAGE)
    (root / "news" / "long.html").write_bytes(LONG)
    (root / "news" / "2023" / "b.html").write_bytes(b"<html>b</html>")
    (root / "news" / "2023" / "broken.html").write_bytes(b"<html>broken but present</html>")
    (root / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\nnot-really")
    (tmp_path / "secret.txt").write_bytes(b"outside the root")
    routes = {
        "/news/": {"content_type": "text/html; charset=gbk"},
        "/news/2023/": {"headers": {"X-Column": "2023"}},
        "/news/2023/broken.html": {"status": 500},
        "/news/gone.html": {"status": 410},
        "/news/long.html": {"truncate": 100, "content_type": "text/html; charset=utf-8"},
        "/slow.html": {"delay": 0.4},
    }
    (root / "_routes.json").write_text(json.dumps(routes), encoding="utf-8")
    (root / "slow.html").write_bytes(b"<html>slow</html>")
    with DemoServer(root) as server:
        yield server


def test_serves_file_bytes_unchanged_with_length(site):
    status, headers, body = request(site.base_url, "/news/a.html")
    assert status == 200
    assert body == PAGE
    assert headers["content-length"] == str(len(PAGE))


def test_content_type_from_file_name_carries_no_charset(site):
    status, headers, _ = request(site.base_url, "/index.html")
    assert (status, headers["content-type"]) == (200, "text/html")
    _, headers, _ = request(site.base_url, "/logo.png")
    assert headers["content-type"] == "image/png"


def test_route_content_type_applies_to_the_prefix(site):
    _, headers, _ = request(site.base_url, "/news/a.html")
    assert headers["content-type"] == "text/html; charset=gbk"


def test_directory_serves_its_index_and_redirects_without_slash(site):
    status, _, body = request(site.base_url, "/news/")
    assert (status, body) == (200, b"<html>news index</html>")
    status, headers, _ = request(site.base_url, "/news?x=1")
    assert status == 301
    assert headers["location"] == "/news/?x=1"
    status, _, body = request(site.base_url, "/")
    assert (status, body) == (200, b"<html>home</html>")


def test_missing_file_is_404(site):
    status, headers, body = request(site.base_url, "/news/nothing.html")
    assert status == 404
    assert b"404" in body
    assert headers["content-length"] == str(len(body))


def test_status_route_serves_the_file_with_that_status(site):
    for _ in range(2):  # every time, not only once
        status, _, body = request(site.base_url, "/news/2023/broken.html")
        assert (status, body) == (500, b"<html>broken but present</html>")


def test_status_route_without_file_gives_error_page(site):
    status, _, body = request(site.base_url, "/news/gone.html")
    assert status == 410
    assert b"410" in body


def test_longest_route_wins_and_routes_do_not_merge(site):
    _, headers, _ = request(site.base_url, "/news/2023/b.html")
    assert headers["x-column"] == "2023"
    assert headers["content-type"] == "text/html"  # /news/ content_type not inherited


def test_truncate_sends_first_n_bytes_with_matching_length(site):
    status, headers, body = request(site.base_url, "/news/long.html")
    assert status == 200
    assert body == LONG[:100]
    assert headers["content-length"] == "100"


def test_delay_route_answers_late(site):
    started = time.monotonic()
    status, _, body = request(site.base_url, "/slow.html")
    assert (status, body) == (200, b"<html>slow</html>")
    assert time.monotonic() - started >= 0.4


def test_delay_makes_a_short_client_timeout_fail(site):
    with pytest.raises(TimeoutError):
        request(site.base_url, "/slow.html", timeout=0.1)


def test_head_gives_headers_without_body(site):
    status, headers, body = request(site.base_url, "/news/a.html", method="HEAD")
    assert status == 200
    assert body == b""
    assert headers["content-length"] == str(len(PAGE))


@pytest.mark.parametrize("target", [
    "/../secret.txt",
    "/news/../../secret.txt",
    "/%2e%2e/secret.txt",
    "/news/%2e%2e%2f%2e%2e%2fsecret.txt",
    "/..%5csecret.txt",
    "/_routes.json",
])
def test_nothing_outside_the_site_is_served(site, target):
    status, _, body = request(site.base_url, target)
    assert status == 404
    assert b"outside the root" not in body
    assert b"content_type" not in body


def test_symlink_out_of_the_root_is_not_followed(site, tmp_path):
    (site.root / "link.txt").symlink_to(tmp_path / "secret.txt")
    status, _, body = request(site.base_url, "/link.txt")
    assert status == 404
    assert b"outside" not in body


def test_dot_segments(site):
    """Clients normalise ``..`` before sending; one that arrives anyway is refused outright."""
    status, _, _ = request(site.base_url, "/news/2023/../a.html")
    assert status == 404
    status, _, body = request(site.base_url, "/news/./a.html")
    assert (status, body) == (200, PAGE)


def test_hits_count_get_requests_per_target(site):
    request(site.base_url, "/news/a.html")
    request(site.base_url, "/news/a.html")
    request(site.base_url, "/news/a.html?page=2")
    request(site.base_url, "/news/a.html", method="HEAD")
    request(site.base_url, "/missing.html")
    assert site.hits["/news/a.html"] == 2
    assert site.hits["/news/a.html?page=2"] == 1
    assert site.hits["/missing.html"] == 1


def test_conditional_get_answers_304(site):
    status, headers, _ = request(site.base_url, "/news/a.html")
    assert status == 200
    etag, modified = headers["etag"], headers["last-modified"]
    status, _, body = request(site.base_url, "/news/a.html", headers={"If-None-Match": etag})
    assert (status, body) == (304, b"")
    status, _, body = request(site.base_url, "/news/a.html", headers={"If-Modified-Since": modified})
    assert (status, body) == (304, b"")
    status, _, body = request(site.base_url, "/news/a.html", headers={"If-None-Match": '"other"'})
    assert (status, body) == (200, PAGE)


def test_changed_file_gets_a_new_etag(site):
    _, first, _ = request(site.base_url, "/news/2023/b.html")
    (site.root / "news" / "2023" / "b.html").write_bytes(b"<html>b, edited</html>")
    status, second, body = request(site.base_url, "/news/2023/b.html", headers={"If-None-Match": first["etag"]})
    assert (status, body) == (200, b"<html>b, edited</html>")
    assert second["etag"] != first["etag"]


def test_unknown_route_key_is_rejected(tmp_path):
    (tmp_path / "_routes.json").write_text(json.dumps({"/a.html": {"stauts": 500}}), encoding="utf-8")
    with pytest.raises(ValueError, match="stauts|may only use"):
        DemoServer(tmp_path)


def test_base_url_needs_a_started_server_and_stop_frees_it(tmp_path):
    server = DemoServer(tmp_path)
    with pytest.raises(RuntimeError):
        server.base_url
    server.start()
    url = server.base_url
    assert url.startswith("http://127.0.0.1:")
    server.stop()
    server.stop()  # idempotent
    with pytest.raises(OSError):
        request(url, "/", timeout=1)


def test_match_route_prefers_exact_over_prefix():
    routes = {"/a/": {"status": 1}, "/a/b/": {"status": 2}, "/a/b/c.html": {"status": 3}, "/a/b": {"status": 4}}
    assert match_route(routes, "/a/b/c.html") == {"status": 3}
    assert match_route(routes, "/a/b/d.html") == {"status": 2}
    assert match_route(routes, "/a/x.html") == {"status": 1}
    assert match_route(routes, "/a/bc.html") == {"status": 1}  # "/a/b" is exact-only, not a prefix
    assert match_route(routes, "/z.html") == {}
