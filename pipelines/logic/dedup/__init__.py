"""Near-duplicate stories (reposts): normalise, shingle, sign (MinHash), verify.

The pipeline stage ``pipelines/dedup.py`` attaches a ``Fingerprint`` to each article; the
archive (``storage/stories.py``) looks its LSH band keys up in a persistent table and asks
the fingerprint to verify each candidate before linking a repost to its story.
"""
from pipelines.logic.dedup.fingerprint import Fingerprint, fingerprint
from pipelines.logic.dedup.verify import same_story

__all__ = ["Fingerprint", "fingerprint", "same_story"]
