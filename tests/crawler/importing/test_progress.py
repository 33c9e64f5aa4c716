"""The import's progress line (drawn only on a terminal) and its summary."""
from __future__ import annotations

import io

from crawler.importing.progress import ImportCounts, Progress


def test_progress_line_shows_counts_and_is_silent_off_a_terminal():
    counts = ImportCounts(read=12, new=7, updated=1, duplicate=2, bad=1)
    counts.skip("http_404", 2)
    quiet = io.StringIO()
    Progress(counts, quiet).tick(force=True)
    assert quiet.getvalue() == ""  # StringIO is not a terminal
    shown = io.StringIO()
    progress = Progress(counts, shown, enabled=True)
    progress.tick(force=True)
    line = shown.getvalue()
    assert line.startswith("\r\x1b[K")
    assert "read 12: new 7, updated 1, duplicate 2, skipped 2, bad 1" in line
    progress.done()
    assert shown.getvalue().endswith("\r\x1b[K")
    summary = "\n".join(counts.summary())
    assert "7 new, 1 updated, 2 duplicate" in summary and "http_404 2" in summary
    assert "bad input skipped: 1" in summary
