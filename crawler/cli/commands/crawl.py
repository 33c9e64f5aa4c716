"""``jiezhen crawl SITE... | --start-url URL...``: crawl configured or unconfigured sites."""
from __future__ import annotations

import argparse
import sys

from crawler.cli.exit_codes import ExitCode
from crawler.cli.options import (
    add_crawl_options, add_site_arguments, add_worker_options, log_level, unknown_sites,
)
from crawler.cli.summary import crawl_exit_code, print_summary
from crawler.distributed.cli_support import connect_for, crawl_targets, worker_overrides, worker_targets
from crawler.distributed.config import make_worker
from crawler.distributed.keys import Keys
from crawler.logs import add_json_log
from crawler.profiles import load_profiles
from crawler.runner import CrawlTarget, build_settings, run_crawls
from crawler.spiders.news import NewsSpider, spider_for_profile
from crawler.warc.extension import warc_dir_from_settings
from crawler.warc.naming import unwritable_reason
from storage.archive import Archive
from storage.db import resolve_db_url


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("crawl", help="crawl configured sites, or any news list page (generic mode)",
                       description="Crawl sites into the archive. SITE is a profile slug (see "
                                   "`jiezhen sites`); --start-url crawls an unconfigured site from one "
                                   "of its news list pages, staying on that host.")
    add_site_arguments(p, "generic mode: a news list page (repeatable)")
    add_crawl_options(p)
    add_worker_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.distributed:
        return run_worker(args)
    if not args.sites and not args.start_url:
        print("jiezhen crawl: name at least one SITE or --start-url URL", file=sys.stderr)
        return ExitCode.USAGE
    targets = []
    if args.sites:
        profiles = load_profiles([args.sites_dir] if args.sites_dir else [])
        if unknown_sites("crawl", args.sites, profiles):
            return ExitCode.ERROR
        targets += [CrawlTarget(spider_for_profile(profiles[s]), label=s) for s in args.sites]
    if args.start_url:
        bad = [u for u in args.start_url if not u.startswith(("http://", "https://"))]
        if bad:
            print(f"jiezhen crawl: not an http(s) URL: {bad[0]}", file=sys.stderr)
            return ExitCode.USAGE
        targets.append(CrawlTarget(NewsSpider, {"start_url": list(args.start_url)}))
    return crawl_and_report(targets, args)


def run_worker(args: argparse.Namespace) -> int:
    """``crawl --distributed``: crawl the named sites, else every seeded one, from the shared queue."""
    if args.start_url:
        print("jiezhen crawl: with --distributed, seed generic sites with `jiezhen enqueue --start-url "
              "URL`; workers pick them up", file=sys.stderr)
        return ExitCode.USAGE
    profiles = load_profiles([args.sites_dir] if args.sites_dir else [])
    if unknown_sites("crawl", args.sites, profiles):
        return ExitCode.ERROR
    redis = connect_for("crawl", args)
    if redis is None:
        return ExitCode.ERROR
    url, server = redis
    seeded = worker_targets(server, Keys(args.redis_prefix), list(args.sites), profiles)
    if not seeded:
        print(f"jiezhen crawl: nothing seeded under prefix {args.redis_prefix!r} (see `jiezhen enqueue`)",
              file=sys.stderr)
        return ExitCode.OK
    return crawl_and_report(crawl_targets(seeded, profiles), args, worker=worker_overrides(args, url))


def crawl_and_report(targets: list[CrawlTarget], args: argparse.Namespace,
                     overrides: dict[str, str] | None = None, worker: dict | None = None) -> int:
    """Migrate the archive, run the crawls, print the summary; shared by crawl and demo."""
    db_url = resolve_db_url(args.db)
    Archive.open(db_url, migrate=True).close()  # a bad database fails here, in one line
    mode = {"JIEZHEN_INCREMENTAL": "False"} if getattr(args, "full", False) else {}
    settings = build_settings(db_url=db_url, since=args.since, max_pages=args.max_pages,
                              sites_dir=args.sites_dir, log_level=log_level(args.verbose),
                              warc_dir=args.warc_dir, warc=not args.no_warc,
                              overrides={**(overrides or {}), **mode, **dict(args.settings)})
    if worker is not None:  # a distributed worker (crawler/distributed); -s still wins
        make_worker(settings, **worker)
        for name, value in args.settings:
            settings.set(name, value, priority="cmdline")
    if getattr(args, "log_file", None):
        add_json_log(args.log_file)
    if settings.getbool("JIEZHEN_WARC"):
        problem = unwritable_reason(warc_dir_from_settings(settings))
        if problem:  # before any request: nothing fetched that could not be kept
            print(f"jiezhen {args.command}: {problem} (choose another with --warc-dir DIR, "
                  f"or --no-warc)", file=sys.stderr)
            return ExitCode.ERROR
    results = run_crawls(targets, settings)
    print_summary(results, db_url, sys.stdout)
    return crawl_exit_code(results, worker=worker is not None)
