"""``jiezhen import`` of a folder of saved pages: GBK and UTF-8 without a charset label, URLs
from a sidecar, urls.tsv, <link rel=canonical> and --base-url, bytes kept in a WARC of ours."""
from __future__ import annotations

import re
from pathlib import Path

from crawler.cli.main import main
from tests.crawler.conftest import load_expected, nows
from tests.crawler.importing.helpers import export, run_import

SITE = Path(__file__).parents[3] / "crawler" / "demo" / "site"
EXPECTED = {a["path"]: a for a in load_expected("demo")["articles"]}
GBK_PAGE = next(p for p in EXPECTED if p.startswith("/xjz/"))
UTF8_PAGE = next(p for p in EXPECTED if p.startswith("/qu/"))
OTHER_UTF8 = [p for p in EXPECTED if p.startswith("/qu/")][1:3]


def _unlabelled(path: str) -> bytes:
    """The page's bytes with its charset declaration taken out (the bytes stay as they are)."""
    return re.sub(rb"<meta[^>]*charset[^>]*>", b"", (SITE / path.lstrip("/")).read_bytes(), flags=re.I)


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "saved"
    (folder / "sub").mkdir(parents=True)
    gbk = _unlabelled(GBK_PAGE)
    assert gbk.decode("gbk") and not _is_utf8(gbk)
    (folder / "gbk.html").write_bytes(gbk)
    (folder / "gbk.html.url").write_text("https://xjz.example.gov.cn" + GBK_PAGE + "\n")
    (folder / "utf8.htm").write_bytes(_unlabelled(UTF8_PAGE))
    (folder / "urls.tsv").write_text("utf8.htm\thttps://qu.example.gov.cn" + UTF8_PAGE + "\n")
    canonical = _unlabelled(OTHER_UTF8[0]).replace(
        b"<head>", b'<head><link rel="canonical" href="https://qu.example.gov.cn/canon.html">', 1)
    (folder / "canonical.html").write_bytes(canonical)
    (folder / "sub" / "plain.html").write_bytes(_unlabelled(OTHER_UTF8[1]))
    return folder


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def test_saved_pages_in_gbk_and_utf8_are_archived(tmp_path, sqlite_url, capsys):
    folder = _folder(tmp_path)
    warc_dir = tmp_path / "warc"
    code, out, err = run_import(str(folder), "--db", sqlite_url, "--warc-dir", str(warc_dir),
                                "--base-url", "https://archive.example.org/saved/", capsys=capsys)
    assert code == 0, err
    records = {r["url"]: r for r in export(sqlite_url, capsys)}
    wanted = {"https://xjz.example.gov.cn" + GBK_PAGE: GBK_PAGE,
              "https://qu.example.gov.cn" + UTF8_PAGE: UTF8_PAGE,
              "https://qu.example.gov.cn/canon.html": OTHER_UTF8[0],
              "https://archive.example.org/saved/sub/plain.html": OTHER_UTF8[1]}
    assert set(records) == set(wanted)
    for url, path in wanted.items():
        expected, record = EXPECTED[path], records[url]
        assert record["title"] == expected["title"]
        assert record["published"] == expected["published"]
        assert nows(record["body"]).startswith(nows(expected["body_first"]))
        assert nows(record["body"]).endswith(nows(expected["body_last"]))
        assert record["capture"]["warc_file"].startswith("import-")
    # the bytes kept are the file's, byte for byte: verify re-reads and checks every record
    assert main(["verify", "--db", sqlite_url, "--warc-dir", str(warc_dir)]) == 0, capsys.readouterr()
    capsys.readouterr()
    size = sum(p.stat().st_size for p in warc_dir.iterdir())
    code, out, _ = run_import(str(folder), "--db", sqlite_url, "--warc-dir", str(warc_dir),
                              "--base-url", "https://archive.example.org/saved/", capsys=capsys)
    assert code == 0 and "0 new, 0 updated, 4 duplicate" in out
    assert sum(p.stat().st_size for p in warc_dir.iterdir()) == size  # nothing written again


def test_undecodable_and_url_less_pages_are_reported(tmp_path, sqlite_url, capsys):
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "ok.html").write_bytes(_unlabelled(UTF8_PAGE))
    (folder / "ok.html.url").write_text("https://qu.example.gov.cn/ok.html")
    broken = "<html><body><p>".encode() + "中文".encode() * 30 + b"\x81\x20\xff\xfe\x80" + "正文".encode() * 30
    (folder / "broken.html").write_bytes(broken)
    (folder / "broken.html.url").write_text("https://qu.example.gov.cn/broken.html")
    (folder / "nourl.html").write_bytes(_unlabelled(OTHER_UTF8[0]))
    code, out, err = run_import(str(folder), "--db", sqlite_url, "--warc-dir", str(tmp_path / "w"),
                                capsys=capsys)
    assert code == 8
    bad_at = broken.index(b"\x81\x20")
    assert f"{folder / 'broken.html'}@{bad_at}: bytes cannot be decoded" in err
    assert "no_url 1" in out
    assert [r["url"] for r in export(sqlite_url, capsys)] == ["https://qu.example.gov.cn/ok.html"]
