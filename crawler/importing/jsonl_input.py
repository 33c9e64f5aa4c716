"""Reading JSON Lines of export records (``jiezhen export --format jsonl``), a line at a time.

A line that is not UTF-8, not JSON, or not a JSON object is a ``BadInput`` naming the file
and line number; blank lines are ignored. Records are checked further when restored
(``storage/restore.py``: required fields, hashes).
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from crawler.importing.inputs import BadInput, Record


def read_jsonl(path: Path) -> Iterator[Record | BadInput]:
    with open(path, "rb") as fp:
        for number, raw in enumerate(fp, start=1):
            where = f"{path}:{number}"
            if not raw.strip():
                continue
            try:
                data = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as exc:
                yield BadInput(where, f"not UTF-8 (byte {exc.start} of the line)")
                continue
            except json.JSONDecodeError as exc:
                yield BadInput(where, f"not JSON: {exc.msg} (column {exc.colno})")
                continue
            if not isinstance(data, dict):
                yield BadInput(where, "not a JSON object")
                continue
            yield Record(data=data, where=where)
