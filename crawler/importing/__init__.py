"""``jiezhen import``: bring existing collections into the archive without a re-crawl.

Inputs (each a module yielding what it read, one item at a time, so memory stays bounded):
``warc_input`` (WARC / WARC.gz files of any conforming writer), ``saved_pages`` (folders of
``.html`` files), ``jsonl_input`` (our own ``export`` records). ``detect`` picks the format,
``run`` drives an import and records it as a run, ``progress`` shows it on a terminal.
"""

#: Site of an import's run record (``import:SLUG`` with ``--site``): not a crawl of any site.
IMPORT_SITE = "import"


def is_import_run(site: str) -> bool:
    """True for the run records of imports (``health`` and incremental crawls skip them)."""
    return site == IMPORT_SITE or site.startswith(IMPORT_SITE + ":")
