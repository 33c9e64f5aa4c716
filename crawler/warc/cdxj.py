"""A CDXJ index of the closed WARC files, so pywb (and other replay tools) can find records.

Built by cdxj-indexer (webrecorder's maintained indexer, the one pywb's ``wb-manager``
uses), sorted, with file names relative to the WARC folder. ``.open`` files are left out:
they are still being written, or torn and closed by the next crawl.
"""
from __future__ import annotations

import os
from pathlib import Path

from cdxj_indexer.main import write_cdx_index

from crawler.warc.naming import SUFFIX

INDEX_NAME = "index.cdxj"


def closed_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.name.endswith(SUFFIX) and p.is_file())


def write_index(directory: Path, output: Path | None = None) -> tuple[Path, int]:
    """Index every closed WARC file of ``directory``; returns (index path, lines written)."""
    output = output or directory / INDEX_NAME
    files = closed_files(directory)
    partial = output.with_name(output.name + ".partial")
    with open(partial, "w", encoding="utf-8") as out:
        write_cdx_index(out, [str(p) for p in files], {"sort": True, "dir_root": str(directory)})
    os.replace(partial, output)  # a reader never sees half an index
    with open(output, encoding="utf-8") as fp:
        lines = sum(1 for _ in fp)
    return output, lines
