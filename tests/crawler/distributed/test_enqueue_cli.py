"""`jiezhen enqueue` and `crawl --distributed`: what the user sees (run in-process: quick)."""
from __future__ import annotations

from crawler.cli.main import main
from tests.crawler.distributed.conftest import REDIS_URL


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_enqueue_leaves_a_crawl_under_way_alone_unless_reset(shared_crawl_factory, capsys):
    crawl = shared_crawl_factory(sites=1, articles=20)
    argv = ["enqueue", "--redis", REDIS_URL, "--redis-prefix", crawl.prefix, "--db", crawl.db_url,
            "--sites-dir", str(crawl.sites_dir), "dist0"]
    code, out, err = _run(capsys, *argv)
    assert code == 0 and "dist0: 1 start page(s) queued" in out, err
    code, out, _ = _run(capsys, *argv)
    assert code == 0 and "dist0: not queued: already under way (1 requests queued or in flight)" in out
    code, out, _ = _run(capsys, *argv, "--reset")
    assert code == 0 and "dist0: 1 start page(s) queued" in out


def test_unreachable_redis_is_one_line_and_exit_1(sqlite_url, capsys):
    for args in (["enqueue", "demo-changning"], ["crawl", "--distributed"]):
        code, _, err = _run(capsys, *args, "--redis", "redis://127.0.0.1:1/0", "--db", sqlite_url)
        assert code == 1, err
        lines = err.strip().splitlines()
        assert len(lines) == 1 and "cannot reach Redis at redis://127.0.0.1:1/0" in lines[0]


def test_distributed_usage_errors(sqlite_url, capsys):
    code, _, err = _run(capsys, "enqueue", "--redis", REDIS_URL, "--db", sqlite_url)
    assert code == 2 and "name at least one SITE" in err
    code, _, err = _run(capsys, "crawl", "--distributed", "--start-url", "http://127.0.0.1:9/",
                        "--redis", REDIS_URL, "--db", sqlite_url)
    assert code == 2 and "jiezhen enqueue --start-url" in err
    code, _, err = _run(capsys, "enqueue", "no-such-site", "--redis", REDIS_URL, "--db", sqlite_url)
    assert code == 1 and "unknown site(s): no-such-site" in err
