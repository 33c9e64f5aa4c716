"""The WARC writer: file names and rolling, record contents and digests, revisits, failures."""
from __future__ import annotations

import gzip
import random
import re
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from crawler.warc.naming import default_warc_dir
from crawler.warc.reader import read_response
from crawler.warc.writer import WarcWriteError, WarcWriter
from storage.records import WarcRef
from tests.crawler.warc.helpers import exchange, page, record_types, warcio_check

NAME_SEQ = re.compile(r"-(\d{5})\.warc\.gz$")
NAME = re.compile(r"^demo-qu-\d{8}T\d{6}-\d{5}\.warc\.gz$")


def test_file_is_open_while_written_and_renamed_when_closed(tmp_path):
    writer = WarcWriter(tmp_path, "demo-qu", info={"software": "jiezhen/test"}).open()
    writer.write_exchange(exchange("http://a.gov.cn/1.html", page(1)))
    names = [p.name for p in tmp_path.iterdir()]
    assert len(names) == 1 and names[0].endswith(".warc.gz.open") and NAME.match(names[0][:-5])
    writer.close()
    names = [p.name for p in tmp_path.iterdir()]
    assert len(names) == 1 and NAME.match(names[0])
    assert warcio_check(tmp_path / names[0]).returncode == 0


def test_warcinfo_then_response_and_request_with_digests(tmp_path):
    writer = WarcWriter(tmp_path, "demo-qu", info={"software": "jiezhen/test", "isPartOf": "demo-qu"}).open()
    ref = writer.write_exchange(exchange("http://a.gov.cn/1.html", page(1), headers=[
        ("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")]))
    writer.close()
    path = tmp_path / ref.warc_file
    with open(path, "rb") as fp:
        records = [(r.rec_type, r.rec_headers, r.content_stream().read()) for r in ArchiveIterator(fp)]
    assert [r[0] for r in records] == ["warcinfo", "response", "request"]
    info = records[0][2].decode()
    assert "software: jiezhen/test" in info and "isPartOf: demo-qu" in info
    response_headers = records[1][1]
    assert response_headers.get_header("WARC-Record-ID") == ref.record_id
    assert response_headers.get_header("WARC-Payload-Digest") == ref.payload_digest
    assert response_headers.get_header("WARC-Block-Digest").startswith("sha1:")
    assert response_headers.get_header("WARC-Date") == "2026-11-27T12:00:00Z"
    assert records[1][2] == page(1)
    assert records[2][1].get_header("WARC-Concurrent-To") == ref.record_id
    check = warcio_check(path)
    assert check.returncode == 0 and check.stdout.count("digest pass") == 3, check.stdout
    # the transfer framing the client undid is not claimed for the recorded body
    stored = read_response(tmp_path, ref.warc_file, ref.offset, ref.length)
    names = [name.lower() for name, _ in stored.headers]
    assert "transfer-encoding" not in names and "x-jiezhen-original-transfer-encoding" in names
    assert ("Content-Length", str(len(page(1)))) in stored.headers


def test_offsets_point_at_whole_gzip_members(tmp_path):
    writer = WarcWriter(tmp_path, "s").open()
    refs = [writer.write_exchange(exchange(f"http://a.gov.cn/{n}.html", page(n))) for n in range(5)]
    writer.close()
    data = (tmp_path / refs[0].warc_file).read_bytes()
    for n, ref in enumerate(refs):
        member = gzip.decompress(data[ref.offset:ref.offset + ref.length])
        assert member.startswith(b"WARC/1.0\r\n") and b"\r\nWARC-Type: response\r\n" in member[:300]
        assert page(n) in member


def test_rolls_over_at_the_size_limit(tmp_path):
    def noise(n):  # incompressible, so each exchange takes ~4 kB of the file
        return random.Random(n).randbytes(4000)

    writer = WarcWriter(tmp_path, "demo-qu", max_bytes=5000).open()
    refs = [writer.write_exchange(exchange(f"http://a.gov.cn/{n}.html", noise(n))) for n in range(6)]
    writer.close()
    files = sorted(p.name for p in tmp_path.iterdir())
    assert len(files) >= 3 and all(NAME.match(name) for name in files)
    assert [int(NAME_SEQ.search(name).group(1)) for name in files] == list(range(1, len(files) + 1))
    assert files == sorted(writer.closed_files)  # no file of nothing but a warcinfo record
    for name in files:
        assert (tmp_path / name).stat().st_size < 5000 + 5000
        assert record_types(tmp_path / name)[0] == "warcinfo"
        assert warcio_check(tmp_path / name).returncode == 0
    for ref in refs:
        assert read_response(tmp_path, ref.warc_file, ref.offset, ref.length).body == \
            noise(int(ref.url.rsplit("/", 1)[1].split(".")[0]))


def test_same_payload_again_is_a_revisit_pointing_at_the_first(tmp_path):
    writer = WarcWriter(tmp_path, "s").open()
    first = writer.write_exchange(exchange("http://a.gov.cn/1.html", page(1)))
    again = writer.write_exchange(exchange("http://a.gov.cn/1.html", page(1)))
    changed = writer.write_exchange(exchange("http://a.gov.cn/1.html", page(2)))
    writer.close()
    assert again == first and changed.record_id != first.record_id
    with open(tmp_path / first.warc_file, "rb") as fp:
        records = [r for r in ArchiveIterator(fp) if r.rec_type != "request"]
    assert [r.rec_type for r in records] == ["warcinfo", "response", "revisit", "response"]
    revisit = records[2].rec_headers
    assert revisit.get_header("WARC-Refers-To") == first.record_id
    assert revisit.get_header("WARC-Refers-To-Target-URI") == "http://a.gov.cn/1.html"
    assert revisit.get_header("WARC-Refers-To-Date") == first.date
    assert revisit.get_header("WARC-Payload-Digest") == first.payload_digest
    assert "identical-payload-digest" in revisit.get_header("WARC-Profile")


def test_revisit_of_a_capture_from_an_earlier_crawl(tmp_path):
    earlier = WarcRef(warc_file="old.warc.gz", record_id="<urn:uuid:1>", offset=10, length=20,
                      payload_digest="", date="2026-01-01T00:00:00Z", url="http://a.gov.cn/1.html")
    asked = []

    def known(url, digest):
        asked.append((url, digest))
        return WarcRef(**{**earlier.__dict__, "payload_digest": digest})

    writer = WarcWriter(tmp_path, "s", known=known).open()
    ref = writer.write_exchange(exchange("http://a.gov.cn/1.html", page(1)))
    writer.close()
    assert ref.warc_file == "old.warc.gz" and asked == [("http://a.gov.cn/1.html", ref.payload_digest)]
    assert record_types(tmp_path / writer.closed_files[0]) == ["warcinfo", "revisit", "request"]


def test_a_failed_lookup_of_earlier_captures_writes_the_full_response(tmp_path, caplog):
    """The archive being unreachable for a moment costs a revisit, never the page."""
    def known(url, digest):
        raise ConnectionError("server closed the connection unexpectedly")

    writer = WarcWriter(tmp_path, "s", known=known).open()
    ref = writer.write_exchange(exchange("http://a.gov.cn/1.html", page(1)))
    writer.close()
    assert ref.warc_file == writer.closed_files[0]
    assert record_types(tmp_path / writer.closed_files[0]) == ["warcinfo", "response", "request"]
    assert "could not look up an earlier capture of http://a.gov.cn/1.html" in caplog.text


def test_folder_that_cannot_be_created_is_a_clear_error(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(WarcWriteError, match="cannot create WARC folder"):
        WarcWriter(blocker / "warc", "s").open()


def test_default_folder_sits_beside_a_sqlite_archive(tmp_path, monkeypatch):
    monkeypatch.delenv("JIEZHEN_WARC_DIR", raising=False)
    assert default_warc_dir(f"sqlite:///{tmp_path}/news.db") == tmp_path / "news.warc"
    assert default_warc_dir("postgresql+psycopg://u@h/db") == Path("warc")
    monkeypatch.setenv("JIEZHEN_WARC_DIR", str(tmp_path / "x"))
    assert default_warc_dir(f"sqlite:///{tmp_path}/news.db") == tmp_path / "x"
