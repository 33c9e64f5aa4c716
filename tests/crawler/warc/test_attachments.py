"""Attachments, failed requests and list pages in WARC: captured, linked, verified, revisited."""
from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from tests.crawler.conftest import FAST, run_cli
from tests.crawler.warc.conftest import TOO_LARGE
from tests.crawler.warc.helpers import exported, warcio_check


def _sha1(data: bytes) -> str:
    """WARC-Payload-Digest as the spec writes it, computed here (not by jiezhen)."""
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


def _crawl(start: str, db_url: str, warc: Path, *extra: str):
    return run_cli("crawl", "--start-url", start, "--db", db_url, "--warc-dir", str(warc), *FAST,
                   "-s", "JIEZHEN_BATCH_SIZE=3", *extra)


def _records(path: Path) -> list[dict]:
    out = []
    with open(path, "rb") as fp:
        for record in ArchiveIterator(fp):
            h = record.rec_headers
            body = record.content_stream().read()  # before anything else reads the stream
            out.append({"type": record.rec_type, "url": h.get_header("WARC-Target-URI"),
                        "id": h.get_header("WARC-Record-ID"),
                        "digest": h.get_header("WARC-Payload-Digest"),
                        "refers_to": h.get_header("WARC-Refers-To"),
                        "status": record.http_headers.get_statuscode() if record.http_headers else None,
                        "body": body})
    return out


def _record_at(path: Path, offset: int):
    with open(path, "rb") as fp:
        fp.seek(offset)
        record = next(iter(ArchiveIterator(fp)))
        return record.rec_type, record.rec_headers.get_header("WARC-Target-URI"), record.content_stream().read()


def test_attachments_are_captured_linked_verified_and_revisited(sqlite_url, attachment_site, tmp_path):
    """SQLite only (two crawls and five CLI calls: ~25 s a backend); warc_records on both
    backends is tested in tests/storage/test_warc_records.py."""
    db_url = sqlite_url
    server, start, site, port = attachment_site
    root, base = Path(server.root), server.base_url
    warc = tmp_path / "warc"
    first = _crawl(start, db_url, warc, "-s", f"DOWNLOAD_MAXSIZE={TOO_LARGE}")
    assert first.code == 0, first.err
    [name] = [p.name for p in warc.iterdir()]
    check = warcio_check(warc / name)
    assert check.returncode == 0, check.stdout + check.stderr
    records = _records(warc / name)
    files = sorted(p.name for p in (root / "files").iterdir())
    assert len(files) == 6  # articles 0, 3 and 6: a PDF and a DOC each
    for file_name in files:  # each attachment: one response, its digest that of the file's bytes
        [response] = [r for r in records if r["url"] == f"{base}/files/{file_name}" and r["type"] == "response"]
        data = (root / "files" / file_name).read_bytes()
        assert response["body"] == data and response["digest"] == _sha1(data)
        assert [r for r in records if r["url"] == response["url"] and r["type"] == "request"]
    [missing] = [r for r in records if r["url"] == f"{base}/files/missing.pdf" and r["type"] == "response"]
    assert missing["status"] == "404"
    assert not [r for r in records if "other.invalid" in (r["url"] or "")]  # another host: never asked
    refused = [r for r in records if r["url"] == f"http://127.0.0.1:{port}/files/gone.doc"]
    assert [r["type"] for r in refused] == ["metadata", "metadata"]  # the attempt and its retry
    assert b"fetch-status: -2" in refused[0]["body"] and b"error-kind: connection" in refused[0]["body"]

    # the article record links each attachment, by the name written on the page, to its capture
    [article] = [r for r in exported(db_url) if len(r["attachments"]) == 6]
    by_name = {a["name"]: a for a in article["attachments"]}
    assert set(by_name) == {"缺失的附件.pdf", "外站附件.pdf", "拒绝连接.doc", "过大的附件.pdf",
                            f"{article['title']}（附件）.pdf", f"{article['title']}（附件）.doc"}
    pdf = by_name[f"{article['title']}（附件）.pdf"]
    data = (root / "files" / pdf["url"].rsplit("/", 1)[1]).read_bytes()
    assert (pdf["status"], pdf["content_type"], pdf["length"]) == (200, "application/pdf", len(data))
    assert pdf["capture"]["payload_digest"] == _sha1(data)
    assert _record_at(warc / pdf["capture"]["warc_file"], pdf["capture"]["warc_offset"]) == \
        ("response", pdf["url"], data)
    assert by_name[f"{article['title']}（附件）.doc"]["content_type"] == "application/msword"
    assert by_name["缺失的附件.pdf"]["status"] == 404 and by_name["缺失的附件.pdf"]["capture"]
    assert by_name["外站附件.pdf"]["status"] is None and by_name["外站附件.pdf"]["capture"] is None
    gone = by_name["拒绝连接.doc"]
    assert gone["status"] == -2 and "refused" in gone["error"].lower()
    assert _record_at(warc / gone["capture"]["warc_file"], gone["capture"]["warc_offset"])[0] == "metadata"
    too_large = by_name["过大的附件.pdf"]
    assert too_large["status"] == -5 and "max size" in too_large["error"] and too_large["length"] is None
    shown = run_cli("show", str(article["id"]), "--db", db_url, "--format", "json")
    assert shown.code == 0 and json.loads(shown.out)["attachments"] == article["attachments"]

    verified = run_cli("verify", "--db", db_url, "--warc-dir", str(warc))
    assert verified.code == 0, verified.err
    # re-extraction offline leaves the links as they were (and fetches nothing)
    hits = dict(server.hits)
    reprocessed = run_cli("reprocess", "--db", db_url, "--warc-dir", str(warc))
    assert reprocessed.code == 0, reprocessed.err
    assert [r for r in exported(db_url) if r["id"] == article["id"]][0]["attachments"] == article["attachments"]
    assert dict(server.hits) == hits

    # a second full crawl: unchanged attachments, list pages and robots.txt become revisits
    second = _crawl(start, db_url, warc, "--full", "-s", f"DOWNLOAD_MAXSIZE={TOO_LARGE}")
    assert second.code == 0, second.err
    [newer] = [p for p in warc.iterdir() if p.name != name]
    assert warcio_check(newer).returncode == 0
    earlier_ids = {r["url"]: r["id"] for r in records if r["type"] == "response"}
    answers = [r for r in _records(newer) if r["type"] in ("response", "revisit")]
    assert answers and all(r["type"] == "revisit" for r in answers), \
        [r["url"] for r in answers if r["type"] != "revisit"]
    for path in (f"{base}/files/{files[0]}", f"{base}{site['start']}", f"{base}/col1/index_1.html"):
        [revisit] = [r for r in answers if r["url"] == path]
        assert revisit["refers_to"] == earlier_ids[path]
    assert run_cli("verify", "--db", db_url, "--warc-dir", str(warc)).code == 0

    # a damaged attachment capture is found and named
    member_start = pdf["capture"]["warc_offset"]
    raw = bytearray((warc / name).read_bytes())
    raw[member_start + 40] ^= 0xFF
    (warc / name).write_bytes(bytes(raw))
    damaged = run_cli("verify", "--db", db_url, "--warc-dir", str(warc))
    assert damaged.code == 5
    assert pdf["url"] in damaged.err


def test_attachments_are_not_fetched_when_turned_off(sqlite_url, attachment_site, tmp_path):
    server, start, _, _ = attachment_site
    result = _crawl(start, sqlite_url, tmp_path / "warc", "-s", "JIEZHEN_ATTACHMENTS=False")
    assert result.code == 0, result.err
    assert not [path for path in server.hits if path.startswith("/files/")]
    assert [path for path in server.hits if path.startswith("/col1/2023")]  # articles were fetched
    [article] = [r for r in exported(sqlite_url) if len(r["attachments"]) == 6]
    assert all(a["capture"] is None and a["status"] is None for a in article["attachments"])


def _site_with_a_photo(tmp_path):
    from benchmarks.sitegen import generate
    from crawler.demo.server import DemoServer

    root = tmp_path / "site"
    site = generate(root, articles=3, per_page=5)
    photo = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8 + b"\xff\xd9"  # a JPEG's framing
    (root / "img").mkdir()
    (root / "img" / "xianchang.jpg").write_bytes(photo)
    first = root / site["paths"][0].lstrip("/")
    html = first.read_text(encoding="utf-8")
    first.write_text(html.replace('<div class="TRS_Editor">', '<div class="TRS_Editor"><p style="text-align:center">'
                                  '<img src="/img/xianchang.jpg"/></p><p>图为会议现场</p>', 1),
                     encoding="utf-8")
    return DemoServer(root).start(), site, photo


def test_inline_images_are_captured_and_linked_when_asked(sqlite_url, tmp_path):
    server, site, photo = _site_with_a_photo(tmp_path)
    with server:
        warc = tmp_path / "warc"
        result = _crawl(server.base_url + site["start"], sqlite_url, warc, "-s", "JIEZHEN_IMAGES=True")
        assert result.code == 0, result.err
        [article] = [r for r in exported(sqlite_url) if r["images"]]
        [image] = article["images"]
        assert image["src"] == f"{server.base_url}/img/xianchang.jpg" and image["caption"] == "图为会议现场"
        assert (image["status"], image["length"]) == (200, len(photo))
        assert image["capture"]["payload_digest"] == _sha1(photo)
        assert _record_at(warc / image["capture"]["warc_file"], image["capture"]["warc_offset"]) == \
            ("response", image["src"], photo)
        assert run_cli("verify", "--db", sqlite_url, "--warc-dir", str(warc)).code == 0


def test_inline_images_are_not_fetched_by_default(sqlite_url, tmp_path):
    server, site, _ = _site_with_a_photo(tmp_path)
    with server:
        result = _crawl(server.base_url + site["start"], sqlite_url, tmp_path / "warc")
        assert result.code == 0, result.err
        assert "/img/xianchang.jpg" not in server.hits
        [article] = [r for r in exported(sqlite_url) if r["images"]]
        assert article["images"] == [{"src": f"{server.base_url}/img/xianchang.jpg", "caption": "图为会议现场"}]
