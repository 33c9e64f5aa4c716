"""CSS selectors a person can read, for elements the probe found (list block, body, date line).

A selector names the element by its own id or class where it has a usable one, else by the
nearest ancestor that has, plus the tag path below it: ``div#zoom``,
``div.list ul``, ``td.bt_content``. A selector is only proposed after checking that it
selects the element it was made for (``selects``).
"""
from __future__ import annotations

from lxml.html import HtmlElement

from crawler.parsing.dom import select
from crawler.probe.probe_patterns import GENERIC_CLASS_RE, SELECTOR_NAME_RE


def _own_name(el: HtmlElement) -> str | None:
    ident = (el.get("id") or "").strip()
    if ident and SELECTOR_NAME_RE.match(ident):
        return f"{el.tag}#{ident}"
    classes = [c for c in (el.get("class") or "").split()
               if SELECTOR_NAME_RE.match(c) and not GENERIC_CLASS_RE.match(c)]
    if classes:
        return f"{el.tag}." + ".".join(classes)
    return None


def css_for(el: HtmlElement, max_steps: int = 4) -> str | None:
    """A CSS selector ending at ``el`` (None when no named ancestor is near)."""
    path: list[str] = []
    node: HtmlElement | None = el
    for _ in range(max_steps):
        if node is None or not isinstance(node.tag, str) or node.tag in ("html", "body"):
            return None
        name = _own_name(node)
        if name:
            return " > ".join([name, *reversed(path)])
        path.append(node.tag)
        node = node.getparent()
    return None


def selects(root: HtmlElement, selector: str, el: HtmlElement) -> bool:
    """True when ``selector`` matches ``el`` and ``el`` is the first element it matches."""
    found = [x for x in select(root, selector) if isinstance(x, HtmlElement)]
    return bool(found) and found[0] is el


def common_ancestor(elements: list[HtmlElement]) -> HtmlElement | None:
    if not elements:
        return None
    chain = list(elements[0].iterancestors())
    for candidate in chain:
        if all(_within(candidate, e) for e in elements[1:]):
            return candidate
    return None


def _within(outer: HtmlElement, inner: HtmlElement) -> bool:
    return any(a is outer for a in inner.iterancestors())
