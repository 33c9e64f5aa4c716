"""A proposal as profile TOML text, with comments saying what each value was learnt from."""
from __future__ import annotations

import json
from datetime import date

from crawler.probe.propose import Proposal


def _s(value: str) -> str:
    """A TOML string: literal ('...') when possible, so regexes stay readable."""
    if "'" not in value and "\n" not in value:
        return f"'{value}'"
    return json.dumps(value, ensure_ascii=False)


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def render(p: Proposal, today: date | None = None) -> str:
    today = today or date.today()
    out = [
        f"# Proposed by `jiezhen sites probe` on {today.isoformat()} from {p.base_url}{p.start_url}",
        f"# ({len(p.list_links)} article links on the first list page; pages are {p.encoding}).",
        "# Not yet checked by a person: run `jiezhen sites check " + p.slug + "` and read its report.",
    ]
    out += [f"# note: {n}" for n in p.notes + p.fields.notes]
    out += [
        f"slug = {_q(p.slug)}",
        f"name = {_q(p.name)}",
        f"level = {_q(p.level)}",
        f"parent = {_q(p.parent or '')}",
        *([f"region = {_q(p.region)}"] if p.region else []),
        f"base_url = {_q(p.base_url)}",
        f"start_urls = [{_q(p.start_url)}]",
        "allowed_hosts = []",
        "enabled = true",
        "verified = false",
        "",
        "[list]",
    ]
    if p.article_links:
        out.append(f"article_links = {_s(p.article_links)}")
    else:
        out.append("# no single block holds the list: article links are found by the generic rules")
    examples = ", ".join(p.list_links[:2])
    out += [f"# e.g. {examples}", f"article_url_pattern = {_s(p.article_url_pattern)}", "",
            "[pagination]", f"# {p.pagination.evidence}"]
    if p.page2_links is not None:
        out.append(f"# confirmed: page 2 ({p.pagination.next_url}) lists {p.page2_links} new articles")
    out.append(f"mode = {_q(p.pagination.mode)}")
    if p.pagination.mode in ("next_link", "numbered") and p.pagination.next_link:
        out.append(f"next_link = {_s(p.pagination.next_link)}")
    if p.pagination.mode == "index_n":
        out.append(f"index_pattern = {_q(p.pagination.index_pattern)}")
    out += ["max_pages = 100", "", "[fields]"]
    if p.sampled:
        out.append(f"# learnt from {len(p.sampled)} articles, e.g. {p.sampled[0]}")
    for key, selectors in p.fields.selectors.items():
        out.append(f"{key} = [{', '.join(_s(s) for s in selectors)}]")
    return "\n".join(out) + "\n"
