"""One record per crawl, for judging a site: the worker runs of a distributed crawl merged.

A distributed crawl (``crawler/distributed``) records one run per worker and site, each with
its share of the site's pages: one worker may fetch every new article while another reads
only list pages. ``health`` judges a site by what a crawl of it yielded, so the runs of one
distributed crawl are merged first: runs of the same site that carry a ``worker`` and whose
time spans overlap (workers of one seeding run at the same time; the next night's do not
overlap this night's) become one record with the counts and errors summed.

Flags say the site's template may have changed (``no_links``, ``no_articles``) or that it
did not answer (``unreachable``); one worker can raise one on its own share (its few list
pages were the empty tail of the pager), so the merged record keeps a flag only when every
worker that fetched pages raised it (every worker, when none fetched any). A status
that means the crawl did not end well (killed, failed, interrupted, blocked: the blocked
flag stops every worker) wins over ``finished``.
"""
from __future__ import annotations

from typing import Any

#: Counts summed over the workers of one crawl.
SUMMED = ("pages", "new", "changed", "unchanged", "bytes", "list_pages", "not_modified", "known",
          "reposts")
#: Statuses of a worker run that make the whole crawl's, first match wins.
WORST_FIRST = ("running", "killed", "failed", "interrupted", "blocked")


def _overlaps(run: dict[str, Any], group: list[dict[str, Any]]) -> bool:
    start = min(r["started"] for r in group)
    ends = [r.get("finished") for r in group]
    end = None if any(e is None for e in ends) else max(ends)  # ISO 8601 UTC strings sort as times
    run_end = run.get("finished")
    return (run_end is None or run_end >= start) and (end is None or run["started"] <= end)


def _merge(group: list[dict[str, Any]]) -> dict[str, Any]:
    if len(group) == 1:
        return group[0]
    merged = dict(group[0])
    for key in SUMMED:
        merged[key] = sum(int(r.get(key) or 0) for r in group)
    errors: dict[str, int] = {}
    for run in group:
        for kind, count in (run.get("errors") or {}).items():
            errors[kind] = errors.get(kind, 0) + int(count)
    merged["errors"] = errors
    merged["started"] = min(r["started"] for r in group)
    ends = [r.get("finished") for r in group]
    merged["finished"] = None if any(e is None for e in ends) else max(ends)
    working = [r for r in group if int(r.get("pages") or 0) > 0] or group
    flags = set(working[0].get("flags") or [])
    for run in working[1:]:
        flags &= set(run.get("flags") or [])
    merged["flags"] = sorted(flags)
    statuses = [r.get("status") for r in group]
    worst = next((s for s in WORST_FIRST if s in statuses), None)
    merged["status"] = worst or ("suspect" if flags else "finished")
    chosen = next((r for r in group if r.get("status") == merged["status"]), group[0])
    merged["finish_reason"] = chosen.get("finish_reason")
    merged["worker"] = ",".join(sorted(str(r["worker"]) for r in group))
    merged["workers"] = len(group)
    return merged


def one_per_crawl(runs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Runs of one site, newest first (``Archive.runs``), with each distributed crawl's worker
    runs merged into one record (``workers`` says how many); other runs as they are."""
    out: list[dict[str, Any]] = []
    group: list[dict[str, Any]] = []
    for run in runs:
        if run.get("worker") and group and _overlaps(run, group):
            group.append(run)
            continue
        if group:
            out.append(_merge(group))
            group = []
        if run.get("worker"):
            group = [run]
        else:
            out.append(run)
    if group:
        out.append(_merge(group))
    return out
