"""The raw-text pattern PostgreSQL confirms terms with matches where the normalised text does;
the numeric grams PostgreSQL indexes settle short terms exactly and never miss longer ones."""
from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from storage.search_tokens import (_FOLD, PgGrams, normalize, parse_query, pg_doc_grams, pg_grams, pg_pair,
                                   pg_term_units, pg_unit, raw_text_pattern)

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


# -- PostgreSQL grams as numbers (migration 0013) -------------------------------------------

#: Chinese, punctuation, a space, letters in raw forms, and characters outside the Basic
#: Multilingual Plane (𠮷 U+20BB7, 𡈽 U+2123D, 😀): the ones that need two UTF-16 units.
GRAM_ALPHABET = "区政协镇，。 Gg６\n𠮷𡈽😀"


def _holds(doc, wanted) -> bool:
    return set(wanted.units) <= set(doc.units) and set(wanted.pairs) <= set(doc.pairs)


@settings(max_examples=400)
@given(doc=st.text(alphabet=GRAM_ALPHABET, max_size=30), term=st.text(alphabet=GRAM_ALPHABET, min_size=1, max_size=4))
def test_pg_grams_settle_short_terms_and_never_miss_longer_ones(doc, term):
    """What PostgreSQL relies on: a document containing a term holds all its grams (so the
    index never misses a match), and for a term of at most two UTF-16 units holding them means
    containing it (no text is read to confirm)."""
    parsed = parse_query('"' + term.replace('"', "") + '"')
    if not parsed.terms:
        return
    query = parsed.terms[0]
    contained = query.text in normalize("title " + doc)
    held = _holds(pg_doc_grams("title", doc), pg_grams(query))
    if contained:
        assert held
    if pg_term_units(query) <= 2:
        assert held == contained


def test_pg_codes_fit_their_columns_and_never_collide():
    """Units are int2 and pairs int4, one-to-one: a character outside the BMP is the pair of
    its two surrogates, so 𠮷 and 𡈽 (same high surrogate) stay apart."""
    grams = pg_doc_grams("𠮷", "𡈽镇")
    assert all(-2**15 <= u < 2**15 for u in grams.units)
    assert all(-2**31 <= p < 2**31 for p in grams.pairs)
    pairs = {(u, v): pg_pair(u, v) for u in (1, 0x20, 0x7FFF, 0x8000, 0xD842, 0xFFFF)
             for v in (1, 0x20, 0xDFB7, 0xFFFF)}
    assert len(set(pairs.values())) == len(pairs)
    units = {u: pg_unit(u) for u in (1, 0x7FFF, 0x8000, 0xFFFF)}
    assert len(set(units.values())) == len(units)
    one, other = parse_query("𠮷").terms[0], parse_query("𡈽").terms[0]
    assert pg_term_units(one) == 2 and pg_grams(one) != pg_grams(other)


@given(text=st.text(max_size=60) | st.text(alphabet="ＡＢＧｇ０９AZaz镇 ", max_size=40))
def test_normalize_is_the_translation_table(text):
    """``normalize`` translates only the runs that change (for speed); the answer must be
    exactly the full-width and capital table applied to every character."""
    assert normalize(text) == text.translate(_FOLD)


def test_a_lone_surrogate_matches_no_half_of_a_character():
    """Undecodable command-line bytes arrive as lone surrogates; as a UTF-16 unit one would
    match every article holding a character outside the BMP with that half (𠮷 is D842 DFB7)."""
    for query in ("\ud842", "\udfb7", "镇\udfb7"):
        assert pg_grams(parse_query(query).terms[0]) == PgGrams([0], [])
    assert 0 not in pg_doc_grams("𠮷", "\x01镇").units


# -- cutting text for the SQLite tokens: the fast form against the per-character definition --

def _elements_by_character(text: str) -> list[tuple[str, str]]:
    """What ``elements`` means, one character at a time (its first implementation)."""
    out: list[tuple[str, str]] = []
    current: list[str] = []
    for ch in normalize(text):
        if ch.isalnum():
            current.append(ch)
            continue
        if current:
            out.append(("run", "".join(current)))
            current = []
        if ch.isspace():
            if not out or out[-1][0] != "space":
                out.append(("space", " "))
        elif ch.isprintable():
            out.append(("punct", ch))
    if current:
        out.append(("run", "".join(current)))
    return out


#: Runs, every kind of whitespace, punctuation both ASCII and CJK, the underscore (a regex
#: word character that is not alphanumeric), control and format characters, a Private Use
#: Area character, full-width letters, digits of other scripts, and characters past the BMP.
TOKEN_ALPHABET = "区政协镇新泾ab Z0９_，。.%\t\n\u3000\u00a0\x00\x07\u200b\ue020Ｇ٣𠮷"


@settings(max_examples=500)
@given(text=st.text(alphabet=TOKEN_ALPHABET, max_size=40) | st.text(max_size=40))
def test_text_is_cut_as_the_character_by_character_definition(text):
    """``elements`` and ``runs`` cut text with one regular expression (for speed); the index
    and every query depend on them cutting exactly as the per-character definition does."""
    from storage.search_tokens import elements, runs

    reference = _elements_by_character(text)
    assert elements(text) == reference
    assert runs(text) == [piece for kind, piece in reference if kind == "run"]
