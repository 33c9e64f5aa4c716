"""Anti-crawler answers are told apart from pages (crawler/blocking.py)."""
from __future__ import annotations

import pytest

from crawler.blocking import block_reason

CHALLENGE_521 = b"<script>document.cookie='__jsl_clearance=1.2|0|x';location.href=location.pathname</script>"
RS_412 = b'<html><meta id="9DhefwqGPrzB" content="x"><script>$_ts=window["$_ts"];</script></html>'


@pytest.mark.parametrize("status, body, expected", [
    (412, RS_412, "http_412 challenge"),
    (521, CHALLENGE_521, "http_521 challenge"),
    (200, CHALLENGE_521, "cookie script"),
    (200, "<html><body>您的访问过于频繁，请稍后再试</body></html>".encode("utf-8"), "notice 访问过于频繁"),
    (200, "<html><body>您的访问被拦截！</body></html>".encode("gbk"), "notice 您的访问被拦截"),
])
def test_block_answers_are_recognised(status, body, expected):
    assert block_reason(status, body) == expected


@pytest.mark.parametrize("status, body", [
    (200, "<html><body><p>街道召开平安建设工作会议</p></body></html>".encode("utf-8")),
    (404, b"<html>not found</html>"),
    (500, CHALLENGE_521),
    # an article long enough to be one may quote the phrase: it is content, not a notice
    (200, ("<html><body><p>网络安全宣传周：" + "提醒居民" * 5000 + "访问过于频繁</p></body></html>").encode("utf-8")),
    # a page that only sets a cookie, without reloading itself
    (200, b"<html><script>document.cookie='a=1'</script><p>x</p></html>"),
])
def test_ordinary_answers_are_not_blocks(status, body):
    assert block_reason(status, body) is None
