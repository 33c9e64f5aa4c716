"""``jiezhen demo``: serve the bundled demo site on 127.0.0.1, crawl it, show what was archived."""
from __future__ import annotations

import argparse
import sys

from crawler.cli.commands.crawl import crawl_and_report
from crawler.cli.commands.search import print_hits
from crawler.cli.options import add_crawl_options
from crawler.demo.server import serve_demo
from crawler.profiles import load_profiles
from crawler.runner import CrawlTarget
from crawler.spiders.news import spider_for_profile
from storage.archive import Archive
from storage.db import resolve_db_url

#: The demo server is our own, on loopback: no need to be slow with it.
DEMO_SETTINGS = {"AUTOTHROTTLE_ENABLED": "False", "DOWNLOAD_DELAY": "0",
                 "CONCURRENT_REQUESTS_PER_DOMAIN": "8"}
SAMPLE_QUERY = "调研"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="serve the bundled demo site on 127.0.0.1 and crawl it",
                       description="Serve the bundled demo site (a district portal's 街镇动态 column "
                                   "and a town's news column) on 127.0.0.1, crawl it into the archive, "
                                   "print a summary and a sample search.")
    p.add_argument("--port", type=int, default=0, help="port to serve on (default: a free one)")
    p.add_argument("--query", default=SAMPLE_QUERY, help=f"sample search (default: {SAMPLE_QUERY})")
    add_crawl_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    profiles = [p for p in load_profiles([args.sites_dir] if args.sites_dir else []).values()
                if p.demo]
    with serve_demo(port=args.port) as server:
        print(f"demo site: {server.base_url}/ (serving {len(profiles)} sites on 127.0.0.1)")
        targets = [CrawlTarget(spider_for_profile(p.rebased(server.base_url)), label=p.slug)
                   for p in profiles]
        code = crawl_and_report(targets, args, overrides=DEMO_SETTINGS)
    with Archive.open(resolve_db_url(args.db)) as archive:
        result = archive.search(args.query, limit=3)
        print(f"\nsample search: jiezhen search {args.query}  ({result.total} matches, first 3)")
        print_hits(result, "table", sys.stdout)
    return code
