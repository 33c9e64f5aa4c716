"""The page regions around the body: the info area under the headline, and the trailer."""
from __future__ import annotations

from lxml.html import HtmlElement

from crawler.parsing.dom import Line, nospace
from crawler.parsing.page import Page


def header_lines(page: Page, title_element: HtmlElement | None, body_span: tuple[int, int] | None,
                 limit: int = 30, title: str | None = None) -> list[Line]:
    """Page lines between the headline and the body (where info lines live).

    When the headline's element holds more lines than the headline (``<td><span>标题</span><br>
    <font>来源于：东区办事处</font></td>``), those lines belong to the info area too."""
    if body_span is None:
        return []
    start = body_span[0]
    title_index = None
    if title_element is not None:
        span = page.line_span(title_element)
        if span is not None and span[1] < start:
            title_index = span[1]
            flat_title = nospace(title)
            if flat_title:
                inside = [i for i in range(span[0], span[1] + 1)
                          if page.lines[i].text and nospace(page.lines[i].text) in flat_title]
                if inside:
                    title_index = inside[-1]
    if title_index is not None and start - title_index <= limit:
        return page.lines[title_index + 1:start]
    return page.lines[max(0, start - 12):start]


def trailer_lines(page: Page, body_span: tuple[int, int] | None, limit: int = 15) -> list[Line]:
    """Page lines of the body container (widgets included) and the few after it: where
    editor lines sit, often inside a share/tag bar that the body itself skips."""
    if body_span is None:
        return []
    return page.lines[body_span[0]:body_span[1] + 1 + limit]


def after_body_lines(page: Page, body_span: tuple[int, int] | None, limit: int = 8) -> list[Line]:
    """The few page lines right after the body container (where some CMSs print the info line)."""
    if body_span is None:
        return []
    return page.lines[body_span[1] + 1:body_span[1] + 1 + limit]
