"""``jiezhen show ID [--versions]``: one archived article, its story's sightings, its history.

Text output is for reading: the record's fields, every sighting of the story (which copy is
canonical, where else it was found and what differs), the body; with ``--versions``, each
version's dates followed by a unified diff (difflib) from the previous one, line by line.
``--format json`` prints the export record, plus ``versions`` (each with its ``diff``) when
asked. Exit status 1 when the archive has no article with that id.
"""
from __future__ import annotations

import argparse
import difflib
import json
import sys
from typing import Any

from crawler.cli.exit_codes import ExitCode
from crawler.cli.options import add_db_option, positive_int
from storage.archive import Archive

#: Fields printed above the body, in this order.
SHOWN = ("title", "subtitle", "url", "site", "published", "source", "author", "editor",
         "first_seen", "last_seen", "version", "duplicate_of", "content_hash")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("show", help="one archived article with its sightings and versions",
                       description="Print archived article ID (the `id` of export and search) with "
                                   "every sighting of its story; --versions adds its text history "
                                   "with a diff between versions. Exit status 1 if there is no such article.")
    p.add_argument("id", metavar="ID", type=positive_int, help="the article's archive id")
    p.add_argument("--versions", action="store_true", help="show every version with a diff")
    p.add_argument("--format", choices=("text", "json"), default="text")
    add_db_option(p)
    p.set_defaults(func=run)


def version_diff(old: dict[str, Any] | None, new: dict[str, Any]) -> str:
    """Unified diff of title and body lines between two versions (empty for the first)."""
    if old is None:
        return ""
    def lines(v: dict[str, Any]) -> list[str]:
        return [f"标题: {v['title']}", *(v["body"] or "").splitlines()]
    return "\n".join(difflib.unified_diff(lines(old), lines(new), f"version {old['version']}",
                                          f"version {new['version']}", lineterm=""))


def _with_diffs(history: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**v, "diff": version_diff(history[n - 1] if n else None, v)} for n, v in enumerate(history)]


def _print_text(record: dict[str, Any], history: list[dict[str, Any]] | None) -> None:
    out = sys.stdout
    for name in SHOWN:
        if record.get(name) is not None:
            out.write(f"{name + ':':14}{record[name]}\n")
    sightings = record["sightings"]
    out.write(f"\nsightings ({len(sightings)}):\n")
    for s in sightings:
        role = "canonical" if s["duplicate_of"] is None else f"repost of {s['duplicate_of']}"
        differs = f"  differs: {', '.join(s['differs'])}" if s["differs"] else ""
        mark = "*" if s["id"] == record["id"] else " "
        out.write(f" {mark} [{s['id']}] {s['published'] or '-'}  {s['site'] or '-'}  {s['url']}  "
                  f"({role}; source {s['source'] or '-'}; first seen {s['first_seen']}){differs}\n")
    _print_attachments(record.get("attachments") or [])
    if history is None:
        out.write(f"\n{record['body']}\n")
        return
    out.write(f"\nversions ({len(history)}):\n")
    for v in history:
        out.write(f"\n== version {v['version']}  seen {v['seen_from']} .. {v['seen_until']}  "
                  f"{v['content_hash']}\n")
        out.write((v["diff"] or v["body"]) + "\n")


def _print_attachments(attachments: list[dict[str, Any]]) -> None:
    """附件 lines: name, what the fetch got (status, type, bytes) and where it is archived."""
    if not attachments:
        return
    out = sys.stdout
    out.write(f"\nattachments ({len(attachments)}):\n")
    for a in attachments:
        capture = a.get("capture")
        if a.get("status") is None:
            got = "not fetched"
        elif a["status"] < 0:
            got = f"no response ({a['status']}: {a.get('error') or '?'})"
        else:
            got = f"HTTP {a['status']}, {a.get('content_type') or '?'}, {a.get('length')} bytes"
        where = f"  WARC {capture['warc_file']}@{capture['warc_offset']}" if capture else ""
        out.write(f"  {a.get('name') or '-'}  {a['url']}\n    {got}{where}\n")


def run(args: argparse.Namespace) -> int:
    with Archive.open(args.db) as archive:
        record = archive.get(args.id)
        history = _with_diffs(archive.versions(args.id)) if record and args.versions else None
    if record is None:
        print(f"jiezhen show: no article with id {args.id}", file=sys.stderr)
        return ExitCode.ERROR
    if args.format == "json":
        if history is not None:
            record["versions"] = history
        json.dump(record, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        _print_text(record, history)
    return ExitCode.OK
