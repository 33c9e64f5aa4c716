"""What anti-crawler answers of Chinese government sites look like (data only; logic: blocking.py).

Seen in the wild: WAFs that answer HTTP 412 (瑞数 / Rivers Security, ``$_ts`` script) or 521
(加速乐 / Knownsec, ``__jsl_clearance`` cookie) with a tiny page whose script sets a cookie and
reloads; and plain 200 pages that only say the visitor is throttled or blocked. None of them is
an article, and archiving one would overwrite nothing useful with noise.
"""
from __future__ import annotations

#: Status codes that, on these sites, mean a bot challenge rather than an error of the page.
BLOCK_STATUSES: frozenset[int] = frozenset({412, 521})

#: Phrases of a 200 page that is a block notice, not content (matched in the decoded text).
BLOCK_PHRASES: tuple[str, ...] = (
    "访问过于频繁",
    "您的访问被拦截",
    "访问被拦截",
    "您的请求过于频繁",
    "请求过于频繁",
    "您的访问已被阻断",
    "访问受限",
    "疑似攻击",
    "您的IP已被限制",
)

#: Byte signatures of a cookie-setting challenge script (any of them, with a reload).
COOKIE_SCRIPT_SIGNATURES: tuple[bytes, ...] = (
    b"__jsl_clearance",
    b"$_ts",
    b"document.cookie",
)
RELOAD_SIGNATURES: tuple[bytes, ...] = (
    b"location.reload",
    b"location.href",
    b"location.replace",
    b"window.location",
    b"setTimeout(",
)

#: A block notice is a small page; an article that quotes one of the phrases is much larger.
MAX_NOTICE_BYTES = 16 * 1024
