"""Site health in the node-exporter textfile format (``jiezhen health --prometheus FILE``).

prometheus-client's ``write_to_textfile`` writes a temporary file and renames it over FILE, so
node-exporter never reads half a file.
"""
from __future__ import annotations

from prometheus_client import CollectorRegistry, Gauge, write_to_textfile

from crawler.health import SiteHealth, _parse


def write_health(path: str, sites: list[SiteHealth]) -> None:
    registry = CollectorRegistry()

    def gauge(name: str, doc: str) -> Gauge:
        return Gauge(name, doc, ["site"], registry=registry)

    healthy = gauge("jiezhen_site_healthy", "1 when jiezhen health finds nothing wrong with the site")
    success = gauge("jiezhen_site_last_success_timestamp_seconds", "end of the last successful crawl")
    new = gauge("jiezhen_site_last_run_new_articles", "new articles in the last run")
    med = gauge("jiezhen_site_median_new_articles", "median new articles of earlier runs")
    err = gauge("jiezhen_site_error_ratio", "failed requests / requests in the last run")
    blk = gauge("jiezhen_site_blocked_ratio", "blocked requests / requests in the last run")
    for s in sites:
        healthy.labels(s.site).set(1 if s.healthy else 0)
        stamp = _parse(s.last_success)
        success.labels(s.site).set(stamp.timestamp() if stamp else 0)
        new.labels(s.site).set(s.last_new or 0)
        med.labels(s.site).set(s.median_new or 0)
        err.labels(s.site).set(s.error_rate or 0)
        blk.labels(s.site).set(s.block_rate or 0)
    write_to_textfile(path, registry)
