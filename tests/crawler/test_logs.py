"""JSON-lines log file (crawler/logs.py): one object per line, events with their fields."""
from __future__ import annotations

import json
import logging

from crawler.events import emit
from crawler.logs import add_json_log


def test_events_and_warnings_are_json_lines(tmp_path):
    path = tmp_path / "jiezhen.jsonl"
    handler = add_json_log(path)
    root_handlers = list(logging.getLogger().handlers)
    try:
        emit("request", site="新泾镇", url="http://x/a.html", status=412, outcome="blocked")
        logging.getLogger("crawler.test").warning("slow site %s", "x")
        logging.getLogger("crawler.test").info("not written: below WARNING")
    finally:
        logging.getLogger("jiezhen.events").removeHandler(handler)
        for h in root_handlers:
            if isinstance(h, logging.FileHandler) and h.baseFilename == str(path):
                logging.getLogger().removeHandler(h)
                h.close()
        handler.close()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    event, warning = (json.loads(line) for line in lines)
    assert {k: event[k] for k in ("event", "site", "url", "status", "outcome")} == \
        {"event": "request", "site": "新泾镇", "url": "http://x/a.html", "status": 412, "outcome": "blocked"}
    assert "新泾镇" in lines[0]  # readable, not \\u escapes
    assert warning["event"] == "log" and warning["level"] == "warning" and warning["message"] == "slow site x"
