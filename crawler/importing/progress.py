"""The import's counters and its progress line (only on a terminal) and summary."""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import TextIO

#: Seconds between two redraws of the progress line.
REDRAW_EVERY = 0.5


@dataclass
class ImportCounts:
    read: int = 0  # records / files / lines read
    new: int = 0
    updated: int = 0
    duplicate: int = 0
    revisits: int = 0
    older: int = 0  # of the updated: texts older than the current one, put into its history
    skipped: dict[str, int] = field(default_factory=dict)  # by reason
    bad: int = 0  # bad input skipped (each is named on stderr as it is met)
    errors: dict[str, int] = field(default_factory=dict)  # processing errors by kind
    started: float = field(default_factory=time.monotonic)

    def skip(self, reason: str, n: int = 1) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + n

    @property
    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.read / elapsed if elapsed > 0 else 0.0

    def line(self) -> str:
        skipped = sum(self.skipped.values())
        return (f"read {self.read}: new {self.new}, updated {self.updated}, duplicate "
                f"{self.duplicate}, skipped {skipped}, bad {self.bad} ({self.rate:.0f}/s)")

    def summary(self) -> list[str]:
        lines = [f"imported {self.read} records in {time.monotonic() - self.started:.1f} s: "
                 f"{self.new} new, {self.updated} updated, {self.duplicate} duplicate"
                 + (f", {self.revisits} revisits" if self.revisits else "")
                 + (f" ({self.older} of the updated are older texts, added to their history)"
                    if self.older else "")]
        if self.skipped:
            lines.append("skipped: " + ", ".join(f"{k} {v}" for k, v in sorted(self.skipped.items())))
        if self.errors:
            lines.append("errors: " + ", ".join(f"{k} {v}" for k, v in sorted(self.errors.items())))
        if self.bad:
            lines.append(f"bad input skipped: {self.bad} (each named on stderr)")
        return lines


class Progress:
    """Redraws one line on stderr when it is a terminal; silent otherwise."""

    def __init__(self, counts: ImportCounts, stream: TextIO | None = None, *, enabled: bool | None = None):
        self.counts = counts
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self._last = 0.0

    def tick(self, *, force: bool = False) -> None:
        now = time.monotonic()
        if not self.enabled or (not force and now - self._last < REDRAW_EVERY):
            return
        self._last = now
        self.stream.write("\r\x1b[K" + self.counts.line())
        self.stream.flush()

    def done(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
