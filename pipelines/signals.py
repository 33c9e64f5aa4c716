"""Signals the pipeline stages send (Scrapy signal objects: any unique object)."""

#: Sent by the store stage after a batch is committed: ``items`` (the ArticleItems written).
#: A distributed worker marks their requests finished only then (crawler/distributed/inflight.py).
items_stored = object()
