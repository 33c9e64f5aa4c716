"""robots.txt must hold for requests that arrive while it is still being fetched."""
from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.crawler.conftest import REPO_ROOT

SCRIPT = textwrap.dedent('''
    import json, sys
    import scrapy
    from scrapy.crawler import CrawlerProcess
    from crawler.demo.server import serve_demo

    server = serve_demo()
    class Probe(scrapy.Spider):
        name = "probe"
        async def start(self):
            # the first request triggers the robots.txt download; the rest wait for it
            for path in ["/qu/index.html", "/qu/admin/index.html", "/qu/admin/index.html?a=1",
                         "/qu/admin/index.html?a=2", "/xjz/index.html"]:
                yield scrapy.Request(server.base_url + path)
        def parse(self, response):
            pass
    middleware = sys.argv[1]
    settings = {"ROBOTSTXT_OBEY": True, "LOG_LEVEL": "ERROR", "DOWNLOADER_MIDDLEWARES": {}}
    if middleware != "scrapy":
        settings["DOWNLOADER_MIDDLEWARES"] = {
            "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None, middleware: 100}
    process = CrawlerProcess(settings)
    process.crawl(Probe)
    process.start()
    print(json.dumps(sorted(server.hits)))
''')


def fetched(middleware: str) -> list[str]:
    proc = subprocess.run([sys.executable, "-c", SCRIPT, middleware], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr[-2000:]
    import json

    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_disallowed_pages_are_never_fetched_with_our_middleware():
    hits = fetched("crawler.middlewares.robotstxt.SafeRobotsTxtMiddleware")
    assert not [h for h in hits if h.startswith("/qu/admin/")]
    assert "/qu/index.html" in hits and "/xjz/index.html" in hits


def test_project_settings_use_the_safe_middleware():
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("crawler.settings")
    mws = settings.getdict("DOWNLOADER_MIDDLEWARES")
    assert mws["scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware"] is None
    assert "crawler.middlewares.robotstxt.SafeRobotsTxtMiddleware" in mws
