"""``jiezhen reprocess``: run the crawl's processing again on the stored captures, offline.

Rules improve (extraction, cleaning, meeting metadata, dedup); sites change or vanish.
This re-reads each article's newest capture (from its WARC record, or from the database
when it was crawled without WARC) and sends it through exactly what a crawl does with a
response: the spider's ``parse_article`` (same profile or generic rules) and every stage
of ``ITEM_PIPELINES`` in the settings' order (whatever stages the project has, the store
stage last), with no network. The store stage, told ``JIEZHEN_REPROCESS``, writes through
``Archive.store_batch`` (so the search index and person registry follow) without counting
a new sighting and also rewrites fields that changed on an unchanged body.

Which articles changed is found by comparing each article's record before and after, so
the report does not depend on what any stage says about itself; a second run finds the
same inputs, produces the same records, and changes nothing.

The offline machinery (spider + stages without engine) is ``crawler/offline.py``, shared
with ``jiezhen import``.
"""
from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrapy import Request
from scrapy.http import Response
from scrapy.settings import Settings

from crawler.offline import StageRunner
from crawler.profiles import load_profiles
from crawler.spiders.news import WARC_META_KEY, NewsSpider, spider_for_profile
from crawler.warc.reader import RecordUnreadable, read_response
from storage.archive import Archive
from storage.records import ARTICLE_KEYS, WarcRef

logger = logging.getLogger(__name__)


@dataclass
class Changed:
    id: int
    url: str
    fields: list[str]


@dataclass
class ReprocessReport:
    captures: int = 0
    reprocessed: int = 0
    changed: list[Changed] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    dropped: dict[str, int] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)


def _fingerprint(record: dict[str, Any]) -> dict[str, str]:
    """A short digest of each Article-record field, for before/after comparison."""
    return {key: hashlib.sha1(json.dumps(record.get(key), ensure_ascii=False, sort_keys=True,
                                         default=str).encode()).hexdigest()
            for key in ARTICLE_KEYS}


def _count(counts: dict[str, int], key: str, n: int = 1) -> None:
    counts[key] = counts.get(key, 0) + n


def _response(row: dict[str, Any], warc_dir: Path | None) -> Response:
    """The response as the spider saw it: decoded body, the headers the crawl stored."""
    if row["body"] is not None:
        body = bytes(row["body"])
    elif warc_dir is not None:
        body = read_response(warc_dir, row["warc_file"], row["warc_offset"], row["warc_length"]).body
    else:
        raise RecordUnreadable("no bytes in the database and no WARC folder")
    meta: dict[str, Any] = {"jiezhen_kind": "article"}
    if row.get("warc_file"):
        meta[WARC_META_KEY] = WarcRef(warc_file=row["warc_file"], record_id=row["warc_record_id"],
                                      offset=row["warc_offset"], length=row["warc_length"],
                                      payload_digest=row["payload_digest"], url=row["url"])
    request = Request(row["url"], meta=meta)
    return Response(row["url"], status=row["status"], headers=row["headers"] or {}, body=body,
                    request=request)


def reprocess(archive: Archive, settings: Settings, *, warc_dir: Path | None,
              site: str | None = None, since: str | None = None,
              sites_dir: str | None = None) -> ReprocessReport:
    settings = settings.copy()
    settings.set("JIEZHEN_REPROCESS", True, priority="cmdline")
    settings.set("JIEZHEN_SINCE", None, priority="cmdline")  # --since here selects, never drops
    profiles = load_profiles([sites_dir] if sites_dir else [])
    report = ReprocessReport()
    before: dict[int, dict[str, str]] = {}
    sites: dict[str, StageRunner] = {}
    try:
        for row in archive.latest_captures(site=site, since=since):
            report.captures += 1
            record = archive.get(row["article_id"])
            if record is None:
                continue
            before[row["article_id"]] = _fingerprint(record)
            try:
                response = _response(row, warc_dir)
            except (RecordUnreadable, OSError) as exc:
                report.unreadable.append(f"article {row['article_id']} ({row['article_url']}): {exc}")
                continue
            key = row["site"] or ""
            if key not in sites:
                profile = profiles.get(key)
                if profile is not None:
                    sites[key] = StageRunner(settings, spider_for_profile(profile), {})
                else:
                    sites[key] = StageRunner(settings, NewsSpider, {"start_url": [row["article_url"]]})
            sites[key].process(response, lambda reason: _count(report.dropped, reason))
            report.reprocessed += 1
    finally:
        for entry in sites.values():
            entry.close()
    for entry in sites.values():
        for kind, value in entry.errors().items():
            _count(report.errors, kind, value)
    for article_id, old in before.items():
        record = archive.get(article_id)
        if record is None:
            continue
        new = _fingerprint(record)
        fields = [key for key in ARTICLE_KEYS if old[key] != new[key]]
        if fields:
            report.changed.append(Changed(article_id, record["url"], fields))
    return report


def iter_lines(report: ReprocessReport) -> Iterator[str]:
    for change in report.changed:
        yield f"changed  {change.id}  {change.url}  ({', '.join(change.fields)})"
    for problem in report.unreadable:
        yield f"unreadable  {problem}"
    yield (f"reprocessed {report.reprocessed} of {report.captures} articles: "
           f"{len(report.changed)} changed, {report.reprocessed - len(report.changed)} unchanged"
           + (f", {len(report.unreadable)} unreadable" if report.unreadable else ""))
    if report.dropped:
        yield "not stored: " + ", ".join(f"{k} {v}" for k, v in sorted(report.dropped.items()))
    if report.errors:
        yield "errors: " + ", ".join(f"{k} {v}" for k, v in sorted(report.errors.items()))
