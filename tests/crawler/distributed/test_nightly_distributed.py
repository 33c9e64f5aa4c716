"""`nightly --distributed` on two machines' crons: the sites are seeded once, both work on them."""
from __future__ import annotations

import os
import subprocess

from tests.crawler.conftest import jiezhen_command
from tests.crawler.distributed.conftest import REDIS_URL, WORKER_FAST


def test_two_nightlies_seed_once_and_share_the_work(shared_crawl_factory):
    crawl = shared_crawl_factory(sites=2, articles=60)
    argv = [*jiezhen_command(), "nightly", "--distributed", "--redis", REDIS_URL, "--redis-prefix", crawl.prefix,
            "--db", crawl.db_url, "--sites-dir", str(crawl.sites_dir), "--sites", "dist0", "dist1",
            "--idle-seconds", "2", "--warc-dir", str(crawl.warc_dir), *WORKER_FAST]
    env = {k: v for k, v in os.environ.items() if k != "JIEZHEN_DB"}
    procs = [subprocess.Popen([*argv, "--worker-id", f"m{n}"], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE) for n in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    for proc, (_, err) in zip(procs, outs):
        assert proc.returncode == 0, err.decode()[-2000:]
    seeded = [err.decode().count("start page(s) queued") for _, err in outs]
    assert sum(seeded) == 2  # each site seeded by one of the two
    urls = crawl.archived_urls()
    assert len(urls) == 60 and set(urls) == crawl.all_urls()
    for site in crawl.sites:
        assert set(site.article_hits().values()) == {1}
