"""The archive: models, migrations, the read/write API, search and export.

This package imports nothing from ``crawler`` or ``pipelines``: anything that can
talk SQL to the archive (the crawler, the CLI, a notebook) goes through it.
"""
