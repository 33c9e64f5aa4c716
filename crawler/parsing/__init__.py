"""Page parsing: bytes of a fetched page in, an Article record (or a reason it is none) out.

No Scrapy here: every function takes a URL, the body bytes and the HTTP headers, so the
same code serves the spider, ``jiezhen extract`` and re-extraction from WARC captures.

* :func:`decode_html` - charset detection checked against the bytes (``encoding``);
* :func:`extract_article` - the Article record of a page (``article``);
* :func:`extract_text` - the Article record of plain text (``plaintext``);
* the field extractors beside them (``title``, ``container``, ``body``, ``infoline``,
  ``dates``, ``media``, ``classify``) and their pattern tables in ``patterns/``.
"""
from crawler.parsing.article import Extraction, extract_article
from crawler.parsing.encoding import DecodedPage, decode_html
from crawler.parsing.plaintext import extract_text

__all__ = ["DecodedPage", "Extraction", "decode_html", "extract_article", "extract_text"]
