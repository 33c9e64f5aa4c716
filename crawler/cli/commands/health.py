"""``jiezhen health``: per site, is it still being archived? (rules in crawler/health.py)."""
from __future__ import annotations

import argparse
import json
import sys

from crawler.cli.exit_codes import ExitCode
from crawler.cli.options import add_db_option, positive_int
from crawler.importing import is_import_run
from crawler.cli.render import table
from crawler.crawl_runs import one_per_crawl
from crawler.health import Thresholds, assess_all
from crawler.profiles import load_profiles
from storage.archive import Archive

T = Thresholds()
#: Run rows read per crawl judged (the workers of a distributed crawl each record one).
WORKERS_READ = 8


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("health", help="per-site health from the run records; non-zero names unhealthy sites",
                       description="Per site: last successful run, new articles in the last run "
                                   "against the median of earlier runs, error and block rates. Exits "
                                   f"{int(ExitCode.UNHEALTHY)} and names each unhealthy site on stderr.")
    p.add_argument("--site", action="append", metavar="S", help="only this site (repeatable)")
    p.add_argument("--sites-dir", metavar="DIR", help="extra folder of site profiles (their enabled "
                   "sites are checked even if never crawled)")
    p.add_argument("--zero-runs", type=positive_int, default=T.zero_runs, metavar="N",
                   help=f"unhealthy when a site that usually yields articles yields none for N runs "
                        f"(default {T.zero_runs})")
    p.add_argument("--max-error-rate", type=float, default=T.error_rate, metavar="R",
                   help=f"unhealthy above this share of failed requests (default {T.error_rate})")
    p.add_argument("--max-block-rate", type=float, default=T.block_rate, metavar="R",
                   help=f"unhealthy above this share of blocked requests (default {T.block_rate})")
    p.add_argument("--stale-days", type=float, default=T.stale_days, metavar="D",
                   help=f"unhealthy without a successful run for D days (default {T.stale_days:g})")
    p.add_argument("--window", type=positive_int, default=T.window, metavar="N",
                   help=f"earlier runs whose median is what a site usually yields (default {T.window})")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--prometheus", metavar="FILE",
                   help="also write the figures in the node-exporter textfile format (atomically)")
    add_db_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    th = Thresholds(zero_runs=args.zero_runs, error_rate=args.max_error_rate,
                    block_rate=args.max_block_rate, stale_days=args.stale_days, window=args.window)
    with Archive.open(args.db) as archive:
        archive.reap_dead_runs()
        sites = {site for site in archive.run_sites() if not is_import_run(site)}  # imports are no crawls
        if args.sites_dir:
            sites |= {slug for slug, p in load_profiles([args.sites_dir]).items() if p.enabled and not p.demo}
        if args.site:
            sites = set(args.site)
        # a distributed crawl records a run per worker: read enough rows for WORKERS_READ
        # workers a crawl, then merge each crawl's into one (crawler/crawl_runs.py)
        wanted = th.zero_runs + th.window + 5
        runs = {site: one_per_crawl(archive.runs(site=site, last=wanted * WORKERS_READ))[:wanted]
                for site in sites}
    report = assess_all(runs, th)
    if args.prometheus:
        from crawler.prometheus import write_health

        write_health(args.prometheus, report)
    if args.format == "json":
        json.dump([h.as_dict() for h in report], sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        rows = [[h.site, "ok" if h.healthy else "UNHEALTHY", h.last_status or "", h.last_success or "never",
                 "" if h.last_new is None else h.last_new,
                 "" if h.median_new is None else f"{h.median_new:g}",
                 "" if h.error_rate is None else f"{h.error_rate:.0%}",
                 "" if h.block_rate is None else f"{h.block_rate:.0%}", "; ".join(h.problems)]
                for h in report]
        print(table(["site", "health", "last run", "last success", "new", "median", "errors",
                     "blocked", "problems"], rows, max_widths={0: 30, 8: 80}))
    bad = [h for h in report if not h.healthy]
    for h in bad:
        print(f"jiezhen health: {h.site}: {'; '.join(h.problems)}", file=sys.stderr)
    return ExitCode.UNHEALTHY if bad else ExitCode.OK
