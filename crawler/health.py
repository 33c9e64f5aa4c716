"""Is each site still being archived? The monitors Spidermon offers, computed from run records.

Plain Python over ``Archive.runs`` dictionaries (newest first), so every rule is tested without
a crawl. A site is unhealthy when:

- ``no_new``: it usually yields articles (median of its earlier runs >= 1) but its last
  ``zero_runs`` runs yielded none;
- ``flagged``: its last run was ``suspect`` (list pages without links, unreadable articles: a
  template change) or ``blocked``;
- ``errors`` / ``blocked``: its last run's error rate or block rate passed the threshold;
- ``stale``: no successful run for ``stale_days`` days (or never).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone
from statistics import median
from typing import Any

#: Error kinds that are not the site failing us (we chose not to fetch, or counted elsewhere).
NOT_ERRORS = frozenset({"robots", "blocked", "ignored"})
#: Failures that produce no HTTP response, so they are not among ``pages``.
NO_RESPONSE_KINDS = frozenset({"timeout", "dns", "connection", "data_loss", "too_large", "blocked", "other"})
#: Statuses of runs that are still going (not judged).
RUNNING = ("running",)


@dataclass(frozen=True)
class Thresholds:
    zero_runs: int = 3
    error_rate: float = 0.2
    block_rate: float = 0.1
    stale_days: float = 2.0
    window: int = 10  #: earlier runs whose median says what a site usually yields


@dataclass
class SiteHealth:
    site: str
    healthy: bool
    last_status: str | None
    last_run: str | None
    last_success: str | None
    last_new: int | None
    median_new: float | None
    error_rate: float | None
    block_rate: float | None
    problems: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _parse(stamp: str | None) -> datetime | None:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00")) if stamp else None


def rates(run: dict[str, Any]) -> tuple[float, float]:
    """(error rate, block rate) of one run, over the requests it made."""
    errors = run.get("errors") or {}
    requests = int(run.get("pages") or 0) + sum(v for k, v in errors.items() if k in NO_RESPONSE_KINDS)
    if requests == 0:
        return 0.0, 0.0
    failed = sum(v for k, v in errors.items() if k not in NOT_ERRORS)
    return failed / requests, errors.get("blocked", 0) / requests


def assess(site: str, runs: list[dict[str, Any]], now: datetime, th: Thresholds = Thresholds()) -> SiteHealth:
    done = [r for r in runs if r.get("status") not in RUNNING]
    successes = [r for r in done if r.get("status") == "finished"]
    last = done[0] if done else None
    health = SiteHealth(site=site, healthy=True, last_status=last and last["status"],
                        last_run=last and last["started"],
                        last_success=successes[0]["finished"] if successes else None,
                        last_new=last and int(last.get("new") or 0), median_new=None,
                        error_rate=None, block_rate=None)
    if last is None:
        health.problems.append("stale: never crawled")
    else:
        health.error_rate, health.block_rate = (round(x, 4) for x in rates(last))
        earlier = done[th.zero_runs:th.zero_runs + th.window]
        if earlier:
            health.median_new = float(median(int(r.get("new") or 0) for r in earlier))
        recent = done[:th.zero_runs]
        if (len(recent) == th.zero_runs and all(int(r.get("new") or 0) == 0 for r in recent)
                and (health.median_new or 0) >= 1):
            health.problems.append(f"no_new: no new article in the last {th.zero_runs} runs "
                                   f"(usually {health.median_new:g})")
        if last["status"] in ("suspect", "blocked"):
            detail = ", ".join(last.get("flags") or []) or last.get("finish_reason") or ""
            health.problems.append(f"flagged: last run {last['status']} ({detail})")
        if health.error_rate > th.error_rate:
            health.problems.append(f"errors: {health.error_rate:.0%} of requests failed "
                                   f"(threshold {th.error_rate:.0%})")
        if health.block_rate > th.block_rate:
            health.problems.append(f"blocked: {health.block_rate:.0%} of requests blocked "
                                   f"(threshold {th.block_rate:.0%})")
        success = _parse(health.last_success)
        if success is None or now - success > timedelta(days=th.stale_days):
            since = f"since {health.last_success}" if success else "ever"
            health.problems.append(f"stale: no successful run {since} (threshold {th.stale_days:g} days)")
    health.healthy = not health.problems
    return health


def assess_all(runs_by_site: dict[str, list[dict[str, Any]]], th: Thresholds = Thresholds(),
               now: datetime | None = None) -> list[SiteHealth]:
    now = now or datetime.now(timezone.utc)
    return [assess(site, runs, now, th) for site, runs in sorted(runs_by_site.items())]
