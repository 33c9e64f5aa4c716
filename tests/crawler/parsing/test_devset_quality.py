"""Quality floors on the shared devset (18 labelled articles, 5 list pages).

The floors are the figures the extractor reaches (see benchmarks/extraction.py); a change
that lowers one of them is a regression to look at, not a threshold to relax.
"""
from __future__ import annotations

import pytest

from crawler.parsing.evaluation import evaluate


@pytest.fixture(scope="module")
def scores(devset):
    return evaluate(devset / "pages")


def test_devset_has_the_expected_shape(scores):
    assert sum(page.kind == "article" for page in scores.pages) == 18
    assert sum(page.kind == "list" for page in scores.pages) == 5


def test_title_and_date_floors(scores):
    assert scores.rate("title") >= 1.0
    assert scores.rate("date") >= 1.0


def test_source_author_and_editor_floors(scores):
    assert scores.rate("source") >= 17 / 18
    assert scores.rate("author") >= 1.0
    assert scores.rate("editor") >= 1.0


def test_body_boundaries_floor(scores):
    assert scores.rate("first20") >= 1.0
    assert scores.rate("last20") >= 1.0


def test_must_include_and_must_exclude(scores):
    assert scores.include_rate >= 1.0, [(p.id, p.missing) for p in scores.pages if p.missing]
    assert scores.exclude_leak_rate <= 0.0, [(p.id, p.leaked) for p in scores.pages if p.leaked]


def test_articles_accepted_and_lists_rejected(scores):
    assert scores.articles_accepted >= 1.0, [(p.id, p.reason) for p in scores.pages if not p.is_article]
    rejected, lists = scores.lists_rejected
    assert rejected == lists == 5


def test_a_tool_without_a_field_is_scored_na_not_zero(devset):
    from crawler.parsing.evaluation import Output, evaluate

    peer = evaluate(devset / "pages", lambda body, url: Output(title="x", body="正文"), fields=("title", "body"))
    assert peer.rate("title") == 0.0
    assert peer.rate("source") is None and peer.rate("editor") is None
    assert peer.lists_rejected is None
