"""Snippets: short, around the first match, with match offsets that point at the matches."""
from __future__ import annotations

from storage.snippet import find_spans, make_snippet


def test_short_text_is_whole_and_one_line():
    snippet, spans = make_snippet("区长出席会议。\n会议强调", ["会议"])
    assert snippet == "区长出席会议。 会议强调"
    assert spans == [[4, 6], [8, 10]]


def test_match_near_the_end_fills_the_window_before_it():
    text = "甲" * 100 + "洪流"
    snippet, spans = make_snippet(text, ["洪流"], width=10)
    assert snippet == "…" + "甲" * 8 + "洪流"
    assert spans == [[9, 11]]


def test_no_match_gives_the_start_without_spans():
    assert make_snippet("乙" * 100, ["丙"], width=5) == ("乙" * 5 + "…", [])


def test_overlapping_matches_merge_and_case_is_ignored():
    assert find_spans("Shanghai SHANGHAI", ["shang", "hai"]) == [[0, 8], [9, 17]]


def test_offsets_survive_characters_whose_lowercase_is_longer():
    # "İ".lower() is two characters; offsets must still index the original text.
    snippet, spans = make_snippet("İ长宁区", ["长宁"])
    assert [snippet[s:e] for s, e in spans] == ["长宁"]
