"""``jiezhen sites``: list the site profiles; ``jiezhen sites validate``: check them."""
from __future__ import annotations

import argparse
import json
import sys

from crawler.cli.render import table
from crawler.profiles import ProfileError, load_profiles


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sites", help="list site profiles",
                       description="List the site profiles (bundled, plus --sites-dir).")
    p.add_argument("action", nargs="?", choices=("list", "validate"), default="list",
                   help="list (default) or validate every profile")
    p.add_argument("--sites-dir", metavar="DIR", help="extra folder of site profiles")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        profiles = load_profiles([args.sites_dir] if args.sites_dir else [])
    except ProfileError as exc:
        print(f"jiezhen sites: invalid profile: {exc}", file=sys.stderr)
        return 1
    if args.action == "validate":
        print(f"{len(profiles)} profiles valid")
        return 0
    items = sorted(profiles.values(), key=lambda p: (p.parent or p.slug, p.parent is not None, p.slug))
    if args.format == "json":
        json.dump([{"slug": p.slug, "name": p.name, "level": p.level, "parent": p.parent,
                    "start_urls": p.absolute_start_urls, "enabled": p.enabled,
                    "verified": p.verified, "demo": p.demo, "path": p.path} for p in items],
                  sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    rows = [[p.slug, p.name, p.level, p.parent or "", "yes" if p.verified else "no",
             ("demo" if p.demo else ("enabled" if p.enabled else "disabled")),
             p.absolute_start_urls[0] if p.start_urls else ""] for p in items]
    print(table(["slug", "name", "level", "parent", "verified", "state", "start url"], rows,
                max_widths={1: 40, 6: 60}))
    return 0
