"""Baseline for benchmarks/crawl.py: a bare Scrapy spider that follows the same links and
does nothing with the pages. Usage: python benchmarks/bare_crawl.py START_URL SETTINGS_JSON"""
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.cpu_clock import CpuClock
import scrapy
from scrapy.crawler import CrawlerProcess

class Bare(scrapy.Spider):
    name = "bare"
    def __init__(self, start, **kw):
        super().__init__(**kw)
        self.start_urls = [start]
    def parse(self, response):
        for href in response.css("ul.news-list li a::attr(href)").getall():
            yield response.follow(href, callback=self.article)
        for href in response.xpath("//a[text()='下一页']/@href").getall():
            yield response.follow(href, callback=self.parse)
    def article(self, response):
        pass

settings = json.loads(sys.argv[2])
process = CrawlerProcess(settings)
crawler = process.create_crawler(Bare)
process.crawl(crawler, start=sys.argv[1])
clock = CpuClock()
t0 = time.perf_counter()
process.start()
print(json.dumps({"seconds": time.perf_counter() - t0,
                  "crawl_seconds": crawler.stats.get_value("elapsed_time_seconds"),
                  "cpu_seconds": clock.seconds,
                  "pages": crawler.stats.get_value("response_received_count", 0),
                  "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
