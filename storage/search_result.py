"""What a search returns."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class SearchResult:
    total: int  # every match, not just this page
    hits: list[dict[str, Any]] = field(default_factory=list)
    #: facet name -> [(value, count)], largest first (only the facets asked for)
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
