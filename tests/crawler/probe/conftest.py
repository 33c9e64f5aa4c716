"""Local CMS-style sites (``sites.py``), each served on its own 127.0.0.1 port."""
from __future__ import annotations

import pytest

from tests.crawler.probe.sites import BUILDERS, SiteServer


@pytest.fixture(params=sorted(BUILDERS))
def cms_site(request):
    site = BUILDERS[request.param]()
    with SiteServer(site) as server:
        yield site, server


@pytest.fixture
def trs_server():
    site = BUILDERS["trs"]()
    with SiteServer(site) as server:
        yield site, server
