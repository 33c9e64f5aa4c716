"""What an input reader yields: a page to process, a record skipped on purpose, bad input.

Readers never raise on bad input: they yield ``BadInput`` naming the file and the byte offset
(or line) and carry on with the next record, so one damaged member costs one record.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from storage.records import WarcRef


@dataclass
class Page:
    """One HTML response, as the spider's ``parse_article`` needs it."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes  # the entity with content- and transfer-coding undone (what Scrapy hands a spider)
    fetched_at: datetime
    warc: WarcRef | None  # the record it came from (a foreign WARC, or the one we wrote)
    where: str  # file@offset, for messages
    #: The payload as recorded (content-coding kept), when ``warc`` is None and the bytes must
    #: be written into a WARC record of ours with ``headers`` (a record joined from segments).
    raw_payload: bytes | None = None


@dataclass
class Skipped:
    """A record read correctly but not an article page (``reason``: not_html, http_404...)."""

    reason: str
    where: str = ""


@dataclass
class Revisit:
    """A WARC ``revisit`` record: the page was seen again, unchanged, at ``seen_at``."""

    url: str
    seen_at: datetime
    where: str = ""


@dataclass
class BadInput:
    """Input that could not be read (cut, corrupt, undecodable, unparseable): skipped."""

    where: str  # file and byte offset or line
    problem: str


@dataclass
class Record:
    """One export record (JSONL), to restore as it was."""

    data: dict[str, Any]
    where: str
    extra: dict[str, Any] = field(default_factory=dict)
