"""The story index's band keys in the 16-band scheme: old keys are dropped, to be rebuilt.

Revision ID: 0014
Revises: 0010

Session 4 cut the LSH bands from 32 (128 MinHash permutations) to 16 (64): half the keys to
store, look up and merge per article (``pipelines/logic/dedup/patterns.py`` says what it costs
in recall). Keys of the old scheme never equal keys of the new one, so they would only take
space and make ``jiezhen db reindex`` skip their articles (it indexes articles without keys).
This migration empties ``story_keys`` and ``story_keys_recent``; ``duplicate_of`` links are
kept. Run ``jiezhen db reindex`` afterwards: it fingerprints every article again and re-links
in id order (links found before are found again; a story's canonical copy keeps heading it).
Until then a repost of an older story is stored as a story of its own.

The downgrade empties them too (keys of the new scheme mean nothing to the old code); run
``jiezhen db reindex`` with the old code then.
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("DELETE FROM story_keys_recent")
    op.execute("DELETE FROM story_keys")


def downgrade() -> None:
    op.execute("DELETE FROM story_keys_recent")
    op.execute("DELETE FROM story_keys")
