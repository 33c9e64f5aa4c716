"""``jiezhen enqueue --redis URL (SITE... | --start-url URL...)``: seed a shared crawl.

Workers (``jiezhen crawl --distributed``, on any machine) then take the requests from Redis.
"""
from __future__ import annotations

import argparse
import sys

from crawler.cli.exit_codes import ExitCode
from crawler.cli.options import add_db_option, add_redis_options, add_site_arguments, unknown_sites
from crawler.distributed.cli_support import connect_for
from crawler.distributed.keys import Keys
from crawler.distributed.seed import SeedTarget, seed
from crawler.profiles import load_profiles
from storage.archive import Archive
from storage.db import resolve_db_url


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("enqueue", help="seed a distributed crawl: start pages into the shared Redis queue",
                       description="Put the start pages of SITEs (profile slugs) or of generic-mode "
                                   "--start-url pages into the shared queue in Redis; workers started "
                                   "with `jiezhen crawl --distributed` crawl them. A site whose shared "
                                   "crawl is still under way is left alone (--reset starts it over).")
    add_site_arguments(p, "generic mode: a news list page (repeatable; one site per host set)")
    add_redis_options(p)
    add_db_option(p)
    p.add_argument("--sites-dir", metavar="DIR", help="extra folder of site profiles")
    p.add_argument("--full", action="store_true",
                   help="do not decide incremental paging from the archive (workers started with "
                        "--full fetch everything)")
    p.add_argument("--reset", action="store_true",
                   help="drop what is queued or in flight for these sites and seed them anew")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not args.sites and not args.start_url:
        print("jiezhen enqueue: name at least one SITE or --start-url URL", file=sys.stderr)
        return ExitCode.USAGE
    bad = [u for u in args.start_url if not u.startswith(("http://", "https://"))]
    if bad:
        print(f"jiezhen enqueue: not an http(s) URL: {bad[0]}", file=sys.stderr)
        return ExitCode.USAGE
    profiles = load_profiles([args.sites_dir] if args.sites_dir else [])
    if unknown_sites("enqueue", args.sites, profiles):
        return ExitCode.ERROR
    targets = [SeedTarget(slug=s) for s in args.sites]
    if args.start_url:
        targets.append(SeedTarget(start_urls=list(args.start_url)))
    redis = connect_for("enqueue", args)
    if redis is None:
        return ExitCode.ERROR
    server = redis[1]
    archive = None if args.full else Archive.open(resolve_db_url(args.db), migrate=True)
    try:
        results = seed(server, Keys(args.redis_prefix), targets, profiles, archive=archive, reset=args.reset)
    finally:
        if archive is not None:
            archive.close()
    for result in results:
        if result.queued:
            extra = f" ({result.note})" if result.note else ""
            print(f"{result.name}: {result.queued} start page(s) queued{extra}")
        else:
            print(f"{result.name}: not queued: {result.note}")
    return ExitCode.OK
