"""Options shared by several commands, defined once."""
from __future__ import annotations

import argparse
import re
import sys
from datetime import date


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL",
                        help="SQLAlchemy database URL (default: $JIEZHEN_DB, else sqlite:///jiezhen.db)")


def iso_date(value: str) -> str:
    """argparse type: a YYYY-MM-DD date, returned as text."""
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"not a positive whole number: {value!r}")
    return number


def setting_pair(value: str) -> tuple[str, str]:
    """argparse type for ``-s NAME=VALUE`` (any Scrapy setting)."""
    match = re.fullmatch(r"([A-Za-z_][A-Za-z0-9_]*)=(.*)", value, re.S)
    if not match:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {value!r}")
    return match.group(1), match.group(2)


def add_site_arguments(parser: argparse.ArgumentParser, start_url_help: str) -> None:
    """SITE... (profile slugs) and --start-url URL... (generic mode): what to crawl."""
    parser.add_argument("sites", nargs="*", metavar="SITE", help="profile slugs")
    parser.add_argument("--start-url", action="append", default=[], metavar="URL", help=start_url_help)


def unknown_sites(command: str, sites: list[str], profiles: dict) -> bool:
    """True (after one line on stderr) when a named site has no profile."""
    unknown = [s for s in sites if s not in profiles]
    if unknown:
        print(f"jiezhen {command}: unknown site(s): {', '.join(unknown)} (see `jiezhen sites`)",
              file=sys.stderr)
    return bool(unknown)


def add_crawl_options(parser: argparse.ArgumentParser) -> None:
    add_db_option(parser)
    parser.add_argument("--max-pages", type=positive_int, metavar="N",
                        help="stop after N pages fetched")
    parser.add_argument("--since", type=iso_date, metavar="YYYY-MM-DD",
                        help="do not archive articles published before this date")
    parser.add_argument("--warc-dir", metavar="DIR",
                        help="where WARC files of every HTTP exchange go (default: $JIEZHEN_WARC_DIR, "
                             "else ARCHIVE.warc/ beside a SQLite archive, else ./warc)")
    parser.add_argument("--no-warc", action="store_true",
                        help="no WARC files: keep raw responses of articles in the database only")
    parser.add_argument("--sites-dir", metavar="DIR",
                        help="extra folder of site profiles, besides the bundled ones")
    parser.add_argument("-s", dest="settings", action="append", type=setting_pair, default=[],
                        metavar="NAME=VALUE", help="set any Scrapy setting (repeatable)")
    parser.add_argument("--full", action="store_true",
                        help="fetch every listed article again (default: incremental - list pages are "
                             "read, archived articles are skipped unless due for a re-check, paging "
                             "stops after list pages holding only archived articles)")
    parser.add_argument("--log-file", metavar="FILE",
                        help="append one JSON object per line (events: every request's outcome, run "
                             "start/end with counts; warnings) to FILE")
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="log more (-v: INFO, -vv: DEBUG); the default shows warnings only")


def add_warc_dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--warc-dir", metavar="DIR",
                        help="folder of the WARC files (default: as for crawl: $JIEZHEN_WARC_DIR, "
                             "else ARCHIVE.warc/ beside a SQLite archive, else ./warc)")


def log_level(verbose: int) -> str:
    return {0: "WARNING", 1: "INFO"}.get(verbose, "DEBUG")


def add_offline_options(parser: argparse.ArgumentParser) -> None:
    """Options of the commands that run the crawl's processing without the network
    (``reprocess``, ``import``): profiles, archive, WARC folder, verbosity."""
    parser.add_argument("--sites-dir", metavar="DIR", help="extra folder of site profiles")
    add_db_option(parser)
    add_warc_dir_option(parser)
    parser.add_argument("-v", "--verbose", action="count", default=0, help="log more")


def offline_setup(args: argparse.Namespace):  # noqa: ANN201
    """(database URL, WARC folder, Scrapy settings) for ``add_offline_options`` commands."""
    import logging
    from pathlib import Path

    from crawler.runner import build_settings
    from crawler.warc.naming import default_warc_dir
    from storage.db import resolve_db_url

    logging.basicConfig(level=log_level(args.verbose), format="%(levelname)s: %(message)s")
    db_url = resolve_db_url(args.db)
    directory = Path(args.warc_dir) if args.warc_dir else default_warc_dir(db_url)
    return db_url, directory, build_settings(db_url=db_url, sites_dir=args.sites_dir)


def add_redis_options(parser: argparse.ArgumentParser) -> None:
    """The shared crawl a distributed command talks to (``enqueue``, ``crawl --distributed``)."""
    parser.add_argument("--redis", metavar="URL",
                        help="Redis of the shared crawl, e.g. redis://queue-host:6379/0 "
                             "(default: $JIEZHEN_REDIS_URL)")
    parser.add_argument("--redis-prefix", default="jiezhen", metavar="PREFIX",
                        help="prefix of the crawl's Redis keys: separate crawls on one Redis (default: jiezhen)")


def add_worker_options(parser: argparse.ArgumentParser) -> None:
    """Options of a distributed worker (``crawl --distributed``, ``nightly --distributed``)."""
    parser.add_argument("--distributed", action="store_true",
                        help="run a worker of the shared crawl in Redis (seeded by `jiezhen enqueue`)")
    add_redis_options(parser)
    parser.add_argument("--worker-id", metavar="ID",
                        help="this worker's name in run records and WARC file names (default: HOST-PID)")
    parser.add_argument("--idle-seconds", type=float, default=60.0, metavar="S",
                        help="stop after the shared queue has stayed empty, with no worker busy, this long "
                             "(default: 60)")
