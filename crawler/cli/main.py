"""The ``jiezhen`` command: a thin layer over the crawler and the archive.

Each command lives in ``crawler/cli/commands/<name>.py`` with a ``register`` and a
``run``. Errors a user can act on (a database that is down or not migrated, a bad
profile, an unreadable file) end in one line on stderr and exit status 1; a wrong
command line exits 2; see ``ExitCode`` for the rest.
"""
from __future__ import annotations

import argparse
import sys

from crawler.cli.commands import (
    crawl, db, demo, enqueue, export, extract, health, import_cmd, nightly, people, reprocess, runs,
    search, show, sites, verify, warc,
)
from crawler.cli.exit_codes import EPILOG, ExitCode
from crawler.profiles import ProfileError
from crawler.version import __version__
from storage.errors import ArchiveError

COMMANDS = (demo, crawl, enqueue, nightly, extract, export, search, show, people, sites, runs, health, db,
            verify,
            reprocess, warc, import_cmd)


class Parser(argparse.ArgumentParser):
    """argparse, with usage errors on exit status 2 as the contract says (argparse's default too).

    A word that starts with a dash and then a non-ASCII character (``-调研``, a search
    exclusion) is an argument, never an option: every option of jiezhen is ASCII, and
    argparse would otherwise reject it as an unknown option."""

    def _parse_optional(self, arg_string):  # argparse's hook deciding "option or argument"
        if len(arg_string) > 1 and arg_string[0] == "-" and not arg_string[1].isascii():
            return None
        return super()._parse_optional(arg_string)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="jiezhen", description="Crawl and archive Chinese district and township "
                    "government news (区/镇/街道).", epilog=EPILOG)
    parser.add_argument("--version", action="version", version=f"jiezhen {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(sub)
    for choice in sub.choices.values():
        choice.epilog = EPILOG
    return parser


#: Commands whose last positional argument takes every leftover word, wherever it stands
#: (``jiezhen search 区委 --site x 调研``): argparse cannot intermix positionals and options
#: under a subcommand (``parse_intermixed_args`` refuses subparsers), so words found after an
#: option are given back to it here.
GATHERS_WORDS = {"search": "query"}


def parse(parser: argparse.ArgumentParser, argv: list[str] | None) -> argparse.Namespace:
    """``parser.parse_args``, except that leftover words go to a gathering command's terms;
    anything else left over (an unknown option) is a usage error, as with ``parse_args``."""
    args, extras = parser.parse_known_args(argv)
    gather = GATHERS_WORDS.get(getattr(args, "command", None))
    if extras and gather and not any(parser._parse_optional(word) for word in extras):
        setattr(args, gather, [*getattr(args, gather), *extras])
    elif extras:
        parser.error(f"unrecognized arguments: {' '.join(extras)}")
    return args


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parse(parser, argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return ExitCode.USAGE
    try:
        return int(args.func(args))
    except ArchiveError as exc:
        print(f"jiezhen {args.command}: {exc}", file=sys.stderr)
        return ExitCode.ERROR
    except ProfileError as exc:
        print(f"jiezhen {args.command}: invalid profile: {exc}", file=sys.stderr)
        return ExitCode.ERROR
    except BrokenPipeError:  # `jiezhen export | head`
        sys.stderr.close()
        return ExitCode.OK
    except KeyboardInterrupt:
        print(f"jiezhen {args.command}: interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
