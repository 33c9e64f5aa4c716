"""Scrapy settings for jiezhen: the politeness a government site expects.

Everything here can be overridden per crawl with ``-s NAME=VALUE`` (``jiezhen crawl``
and ``scrapy crawl`` alike). jiezhen's own settings start with ``JIEZHEN_``.
"""
import os

from crawler.version import __version__

BOT_NAME = "jiezhen"

# One spider per site profile, plus the generic "news" spider (see crawler/spiderloader.py).
SPIDER_LOADER_CLASS = "crawler.spiderloader.ProfileSpiderLoader"
SPIDER_MODULES: list[str] = []

# --- Politeness -----------------------------------------------------------------------------
ROBOTSTXT_OBEY = True
DOWNLOADER_MIDDLEWARES = {
    # Scrapy's own lets requests through while robots.txt is still downloading (see the module).
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.robotstxt.SafeRobotsTxtMiddleware": 100,
    # Anti-crawler answers -> outcome "blocked"; after decompression (590), before retries (550).
    "crawler.blocking.BlockDetectMiddleware": 585,
    # Requests that got no answer (refused, DNS, timeout) -> WARC metadata records; above
    # retries (550) so that every attempt is seen (crawler/warc/failures.py).
    "crawler.warc.failures.FailureCapture": 950,
}
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_DELAY = 0.5
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
#: Where a site's webmaster can learn who is crawling and why (shown in the User-Agent).
JIEZHEN_CONTACT_URL = os.environ.get("JIEZHEN_CONTACT_URL", "https://github.com/jiezhen-archive/jiezhen")
USER_AGENT = f"jiezhen/{__version__} (+{JIEZHEN_CONTACT_URL})"
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024  # government pages are small; a 20 MB "page" is not an article
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
COOKIES_ENABLED = True
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"

# --- Pipelines: cleaning -> URL dedup -> store ----------------------------------------------
# Scrapy starts CONCURRENT_ITEMS asyncio workers for every callback's output (100 by default).
# An article page yields one item and our stages are synchronous, so parallel items buy nothing
# and the 100 tasks per page cost ~1 ms each page (measured with benchmarks/crawl.py).
CONCURRENT_ITEMS = 4
# Scrapy re-reads and parses a generator callback's source on every response to warn about
# `return value` in generators (its weak cache is keyed by short-lived bound methods, so it
# never hits): ~0.3 ms a page. Our callbacks return nothing; the check buys us nothing.
WARN_ON_GENERATOR_RETURN_VALUE = False
ITEM_PIPELINES = {
    "pipelines.cleaning.CleaningPipeline": 100,
    "pipelines.url_dedup.UrlDedupPipeline": 200,
    "pipelines.dedup.DedupPipeline": 250,
    "pipelines.metadata.MetadataPipeline": 300,
    "pipelines.store.StorePipeline": 900,
}
EXTENSIONS = {
    "crawler.extensions.run_record.RunRecorder": 500,
    "crawler.warc.extension.WarcCapture": 510,  # every HTTP exchange to WARC files
}

# --- jiezhen ---------------------------------------------------------------------------------
JIEZHEN_DB = os.environ.get("JIEZHEN_DB")  # None: storage's default (sqlite:///jiezhen.db)
JIEZHEN_SITES_DIR = os.environ.get("JIEZHEN_SITES_DIR")  # extra folder of site profiles
JIEZHEN_SINCE = None  # "YYYY-MM-DD": do not archive articles published before
JIEZHEN_BATCH_SIZE = 50  # articles per database transaction
JIEZHEN_FLUSH_SECONDS = 5.0  # ... or at least this often
JIEZHEN_MAX_LIST_PAGES = 100  # list pages per start URL in generic mode
JIEZHEN_EXTRACT_PROCESSES = None  # article extraction workers (None: cores - 1, at most 4; 0: in-process)

# --- Incremental crawls and nightly operations (crawler/incremental.py, crawler/nightly.py) -----
JIEZHEN_INCREMENTAL = True  # False (or --full): fetch every listed article again
JIEZHEN_OVERLAP = 1  # extra list pages holding only archived articles read before paging stops
JIEZHEN_RECHECK_DAYS = 30.0  # archived articles are re-checked (conditional GET) after this long
JIEZHEN_BLOCK_LIMIT = 5  # blocked answers in a row that stop a site for this run (0: never)
# --- WARC capture (crawler/warc; NOTES.md "WARC capture") -------------------------------------
JIEZHEN_WARC = True  # write every HTTP exchange to gzip WARC files (--no-warc turns it off)
JIEZHEN_WARC_DIR = None  # None: $JIEZHEN_WARC_DIR, else beside a SQLite archive (<stem>.warc/), else ./warc
JIEZHEN_WARC_MAX_BYTES = 1_000_000_000  # close the file and start the next at this size
JIEZHEN_WARC_FSYNC = True  # fsync before each batch commit (survives power loss, not only kills)
# --- Attachments (crawler/attachments.py): fetched only to be captured, so only with WARC on ---
JIEZHEN_ATTACHMENTS = True  # fetch the PDF/DOC/XLS... files an article links (same site only)
JIEZHEN_ATTACHMENTS_MAX = 20  # at most this many attachments per article
JIEZHEN_IMAGES = False  # also fetch the article's inline images (see NOTES: off by default)
# --- Distributed crawls (crawler/distributed; `crawl --distributed` sets the scrapy-redis ones) -
JIEZHEN_DISTRIBUTED = False  # a worker of a shared crawl in Redis
JIEZHEN_WORKER_ID = None  # the worker's name (run records, WARC file names); default HOST-PID
JIEZHEN_REDIS_PREFIX = "jiezhen"  # prefix of the shared crawl's Redis keys
JIEZHEN_IDLE_SECONDS = 60.0  # stop once the queue stayed empty, no worker busy, this long
JIEZHEN_WORKER_TTL = 60  # a worker silent this long is dead: its in-flight requests are re-queued
JIEZHEN_POLL_SECONDS = 0.5  # how often an idle worker looks at the shared queue
JIEZHEN_HOST_CONCURRENCY = 0  # requests in flight per host across all workers (0: CONCURRENT_REQUESTS_PER_DOMAIN)
JIEZHEN_HOST_SLOT_WAIT = 0.05  # seconds between tries for a busy host's slot
JIEZHEN_HOST_SLOT_LEASE = 0  # a slot a killed worker held comes back after this (0: DOWNLOAD_TIMEOUT + 30 s)
JIEZHEN_BLOCK_PAUSE_SECONDS = 6 * 3600  # a site one worker found blocking stays stopped this long (or until re-seeded)
