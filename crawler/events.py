"""Machine-readable events: one JSON object per line in a log file, for ops and log shippers.

Events go to the ``jiezhen.events`` logger at INFO with their fields in ``extra``; a
``--log-file`` handler (``crawler/logs.py``) writes them as JSON lines, while the readable
stderr log (Scrapy's handler, WARNING by default) ignores them. Each request ends in exactly one
``request`` event whose ``outcome`` names what happened (``list``, ``article``, ``not_modified``,
``not_article``, ``blocked``, ``http_404``, ``timeout`` ...).
"""
from __future__ import annotations

import logging
from typing import Any

LOGGER_NAME = "jiezhen.events"
_logger = logging.getLogger(LOGGER_NAME)
_logger.setLevel(logging.WARNING)  # events cost nothing until a --log-file asks for them


def emit(event: str, **fields: Any) -> None:
    if _logger.isEnabledFor(logging.INFO):
        _logger.info(event, extra={"event": event, "fields": fields})
