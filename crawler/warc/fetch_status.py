"""Error kinds of requests that got no response -> Heritrix's negative fetch status codes.

Heritrix writes no WARC record for a failed fetch; it logs the URL in crawl.log with a
negative status (org.archive.crawler.datamodel.FetchStatusCodes). jiezhen writes a
``metadata`` record instead (crawler/warc/failures.py) and uses the same numbers, so tools
and people who know Heritrix logs read them without a key. Kinds are crawler/outcomes.py's.
"""
from __future__ import annotations

#: error kind -> fetch status. Only these kinds are recorded: any other failure either got
#: a response (which is recorded as such) or was never attempted (robots.txt, offsite).
FETCH_STATUS = {
    "dns": -1,  # S_DOMAIN_UNRESOLVABLE: DNS lookup failed
    "connection": -2,  # S_CONNECT_FAILED (refused, reset before an answer)
    "data_loss": -3,  # S_CONNECT_LOST: the answer stopped short of its Content-Length
    "timeout": -4,  # S_TIMEOUT: no meaningful answer in DOWNLOAD_TIMEOUT
    # aborted over DOWNLOAD_MAXSIZE: Heritrix would keep a truncated record instead; Scrapy
    # drops the bytes, so this is S_RUNTIME_EXCEPTION and ``error-kind: too_large`` says why
    "too_large": -5,
}
