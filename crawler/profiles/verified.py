"""Mark a profile file as checked against its live site (``sites check`` does, on success).

The file is edited as text, one line each for ``verified`` and ``verified_on``, so the
comments a person wrote in it (what is known, what is guessed) stay where they are.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

_VERIFIED = re.compile(r"^verified\s*=.*$", re.M)
_VERIFIED_ON = re.compile(r"^verified_on\s*=.*\n?", re.M)
_FIRST_TABLE = re.compile(r"^\s*\[", re.M)


def mark_verified(path: str | Path, on: date) -> None:
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    text = _VERIFIED_ON.sub("", text)
    lines = f"verified = true\nverified_on = {on.isoformat()}"
    if _VERIFIED.search(text):
        text = _VERIFIED.sub(lines, text, count=1)
    else:
        table = _FIRST_TABLE.search(text)
        at = table.start() if table else len(text)
        text = text[:at] + lines + "\n" + text[at:]
    path.write_text(text, encoding="utf-8")
