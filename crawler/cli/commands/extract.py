"""``jiezhen extract``: one page (or a batch) to Article records, without a database."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from crawler.cli.options import iso_date
from crawler.parsing.article import extract_article, extract_text
from crawler.urls import article_url
from pipelines.logic.meeting import extract_meeting
from pipelines.logic.text_cleaning import clean_article
from storage.records import ARTICLE_KEYS


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="print the Article record of a page (no database)",
                       description="Read one page (HTML bytes, or plain text with --text) and print "
                                   "its Article record as JSON. --batch FILE reads one JSON object a "
                                   "line ({\"path\", \"url\", \"text\", \"published\", \"title\"}) and "
                                   "prints one record a line.")
    p.add_argument("file", nargs="?", default="-", metavar="FILE", help="the page; - for stdin")
    p.add_argument("--url", help="the page's URL (resolves links; generic date rules use it)")
    p.add_argument("--text", action="store_true", help="FILE is plain text, not HTML")
    p.add_argument("--published", type=iso_date, metavar="YYYY-MM-DD", help="publish date (--text)")
    p.add_argument("--title", help="headline (--text; default: the first line)")
    p.add_argument("--batch", metavar="FILE", help="JSON-lines file of pages to extract")
    p.add_argument("--compact", action="store_true", help="one line of JSON instead of indented")
    p.set_defaults(func=run)


def empty_record(url: str | None, error: str) -> dict[str, Any]:
    record: dict[str, Any] = {key: None for key in ARTICLE_KEYS}
    record.update(url=url, title="", body="", images=[], attachments=[], content_hash=None, error=error)
    return record


def extract_one(data: bytes, *, url: str | None, text: bool, published: str | None,
                title: str | None) -> dict[str, Any]:
    """The Article record of one page, or a record with an ``error`` key."""
    if text:
        try:
            content = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            from crawler.parsing.encoding import decode_html

            content = decode_html(data).text
        article = extract_text(content, url=url, published=published, title=title)
    else:
        result = extract_article(data, url)
        if not result.is_article or result.article is None:
            return empty_record(url, f"not an article ({result.reason})")
        article = result.article
    if url:
        article.url = article_url(url)
    article = clean_article(article)
    # As the metadata stage does in a crawl: published (or --published) dates yearless dates.
    article.meeting = extract_meeting(article.title, article.body, published=article.published,
                                      url=article.url, author=article.author)
    return article.to_record()


def run(args: argparse.Namespace) -> int:
    if args.batch:
        return run_batch(args.batch)
    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    except OSError as exc:
        print(f"jiezhen extract: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
        return 1
    record = extract_one(data, url=args.url, text=args.text, published=args.published,
                         title=args.title)
    print(json.dumps(record, ensure_ascii=False, indent=None if args.compact else 2))
    return 1 if "error" in record else 0


def run_batch(path: str) -> int:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        print(f"jiezhen extract: cannot read batch file {path}: {exc}", file=sys.stderr)
        return 1
    base = Path(path).parent
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            job = json.loads(line)
            if not isinstance(job, dict) or "path" not in job:
                raise ValueError("each line needs a JSON object with a 'path'")
        except ValueError as exc:
            print(json.dumps(empty_record(None, f"line {number}: {exc}"), ensure_ascii=False))
            continue
        url = job.get("url")
        page = Path(job["path"])
        if not page.is_absolute() and not page.exists():
            page = base / page
        try:
            data = page.read_bytes()
            record = extract_one(data, url=url, text=bool(job.get("text")),
                                 published=job.get("published"), title=job.get("title"))
        except OSError as exc:
            record = empty_record(url, f"cannot read {job['path']}: {exc.strerror}")
        except Exception as exc:  # one bad page must not end the batch
            record = empty_record(url, f"cannot parse {job['path']}: {exc}")
        record["path"] = job["path"]
        print(json.dumps(record, ensure_ascii=False), flush=False)
    return 0
