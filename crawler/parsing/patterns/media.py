"""Which links are attachments and which images are article pictures."""
from __future__ import annotations

import re

#: File types linked as attachments of government notices.
ATTACHMENT_EXTENSIONS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".et", ".zip", ".rar", ".7z",
                         ".ppt", ".pptx", ".ofd", ".txt", ".csv")
#: Lazy-loading attributes that hold the real image when ``src`` is a placeholder.
LAZY_SRC_ATTRIBUTES = ("data-src", "data-original", "data-lazy-src", "data-url", "original", "_src")
#: Image URLs that are decoration, not article pictures.
DECORATION_RE = re.compile(r"(?:icon|logo|qrcode|erweima|blank\.gif|spacer\.|loading\.|/img/next_page|"
                           r"/img/prev_page|/images?/(?:share|btn|button|arrow)[^/]*$)", re.IGNORECASE)
PLACEHOLDER_RE = re.compile(r"^(?:data:|about:)|(?:blank|grey|gray|placeholder|loading|lazy)\.(?:gif|png|jpg)$",
                            re.IGNORECASE)
#: Images whose declared width or height is smaller than this are icons.
MIN_IMAGE_SIDE = 40
