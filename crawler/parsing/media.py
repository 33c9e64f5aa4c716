"""Images and attachments of an article, as absolute URLs."""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, urlsplit

from lxml.html import HtmlElement

from crawler.parsing.dom import is_noise, squash
from crawler.parsing.page import Page
from crawler.parsing.patterns.media import (
    ATTACHMENT_EXTENSIONS,
    DECORATION_RE,
    LAZY_SRC_ATTRIBUTES,
    MIN_IMAGE_SIDE,
    PLACEHOLDER_RE,
)


def image_source(page: Page, image: HtmlElement) -> str | None:
    """Absolute URL of an article image, or None for icons, placeholders and decoration."""
    src = (image.get("src") or "").strip()
    if not src or PLACEHOLDER_RE.search(src):
        src = next((image.get(name).strip() for name in LAZY_SRC_ATTRIBUTES if (image.get(name) or "").strip()), "")
    if not src or src.startswith("data:"):
        return None
    for side in ("width", "height"):
        value = re.match(r"\s*(\d+)", image.get(side) or "")
        if value and int(value.group(1)) < MIN_IMAGE_SIDE:
            return None
    if DECORATION_RE.search(src):
        return None
    return page.absolute(src)


def is_attachment_url(url: str) -> bool:
    """A document link: by its path, or by a download script's file parameter
    (Hanweb: ``downfile.jsp?filename=xxx.docx``)."""
    parts = urlsplit(url)
    if unquote(parts.path).lower().endswith(ATTACHMENT_EXTENSIONS):
        return True
    return any(value.lower().endswith(ATTACHMENT_EXTENSIONS)
               for _, value in parse_qsl(parts.query, keep_blank_values=False))


def find_attachments(page: Page, container: HtmlElement | None, following: int = 3) -> list[dict]:
    """Attachment links inside the body container or in the few blocks right after it (or
    after its parent: TRS puts ``附件`` beside the editor box, outside ``TRS_Editor``)."""
    if container is None:
        return []
    scopes = [container]
    node: HtmlElement | None = container
    for _ in range(3):  # the container, its parent and grandparent: the blocks right after each
        if node is None:
            break
        sibling, taken = node.getnext(), 0
        while sibling is not None and taken < following:
            if isinstance(sibling.tag, str) and not is_noise(sibling):
                scopes.append(sibling)
                taken += 1
            sibling = sibling.getnext()
        node = node.getparent()
        if node is not None and node.tag in ("body", "html"):
            break
    seen: set[str] = set()
    out: list[dict] = []
    for scope in scopes:
        for anchor in scope.iter("a"):
            url = page.absolute(anchor.get("href"))
            if not url or not is_attachment_url(url) or url in seen:
                continue
            seen.add(url)
            name = squash(anchor.text_content()) or squash(anchor.get("title")) or \
                unquote(urlsplit(url).path.rsplit("/", 1)[-1])
            out.append({"url": url, "name": name})
    return out


def public_images(images: list[dict]) -> list[dict]:
    """Image records as the Article carries them (deduplicated, no internal keys)."""
    seen: set[str] = set()
    out = []
    for image in images:
        if image["src"] in seen:
            continue
        seen.add(image["src"])
        out.append({"src": image["src"], "caption": image.get("caption")})
    return out
