"""Logging set-up: JSON lines to a file (``--log-file``), readable text on stderr.

The JSON formatter is written here (20 lines) rather than taken from python-json-logger: we
emit a fixed, small set of keys (``time``, ``level``, ``event``, ``site``, ``url``, ``status``,
counts) that ops parse, and CJK text must stay readable (``ensure_ascii=False``); a general
formatter would add the LogRecord's attribute soup and another dependency for no gain.
"""
from __future__ import annotations

import json
import logging
from datetime import datetime, timezone
from pathlib import Path

from crawler.events import LOGGER_NAME


class JsonLineFormatter(logging.Formatter):
    """One JSON object per record: time, level, logger, event, message, then the event's fields."""

    def format(self, record: logging.LogRecord) -> str:
        data = {
            "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds")
                    .replace("+00:00", "Z"),
            "level": record.levelname.lower(),
            "event": getattr(record, "event", None) or "log",
        }
        fields = getattr(record, "fields", None)
        if fields:
            data.update(fields)
        else:
            data["logger"] = record.name
            data["message"] = record.getMessage()
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


def add_json_log(path: str | Path, *, warnings: bool = True) -> logging.Handler:
    """Append JSON lines to ``path``: every event, plus every warning/error of any logger.

    Several processes (nightly's per-site crawls) may append to one file: each line is written
    with one ``write`` on a file opened for appending, so lines do not interleave.
    """
    handler = logging.FileHandler(path, mode="a", encoding="utf-8")
    handler.setFormatter(JsonLineFormatter())
    handler.setLevel(logging.INFO)
    events = logging.getLogger(LOGGER_NAME)
    events.setLevel(logging.INFO)
    events.addHandler(handler)
    if warnings:
        root_handler = logging.FileHandler(path, mode="a", encoding="utf-8")
        root_handler.setFormatter(JsonLineFormatter())
        root_handler.setLevel(logging.WARNING)
        root_handler.addFilter(lambda record: not record.name.startswith(LOGGER_NAME))
        logging.getLogger().addHandler(root_handler)
    return handler
