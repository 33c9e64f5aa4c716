"""warc_records: attachments linked to their captures at read time, redirects followed."""
from __future__ import annotations

from storage.records import WarcRef
from storage.warc_records import WrittenRecord

from .factories import T0, article


def _written(url: str, status: int, n: int, **fields) -> WrittenRecord:
    ref = WarcRef(warc_file=f"site-{n}.warc.gz", record_id=f"<urn:uuid:{n}>", offset=100 * n,
                  length=50, payload_digest=f"sha1:{n:032d}", url=url)
    return WrittenRecord(ref=ref, fetched_at=T0, status=status, **fields)


def test_attachments_get_their_newest_good_capture_through_redirects(archive):
    links = [{"url": "https://x.gov.cn/down.jsp?id=7", "name": "通知.pdf"},
             {"url": "https://x.gov.cn/files/名单.xls", "name": "名单"},
             {"url": "https://x.gov.cn/gone.doc", "name": "gone"},
             {"url": "https://other.example/a.pdf", "name": "外站"}]
    archive.store_batch([(article(1, attachments=links), None)])
    archive.add_warc_records([
        _written("https://x.gov.cn/down.jsp?id=7", 302, 1, location="/files/7.pdf"),
        _written("https://x.gov.cn/files/7.pdf", 200, 2, content_type="application/pdf", length=1234),
        _written("https://x.gov.cn/files/7.pdf", 503, 3),  # a later failed re-fetch: the 200 stays
        # the crawl requested (and recorded) the percent-encoded form of the link
        _written("https://x.gov.cn/files/%E5%90%8D%E5%8D%95.xls", 200, 4, length=9),
        _written("https://x.gov.cn/gone.doc", -2, 5, error="connection refused"),
    ])
    [record] = list(archive.iter_records())
    got = {a["name"]: a for a in record["attachments"]}
    assert [a["url"] for a in record["attachments"]] == [link["url"] for link in links]  # as written
    pdf = got["通知.pdf"]
    assert (pdf["status"], pdf["content_type"], pdf["length"]) == (200, "application/pdf", 1234)
    assert pdf["fetched_url"] == "https://x.gov.cn/files/7.pdf"
    assert pdf["capture"] == {"warc_file": "site-2.warc.gz", "warc_record_id": "<urn:uuid:2>",
                              "warc_offset": 200, "payload_digest": f"sha1:{2:032d}"}
    assert got["名单"]["capture"]["warc_file"] == "site-4.warc.gz"
    assert got["gone"]["status"] == -2 and got["gone"]["error"] == "connection refused"
    assert got["外站"]["capture"] is None and got["外站"]["status"] is None
    assert archive.get(record["id"])["attachments"] == record["attachments"]


def test_a_revisit_target_is_found_for_any_recorded_url(archive):
    archive.add_warc_records([_written("https://x.gov.cn/col/index.html", 200, 1)])
    found = archive.find_warc_capture("https://x.gov.cn/col/index.html", f"sha1:{1:032d}")
    assert found is not None and found.record_id == "<urn:uuid:1>" and found.offset == 100
    assert archive.find_warc_capture("https://x.gov.cn/col/index.html", "sha1:OTHER") is None
