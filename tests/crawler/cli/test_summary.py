"""Exit codes of a crawl (crawler/cli/summary.py): what cron sees."""
from __future__ import annotations

from crawler.cli.exit_codes import ExitCode
from crawler.cli.summary import crawl_exit_code
from crawler.runner import CrawlResult


def result(status="finished", pages=10, new=0, flags=()) -> CrawlResult:
    return CrawlResult(label="site", run_id=1, status=status, finish_reason="finished" if status in
                       ("finished", "suspect") else status, pages=pages, list_pages=1, new=new, changed=0,
                       unchanged=0, errors={}, skipped={}, bytes=0, flags=list(flags))


def test_a_crawl_that_found_nothing_is_an_alarm():
    assert crawl_exit_code([result(new=5), result(new=0)]) == ExitCode.NOTHING_FOUND
    assert crawl_exit_code([result(status="suspect", new=3, flags=["no_links"])]) == ExitCode.NOTHING_FOUND
    assert crawl_exit_code([result(new=5)]) == ExitCode.OK
    assert crawl_exit_code([result(pages=0, new=0)]) == ExitCode.OK  # nothing fetched, nothing to judge


def test_a_distributed_worker_is_not_judged_on_its_share():
    """Its share of a site may be the list page alone, while other workers fetched every
    article: `health` judges the crawl from the workers' runs merged."""
    assert crawl_exit_code([result(new=0)], worker=True) == ExitCode.OK
    assert crawl_exit_code([result(status="suspect", flags=["no_articles"])], worker=True) == ExitCode.OK


def test_an_unfinished_crawl_is_incomplete_for_workers_too():
    for worker in (False, True):
        assert crawl_exit_code([result(new=5), result(status="interrupted")], worker=worker) \
            == ExitCode.CRAWL_INCOMPLETE
