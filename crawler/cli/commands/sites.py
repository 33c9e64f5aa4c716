"""``jiezhen sites``: list profiles; ``validate`` them; ``check SLUG`` against its live site;
``probe URL [--write]`` to propose a profile for any news list page."""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from crawler.cli.exit_codes import ExitCode
from crawler.cli.render import table
from crawler.profiles import LEVELS, ProfileError, load_profile, load_profiles, validate_dirs

DEFAULT_PROBE_DIR = "sites"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "sites", help="list, validate, check or probe site profiles",
        description="Site profiles (bundled, plus --sites-dir).\n"
                    "  jiezhen sites [--format table|json]   list them\n"
                    "  jiezhen sites validate                check every profile file\n"
                    "  jiezhen sites check SLUG              fetch one list page and two articles and "
                    "report what the profile extracts (needs the network)\n"
                    "  jiezhen sites probe URL [--write]     propose a profile for a news list page",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("action", nargs="?", choices=("list", "validate", "check", "probe"), default="list")
    p.add_argument("target", nargs="?", metavar="SLUG|URL", help="site slug (check) or list URL (probe)")
    p.add_argument("--sites-dir", metavar="DIR",
                   help="extra folder of site profiles (probe --write writes here; default ./sites/)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    g = p.add_argument_group("check")
    g.add_argument("--no-mark", action="store_true",
                   help="do not set verified/verified_on in the profile file when every field is found")
    g = p.add_argument_group("probe")
    g.add_argument("--write", action="store_true", help="save the proposed profile into --sites-dir")
    g.add_argument("--force", action="store_true", help="overwrite an existing profile file")
    g.add_argument("--slug", help="slug of the new profile (default: from the host name)")
    g.add_argument("--name", help="display name (default: the page's <title>)")
    g.add_argument("--level", choices=LEVELS, help="administrative level (default: guessed from the name)")
    g.add_argument("--parent", metavar="SLUG", help="slug of the parent site (a town's district)")
    p.set_defaults(func=run)


def _dirs(args: argparse.Namespace) -> list[str]:
    return [args.sites_dir] if args.sites_dir else []


def run(args: argparse.Namespace) -> int:
    if args.action in ("check", "probe") and not args.target:
        print(f"jiezhen sites {args.action}: give a {'SLUG' if args.action == 'check' else 'URL'}",
              file=sys.stderr)
        return ExitCode.USAGE
    if args.action == "validate":
        return validate(args)
    if args.action == "probe":
        return probe(args)
    try:
        profiles = load_profiles(_dirs(args))
    except ProfileError as exc:
        print(f"jiezhen sites: invalid profile: {exc}", file=sys.stderr)
        return ExitCode.ERROR
    if args.action == "check":
        return check(args, profiles)
    return list_sites(args, profiles)


def validate(args: argparse.Namespace) -> int:
    count, errors = validate_dirs(_dirs(args))
    for error in errors:
        print(f"{error}", file=sys.stderr)
    if errors:
        print(f"{len(errors)} invalid profile(s), {count} valid", file=sys.stderr)
        return ExitCode.ERROR
    print(f"{count} profiles valid")
    return ExitCode.OK


def check(args: argparse.Namespace, profiles: dict) -> int:
    from crawler.probe.check import check_profile, render
    from crawler.profiles.verified import mark_verified

    profile = profiles.get(args.target)
    if profile is None:
        print(f"jiezhen sites check: unknown site {args.target!r} (see `jiezhen sites`)", file=sys.stderr)
        return ExitCode.ERROR
    report = check_profile(profile)
    print(render(report))
    if not report.ok:
        for problem in report.problems:
            print(f"jiezhen sites check: {problem}", file=sys.stderr)
        return ExitCode.CHECK_FAILED
    if not args.no_mark and profile.path:
        try:
            mark_verified(profile.path, date.today())
            load_profile(profile.path)
            print(f"marked verified on {date.today().isoformat()} in {profile.path}")
        except (OSError, ProfileError) as exc:
            print(f"jiezhen sites check: could not mark {profile.path} verified: {exc}", file=sys.stderr)
            return ExitCode.ERROR
    return ExitCode.OK


def probe(args: argparse.Namespace) -> int:
    from crawler.probe.fetch import FetchError
    from crawler.probe.propose import ProbeError, probe as make_proposal
    from crawler.probe.toml_out import render

    if not args.target.startswith(("http://", "https://")):
        print(f"jiezhen sites probe: not an http(s) URL: {args.target}", file=sys.stderr)
        return ExitCode.USAGE
    folder = Path(args.sites_dir or DEFAULT_PROBE_DIR)
    if args.parent:
        try:
            known = load_profiles([folder] if folder.is_dir() else [])
        except ProfileError as exc:
            print(f"jiezhen sites probe: invalid profile: {exc}", file=sys.stderr)
            return ExitCode.ERROR
        if args.parent not in known:
            print(f"jiezhen sites probe: parent {args.parent!r} is not a known site", file=sys.stderr)
            return ExitCode.ERROR
    try:
        proposal = make_proposal(args.target, slug=args.slug, level=args.level, parent=args.parent,
                                 name=args.name)
    except (FetchError, ProbeError) as exc:
        print(f"jiezhen sites probe: {exc}", file=sys.stderr)
        return ExitCode.ERROR
    text = render(proposal)
    print(text, end="")
    if not args.write:
        return ExitCode.OK
    path = folder / f"{proposal.slug}.toml"
    if path.exists() and not args.force:
        print(f"jiezhen sites probe: {path} exists (use --force to overwrite)", file=sys.stderr)
        return ExitCode.ERROR
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    try:
        load_profile(path)
    except ProfileError as exc:  # a bug of ours: say so rather than leave a broken file unnoticed
        print(f"jiezhen sites probe: the written profile does not load: {exc}", file=sys.stderr)
        return ExitCode.ERROR
    print(f"wrote {path}", file=sys.stderr)
    return ExitCode.OK


def list_sites(args: argparse.Namespace, profiles: dict) -> int:
    items = sorted(profiles.values(), key=lambda p: (p.parent or p.slug, p.parent is not None, p.slug))
    if args.format == "json":
        json.dump([{"slug": p.slug, "name": p.name, "level": p.level, "parent": p.parent,
                    "region": p.region, "start_urls": p.absolute_start_urls, "enabled": p.enabled,
                    "verified": p.verified, "verified_on": p.verified_on, "demo": p.demo,
                    "path": p.path} for p in items],
                  sys.stdout, ensure_ascii=False, indent=2)
        print()
        return ExitCode.OK
    rows = [[p.slug, p.name, p.level, p.parent or "",
             (p.verified_on or "yes") if p.verified else "no",
             ("demo" if p.demo else ("enabled" if p.enabled else "disabled")),
             p.absolute_start_urls[0] if p.start_urls else ""] for p in items]
    print(table(["slug", "name", "level", "parent", "verified", "state", "start url"], rows,
                max_widths={1: 40, 6: 60}))
    return ExitCode.OK
