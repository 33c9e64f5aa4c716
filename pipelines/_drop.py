"""A quiet DropItem: skipping a duplicate is routine, not a warning."""
from scrapy.exceptions import DropItem


def quiet_drop(message: str) -> DropItem:
    try:
        return DropItem(message, log_level="DEBUG")
    except TypeError:  # Scrapy without per-drop log levels
        return DropItem(message)
