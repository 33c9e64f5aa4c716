"""`verify`'s checks, on archives whose WARC files were damaged in each way that matters."""
from __future__ import annotations

import gzip
import os
from datetime import datetime, timezone

import pytest
from sqlalchemy import text

from crawler.warc.fixity import verify
from crawler.warc.writer import WarcWriter
from storage.records import Article, Capture
from tests.crawler.warc.helpers import exchange, page


@pytest.fixture
def stored(archive, tmp_path):
    """Three articles whose captures are in one closed WARC file; returns (archive, dir, refs)."""
    directory = tmp_path / "warc"
    writer = WarcWriter(directory, "s").open()
    items, refs = [], []
    for n in range(3):
        url = f"http://a.gov.cn/{n}.html"
        ref = writer.write_exchange(exchange(url, page(n)))
        refs.append(ref)
        items.append((Article(url=url, title=f"第{n}篇", body=f"正文{n}"),
                      Capture(url=url, fetched_at=datetime.now(timezone.utc), status=200,
                              headers={"Content-Type": "text/html"}, body=page(n), warc=ref)))
    writer.close()
    archive.store_batch(items)
    return archive, directory, refs


def _problems(archive, directory):
    return verify(directory, archive.warc_captures()).problems


def test_intact_archive_passes_and_keeps_no_bytes_in_the_database(stored):
    archive, directory, refs = stored
    report = verify(directory, archive.warc_captures())
    assert report.ok and report.captures == 3 and report.files == 1
    capture = archive.captures(1, with_body=True)[0]
    assert capture["body"] is None and capture["warc_record_id"] == refs[0].record_id
    assert archive.get(1)["capture"] == {"warc_file": refs[0].warc_file,
                                         "warc_record_id": refs[0].record_id,
                                         "warc_offset": refs[0].offset,
                                         "payload_digest": refs[0].payload_digest}


def test_missing_file(stored):
    archive, directory, refs = stored
    (directory / refs[0].warc_file).unlink()
    problems = _problems(archive, directory)
    assert len(problems) == 3 and all("file missing" in p for p in problems)


def test_truncated_gzip_member_is_caught(stored):
    archive, directory, refs = stored
    path = directory / refs[2].warc_file
    os.truncate(path, refs[2].offset + refs[2].length // 2)
    problems = _problems(archive, directory)
    assert any(p.startswith("capture 3 ") and "file ends" in p for p in problems)
    assert any(p.startswith(refs[2].warc_file) and "incomplete gzip member" in p for p in problems)
    assert not any(p.startswith(("capture 1 ", "capture 2 ")) for p in problems)


def test_truncated_tail_after_the_referenced_records_is_caught(stored):
    """Only the last request record is cut: every capture reads fine, the file check does not."""
    archive, directory, refs = stored
    path = directory / refs[2].warc_file
    os.truncate(path, path.stat().st_size - 7)
    problems = _problems(archive, directory)
    assert problems == [f"{refs[2].warc_file}: " + problems[0].split(": ", 1)[1]]
    assert "incomplete gzip member" in problems[0]


def test_flipped_byte_is_caught(stored):
    archive, directory, refs = stored
    path = directory / refs[1].warc_file
    data = bytearray(path.read_bytes())
    data[refs[1].offset + refs[1].length // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    problems = _problems(archive, directory)
    assert any(p.startswith("capture 2 ") for p in problems)
    assert any(p.startswith(refs[1].warc_file) for p in problems)


def test_altered_payload_in_a_valid_gzip_member_is_caught(stored):
    """Someone rewrote a record (valid gzip, same record id): the digests give it away."""
    archive, directory, refs = stored
    path = directory / refs[0].warc_file
    data = path.read_bytes()
    record = gzip.decompress(data[refs[0].offset:refs[0].offset + refs[0].length])
    altered = gzip.compress(record.replace("第0篇".encode(), "第9篇".encode()))
    with open(path, "ab") as fp:
        fp.write(altered)
    with archive._engine.begin() as conn:
        conn.execute(text("UPDATE captures SET warc_offset = :o, warc_length = :n WHERE id = 1"),
                     {"o": len(data), "n": len(altered)})
    problems = _problems(archive, directory)
    assert any(p.startswith("capture 1 ") and "block digest mismatch" in p for p in problems)
    assert any(p.startswith("capture 1 ") and "payload digest mismatch" in p for p in problems)


def test_archive_and_file_disagree_on_the_digest(stored):
    archive, directory, refs = stored
    with archive._engine.begin() as conn:
        conn.execute(text("UPDATE captures SET payload_digest = 'sha1:AAAA' WHERE id = 2"))
    problems = _problems(archive, directory)
    assert len(problems) == 1 and "archive says sha1:AAAA" in problems[0]
