"""Decoding checks every charset label against the bytes (see crawler.parsing.encoding)."""
from __future__ import annotations

import json

import pytest

from crawler.parsing.encoding import charset_from_headers, charset_from_meta, decode_html

TEXT = "新泾镇召开2023年学习讨论会，镇党委书记主持会议并讲话。"


def page(charset_meta: str | None, body: str = TEXT) -> str:
    meta = f'<meta http-equiv="Content-Type" content="text/html; charset={charset_meta}">' if charset_meta else ""
    return f"<html><head>{meta}<title>测试</title></head><body><p>{body}</p></body></html>"


def test_utf8_bom_wins_over_a_gbk_label():
    decoded = decode_html(b"\xef\xbb\xbf" + page("gbk").encode("utf-8"))
    assert decoded.source == "bom"
    assert decoded.encoding == "utf-8"
    assert TEXT in decoded.text
    assert not decoded.text.startswith("\ufeff")


def test_utf16_bom():
    decoded = decode_html(b"\xff\xfe" + page(None).encode("utf-16-le"))
    assert decoded.source == "bom"
    assert TEXT in decoded.text


def test_gbk_bytes_without_any_label_are_detected():
    decoded = decode_html(page(None).encode("gbk"))
    assert decoded.encoding == "gb18030"
    assert decoded.source == "detected"
    assert TEXT in decoded.text
    assert not decoded.lossy


def test_gbk_bytes_labelled_utf8_in_meta_and_header():
    body = page("utf-8").encode("gbk")
    decoded = decode_html(body, {"Content-Type": "text/html; charset=UTF-8"})
    assert decoded.encoding == "gb18030"
    assert TEXT in decoded.text


@pytest.mark.parametrize("label", ["iso-8859-1", "ISO-8859-1", "windows-1252", "latin1"])
def test_gbk_bytes_served_as_western_single_byte(label):
    decoded = decode_html(page(None).encode("gbk"), {"content-type": f"text/html; charset={label}"})
    assert decoded.encoding == "gb18030"
    assert TEXT in decoded.text


def test_gb2312_label_decodes_gbk_only_characters():
    # 堃 and 镕 are GBK characters missing from GB2312: the gb2312 label must not lose them.
    text = "联系人：王堃、朱镕"
    decoded = decode_html(page("gb2312", text).encode("gbk"))
    assert decoded.encoding == "gb18030"
    assert decoded.source == "meta"
    assert text in decoded.text


def test_gb18030_four_byte_characters():
    text = "𠮷野家的𠀀字"  # characters outside the BMP, only encodable in GB18030 among GB codecs
    decoded = decode_html(page("gbk", text).encode("gb18030"))
    assert text in decoded.text
    assert not decoded.lossy


def test_utf8_bytes_labelled_gb2312_are_utf8():
    decoded = decode_html(page("gb2312").encode("utf-8"), {"Content-Type": "text/html; charset=gb2312"})
    assert decoded.encoding == "utf-8"
    assert decoded.source == "utf8-valid"
    assert TEXT in decoded.text


def test_correct_labels_are_credited():
    assert decode_html(page("gbk").encode("gbk")).source == "meta"
    header = decode_html(page(None).encode("gbk"), {"CONTENT-TYPE": "text/html;charset=GBK"})
    assert (header.source, header.encoding) == ("header", "gb18030")
    assert decode_html(page("utf-8").encode("utf-8")).source == "meta"


def test_truncated_multibyte_sequence_at_the_end_is_dropped_not_mojibake():
    body = page(None).encode("utf-8")[:-len("</p></body></html>")]  # ends after 讲话。
    cut = body + "新".encode("utf-8")[:2]
    decoded = decode_html(cut)
    assert decoded.encoding == "utf-8"
    assert decoded.text.endswith("讲话。")
    assert not decoded.lossy
    gbk_cut = page(None).encode("gbk")[:-len("</p></body></html>")] + "新".encode("gbk")[:1]
    decoded = decode_html(gbk_cut)
    assert decoded.encoding == "gb18030"
    assert decoded.text.endswith("讲话。")


def test_empty_body():
    decoded = decode_html(b"")
    assert decoded.text == ""
    assert not decoded.lossy


def test_ascii_page_keeps_its_label():
    decoded = decode_html(b"<html><head><meta charset='gbk'></head><body>2023</body></html>")
    assert "2023" in decoded.text
    assert decoded.encoding == "gb18030"


def test_undecodable_bytes_fall_back_to_lossy_utf8():
    junk = bytes([0x80, 0xFF, 0xFE, 0x81, 0x00, 0x9F, 0xC0]) * 50
    decoded = decode_html(junk)
    assert decoded.lossy
    assert "\ufffd" in decoded.text


def test_label_helpers():
    assert charset_from_headers({"content-TYPE": "text/html; charset=\"GB2312\""}) == "gb2312"
    assert charset_from_headers({"Server": "nginx"}) is None
    assert charset_from_headers(None) is None
    assert charset_from_meta(b'<html><head><meta charset="gbk"><title>x</title>') == "gbk"
    assert charset_from_meta(b'<meta http-equiv="Content-Type" content="text/html; charset=GB2312" />') == "gb2312"
    assert charset_from_meta(b"<html><body>no meta</body></html>") is None


def test_devset_pages_decode_to_text_containing_their_title(devset):
    labels = [json.loads(line) for line in (devset / "pages" / "labels.jsonl").read_text("utf-8").splitlines()]
    for label in labels:
        if label["kind"] != "article":
            continue
        decoded = decode_html((devset / "pages" / "html" / f"{label['id']}.html").read_bytes())
        assert not decoded.lossy, label["id"]
        assert label["title"].split(" ")[0] in decoded.text, label["id"]


def test_header_shapes_of_http_libraries():
    # Scrapy's Headers iterate as bytes names with lists of bytes values.
    assert charset_from_headers({b"Content-Type": [b"text/html; charset=GBK"]}) == "gbk"
    decoded = decode_html(page(None).encode("gbk"), {b"content-type": [b"text/html; charset=gbk"]})
    assert (decoded.source, decoded.encoding) == ("header", "gb18030")
