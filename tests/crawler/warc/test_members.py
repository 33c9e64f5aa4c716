"""Torn files: a crawl killed mid-record leaves a cut gzip member; recovery cuts it off."""
from __future__ import annotations

import os

import pytest

from crawler.warc.members import recover, scan_members
from crawler.warc.writer import WarcWriter
from tests.crawler.warc.helpers import exchange, page, record_types, warcio_check


def _torn_file(tmp_path, cut_into_last: int):
    """A `.open` file of 4 exchanges whose last member is cut ``cut_into_last`` bytes in."""
    writer = WarcWriter(tmp_path, "s").open()
    refs = [writer.write_exchange(exchange(f"http://a.gov.cn/{n}.html", page(n))) for n in range(4)]
    path = tmp_path / (writer.name + ".open")
    os.close(writer.fd)  # as a SIGKILL would: no close, no rename, lock gone
    writer.fd = None
    size = path.stat().st_size
    last_request_start = refs[-1].offset + refs[-1].length
    os.truncate(path, last_request_start + cut_into_last)
    return path, refs, last_request_start, size


@pytest.mark.parametrize("cut", [1, 10, 200])
def test_recover_truncates_to_the_last_complete_record_and_closes(tmp_path, cut):
    path, refs, complete, _ = _torn_file(tmp_path, cut)
    assert not scan_members(path).intact
    done = recover(tmp_path)
    assert [d.path.name for d in done] == [path.name[:-5]]
    closed = done[0].path
    assert not path.exists() and closed.stat().st_size == complete and done[0].dropped == cut
    assert scan_members(closed).intact
    assert record_types(closed) == ["warcinfo"] + ["response", "request"] * 3 + ["response"]
    assert warcio_check(closed).returncode == 0


def test_a_file_cut_in_its_warcinfo_is_removed(tmp_path):
    writer = WarcWriter(tmp_path, "s").open()
    path = tmp_path / (writer.name + ".open")
    os.close(writer.fd)
    writer.fd = None
    os.truncate(path, 30)
    assert recover(tmp_path) == [] and list(tmp_path.iterdir()) == []


def test_a_file_held_by_a_live_writer_is_left_alone(tmp_path):
    writer = WarcWriter(tmp_path, "s").open()
    writer.write_exchange(exchange("http://a.gov.cn/1.html", page(1)))
    path = tmp_path / (writer.name + ".open")
    assert recover(tmp_path) == [] and path.exists()
    writer.close()


def test_scan_tells_intact_from_cut_files(tmp_path):
    writer = WarcWriter(tmp_path, "s").open()
    for n in range(3):
        writer.write_exchange(exchange(f"http://a.gov.cn/{n}.html", page(n)))
    writer.close()
    path = tmp_path / writer.closed_files[0]
    scan = scan_members(path)
    assert scan.intact and len(scan.ends) == 7 and scan.ends[-1] == path.stat().st_size
    os.truncate(path, path.stat().st_size - 5)
    scan = scan_members(path)
    assert not scan.intact and "incomplete gzip member" in scan.problem and len(scan.ends) == 6
