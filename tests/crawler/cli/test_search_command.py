"""How ``jiezhen search`` reads its command line: terms as one argument or several, on both
sides of options, and an exclusion (``-调研``) written first, which argparse would take for an
unknown option."""
from __future__ import annotations

import json

import pytest

from crawler.cli.main import main
from storage.archive import Archive
from tests.storage.factories import T0, article


@pytest.fixture
def db(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'search.db'}"
    with Archive.open(url, migrate=True) as archive:
        archive.store_batch([(article(1, title="区委到新泾镇调研", body="区委书记调研。"), None),
                             (article(2, title="区委常委会召开", body="区委常委会议。"), None),
                             (article(3, title="街道调研居民区", body="街道干部调研。"), None)], seen_at=T0)
    return url


def titles(capsys, *args: str) -> list[str]:
    code = main(["search", "--format", "json", *args])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return sorted(hit["title"] for hit in json.loads(captured.out))


def test_an_exclusion_first_is_a_term_not_an_option(db, capsys):
    assert titles(capsys, "-调研", "--db", db) == ["区委常委会召开"]
    assert titles(capsys, "--db", db, "--", "-调研") == ["区委常委会召开"]  # the POSIX way still works


def test_several_words_are_the_terms_of_one_query(db, capsys):
    assert titles(capsys, "区委", "调研", "--db", db) == ["区委到新泾镇调研"]
    assert titles(capsys, "区委", "-调研", "--db", db) == titles(capsys, "区委 -调研", "--db", db) \
        == ["区委常委会召开"]


def test_an_unknown_ascii_option_is_still_a_usage_error(db, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["search", "调研", "--colour", "--db", db])
    assert exited.value.code == 2 and "--colour" in capsys.readouterr().err


def test_terms_after_an_option_belong_to_the_query(db, capsys):
    assert titles(capsys, "区委", "--db", db, "调研") == ["区委到新泾镇调研"]
    assert titles(capsys, "区委", "--db", db, "-调研") == ["区委常委会召开"]
    assert titles(capsys, "--db", db, "区委", "--sort", "date", "调研", "-街道") == ["区委到新泾镇调研"]


def test_other_commands_still_refuse_stray_words(db, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["runs", "--db", db, "stray"])
    assert exited.value.code == 2 and "unrecognized arguments: stray" in capsys.readouterr().err
