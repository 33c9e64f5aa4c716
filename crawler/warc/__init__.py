"""WARC capture (ISO 28500): every HTTP exchange of a crawl written to gzip WARC files.

Scrapy-free pieces: ``naming`` (file names, folder), ``members`` (gzip member scanning and
recovery of torn files), ``http_block`` (the HTTP request/response as a WARC block),
``writer`` (rolling files, revisit records, the flush barrier), ``reader`` and ``fixity``
(reading records back, ``jiezhen verify``), ``cdxj`` (the replay index). ``extension`` wires
the writer into Scrapy.
"""
