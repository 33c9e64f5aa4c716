"""The raw-text pattern PostgreSQL confirms terms with matches where the normalised text does."""
from __future__ import annotations

import re

from hypothesis import given, strategies as st

from storage.search_tokens import normalize, raw_text_pattern

#: Letters and digits in every raw form, regular-expression syntax, and Chinese text.
ALPHABET = "Gg Ｇｇ6６.*+?()[]{}|^$\\年区-"


@given(raw=st.text(alphabet=ALPHABET, max_size=30), term=st.text(alphabet=ALPHABET, min_size=1, max_size=5))
def test_pattern_finds_exactly_what_the_normalised_text_contains(raw, term):
    found = re.search(raw_text_pattern(term), raw) is not None
    assert found == (normalize(term) in normalize(raw))


def test_pattern_accepts_every_raw_form_of_a_letter_or_digit():
    pattern = raw_text_pattern("g60年")
    for raw in ("G60年", "g60年", "Ｇ６０年", "ｇ6０年"):
        assert re.search(pattern, raw), raw
    assert not re.search(pattern, "G6O年")
