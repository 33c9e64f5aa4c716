"""PostgreSQL: keep article text in the row (``articles`` ``toast_tuple_target = 8160``).

Revision ID: 0014
Revises: 0013

Why: a search term of three or more characters is confirmed with ``strpos`` on the text of
every candidate the grams leave (``storage/search.py``), and that read dominates PostgreSQL
search. By default PostgreSQL moves a value out of the row once the row passes ~2 KB, and a
typical article body (1,800 bytes of UTF-8) with its other columns does: each candidate then
costs a lookup in the TOAST index and a read of its chunk besides the row. With the target at
its maximum (a page), rows up to 8 KB keep their text in the row (longer ones are still
compressed, then moved out). Measured at 100,000 articles on this project's benchmark
archive: confirming a common three-character term on 30,000 candidates took 130 ms instead
of 167 ms (same query, same machine, alternating runs). The price: the table's main file is
about twice as large (the same bytes, moved from the TOAST table); a walk of the date index
that reads narrow columns touches larger rows.

The setting applies to rows written from now on; ``VACUUM FULL articles`` (an exclusive lock
while it runs) rewrites an existing archive's rows under it. SQLite is untouched (it has no
TOAST: rows overflow to linked pages only past its page size).
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The largest toast_tuple_target PostgreSQL accepts (a page less its header, 8 KB pages).
ROW_TARGET = 8160


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"ALTER TABLE articles SET (toast_tuple_target = {ROW_TARGET})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE articles RESET (toast_tuple_target)")
