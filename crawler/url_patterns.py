"""Tables for URL canonicalisation (``crawler/urls.py``), kept apart from the logic.

Tracking parameters are added by share buttons, WeChat, analytics and ad links; they never
select a different page, so two links that differ only in them are one page. Parameters a
CMS uses to choose content (id, col, page, ...) must never be listed here.
"""
from __future__ import annotations

#: Exact query parameter names dropped (compared in lower case).
TRACKING_PARAMS = frozenset({
    "spm", "gclid", "fbclid", "msclkid", "yclid", "dclid", "mc_cid", "mc_eid", "_hsenc", "_hsmi",
    "isappinstalled", "scene", "clicktime", "enterid", "sharer_shareinfo",
    "sharer_shareinfo_first", "share_token", "wfr", "from_wecom", "vd_source", "share_source",
    "share_medium", "share_from", "timestamp_share",
})
#: Query parameter name prefixes dropped (utm_source, utm_medium, ...).
TRACKING_PREFIXES = ("utm_",)
#: Directory index file names: ``/col/index.html`` and ``/col/`` are one page in the archive.
INDEX_FILES = frozenset({"index.html", "index.htm", "index.shtml", "index.jsp", "index.php",
                         "index.asp", "index.aspx", "default.html", "default.htm", "default.aspx"})
