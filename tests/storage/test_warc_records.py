"""warc_records: attachments linked to their captures at read time, redirects followed."""
from __future__ import annotations

import psycopg
import pytest
from sqlalchemy.exc import DBAPIError

from storage.archive import Archive
from storage.records import WarcRef
from storage.warc_records import WrittenRecord

from .factories import T0, article, capture


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


def test_the_revisit_target_is_the_first_good_response_with_that_payload(archive):
    url = "https://x.gov.cn/col/index.html"
    digest = f"sha1:{7:032d}"
    first_failed = WrittenRecord(ref=WarcRef(warc_file="s-0.warc.gz", record_id="<urn:uuid:0>",
                                             offset=0, length=9, payload_digest=digest, url=url),
                                 fetched_at=T0, status=-2, error="refused")
    first = WrittenRecord(ref=WarcRef(warc_file="s-1.warc.gz", record_id="<urn:uuid:a>", offset=10,
                                      length=50, payload_digest=digest, url=url),
                          fetched_at=T0, status=200)
    later = WrittenRecord(ref=WarcRef(warc_file="s-2.warc.gz", record_id="<urn:uuid:b>", offset=20,
                                      length=50, payload_digest=digest, url=url),
                          fetched_at=T0.replace(day=28), status=200)
    archive.add_warc_records([first_failed, first, later])
    found = archive.find_warc_capture(url, digest)
    # a failed request has no payload to point at; of two responses the first is the original
    assert (found.warc_file, found.record_id, found.offset, found.length) == ("s-1.warc.gz", "<urn:uuid:a>", 10, 50)
    assert found.date == "2026-11-27T08:00:00Z" and found.url == url  # WARC-Refers-To-Date/-Target-URI


def test_an_article_capture_of_an_older_archive_is_a_revisit_target(archive):
    # archives older than warc_records (migration 0011) know their pages only as captures
    url = "https://www.shcn.gov.cn/art/3.html"
    ref = WarcRef(warc_file="old-1.warc.gz", record_id="<urn:uuid:old>", offset=512, length=700,
                  payload_digest="sha1:OLDPAYLOAD", url=url)
    cap = capture(url, b"<html>3</html>")
    cap.warc = ref
    archive.store_batch([(article(3), cap)])
    found = archive.find_warc_capture(url, "sha1:OLDPAYLOAD")
    assert (found.warc_file, found.record_id, found.offset, found.length) == ("old-1.warc.gz", "<urn:uuid:old>", 512, 700)
    assert found.date == "2026-11-27T08:00:00Z"
    assert archive.find_warc_capture(url, "sha1:NEWPAYLOAD") is None


def test_revisit_lookups_leave_no_transaction_open(archive):
    """The WARC writer asks once per page for the whole crawl: on PostgreSQL an open
    transaction between lookups would hold a snapshot (and block VACUUM and migrations)."""
    archive.add_warc_records([_written("https://x.gov.cn/a.html", 200, 1)])
    for _ in range(3):
        archive.find_warc_capture("https://x.gov.cn/a.html", f"sha1:{1:032d}")
    if archive.url.startswith("postgresql"):
        with archive._engine.connect() as conn:
            idle = conn.exec_driver_sql(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND state IN ('idle in transaction', 'idle in transaction (aborted)')").scalar()
        assert idle == 0
    # and writes by others are seen at once (no stale snapshot): a new record is found
    archive.add_warc_records([_written("https://x.gov.cn/b.html", 200, 2)])
    assert archive.find_warc_capture("https://x.gov.cn/b.html", f"sha1:{2:032d}") is not None


def test_a_dropped_connection_fails_one_lookup_not_the_rest(postgres_url):
    """The lookup connection is held for a whole crawl: if the server drops it, the next
    page's lookup must open a fresh one."""
    with Archive.open(postgres_url, migrate=True) as archive:
        archive.add_warc_records([_written("https://x.gov.cn/a.html", 200, 1)])
        assert archive.find_warc_capture("https://x.gov.cn/a.html", f"sha1:{1:032d}") is not None
        dbname = postgres_url.rsplit("/", 1)[1]
        with psycopg.connect(postgres_url.replace("+psycopg", "").rsplit("/", 1)[0] + "/postgres",
                             autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = %s AND pid <> pg_backend_pid()", (dbname,))
        with pytest.raises((psycopg.Error, DBAPIError)):
            archive.find_warc_capture("https://x.gov.cn/a.html", f"sha1:{1:032d}")
        assert archive.find_warc_capture("https://x.gov.cn/a.html", f"sha1:{1:032d}") is not None
