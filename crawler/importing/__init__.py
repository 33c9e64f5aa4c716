"""``jiezhen import``: bring existing collections into the archive without a re-crawl.

Inputs (each a module yielding what it read, one item at a time, so memory stays bounded):
``warc_input`` (WARC / WARC.gz files of any conforming writer), ``saved_pages`` (folders of
``.html`` files), ``jsonl_input`` (our own ``export`` records). ``detect`` picks the format,
``run`` drives an import and records it as a run, ``progress`` shows it on a terminal.
"""
