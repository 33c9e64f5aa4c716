"""Turn the raw bytes of a page into text, without trusting what the page says about itself.

Chinese government and news sites routinely lie about their charset: pages re-saved by a
browser declare ``gb2312`` but are UTF-8, GBK pages are served as ``ISO-8859-1`` or
``utf-8`` by a misconfigured server, and GBK-only characters appear in "gb2312" pages.
So every label (HTTP header, ``<meta>``) is only a hint, checked against the bytes:

1. a byte-order mark wins;
2. bytes that are valid UTF-8 and contain non-ASCII are UTF-8, whatever the labels say;
3. a label is accepted only when the bytes decode strictly with it and the result is
   plausible (a single-byte Western label never wins over bytes that decode as Chinese);
   every GB-family label decodes as GB18030, their common superset;
4. otherwise the charset is detected (GB18030 first, as the likeliest for this domain, then
   charset-normalizer);
5. last resort: UTF-8 with replacement characters and ``lossy=True`` so the caller can count
   the page as damaged instead of archiving mojibake silently.

An incomplete multi-byte sequence at the very end of the body (a truncated download) is
dropped rather than treated as a wrong encoding.
"""
from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from crawler.parsing.patterns.encodings import (
    BOMS,
    COMMON_HANZI,
    GB_FAMILY,
    HEADER_CHARSET_RE,
    META_CHARSET_RE,
    META_SCAN_BYTES,
    MIN_COMMON_HANZI_SHARE,
    SINGLE_BYTE_WESTERN,
    UTF8_LABELS,
)


@dataclass(frozen=True)
class DecodedPage:
    """The decoded text and how it was obtained (``source`` explains which rule decided)."""

    text: str
    encoding: str  # Python codec name actually used
    source: str  # "bom" | "header" | "meta" | "utf8-valid" | "detected" | "fallback"
    lossy: bool  # True when replacement characters had to be used


def charset_from_headers(headers: Mapping[str, str] | None) -> str | None:
    """The ``charset=`` of the Content-Type header (names compared case-insensitively)."""
    if not headers:
        return None
    for name, value in headers.items():
        name = name.decode("latin-1") if isinstance(name, bytes) else str(name)
        if name.lower() != "content-type":
            continue
        if isinstance(value, (list, tuple)):
            value = value[0] if value else ""
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        match = HEADER_CHARSET_RE.search(str(value))
        if match:
            return match.group(1).lower()
    return None


def charset_from_meta(head_bytes: bytes) -> str | None:
    """The first charset declared by a ``<meta>`` tag in the leading bytes, lower-cased."""
    match = META_CHARSET_RE.search(head_bytes[:META_SCAN_BYTES])
    return match.group(1).decode("ascii", "ignore").lower() if match else None


def normalize_label(label: str | None) -> str | None:
    """Map a charset label to the codec we decode with (GB family -> gb18030), or None."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in GB_FAMILY:
        return "gb18030"
    if label in UTF8_LABELS:
        return "utf-8"
    if label in SINGLE_BYTE_WESTERN:
        return "cp1252"
    if label in ("big5", "big5-hkscs", "cp950", "x-x-big5"):
        return "big5hkscs"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name in ("gb2312", "gbk", "gb18030"):
        return "gb18030"
    return name


def decode_html(body: bytes, headers: Mapping[str, str] | None = None) -> DecodedPage:
    """Decode an HTML (or text) body; see the module docstring for the order of rules."""
    if not body:
        return DecodedPage("", "utf-8", "fallback", False)

    for bom, codec in BOMS:
        if body.startswith(bom):
            text, lossy = _decode_lenient(body[len(bom):], codec)
            return DecodedPage(text, codec, "bom", lossy)

    labels = [("header", normalize_label(charset_from_headers(headers))),
              ("meta", normalize_label(charset_from_meta(body)))]

    utf8 = _decode_strict(body, "utf-8")
    if utf8 is not None:
        if not utf8.isascii():
            for source, codec in labels:
                if codec == "utf-8":
                    return DecodedPage(utf8, "utf-8", source, False)
            return DecodedPage(utf8, "utf-8", "utf8-valid", False)
        # Pure ASCII: every ASCII-compatible label is right; report the one that was given.
        for source, codec in labels:
            if codec and _ascii_compatible(codec):
                return DecodedPage(utf8, codec, source, False)
        return DecodedPage(utf8, "utf-8", "utf8-valid", False)

    gb_text = _decode_strict(body, "gb18030")
    gb_is_chinese = gb_text is not None and _looks_chinese(gb_text)

    for source, codec in labels:
        if codec is None or codec == "utf-8":
            continue  # UTF-8 was already tried strictly and failed
        if codec == "cp1252":
            if gb_is_chinese:
                continue  # a Western label never beats bytes that read as Chinese
            text = _decode_strict(body, "cp1252") or body.decode("latin-1")
            if _plausible(text):
                return DecodedPage(text, "cp1252", source, False)
            continue
        text = gb_text if codec == "gb18030" else _decode_strict(body, codec)
        if text is not None and _plausible(text):
            if codec in ("gb18030", "big5hkscs") and not _looks_chinese(text):
                continue
            return DecodedPage(text, codec, source, False)

    if gb_is_chinese:
        return DecodedPage(gb_text, "gb18030", "detected", False)

    detected = _detect(body)
    if detected is not None:
        return detected

    text, lossy = _decode_lenient(body, "utf-8")
    return DecodedPage(text, "utf-8", "fallback", lossy)


def _decode_strict(body: bytes, codec: str) -> str | None:
    """Strict decoding, tolerating only an incomplete sequence at the very end."""
    try:
        decoder = codecs.getincrementaldecoder(codec)("strict")
        return decoder.decode(body, final=False)
    except (UnicodeDecodeError, LookupError):
        return None


def _decode_lenient(body: bytes, codec: str) -> tuple[str, bool]:
    """Decode with replacement characters; report whether any were needed."""
    text = _decode_strict(body, codec)
    if text is not None:
        return text, False
    text = body.decode(codec, errors="replace")
    return text, "\ufffd" in text


def _ascii_compatible(codec: str) -> bool:
    try:
        return "abc<>=\"'".encode(codec) == b"abc<>=\"'"
    except (LookupError, UnicodeError):
        return False


def _plausible(text: str) -> bool:
    """No replacement characters, stray control characters or private-use runs."""
    if "\ufffd" in text:
        return False
    bad = 0
    for char in text:
        code = ord(char)
        if (code < 32 and char not in "\t\n\r\f") or 0x7F <= code < 0xA0 or 0xE000 <= code <= 0xF8FF:
            bad += 1
    return bad <= max(2, len(text) // 2000)


def _looks_chinese(text: str) -> bool:
    """Plausible text whose CJK characters include a fair share of very common ones."""
    if not _plausible(text):
        return False
    cjk = [char for char in text if "\u4e00" <= char <= "\u9fff"]
    if not cjk:
        return False
    common = sum(1 for char in cjk if char in COMMON_HANZI)
    if common / len(cjk) < MIN_COMMON_HANZI_SHARE:
        return False
    # Mojibake from a wrong CJK codec also produces many symbols/Hangul/kana: reject those.
    non_ascii = [char for char in text if ord(char) > 127]
    foreign = sum(1 for char in non_ascii if unicodedata.category(char) in ("So", "Co")
                  or "\uac00" <= char <= "\ud7af" or "\u3040" <= char <= "\u30ff")
    return foreign <= len(non_ascii) * 0.05


def _detect(body: bytes) -> DecodedPage | None:
    """charset-normalizer's best guess, kept only if it decodes strictly and plausibly."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - the dependency is declared
        return None
    best = from_bytes(body).best()
    if best is None:
        return None
    codec = normalize_label(best.encoding) or best.encoding
    text = _decode_strict(body, codec)
    if text is None or not _plausible(text):
        return None
    return DecodedPage(text, codec, "detected", False)
