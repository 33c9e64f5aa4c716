"""Small builders for test articles and captures, with readable defaults."""
from __future__ import annotations

from datetime import datetime, timezone

from storage.records import Article, Capture

T0 = datetime(2026, 11, 27, 8, 0, 0, tzinfo=timezone.utc)


def article(n: int | str, body: str | None = None, **fields) -> Article:
    fields.setdefault("title", f"标题{n}")
    fields.setdefault("site", "changning")
    return Article(url=f"https://www.shcn.gov.cn/art/{n}.html",
                   body=body if body is not None else f"正文{n}。", **fields)


def capture(url: str, raw: bytes, fetched_at: datetime = T0) -> Capture:
    return Capture(url=url, fetched_at=fetched_at, status=200,
                   headers={"Content-Type": "text/html; charset=utf-8"}, body=raw, encoding="utf-8")
