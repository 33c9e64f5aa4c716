"""Extraction quality and speed on the labelled devset pages.

Usage (from the repository root)::

    python benchmarks/extraction.py [--pages ../shared/devset/pages] [--repeat 5] [--verbose]

Prints, per field, the share of the labelled article pages jiezhen gets right (title, publish
date, source, author, editor, body start/end, must_include hits, must_exclude leaks), how
many list pages are rejected as non-articles, and pages per second (extraction only: bytes
in, Article out; file reading excluded).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.parsing.evaluation import evaluate  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=Path, default=ROOT.parent / "shared" / "devset" / "pages")
    parser.add_argument("--repeat", type=int, default=5, help="runs used for the speed figure")
    parser.add_argument("--verbose", action="store_true", help="list the failures of each page")
    args = parser.parse_args(argv)
    if not (args.pages / "labels.jsonl").exists():
        print(f"no labels.jsonl under {args.pages}", file=sys.stderr)
        return 1

    scores = evaluate(args.pages)
    timings = [evaluate(args.pages).pages_per_second for _ in range(max(0, args.repeat - 1))]
    speed = max([scores.pages_per_second, *timings])

    articles = sum(1 for page in scores.pages if page.kind == "article")
    rejected, lists = scores.lists_rejected
    print(f"jiezhen extraction on {articles} article pages and {lists} list pages ({args.pages})")
    print(f"{'field':<22}{'score':>8}")
    for name, value in scores.summary().items():
        if name == "pages_per_second":
            continue
        print(f"{name:<22}{value:>8.1%}")
    print(f"{'lists rejected':<22}{rejected:>5}/{lists}")
    print(f"{'pages/second':<22}{speed:>8.1f}")

    if args.verbose:
        for page in scores.pages:
            if page.kind != "article":
                print(f"{page.id}: is_article={page.is_article} reason={page.reason}")
                continue
            wrong = [name for name in ("is_article", "title", "date", "source", "author", "editor",
                                       "first20", "last20") if not getattr(page, name)]
            if wrong or page.missing or page.leaked:
                print(f"{page.id}: wrong={wrong} missing={page.missing} leaked={page.leaked}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
