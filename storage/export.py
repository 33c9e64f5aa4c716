"""Writing export records as JSON Lines or CSV, one record at a time.

Both writers consume any iterable (``Archive.iter_records()`` streams), so an
export of the whole archive runs in constant memory.

CSV conventions, for spreadsheet users and scripts alike:
- the header is the first record's keys (``rows.EXPORT_KEYS`` when there are no
  records), in record order;
- list and object values (``images``, ``meeting``, ``sightings``...) are JSON text in
  their cell; null is an empty cell; text is written as is (newlines inside quotes);
- rows end with ``\\r\\n`` (RFC 4180): open the file with ``newline=""``;
- no byte-order mark unless ``bom=True``. Excel needs the BOM to read UTF-8
  Chinese correctly when double-clicking a .csv; most other tools (and Python's
  ``csv`` with plain ``utf-8``) would take it as part of the first column name, so
  it is opt-in.
"""
from __future__ import annotations

import csv
import json
from itertools import chain
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from storage.rows import EXPORT_KEYS

BOM = "\ufeff"


def write_jsonl(records: Iterable[dict[str, Any]], fp: TextIO) -> int:
    """One JSON object per line, UTF-8 characters unescaped; returns the number written."""
    count = 0
    for record in records:
        fp.write(json.dumps(record, ensure_ascii=False))
        fp.write("\n")
        count += 1
    return count


def csv_cell(value: Any) -> Any:
    """A CSV cell for one record value: JSON for lists/objects, empty for null."""
    if value is None:
        return ""
    if isinstance(value, (list, dict, bool)):
        return json.dumps(value, ensure_ascii=False)
    return value


def write_csv(records: Iterable[dict[str, Any]], fp: TextIO, *,
              fieldnames: Sequence[str] | None = None, bom: bool = False) -> int:
    """Records as CSV with a header row; returns the number of records written."""
    iterator = iter(records)
    first = next(iterator, None)
    columns = list(fieldnames or (first.keys() if first is not None else EXPORT_KEYS))
    if bom:
        fp.write(BOM)
    writer = csv.writer(fp)
    writer.writerow(columns)
    if first is None:
        return 0
    count = 0
    for record in chain([first], iterator):
        writer.writerow([csv_cell(record.get(column)) for column in columns])
        count += 1
    return count

