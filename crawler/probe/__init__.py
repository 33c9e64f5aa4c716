"""Site tools without Scrapy: propose a profile from a live list page (``sites probe``) and
report what a profile extracts from its site (``sites check``).

They fetch a handful of pages with a small synchronous client (``fetch.py``): Scrapy's
downloader and reactor are heavy machinery for five requests, and these tools must run
inside a test or a shell in a second.
"""
