"""Character-bigram tokens for Chinese full-text search, and the query language over them.

Why bigrams: most Chinese words are two characters, there are no spaces between words,
and a word segmenter misses substrings that cross its word boundaries. Like Lucene's
CJKBigramFilter, text is indexed as overlapping character pairs and a query becomes a
phrase of its own pairs. Unlike it, the guarantee here is exact substring semantics:

* Text is normalised (full-width letters and digits to ASCII, ASCII lower case) and cut into
  *runs* of letters and digits (any script); punctuation and spaces end a run. Each run of
  n >= 2 characters gives its n-1 overlapping bigrams followed by its last character as a
  one-character token; a run of one character gives that character. Each punctuation mark
  is a token of its own (ASCII ones by a Private Use Area stand-in), and so is each run of
  whitespace, so a phrase never bridges a line or paragraph break.
* A query run of k >= 2 characters becomes the phrase of its k-1 bigrams. Within a text run
  consecutive positions hold overlapping pairs, and between runs a one-character token
  intervenes (never equal to a bigram), so the phrase matches exactly where the query run
  is a substring of a text run.
* A one-character query is a prefix query (``"镇"*``): every character of a run begins a
  bigram or is its run's final one-character token.
* A term holding punctuation (``出，新泾``, ``100%``) is one phrase of its runs' and marks'
  tokens, exact as well (see ``_fts5_phrase``). Only a term with whitespace inside
  (``"政协 主席"``) is the AND of its parts' phrases, confirmed by the caller.

Tokens contain letters and digits only, so they can be quoted into FTS5 syntax without any
escaping problem; on PostgreSQL terms travel as bound array and text parameters.

PostgreSQL (see ``storage/search.py``) indexes, per article, the set of its characters and
character pairs (``pg_doc_grams``, as int2 and int4 codes in GIN-indexed arrays): a 1- or 2-character
term is contained exactly when its piece is in the set; a longer term's pairs must all be
there and ``strpos`` confirms it on those candidates. (Precisely: UTF-16 code units rather
than characters, so that every piece fits an int4; see ``pg_pair``.)
"""
from __future__ import annotations

import re
import sys
from array import array
from dataclasses import dataclass, field

#: Longest query term honoured (characters); longer input is cut, not rejected.
MAX_TERM_CHARS = 200
#: At most this many terms in one query.
MAX_TERMS = 16


#: Full-width letters and digits and their ASCII forms. PostgreSQL's ``jiezhen_fold`` (migration
#: 0002) applies the same table with translate(), so both engines normalise identically.
FULLWIDTH = "".join(chr(c) for c in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)))
ASCII_FORMS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_FOLD = str.maketrans(FULLWIDTH + "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                      ASCII_FORMS.lower() + "abcdefghijklmnopqrstuvwxyz")


def normalize(text: str) -> str:
    """What the index sees: full-width letters and digits folded to ASCII (ＧＳ６０ -> gs60) and
    ASCII letters lower-cased; everything else (CJK, punctuation) as written."""
    return _FOLDABLE.sub(_fold_run, text or "")


#: Runs of the characters ``normalize`` changes. ``str.translate`` with a table costs ~65 ns a
#: character even where nothing changes (26 ms to rank 600 articles on PostgreSQL); a regular
#: expression finds the rare runs to change at C speed and translates only those.
_FOLDABLE = re.compile("[A-Z" + FULLWIDTH + "]+")


def _fold_run(match: re.Match) -> str:
    return match.group().translate(_FOLD)


#: Every character that normalises to each ASCII letter or digit (itself, its capital, and
#: their full-width forms): what a folded match of that character can be in the raw text.
_RAW_FORMS: dict[str, str] = {}
for _raw, _folded in zip(FULLWIDTH + ASCII_FORMS, (ASCII_FORMS + ASCII_FORMS).lower()):
    _RAW_FORMS[_folded] = _RAW_FORMS.get(_folded, "") + _raw
#: Characters that are special in a PostgreSQL (ARE) regular expression.
_REGEX_SPECIAL = set("\\^$.|?*+()[]{}")


def raw_text_pattern(term: str) -> str:
    """A PostgreSQL regular expression matching, in the raw text, exactly the places where the
    normalised text contains the normalised ``term``: each letter or digit becomes the class of
    its raw forms (``g`` -> ``[gGｇＧ]``), everything else itself (escaped where special).

    Why: confirming a term on folded text means folding every candidate article, and
    PostgreSQL's translate() costs about 1 ms per article of 3,600 characters; one regular
    expression search over the raw text costs some 25 microseconds."""
    out = []
    for ch in normalize(term):
        if ch in _RAW_FORMS:
            out.append(f"[{''.join(sorted(set(_RAW_FORMS[ch])))}]")
        elif ch in _REGEX_SPECIAL:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


#: ASCII punctuation is a separator to FTS5's ``ascii`` tokenizer; indexed as these stand-ins
#: (the Private Use Area, which no text uses) it becomes a token like any CJK punctuation.
PUNCT_BASE = 0xE000


def punct_token(ch: str) -> str:
    return chr(PUNCT_BASE + ord(ch)) if ch.isascii() else ch


#: The pieces ``elements`` cuts text into: a run of letters and digits
#: (``[^\W_]`` is exactly ``str.isalnum``), a run of whitespace (``\s`` is ``str.isspace``),
#: or any other character. Matched at C speed instead of testing every character in Python:
#: cutting an article ~1.4x faster (2,000 generated articles: ~115 -> ~80 us each). A JSONL
#: import, where cProfile had put a third of its time in tokenizing, moved within its noise.
_PIECES = re.compile(r"([^\W_]+)|(\s+)|(.)", re.S)


def elements(text: str) -> list[tuple[str, str]]:
    """Normalised text as ("run", letters-and-digits), ("punct", one character) and ("space",
    " ") pieces in order; a run of whitespace is one space piece, so that no phrase can bridge
    a paragraph break unseen. Characters that are none of these and not printable (control
    and format characters) are left out."""
    out: list[tuple[str, str]] = []
    for run, space, other in _PIECES.findall(normalize(text)):
        if run:
            out.append(("run", run))
        elif space:
            if not out or out[-1][0] != "space":  # whitespace either side of a dropped character
                out.append(("space", " "))
        elif other.isprintable():
            out.append(("punct", other))
    return out


def runs(text: str) -> list[str]:
    """Maximal runs of letters and digits (any script) of normalised text."""
    return [run for run, _, _ in _PIECES.findall(normalize(text)) if run]


def run_tokens(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i:i + 2] for i in range(len(run) - 1)] + [run[-1]]


def tokens(text: str) -> list[str]:
    """The token stream indexed for ``text`` (positions matter: phrases use them): each run's
    bigrams and final character, and each punctuation mark as a token of its own."""
    out: list[str] = []
    for kind, piece in elements(text):
        if kind == "run":
            out.extend(run_tokens(piece))
        else:  # punctuation, or one token for a run of whitespace
            out.append(punct_token(piece))
    return out


def grams(text: str) -> str:
    """Tokens joined by spaces: the document text given to the FTS engine."""
    return " ".join(tokens(text))


@dataclass
class Term:
    text: str  # normalised term text, as the user gave it (quotes removed)
    negative: bool = False
    runs: list[str] = field(default_factory=list)

    @property
    def parts(self) -> list[list[tuple[str, str]]]:
        """The term's whitespace-separated parts, as elements (see ``elements``)."""
        return [e for e in (elements(part) for part in self.text.split()) if e]


    @property
    def exact_check_needed(self) -> bool:
        """The index alone does not settle a term with whitespace inside (``"政协 主席"``), whose
        parts are matched as separate phrases, nor one holding characters that are not indexed
        (control characters): the exact text must be confirmed."""
        return len(self.parts) > 1 or any(
            not (ch.isalnum() or ch.isspace() or ch.isprintable()) for ch in self.text)


@dataclass
class Query:
    terms: list[Term]

    @property
    def positive(self) -> list[Term]:
        return [t for t in self.terms if not t.negative and t.parts]

    @property
    def negative(self) -> list[Term]:
        return [t for t in self.terms if t.negative and t.parts]

    @property
    def searchable(self) -> bool:
        return bool(self.positive)


_TERM_RE = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def parse_query(query: str) -> Query:
    """Split a query into terms: whitespace separates terms that must all match, ``"…"`` is one
    term (spaces included), a leading ``-`` excludes. Anything else is literal text."""
    query = (query or "").replace("\x00", " ")
    terms: list[Term] = []
    for match in _TERM_RE.finditer(query):
        if len(terms) >= MAX_TERMS:
            break
        if match.group(3) is not None:
            raw = match.group(3)
            negative = raw.startswith("-") and len(raw) > 1
            if negative:
                raw = raw[1:]
        else:
            negative, raw = bool(match.group(1)), match.group(2)
        text = normalize(raw)[:MAX_TERM_CHARS]
        if not text.strip():
            continue
        terms.append(Term(text=text, negative=negative, runs=runs(text)))
    if not terms and query.strip():  # nothing but quotes and dashes: search for them literally
        text = normalize(query.strip())[:MAX_TERM_CHARS]
        terms.append(Term(text=text, runs=runs(text)))
    return Query(terms)


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def _fts5_phrase(part: list[tuple[str, str]]) -> str:
    """One whitespace-free piece of a term as an exact FTS5 phrase.

    Within the phrase a run followed by punctuation ends its text run too, so it contributes
    its bigrams *and* its final one-character token; a run at the end of the piece may go on in
    the text, so it contributes its bigrams only (one character: a prefix token, which FTS5
    allows on a phrase's last token). Punctuation contributes its own token."""
    tokens_: list[str] = []
    prefix = False
    for n, (kind, piece) in enumerate(part):
        if kind == "punct":
            tokens_.append(punct_token(piece))
        elif n < len(part) - 1:
            tokens_.extend(run_tokens(piece))
        elif len(piece) == 1:
            tokens_.append(piece)
            prefix = True
        else:
            tokens_.extend(run_tokens(piece)[:-1])
    return _quote(" ".join(tokens_)) + ("*" if prefix else "")


def fts5_term(term: Term) -> str:
    """FTS5 expression for the documents containing ``term``: exact, except for a term with
    whitespace inside, whose parts are ANDed and confirmed by the caller."""
    return "(" + " AND ".join(_fts5_phrase(part) for part in term.parts) + ")"


def fts5_match(query: Query) -> str:
    expr = " AND ".join(fts5_term(t) for t in query.positive)
    for term in query.negative:
        if not term.exact_check_needed:
            expr += " NOT " + fts5_term(term)
    return expr


def fts5_title_match(query: Query) -> str:
    """Every positive term in the title column."""
    return "{title} : (" + " AND ".join(fts5_term(t) for t in query.positive) + ")"


#: PostgreSQL grams are numbers. The text is taken as UTF-16 code units (every character of
#: the Basic Multilingual Plane is one unit, any other a surrogate pair of two); a single unit
#: ``u`` (1..0xFFFF) is stored as an int2 (``pg_unit``: ``u`` read as a signed 16-bit number)
#: and an adjacent pair ``(u, v)`` as an int4 (``pg_pair``: ``u << 16 | v`` read as a signed
#: 32-bit number). Both mappings are one-to-one, so no dictionary table is needed, and a unit
#: costs 2 bytes, a pair 4, where a text[] element cost about 10.
#: Why units and not characters: a character outside the BMP (U+1xxxx) does not fit 16 bits;
#: as its two surrogates it is a pair like any other, and since a high surrogate is only ever
#: followed by a low one, a unit substring is exactly a character substring.


def pg_units(text: str) -> array:
    """``text`` as UTF-16 code units (``surrogatepass``: a lone surrogate, which only a query
    can hold, is a unit too; ``pg_grams`` keeps such terms from matching half a character)."""
    units = array("H", text.encode("utf-16-le", "surrogatepass"))
    if sys.byteorder == "big":
        units.byteswap()
    return units


def pg_unit(u: int) -> int:
    return u - 0x10000 if u > 0x7FFF else u


def pg_pair(u: int, v: int) -> int:
    code = u << 16 | v
    return code - 0x100000000 if code > 0x7FFFFFFF else code


@dataclass
class PgGrams:
    """What a PostgreSQL document holds (``pg_doc_grams``) or must hold (``pg_grams``):
    ``units`` (int2 codes) and ``pairs`` (int4 codes)."""
    units: list[int]
    pairs: list[int]


def pg_doc_grams(title: str, body: str) -> PgGrams:
    """What PostgreSQL indexes for an article: the distinct code units and adjacent unit pairs
    of its normalised ``title + " " + body`` (punctuation and spaces included)."""
    units = pg_units(normalize(f"{title} {body}"))
    return PgGrams(sorted(set(map(pg_unit, units))), sorted(set(map(pg_pair, units[:-1], units[1:]))))


def has_lone_surrogate(term: Term) -> bool:
    """A surrogate code point in a Python string is always a lone one (a character outside the
    BMP is one code point): such a term (say, undecodable bytes of a command line) can be in
    no stored text."""
    return any("\ud800" <= ch <= "\udfff" for ch in term.text)


def pg_term_units(term: Term) -> int:
    """Length of ``term`` in code units: up to 2, the index alone settles it (``pg_grams``)."""
    return len(pg_units(term.text))


def pg_grams(term: Term) -> PgGrams:
    """The unit (1-unit term) or unit pairs a PostgreSQL document must hold to contain
    ``term``: the same pieces ``pg_doc_grams`` indexes, taken from the whole term. A document
    holding them contains the term exactly when it has at most 2 units."""
    if has_lone_surrogate(term):  # in no stored text; as a unit it would match half of 𠮷
        return PgGrams([0], [])  # unit 0 (NUL) is in no stored text either: matches nothing
    units = pg_units(term.text)
    if len(units) == 1:
        return PgGrams([pg_unit(units[0])], [])
    return PgGrams([], sorted(set(map(pg_pair, units[:-1], units[1:]))))
