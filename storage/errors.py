"""Errors the archive raises for a *user* to read.

The CLI prints ``str(error)`` and exits 1, so each message is one line that says what
is wrong and, where there is one, the command that fixes it. URLs in messages are
always redacted: error output ends up in cron mails and CI logs.
"""
from __future__ import annotations


class ArchiveError(Exception):
    """Base class: anything the archive cannot do for a reason the user can act on."""


class DatabaseUnreachable(ArchiveError):
    """The database could not be opened or connected to (bad path, server down, auth...)."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"cannot connect to database {url}: {reason}")


class DatabaseNotMigrated(ArchiveError):
    """The database exists but its schema is missing or not the one this code expects.

    Raised instead of creating tables implicitly for read-only commands (search,
    export...), so that a mistyped ``--db`` does not silently create an empty archive.
    """

    def __init__(self, url: str, detail: str | None = None,
                 hint: str = "run: jiezhen db upgrade --db URL") -> None:
        self.url = url
        self.detail = detail or "schema missing or older than this jiezhen"
        super().__init__(f"database {url} is not initialised ({self.detail}); {hint}")
