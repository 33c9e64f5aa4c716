"""``jiezhen people NAME``: a person's timeline of titles and events, oldest first."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from crawler.cli.options import add_db_option
from crawler.cli.render import table
from storage.archive import Archive
from storage.people import archive_timeline


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("people", help="a person's timeline: titles and events, by date",
                       description="Every archived meeting in which NAME appears, oldest first: the "
                                   "date of the event (else of publication), the titles and organisation "
                                   "as that article wrote them, the role (present, mentioned, byline) "
                                   "and the event. Exit status 1 when NAME appears nowhere.")
    p.add_argument("name", metavar="NAME", help="the name as written, e.g. 洪流")
    p.add_argument("--format", choices=("table", "json"), default="table")
    add_db_option(p)
    p.set_defaults(func=run)


def summary(name: str, timeline: list[dict[str, Any]]) -> dict[str, Any]:
    """The JSON shape: the name, every org and title seen (first seen first), the appearances."""
    orgs: list[str] = []
    titles: list[str] = []
    for entry in timeline:
        if entry["org"] and entry["org"] not in orgs:
            orgs.append(entry["org"])
        titles += [t for t in entry["titles"] if t not in titles]
    return {"name": name, "orgs": orgs, "titles": titles, "appearances": timeline}


def run(args: argparse.Namespace) -> int:
    name = args.name.strip()
    if not name:
        print("jiezhen people: the name is empty", file=sys.stderr)
        return 2
    with Archive.open(args.db) as archive:
        timeline = archive_timeline(archive, name)
    if args.format == "json":
        json.dump(summary(name, timeline), sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif timeline:
        info = summary(name, timeline)
        print(f"{name}: {len(timeline)} appearances; titles {'、'.join(info['titles']) or '-'}"
              f"{'; orgs ' + '、'.join(info['orgs']) if info['orgs'] else ''}")
        rows = [[e["date"] + ("" if e["date_is_event"] or not e["date"] else " (published)")
                 if e["date"] else "", e["org"] or "", "、".join(e["titles"]), e["role"],
                 e["event_type"] or "", e["organizer"] or "", e["title"], e["site"] or ""]
                for e in timeline]
        print(table(["date", "org", "titles", "role", "event", "organizer", "article", "site"], rows,
                    max_widths={6: 50, 2: 30}))
    if not timeline:
        print(f"jiezhen people: {name} appears in no archived meeting", file=sys.stderr)
        return 1
    return 0
