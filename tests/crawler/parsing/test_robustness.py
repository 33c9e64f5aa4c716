"""Broken input never raises: the extractor returns what it can, or a reason."""
from __future__ import annotations

import pytest

from crawler.parsing.article import extract_article

from .conftest import fixture_bytes


@pytest.mark.parametrize("fraction", [0.05, 0.2, 0.4, 0.6, 0.8, 0.95])
def test_truncated_pages_do_not_raise(fraction):
    body = fixture_bytes("trs_article.html")
    result = extract_article(body[: int(len(body) * fraction)], "http://www.shcn.gov.cn/a/1.html")
    assert result.is_article or result.reason
    if result.is_article:
        assert result.article.title == "新泾镇开展春节前安全生产联合检查"


def test_page_cut_inside_the_body_keeps_what_was_received():
    body = fixture_bytes("trs_article.html")
    cut = body[: body.index("在一家餐饮店后厨".encode("utf-8")) + 7]  # mid-character
    result = extract_article(cut, "http://www.shcn.gov.cn/a/1.html")
    assert result.is_article
    assert result.article.body.startswith("1月11日上午")
    assert "确保安全出口畅通。" in result.article.body
    assert not result.lossy_encoding


@pytest.mark.parametrize("body", [
    b"",
    b"   \n\t ",
    b"\x00\x01\x02\x03",
    bytes(range(256)) * 8,
    b"<html><head><title>",
    b"<?xml version='1.0' encoding='gbk'?><html><body><p>\xd0\xc2\xe3\xfe\xd5\xf2</p></body></html>",
    b"<html><body>" + b"<div><font><span>" * 2000 + "正文内容。".encode() * 40 + b"</body></html>",
    b"<p>" + "没有闭合的段落，".encode() * 500,
])
def test_garbage_and_odd_markup_do_not_raise(body):
    result = extract_article(body, "http://example.gov.cn/x.html")
    assert result.is_article in (True, False)
    if not result.is_article:
        assert result.reason
