"""Which reader an import path needs (``--format auto``): by content first, then by name."""
from __future__ import annotations

from pathlib import Path

from crawler.importing.saved_pages import SUFFIXES
from crawler.importing.warc_frames import sniff

FORMATS = ("warc", "html", "jsonl")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


def warc_files(folder: Path) -> list[Path]:
    """The files under ``folder`` named like WARC (or ARC) files, in path order."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name.lower().endswith(WARC_SUFFIXES))


def detect_format(path: Path) -> str | None:
    """``warc``, ``html`` or ``jsonl`` for ``path``, or None when it is none of them."""
    if path.is_dir():  # a folder of WARC files (a crawler's output), else of saved pages
        return "warc" if warc_files(path) else "html"
    if sniff(path) is not None:
        return "warc"
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        return "warc"  # named like one: the reader will say what is wrong with it
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith(SUFFIXES):
        return "html"
    with open(path, "rb") as fp:
        head = fp.read(512).lstrip()
    if head.startswith(b"{"):
        return "jsonl"
    if head[:1] == b"<":
        return "html"
    return None
