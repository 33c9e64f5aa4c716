"""Repost detection: precision and recall on built pairs, and the cost of the story index.

Usage (from the repository root)::

    python benchmarks/dedup.py [--devset ../shared/devset] [--articles 100000] [--skip-scale]
                               [--skip-quality] [--repeat N]

1. Quality. Texts: the 36 meeting reports of ``meetings/texts`` and the article bodies of the
   saved ``pages`` (extracted by jiezhen). From each text, true reposts (``REPOSTS``: reworded
   opening sentence, appended closing line, other header/footer lines, an 80% excerpt,
   traditional <-> simplified script, full-width digits, and all of the first three at once)
   and hard negatives (``NEGATIVES``: the same meeting on another date, the same with one
   paragraph about other business, the same template report for another town). Every pair of
   two different texts is an easy negative. A pair is *linked* when the two share at least
   ``storage.stories.MIN_SHARED_KEYS`` LSH band keys and the verification
   (``pipelines/logic/dedup/verify.py``) accepts it: what the archive does. Prints precision,
   recall and misses by kind, and a table over the verification thresholds (the figures
   behind the choice in ``patterns.py``).
2. Scale. ``--articles`` synthetic articles (sentences of the texts drawn at random) are stored
   in a fresh SQLite archive in batches of 500, once without fingerprints (the baseline: the
   archive as it was) and once through the dedup stage (fingerprint + story index lookup +
   insert), each in its own process. Prints articles/s of both, the rate of the dedup work
   alone (articles over the extra time), the same over the extra CPU time (user + system of
   the storing process: on a shared machine the wall-clock difference of two runs swings with
   the neighbours' load, CPU time much less), fingerprinting alone, the story index's size,
   each process's peak memory (max RSS) and the load. ``--repeat N`` alternates N runs of each
   side and reports the fastest.

Targets (issue 5): precision >= 0.99, recall >= 0.95, >= 1,000 articles/s, < 1 GB at 100,000.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import re
import resource
import sys
import tempfile
import time
from collections import Counter
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.prose import DEVSET  # noqa: E402
from pipelines.logic.dedup import fingerprint  # noqa: E402
from pipelines.logic.dedup import patterns as P  # noqa: E402
from pipelines.logic.dedup.normalise import story  # noqa: E402
from pipelines.logic.dedup.shingles import shingle_hashes  # noqa: E402
from pipelines.logic.dedup.verify import numbers_conflict, overlap, places_conflict, renamed  # noqa: E402
from storage.stories import MIN_SHARED_KEYS  # noqa: E402

# -- texts ------------------------------------------------------------------------------------


def meeting_texts(devset: Path) -> list[tuple[str, str, str]]:
    """(name, title, body) of each meeting report; the 发布时间 line is not body."""
    out = []
    for path in sorted((devset / "meetings" / "texts").glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        body = [line for line in lines[1:] if not line.startswith("发布时间")]
        out.append((path.stem, lines[0], "\n".join(body).strip()))
    return out


def page_texts(devset: Path) -> list[tuple[str, str, str]]:
    from crawler.parsing.article import extract_article
    from pipelines.logic.text_cleaning import clean_article

    out = []
    for line in (devset / "pages" / "labels.jsonl").read_text(encoding="utf-8").splitlines():
        label = json.loads(line)
        if label.get("kind") == "list":
            continue
        path = next((devset / "pages" / "html").glob(label["id"] + ".*"), None)
        if path is None:
            continue
        result = extract_article(path.read_bytes(), None)
        if result.article is not None and len(result.article.body) > 200:
            article = clean_article(result.article)
            out.append((path.stem, article.title, article.body))
    return out


# -- true reposts -------------------------------------------------------------------------------

#: Rewordings a district portal makes when it re-posts a town's opening sentence.
SYNONYMS = [("召开", "举行"), ("组织", "组织开展"), ("开展", "进行"), ("出席", "参加"), ("主持", "主持召开"),
            ("部署", "安排"), ("推进", "推动"), ("听取", "听了"), ("会上", "会议上"), ("近日", "日前"),
            ("研究", "研究讨论"), ("传达", "传达了"), ("要求", "强调")]
CLOSINGS = ["下一步，将继续抓好各项工作的落实，推动各项任务落地见效。",
            "（区融媒体中心供稿）", "据悉，相关工作将在年内全部完成。"]
HEADERS = ["来源：区融媒体中心", "发布时间：2024-06-01 10:20  来源：区政府网站", "作者：区委办"]
FOOTERS = ["责任编辑：李明", "【打印本页】【关闭窗口】", "编辑：王芳  审核：赵强"]


def _first_sentence(body: str) -> tuple[str, str]:
    match = re.search(r"[。！？]", body)
    cut = match.end() if match else len(body)
    return body[:cut], body[cut:]


def reword_opening(body: str, rng: random.Random) -> str:
    first, rest = _first_sentence(body)
    clauses = first.rstrip("。").split("，")
    if len(clauses) >= 3:  # move the subject ahead of the time phrase: 3月5日，区委召开 -> 区委于3月5日召开
        clauses[0], clauses[1] = clauses[1], clauses[0]
    reworded = "，".join(clauses) + "。"
    for old, new in SYNONYMS:
        if old in reworded and rng.random() < 0.7:
            reworded = reworded.replace(old, new, 1)
    return reworded + rest


def append_closing(body: str, rng: random.Random) -> str:
    return body + "\n" + rng.choice(CLOSINGS)


def header_footer(body: str, rng: random.Random) -> str:
    return rng.choice(HEADERS) + "\n" + body + "\n" + rng.choice(FOOTERS)


def excerpt(body: str, rng: random.Random) -> str:
    """The first 80% of the text, cut at the sentence end nearest to that."""
    target = int(len(body) * 0.8)
    ends = [m.end() for m in re.finditer(r"[。！？]", body)]
    cut = min(ends, key=lambda e: abs(e - target)) if ends else target
    return body[:cut]


def _opencc(config: str):
    import opencc
    return opencc.OpenCC(config)


def other_script(body: str, rng: random.Random) -> str:
    simplified = _opencc("t2s").convert(body)
    return simplified if simplified != body else _opencc("s2t").convert(body)


def full_width_digits(body: str, rng: random.Random) -> str:
    return body.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"})


def all_three(body: str, rng: random.Random) -> str:
    return header_footer(append_closing(reword_opening(body, rng), rng), rng)


REPOSTS = {"reworded_opening": reword_opening, "appended_closing": append_closing,
           "header_footer": header_footer, "excerpt_80": excerpt, "other_script": other_script,
           "full_width_digits": full_width_digits, "reworded+appended+header": all_three}

# -- hard negatives -------------------------------------------------------------------------------

DATE = re.compile(r"(\d{1,2})月(\d{1,2})日")
CN_DATE = re.compile(r"([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
#: The made-up places of the meeting texts (their README), simplified and traditional.
PLACE = re.compile(r"(临江|望海|北塘|青石|白沙|南湖|东港|東港)(区|區|镇|鎮|街道)")
OTHER_PLACES = ["西岭", "云溪", "柳塘", "石桥", "金沙"]
OTHER_NAMES = ["张国强", "刘志远", "陈立新", "杨明华", "赵振宇", "孙海燕", "吴建军", "黄晓东"]


def another_date(body: str, rng: random.Random) -> str | None:
    shift = rng.randint(3, 20)
    moved = DATE.sub(lambda m: f"{m.group(1)}月{(int(m.group(2)) + shift - 1) % 28 + 1}日", body)
    moved = CN_DATE.sub(lambda m: f"{m.group(1)}月{'二十' if m.group(2) != '二十' else '十二'}日", moved)
    return moved if moved != body else None


def another_date_other_business(body: str, rng: random.Random, donor: str) -> str | None:
    moved = another_date(body, rng)
    if moved is None:
        return None
    paragraphs = [p for p in moved.split("\n") if p.strip()]
    extra = [p for p in donor.split("\n") if len(p) > 40]
    if len(paragraphs) < 2 or not extra:
        return None
    paragraphs[-1] = rng.choice(extra)  # the last item of business is another one
    return "\n".join(paragraphs)


def another_town(body: str, rng: random.Random, people: list[str]) -> str | None:
    """The same template report issued by another town: its place names and its officials'
    names (the people labelled in ``meetings/labels.jsonl``) put in by another town."""
    names = sorted({m.group(1) for m in PLACE.finditer(body)})
    if not names:
        return None
    swap = {name: OTHER_PLACES[n % len(OTHER_PLACES)] for n, name in enumerate(names)}
    body = PLACE.sub(lambda m: swap[m.group(1)] + m.group(2), body)
    for n, person in enumerate(p for p in people if p != "习近平"):
        body = body.replace(person, OTHER_NAMES[n % len(OTHER_NAMES)])
    return body


def meeting_people(devset: Path) -> dict[str, list[str]]:
    """File stem -> names of the people labelled in that meeting report."""
    out = {}
    lines = (devset / "meetings" / "labels.jsonl").read_text(encoding="utf-8").splitlines()
    for line in lines:
        label = json.loads(line)
        meeting = label.get("meeting") or {}
        out[label["id"]] = [p["name"] for p in (meeting.get("people") or []) if p.get("name")]
    return out


NEGATIVES = ("another_date", "another_date_other_business", "another_town")

# -- scoring ------------------------------------------------------------------------------------


class Judged:
    """One pair's measurements: candidate?, overlap, conflicts (thresholds applied later)."""

    def __init__(self, a: tuple[str, str], b: tuple[str, str]) -> None:
        fa, fb = fingerprint(*a), fingerprint(*b)
        va, vb = story(*a), story(*b)
        ta, tb = va.text, vb.text
        self.short = fa is None or fb is None
        # a candidate as the archive sees one: sharing at least MIN_SHARED_KEYS band keys
        self.candidate = not self.short and len(set(fa.keys) & set(fb.keys)) >= MIN_SHARED_KEYS
        sa, sb = shingle_hashes(ta), shingle_hashes(tb)
        self.jaccard, self.contained = overlap(sa, sb)
        self.ratio = min(len(sa), len(sb)) / max(len(sa), len(sb), 1)
        self.identical = ta == tb
        self.conflict = not self.identical and (numbers_conflict(ta, tb)
                                                or places_conflict(va.places, vb.places)
                                                or renamed(va.marked, vb.marked))

    def linked(self, jaccard: float = P.JACCARD, containment: float = P.CONTAINMENT,
               vetoes: bool = True) -> bool:
        if not self.candidate:
            return False
        if self.identical:
            return True
        close = self.jaccard >= jaccard or (self.contained >= containment
                                            and self.ratio >= P.MIN_CONTAINED_RATIO)
        return close and not (vetoes and self.conflict)


def build_pairs(texts, rng, people):
    positives, negatives = [], []
    for n, (name, title, body) in enumerate(texts):
        for kind, make in REPOSTS.items():
            variant = make(body, rng)
            if variant != body or kind in ("header_footer",):
                positives.append((kind, name, Judged((title, body), (title, variant))))
        donor = texts[(n + 7) % len(texts)][2]
        for kind, variant in (("another_date", another_date(body, rng)),
                              ("another_date_other_business", another_date_other_business(body, rng, donor)),
                              ("another_town", another_town(body, rng, people.get(name, [])))):
            if variant is not None:
                negatives.append((kind, name, Judged((title, body), (title, variant))))
    for (na, ta, ba), (nb, tb, bb) in combinations(texts, 2):
        negatives.append(("different_story", f"{na}/{nb}", Judged((ta, ba), (tb, bb))))
    return positives, negatives


def quality(devset: Path) -> None:
    rng = random.Random(5)
    texts = meeting_texts(devset) + page_texts(devset)
    positives, negatives = build_pairs(texts, rng, meeting_people(devset))
    print(f"texts: {len(texts)}; repost pairs: {len(positives)}; negative pairs: {len(negatives)} "
          f"({sum(k != 'different_story' for k, _, _ in negatives)} hard)")
    tp = sum(j.linked() for _, _, j in positives)
    fp = sum(j.linked() for _, _, j in negatives)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / len(positives)
    print(f"\nchosen thresholds (Jaccard {P.JACCARD}, containment {P.CONTAINMENT}): "
          f"precision {precision:.4f}  recall {recall:.4f}   (targets >= 0.99, >= 0.95)")
    print("\nrecall by kind of repost:")
    for kind in REPOSTS:
        judged = [j for k, _, j in positives if k == kind]
        missed = [name for k, name, j in positives if k == kind and not j.linked()]
        print(f"  {kind:28} {sum(j.linked() for j in judged):3}/{len(judged):3}"
              f"{'   missed: ' + ', '.join(missed[:6]) if missed else ''}")
    print("false links by kind of negative:")
    for kind in (*NEGATIVES, "different_story"):
        judged = [j for k, _, j in negatives if k == kind]
        wrong = [name for k, name, j in negatives if k == kind and j.linked()]
        print(f"  {kind:28} {sum(j.linked() for j in judged):3}/{len(judged):4}"
              f"{'   linked: ' + ', '.join(wrong[:6]) if wrong else ''}")
    lsh_recall = sum(j.candidate for _, _, j in positives) / len(positives)
    print(f"LSH candidates among reposts: {lsh_recall:.4f} "
          f"({P.BANDS} bands x {P.ROWS} rows of {P.NUM_PERM} permutations, >= {MIN_SHARED_KEYS} keys shared)")
    for vetoes in (True, False):
        print(f"\nthreshold table (precision / recall), {'with' if vetoes else 'WITHOUT'} the number/place/rename vetoes:")
        print("  Jaccard \\ containment " + "".join(f"{c:>15}" for c in (0.7, 0.8, 0.9, 1.01)))
        for jac in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
            cells = []
            for con in (0.7, 0.8, 0.9, 1.01):
                tp = sum(j.linked(jac, con, vetoes) for _, _, j in positives)
                fp = sum(j.linked(jac, con, vetoes) for _, _, j in negatives)
                cells.append(f"{tp / (tp + fp) if tp + fp else 1:.3f} / {tp / len(positives):.3f}")
            print(f"  {jac:<22}" + "".join(f"{c:>15}" for c in cells))
    conflicts = Counter(k for k, _, j in negatives if j.candidate and j.conflict)
    print(f"hard negatives stopped only by the number/place/rename vetoes: {dict(conflicts)}")


# -- scale ------------------------------------------------------------------------------------


def synthetic(texts, count: int, seed: int = 11, corpus: str = "prose"):
    """``count`` articles of 6-14 sentences, each with its own serial: written by the devset-
    trained trigram writer (``prose``: unrelated articles overlap as little as real ones do),
    or ``drawn`` whole from the meeting texts (a few hundred sentences shared by all 100,000
    articles: far more candidate pairs to verify than a real archive has)."""
    from benchmarks.prose import TrigramWriter
    from storage.records import Article

    sentences = [s + "。" for _, _, body in texts for s in re.split(r"[。\n]", body) if len(s) > 8]
    rng = random.Random(seed)
    writer = TrigramWriter(sentences, rng)
    for n in range(count):
        size = rng.randint(6, 14)
        body = (writer.paragraph(rng, size) if corpus == "prose" else "".join(rng.sample(sentences, size))
                ) + f"（第{n}号）"
        yield Article(url=f"http://synthetic.local/a/{n}.html", title=f"合成稿件{n}", body=body,
                      site="synthetic.local", published=f"2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}")


def _store(devset: str, count: int, with_dedup: bool, out, corpus: str = "prose") -> None:
    from storage.archive import Archive

    texts = meeting_texts(Path(devset))
    with tempfile.TemporaryDirectory() as tmp:
        archive = Archive.open(f"sqlite:///{tmp}/bench.db", migrate=True)
        batch, reposts, started, fp_time = [], 0, time.perf_counter(), 0.0
        articles = list(synthetic(texts, count, corpus=corpus))
        started, cpu_started = time.perf_counter(), time.process_time()
        for start in range(0, count, 500):
            batch = articles[start:start + 500]
            prints = None
            if with_dedup:
                t0 = time.perf_counter()
                prints = [fingerprint(a.title, a.body) for a in batch]
                fp_time += time.perf_counter() - t0
            reposts += len(archive.store_batch([(a, None) for a in batch], fingerprints=prints).reposts)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        with archive._engine.connect() as conn:  # noqa: SLF001 - a benchmark may look inside
            keys = conn.exec_driver_sql("SELECT count(*) FROM story_keys").scalar_one()
        archive.close()
        size = Path(f"{tmp}/bench.db").stat().st_size
    out.send({"elapsed": elapsed, "cpu": cpu, "fingerprint": fp_time, "reposts": reposts, "keys": keys,
              "db_bytes": size, "max_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss})


def _in_process(devset: Path, count: int, with_dedup: bool, corpus: str) -> dict:
    receive, send = multiprocessing.Pipe(duplex=False)
    proc = multiprocessing.get_context("spawn").Process(target=_store, args=(str(devset), count, with_dedup, send, corpus))
    proc.start()
    result = receive.recv()
    proc.join()
    return result


def _best(runs: list[dict]) -> dict:
    """The fastest of repeated runs (wall and CPU each at their minimum): on a shared machine
    the slower runs measure the neighbours' load, not the code."""
    best = dict(min(runs, key=lambda r: r["elapsed"]))
    best["cpu"] = min(r["cpu"] for r in runs)
    best["max_rss_kb"] = max(r["max_rss_kb"] for r in runs)
    return best


def scale(devset: Path, count: int, corpus: str, repeat: int = 1) -> None:
    print(f"\nscale: {count:,} synthetic articles ({corpus} corpus) into a fresh SQLite archive, batches of 500"
          f"{f', best of {repeat} alternating runs' if repeat > 1 else ''}; load {os.getloadavg()[0]:.2f}")
    base_runs, dedup_runs = [], []
    for _ in range(repeat):  # alternating, so both sides see the same spread of load
        base_runs.append(_in_process(devset, count, False, corpus))
        dedup_runs.append(_in_process(devset, count, True, corpus))
    base, dedup = _best(base_runs), _best(dedup_runs)
    extra = dedup["elapsed"] - base["elapsed"]
    extra_cpu = dedup["cpu"] - base["cpu"]
    print(f"  baseline store (no dedup)   {count / base['elapsed']:8.0f} articles/s   "
          f"peak RSS {base['max_rss_kb'] / 1024:6.0f} MB")
    print(f"  store with dedup stage      {count / dedup['elapsed']:8.0f} articles/s   "
          f"peak RSS {dedup['max_rss_kb'] / 1024:6.0f} MB")
    print(f"  dedup work alone            {count / extra if extra > 0 else float('inf'):8.0f} articles/s "
          f"(fingerprinting {count / dedup['fingerprint']:.0f}/s; index lookup+insert the rest)")
    print(f"  the same in CPU time        {count / extra_cpu if extra_cpu > 0 else float('inf'):8.0f} articles/s "
          f"(CPU s: baseline {base['cpu']:.1f}, with dedup {dedup['cpu']:.1f}; wall s: "
          f"{base['elapsed']:.1f}, {dedup['elapsed']:.1f})")
    print(f"  story index: {dedup['keys']:,} keys; archive {base['db_bytes'] / 1e6:.0f} MB -> "
          f"{dedup['db_bytes'] / 1e6:.0f} MB; reposts linked among synthetic articles: {dedup['reposts']}")
    print(f"  load at the end {os.getloadavg()[0]:.2f} (1-minute average, {os.cpu_count()} cores)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--repeat", type=int, default=1,
                        help="scale runs per side, alternating; the fastest of each is reported")
    parser.add_argument("--corpus", choices=("prose", "drawn"), default="prose",
                        help="synthetic text for the scale run (see synthetic())")
    args = parser.parse_args(argv)
    if not args.skip_quality:
        quality(args.devset)
    if not args.skip_scale:
        scale(args.devset, args.articles, args.corpus, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
