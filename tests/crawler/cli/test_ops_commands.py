"""`nightly` and `health` as a user (or cron) calls them: help, exit codes, bad input."""
from __future__ import annotations

import pytest

from tests.crawler.conftest import run_cli


def test_help_documents_nightly_health_and_their_exit_codes():
    top = run_cli("--help")
    assert "nightly" in top.out and "health" in top.out
    flat = " ".join(top.out.split())  # argparse wraps the epilog
    assert "6 unhealthy" in flat and "75 archive busy" in flat
    nightly = run_cli("nightly", "--help")
    assert nightly.code == 0 and "75 another run holds the archive" in nightly.out.replace("\n", " ")
    assert "--full" in nightly.out and "--log-file" in nightly.out
    health = run_cli("health", "--help")
    assert health.code == 0 and "--prometheus" in health.out


@pytest.mark.parametrize("args", [["health"], ["nightly", "--sites", "demo-changning"]])
def test_unreachable_database_is_one_line_and_exit_1(args):
    result = run_cli(*args, "--db", "postgresql+psycopg://postgres:secret@127.0.0.1:1/nowhere")
    assert result.code == 1, result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "127.0.0.1:1" in lines[0] and "secret" not in lines[0]


def test_nightly_refuses_unknown_sites_and_needs_enabled_ones(tmp_path):
    db = f"sqlite:///{tmp_path / 'a.db'}"
    unknown = run_cli("nightly", "--sites", "no-such-site", "--db", db)
    assert unknown.code == 1 and "unknown site(s): no-such-site" in unknown.err
    # the bundled profiles are demo profiles: not crawled unless named
    none = run_cli("nightly", "--db", db)
    assert none.code == 1 and "no enabled site profile" in none.err


def test_health_of_an_empty_archive_is_ok_and_names_never_crawled_profiles(tmp_path):
    db = f"sqlite:///{tmp_path / 'a.db'}"
    assert run_cli("db", "upgrade", "--db", db).code == 0
    assert run_cli("health", "--db", db).code == 0
    sites = tmp_path / "sites"
    sites.mkdir()
    (sites / "quiet.toml").write_text('slug = "quiet"\nname = "静安"\nlevel = "区"\n'
                                      'base_url = "http://127.0.0.1:9"\nstart_urls = ["/"]\n', encoding="utf-8")
    result = run_cli("health", "--db", db, "--sites-dir", str(sites))
    assert result.code == 6
    assert result.err.strip() == "jiezhen health: quiet: stale: never crawled"
