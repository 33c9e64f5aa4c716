"""The shapes that cross the boundary between crawling and storage.

``Article`` is the Article record of ``shared/CONTRACT.md``: what ``jiezhen extract``
prints and what the store pipeline hands to the archive. ``Capture`` is one raw HTTP
exchange as fetched, kept so that any cleaning or extraction can be redone later.
They live here (not in ``crawler``) because ``storage`` must not import the crawler,
while the crawler and the pipelines may import ``storage``.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

#: Key order of the Article record, as documented in CONTRACT.md.
ARTICLE_KEYS = (
    "url", "site", "title", "subtitle", "published", "source", "author", "editor",
    "body", "images", "attachments", "meeting", "content_hash",
)


def content_hash(body: str) -> str:
    """``sha256:`` + hex digest of the cleaned body (UTF-8), the record's identity of text."""
    return "sha256:" + hashlib.sha256(body.encode("utf-8")).hexdigest()


@dataclass
class Article:
    """One article as extracted and cleaned. Unknown values are ``None`` or ``[]``."""

    url: str | None
    title: str
    body: str
    site: str | None = None
    subtitle: str | None = None
    published: str | None = None  # "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM", Beijing time
    source: str | None = None
    author: str | None = None
    editor: str | None = None
    images: list[dict[str, Any]] = field(default_factory=list)  # [{"src", "caption"}]
    attachments: list[dict[str, Any]] = field(default_factory=list)  # [{"url", "name"}]
    meeting: dict[str, Any] | None = None
    content_hash: str = ""

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = content_hash(self.body)

    def rehash(self) -> None:
        """Recompute ``content_hash`` after the body was cleaned."""
        self.content_hash = content_hash(self.body)

    def to_record(self) -> dict[str, Any]:
        """The Article record as a JSON-ready dict, keys in contract order."""
        data = asdict(self)
        return {key: data[key] for key in ARTICLE_KEYS}

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> "Article":
        return cls(**{key: record.get(key) if key not in ("images", "attachments")
                      else list(record.get(key) or []) for key in ARTICLE_KEYS})


@dataclass(frozen=True)
class WarcRef:
    """Where one response record lives: the file (relative to the WARC folder), its id, the
    byte range of its gzip member, and its payload digest (sha1 base32, as in the record)."""

    warc_file: str
    record_id: str
    offset: int
    length: int
    payload_digest: str
    date: str = ""  # WARC-Date of the record (ISO 8601, UTC)
    url: str = ""  # WARC-Target-URI

    def to_capture_record(self) -> dict[str, Any]:
        """The ``capture`` object of the export record."""
        return {"warc_file": self.warc_file, "warc_record_id": self.record_id,
                "warc_offset": self.offset, "payload_digest": self.payload_digest}


@dataclass
class Capture:
    """One HTTP response as received: the provenance of an archived article."""

    url: str  # the URL actually fetched (after redirects)
    fetched_at: datetime  # UTC, timezone-aware
    status: int
    headers: dict[str, str]
    body: bytes
    encoding: str | None = None  # what the page was decoded as
    #: Where the WARC writer put this response (``crawler/warc``), or None without WARC capture.
    #: A capture with a WARC record keeps its bytes there only, not in the database.
    warc: "WarcRef | None" = None

    @property
    def digest(self) -> str:
        return "sha256:" + hashlib.sha256(self.body).hexdigest()
