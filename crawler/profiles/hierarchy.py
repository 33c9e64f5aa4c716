"""A profile and the profiles above it, as rows for the archive's ``sites`` table.

A crawl of 新泾镇 records 新泾镇 *and* 长宁区 (its parent, and so on up), so that
``search --district 长宁区`` finds the town's articles even before the district itself
has been crawled.
"""
from __future__ import annotations

from crawler.profiles.model import Profile


def site_row(profile: Profile) -> dict:
    return {"slug": profile.slug, "name": profile.name, "level": profile.level,
            "parent": profile.parent, "region": profile.region}


def lineage(profile: Profile, profiles: dict[str, Profile]) -> list[Profile]:
    """``profile``, its parent, its parent's parent ... (stops at a cycle or an unknown slug)."""
    chain, seen = [profile], {profile.slug}
    while chain[-1].parent and chain[-1].parent in profiles and chain[-1].parent not in seen:
        chain.append(profiles[chain[-1].parent])
        seen.add(chain[-1].slug)
    return chain
