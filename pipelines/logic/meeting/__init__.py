"""Meeting metadata: when, what, who presided, and who attended in which role.

Pure Python, no Scrapy and no database. The entry point is :func:`extract_meeting`;
:mod:`pipelines.logic.meeting.dates` is usable on its own.
"""
from pipelines.logic.meeting.extract import MEETING_KEYS, extract_meeting

__all__ = ["MEETING_KEYS", "extract_meeting"]
