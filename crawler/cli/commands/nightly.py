"""``jiezhen nightly [--sites ...]``: the cron entry point (orchestration in crawler/nightly.py)."""
from __future__ import annotations

import argparse
import sys

from crawler.cli.exit_codes import ExitCode
from crawler.cli.options import add_crawl_options, add_worker_options, positive_int, unknown_sites
from crawler.cli.render import table
from crawler.logs import add_json_log
from crawler.nightly import Nightly, progress_stream
from crawler.profiles import load_profiles
from storage.archive import Archive
from storage.db import resolve_db_url
from storage.locks import DEFAULT_STALE_AFTER

DESCRIPTION = """\
Crawl every enabled site profile (demo profiles excluded unless named), incrementally, each in
its own process, at most --parallel at a time; politeness settings apply per site. One run at a
time per archive: a second nightly exits 75 with one line naming the holder; a lock left by a
killed run (its pid gone, or no heartbeat for --stale-after seconds) is taken over. Stop it with
SIGINT/SIGTERM: in-flight pages are finished and stored, and the next run completes the set.

exit status of nightly: 0 every site finished; 3 a site failed, was interrupted or blocked, or
did not run; 4 every site finished but one was flagged (no article links on its list pages, or
no readable article: its layout may have changed); 75 another run holds the archive."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("nightly", help="incremental crawl of every enabled site, for cron",
                       description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sites", nargs="+", metavar="SITE", help="only these sites (profile slugs)")
    p.add_argument("--parallel", type=positive_int, default=2, metavar="N",
                   help="sites crawled at the same time (default 2)")
    p.add_argument("--stale-after", type=float, default=DEFAULT_STALE_AFTER, metavar="SECONDS",
                   help=f"take over a lock without heartbeat for this long (default {DEFAULT_STALE_AFTER:.0f})")
    add_crawl_options(p)
    add_worker_options(p)
    p.add_argument("--reseed-after", type=float, default=12.0, metavar="HOURS",
                   help="with --distributed: seed a site again only if its last seeding is older than "
                        "this (default 12), so nightlies started on several machines seed it once")
    p.set_defaults(func=run)


def passthrough(args: argparse.Namespace) -> list[str]:
    """The options each per-site ``jiezhen crawl`` child gets."""
    argv: list[str] = []
    for flag, value in (("--max-pages", args.max_pages), ("--since", args.since),
                        ("--sites-dir", args.sites_dir), ("--warc-dir", args.warc_dir),
                        ("--log-file", args.log_file)):
        if value is not None:
            argv += [flag, str(value)]
    if args.full:
        argv.append("--full")
    if args.verbose:
        argv.append("-" + "v" * args.verbose)
    for name, value in args.settings:
        argv += ["-s", f"{name}={value}"]
    return argv


def run(args: argparse.Namespace) -> int:
    profiles = load_profiles([args.sites_dir] if args.sites_dir else [])
    if args.sites:
        if unknown_sites("nightly", args.sites, profiles):
            return ExitCode.ERROR
        slugs = list(dict.fromkeys(args.sites))
    else:
        slugs = [slug for slug, p in sorted(profiles.items()) if p.enabled and not p.demo]
    if not slugs:
        print("jiezhen nightly: no enabled site profile (see `jiezhen sites`)", file=sys.stderr)
        return ExitCode.ERROR
    if args.distributed:
        return run_distributed(args, slugs, profiles)
    if args.log_file:
        add_json_log(args.log_file)
    db_url = resolve_db_url(args.db)
    with Archive.open(db_url, migrate=True) as archive:
        nightly = Nightly(slugs, db_url, passthrough(args), parallel=args.parallel,
                          stale_after=args.stale_after, progress=progress_stream())
        code, outcomes = nightly.run(archive, sys.stderr)
    if outcomes:
        rows = []
        for o in outcomes:
            r = o.run or {}
            errors = ", ".join(f"{k} {v}" for k, v in (r.get("errors") or {}).items())
            rows.append([o.site, o.status, r.get("pages", ""), r.get("new", ""), r.get("changed", ""),
                         r.get("not_modified", ""), r.get("known", ""),
                         ", ".join(r.get("flags") or []), errors])
        print(table(["site", "status", "pages", "new", "changed", "304", "known", "flags", "errors"],
                    rows, max_widths={0: 30, 8: 40}))
    return code


def run_distributed(args: argparse.Namespace, slugs: list[str], profiles: dict) -> int:
    """``nightly --distributed``: seed the sites (unless under way or seeded within
    --reseed-after hours), then work on them as one worker of the shared crawl. No archive lock:
    every machine runs this from cron, and the shared queue is what they coordinate on."""
    from crawler.cli.commands.crawl import crawl_and_report
    from crawler.distributed.cli_support import connect_for, crawl_targets, worker_overrides
    from crawler.distributed.keys import Keys
    from crawler.distributed.seed import SeedTarget, seed

    redis = connect_for("nightly", args)
    if redis is None:
        return ExitCode.ERROR
    url, server = redis
    targets = [SeedTarget(slug=s) for s in slugs]
    with Archive.open(resolve_db_url(args.db), migrate=True) as archive:
        results = seed(server, Keys(args.redis_prefix), targets, profiles,
                       archive=None if args.full else archive, min_interval=args.reseed_after * 3600)
    for result in results:
        print(f"{result.name}: " + (f"{result.queued} start page(s) queued" if result.queued
                                    else f"joining ({result.note})"), file=sys.stderr)
    return crawl_and_report(crawl_targets(targets, profiles), args, worker=worker_overrides(args, url))
