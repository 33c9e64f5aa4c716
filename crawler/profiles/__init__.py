"""Site profiles: what a site is and how to crawl it, as data (one TOML file per site)."""
from crawler.profiles.model import FIELD_NAMES, LEVELS, PAGINATION_MODES, Pagination, Profile
from crawler.profiles.loader import (
    ProfileError, bundled_sites_dir, load_profile, load_profiles, validate_dirs,
)

__all__ = [
    "FIELD_NAMES", "LEVELS", "PAGINATION_MODES", "Pagination", "Profile", "ProfileError",
    "bundled_sites_dir", "load_profile", "load_profiles", "validate_dirs",
]
