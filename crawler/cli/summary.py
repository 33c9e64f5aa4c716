"""The end-of-crawl report: what was fetched, archived and went wrong, per site."""
from __future__ import annotations

from typing import TextIO

from crawler.cli.exit_codes import ExitCode
from crawler.runner import CrawlResult
from storage.db import redact


def describe_db(url: str) -> str:
    """Where the archive is, as a person would look for it (absolute path for SQLite)."""
    from pathlib import Path

    if url.startswith("sqlite:///"):
        path = url[len("sqlite:///"):]
        return f"{Path(path).resolve()} (SQLite)"
    return redact(url)


#: What a run's flags (``crawler/extensions/run_record.yield_flags``) tell the person reading.
FLAG_MEANINGS = {
    "no_links": "the site's layout may have changed",
    "no_articles": "the site's layout may have changed",
    "unreachable": "no page could be fetched: the site or the network is down",
}


def flag_meaning(flags: list[str]) -> str:
    return "; ".join(dict.fromkeys(FLAG_MEANINGS.get(f, f) for f in flags))


def print_summary(results: list[CrawlResult], db_url: str, out: TextIO) -> None:
    for r in results:
        print(f"site {r.label}: {r.status} ({r.finish_reason}), run #{r.run_id}", file=out)
        print(f"  pages fetched     {r.pages} ({r.list_pages} list pages, {r.bytes:,} bytes)", file=out)
        print(f"  articles archived {r.archived}: {r.new} new, {r.changed} changed, "
              f"{r.unchanged} unchanged" + (f" ({r.reposts} reposts of stories already archived)"
                                            if r.reposts else ""), file=out)
        if r.known or r.not_modified:
            print(f"  already archived  {r.known} not fetched, {r.not_modified} re-checked (304)", file=out)
        if r.flags:
            print(f"  flagged           {', '.join(r.flags)} ({flag_meaning(r.flags)})", file=out)
        errors = ", ".join(f"{k} {v}" for k, v in r.errors.items()) or "none"
        print(f"  errors            {errors}", file=out)
        if r.warc_dir:
            print(f"  WARC records      {r.warc_records} ({r.warc_bytes:,} bytes) in {r.warc_dir}",
                  file=out)
        if r.skipped:
            skipped = ", ".join(f"{k} {v}" for k, v in r.skipped.items())
            print(f"  not archived      {skipped}", file=out)
    print(f"database: {describe_db(db_url)}", file=out)


def crawl_exit_code(results: list[CrawlResult], worker: bool = False) -> ExitCode:
    """3 when a crawl did not end well, 4 when one ended but found nothing (or was flagged).

    ``worker``: a distributed worker's runs hold only its share of each site, and a share can
    rightly hold no article (the list page, while other workers fetched every article), so a
    worker is not judged on what its share found: ``jiezhen health`` judges the crawl from
    the workers' runs merged (``crawler/crawl_runs.py``)."""
    if any(r.status not in ("finished", "suspect") for r in results):
        return ExitCode.CRAWL_INCOMPLETE
    if worker:
        return ExitCode.OK
    if any(r.status == "suspect" or (r.found == 0 and r.pages > 0 and r.finish_reason == "finished")
           for r in results):
        return ExitCode.NOTHING_FOUND
    return ExitCode.OK
