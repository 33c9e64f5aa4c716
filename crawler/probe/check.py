"""``jiezhen sites check SLUG``: what a profile extracts from its live site, field by field.

One list page and two of its articles are fetched and read with the profile's rules. The
report shows, for each field, which configured selector matched and what came out, so a
person can see at a glance which rule broke when a site changed its layout. A check fails
when the list yields no article, when a required field (title, published, body) comes out
empty, or when a selector the profile configures matches nothing on a page.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from crawler.parsing.article import extract_article
from crawler.parsing.dom import parse_html, select, selected_text, squash
from crawler.parsing.encoding import decode_html
from crawler.parsing.listing import analyse_listing
from crawler.probe.fetch import Fetched, FetchError, fetch
from crawler.profiles.model import FIELD_NAMES, Profile

REQUIRED = ("title", "published", "body")
ARTICLES = 2
SHOWN_CHARS = 60


@dataclass
class FieldLine:
    name: str
    value: str | None
    selector: str | None  # the configured selector that matched, if any
    problem: str | None = None


@dataclass
class ArticleCheck:
    url: str
    fields: list[FieldLine] = field(default_factory=list)
    error: str | None = None


@dataclass
class CheckReport:
    slug: str
    list_url: str
    links: list[str] = field(default_factory=list)
    next_pages: list[str] = field(default_factory=list)
    articles: list[ArticleCheck] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _matching_selector(doc, selectors) -> str | None:
    for selector in selectors or ():
        if any(selected_text(item).strip() for item in select(doc, selector)):
            return selector
    return None


def _check_article(profile: Profile, page: Fetched) -> ArticleCheck:
    result = extract_article(page.body, page.url, page.headers, selectors=profile.fields)
    article = result.article or result.draft
    doc = parse_html(decode_html(page.body, page.headers).text)
    report = ArticleCheck(page.url)
    if not result.is_article:
        report.error = f"not read as an article ({result.reason})"
    for name in FIELD_NAMES:
        value = getattr(article, name, None) if article is not None else None
        configured = profile.fields.get(name)
        matched = _matching_selector(doc, configured) if configured and doc is not None else None
        line = FieldLine(name, value or None, matched)
        if configured and matched is None:
            line.problem = f"no configured selector matched ({', '.join(configured)})"
        elif name in REQUIRED and not value:
            line.problem = "required field is empty"
        report.fields.append(line)
    return report


def check_profile(profile: Profile, *, fetcher: Callable[[str], Fetched] = fetch) -> CheckReport:
    list_url = profile.absolute_start_urls[0]
    report = CheckReport(profile.slug, list_url)
    try:
        page = fetcher(list_url)
    except FetchError as exc:
        report.problems.append(f"list page: {exc}")
        return report
    text = decode_html(page.body, page.headers).text
    listing = analyse_listing(
        text, page.url, allowed_hosts=profile.hosts, article_links_selector=profile.article_links,
        article_url_pattern=profile.article_url_pattern, pagination_mode=profile.pagination.mode,
        next_selector=profile.pagination.next_link, index_pattern=profile.pagination.index_pattern)
    report.links = [link.url for link in listing.article_links]
    report.next_pages = listing.next_pages
    if not report.links:
        report.problems.append("list page: no article links (check [list] article_links and "
                               "article_url_pattern)")
        return report
    for url in report.links[:ARTICLES]:
        try:
            checked = _check_article(profile, fetcher(url))
        except FetchError as exc:
            checked = ArticleCheck(url, error=str(exc))
        report.articles.append(checked)
        if checked.error:
            report.problems.append(f"{url}: {checked.error}")
        report.problems += [f"{url}: {line.name}: {line.problem}" for line in checked.fields if line.problem]
    return report


def render(report: CheckReport) -> str:
    out = [f"site {report.slug}", f"list page  {report.list_url}",
           f"  article links  {len(report.links)}" + (f"  e.g. {report.links[0]}" if report.links else ""),
           f"  next page      {report.next_pages[0] if report.next_pages else '(none)'}"]
    for article in report.articles:
        out.append(f"article    {article.url}")
        if article.error:
            out.append(f"  !! {article.error}")
        for line in article.fields:
            value = squash(line.value)[:SHOWN_CHARS] + ("…" if len(squash(line.value)) > SHOWN_CHARS else "") \
                if line.value else "(empty)"
            how = f"[{line.selector}]" if line.selector else "[generic]"
            mark = "!!" if line.problem else "ok" if line.value else "--"
            extra = f"  <- {line.problem}" if line.problem else ""
            out.append(f"  {mark} {line.name:<9} {value}  {how}{extra}")
    out.append("result     " + ("every required field found" if report.ok
                                else f"{len(report.problems)} problem(s)"))
    return "\n".join(out)
