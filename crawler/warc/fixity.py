"""``jiezhen verify``: prove that every capture the archive refers to is intact on disk.

Per capture row: the file is there; the gzip member at the recorded offset and length
decompresses completely (CRC and length checked by zlib); it is the record named by the
row; its WARC-Block-Digest and WARC-Payload-Digest match the bytes; the payload digest is
the one the row holds; and the decoded body hashes to the row's ``digest`` (so reprocess
gets back what the crawl extracted from). The same (but the body hash) for every record
``warc_records`` lists: list pages, attachments, error answers, failed requests. Then every closed WARC file in the folder is
walked member by member: ``warcio check`` reads cut gzip members without complaint, so
a truncated file would otherwise pass.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warcio.utils import Digester

from crawler.warc.members import is_locked, scan_members
from crawler.warc.naming import OPEN_SUFFIX, SUFFIX, is_open_name
from crawler.warc.reader import RecordUnreadable, locate, parse_record, read_member


@dataclass
class VerifyReport:
    captures: int = 0
    records: int = 0  # other records the archive lists (warc_records): list pages, attachments...
    files: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _digest(data: bytes, like: str) -> str:
    algorithm = like.split(":", 1)[0] if ":" in like else "sha1"
    digester = Digester(algorithm)
    digester.update(data)
    return str(digester)


def check_capture(directory: Path, row: dict[str, Any]) -> list[str]:
    """What is wrong with the record one capture row points at (empty: nothing)."""
    label = row.get("label", "capture")  # "record": a warc_records row (list page, attachment...)
    where = f"{label} {row['id']} ({row['url']}) -> {row['warc_file']}@{row['warc_offset']}"
    path = locate(directory, row["warc_file"])
    if path is None:
        return [f"{where}: file missing"]
    try:
        raw = read_member(path, row["warc_offset"], row["warc_length"])
        record = parse_record(raw)
    except RecordUnreadable as exc:
        return [f"{where}: {exc}"]
    problems = []
    if record.record_id != row["warc_record_id"]:
        problems.append(f"{where}: record id {record.record_id}, expected {row['warc_record_id']}")
    block_digest = record.warc_headers.get("WARC-Block-Digest", "")
    if not block_digest or _digest(record.block, block_digest) != block_digest:
        problems.append(f"{where}: block digest mismatch")
    stated = record.warc_headers.get("WARC-Payload-Digest", "")
    if not stated or _digest(record.raw_payload, stated) != stated:
        problems.append(f"{where}: payload digest mismatch")
    if stated != row["payload_digest"]:
        problems.append(f"{where}: payload digest {stated}, archive says {row['payload_digest']}")
    if row.get("digest") and "sha256:" + hashlib.sha256(record.body).hexdigest() != row["digest"]:
        problems.append(f"{where}: decoded body differs from what was archived")
    return problems


def check_files(directory: Path, report: VerifyReport) -> None:
    """Every WARC file in ``directory``: closed ones must be whole runs of gzip members."""
    if not directory.is_dir():
        return
    for path in sorted(directory.iterdir()):
        if is_open_name(path.name):
            state = "being written by a running crawl" if is_locked(path) else \
                "left by a killed crawl; the next crawl into this folder closes it"
            report.notes.append(f"{path.name}: open file, {state}")
            continue
        if not path.name.endswith(SUFFIX):
            continue
        report.files += 1
        scan = scan_members(path)
        if not scan.intact:
            report.problems.append(f"{path.name}: {scan.problem or 'trailing bytes'}")


def verify(directory: Path, captures: Iterable[dict[str, Any]],
           records: Iterable[dict[str, Any]] = ()) -> VerifyReport:
    report = VerifyReport()
    for row in captures:
        report.captures += 1
        report.problems += check_capture(directory, row)
    for row in records:
        report.records += 1
        report.problems += check_capture(directory, row)
    check_files(directory, report)
    return report


__all__ = ["VerifyReport", "verify", "check_capture", "check_files", "OPEN_SUFFIX"]
