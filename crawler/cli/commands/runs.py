"""``jiezhen runs``: the history of crawl runs, newest first."""
from __future__ import annotations

import argparse
import json
import sys

from crawler.cli.options import add_db_option, positive_int
from crawler.cli.render import table
from storage.archive import Archive


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("runs", help="crawl-run history",
                       description="Crawl runs, newest first. JSON fields: id, site, started, finished, "
                                   "status (running, finished, suspect, blocked, interrupted, failed, "
                                   "killed), finish_reason, pages, new, changed, unchanged, errors (kind "
                                   "-> count), bytes, list_pages, not_modified (304 answers), known "
                                   "(archived articles listed and not fetched), reposts, flags, worker (the "
                                   "distributed worker; the table shows it when any run has one), host and "
                                   "pid (the process; a run left running by a process that is gone "
                                   "from this host is shown killed).")
    p.add_argument("--site", help="only this site")
    p.add_argument("--last", type=positive_int, default=20, metavar="N", help="the last N runs")
    p.add_argument("--format", choices=("table", "json"), default="table")
    add_db_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with Archive.open(args.db) as archive:
        archive.reap_dead_runs()
        runs = archive.runs(site=args.site, last=args.last)
    if args.format == "json":
        json.dump(runs, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    rows = [[r["id"], r["site"], r["started"], r["finished"] or "", r["status"], r["pages"],
             r["new"], r["changed"], r["not_modified"], r["known"], ", ".join(r["flags"]),
             ", ".join(f"{k} {v}" for k, v in (r["errors"] or {}).items())]
            for r in runs]
    headers = ["run", "site", "started", "finished", "status", "pages", "new", "changed", "304",
               "known", "flags", "errors"]
    if any(r.get("worker") for r in runs):  # a distributed crawl: one run per worker and site
        headers.insert(2, "worker")
        for row, r in zip(rows, runs):
            row.insert(2, r.get("worker") or "")
    print(table(headers, rows, max_widths={1: 30, len(headers) - 1: 40}))
    return 0
