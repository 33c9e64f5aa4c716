"""Where WARC files go and what they are called.

``{site}-{YYYYmmddTHHMMSS}-{seq}.warc.gz``; a file being written carries ``.open`` after
that, and loses it when closed, so a closed name is always a complete file (what other
archive tools, and ``jiezhen verify``, may trust).
"""
from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path

SUFFIX = ".warc.gz"
OPEN_SUFFIX = ".open"
#: Default size at which a file is closed and the next one started (Heritrix uses 1 GB too).
DEFAULT_MAX_BYTES = 1_000_000_000
#: Folder used when the archive is not a SQLite file and no --warc-dir / $JIEZHEN_WARC_DIR.
FALLBACK_DIR = "warc"
ENV_DIR = "JIEZHEN_WARC_DIR"

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_site(site: str) -> str:
    """A site slug or host list as a file-name part (``a.gov.cn,b.gov.cn:8080`` -> ``a.gov.cn_b.gov.cn_8080``)."""
    return _UNSAFE.sub("_", site).strip("._") or "site"


def file_name(site: str, started: datetime, seq: int) -> str:
    return f"{safe_site(site)}-{started.strftime('%Y%m%dT%H%M%S')}-{seq:05d}{SUFFIX}"


def is_open_name(name: str) -> bool:
    return name.endswith(SUFFIX + OPEN_SUFFIX)


def closed_name(name: str) -> str:
    return name[:-len(OPEN_SUFFIX)] if is_open_name(name) else name


def default_warc_dir(db_url: str | None) -> Path:
    """``$JIEZHEN_WARC_DIR``, else beside a SQLite archive (``archive.db`` -> ``archive.warc/``),
    else ``./warc``: the WARC files then travel with the database file they belong to."""
    from_env = os.environ.get(ENV_DIR)
    if from_env:
        return Path(from_env)
    if db_url and db_url.startswith("sqlite:///"):
        database = db_url[len("sqlite:///"):].split("?", 1)[0]
        if database and database != ":memory:" and not database.startswith("file:"):
            path = Path(database)
            return path.with_name(path.stem + ".warc")
    return Path(FALLBACK_DIR)


def unwritable_reason(directory: Path) -> str | None:
    """Why WARC files cannot be created in ``directory`` (None: they can)."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        probe = directory / f".jiezhen-probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        return f"cannot write WARC files to {directory}: {exc.strerror or exc}"
    return None
