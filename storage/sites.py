"""The site hierarchy in the archive: record sites, and find a district with its towns.

Kept here (not in the crawler) because search and export select by it; the crawler hands
plain dicts in (storage imports nothing from crawler/). The descendants of a site are
found with a recursive CTE, which SQLite and PostgreSQL both run.
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, Select, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from storage.models import SiteRow

S = SiteRow.__table__
SITE_KEYS = ("slug", "name", "level", "parent", "region")


def upsert_sites(conn: Connection, sites: Iterable[dict]) -> int:
    """Insert or update site rows (by slug); returns how many were given."""
    rows = [{key: site.get(key) for key in SITE_KEYS} for site in sites]
    if not rows:
        return 0
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    for row in sorted(rows, key=lambda r: r["slug"]):  # one lock order for concurrent crawls
        stmt = dialect.insert(S).values(**row)
        conn.execute(stmt.on_conflict_do_update(
            index_elements=[S.c.slug], set_={k: stmt.excluded[k] for k in SITE_KEYS if k != "slug"}))
    return len(rows)


def sites_under(name: str) -> Select:
    """SELECT of the slugs of the site(s) named ``name`` (slug or region) and all below them."""
    roots = select(S.c.slug).where(or_(S.c.slug == name, S.c.region == name)).cte(
        "district_tree", recursive=True)
    tree = roots.union(select(S.c.slug).where(S.c.parent == roots.c.slug))
    return select(tree.c.slug)


def known_district(conn: Connection, name: str) -> bool:
    return conn.execute(select(S.c.slug).where(or_(S.c.slug == name, S.c.region == name))
                        .limit(1)).first() is not None


def all_sites(conn: Connection) -> list[dict]:
    return [dict(row) for row in conn.execute(select(S).order_by(S.c.slug)).mappings()]
