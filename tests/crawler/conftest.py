"""Fixtures for crawl and CLI tests: local HTTP servers and a way to run the real commands."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from crawler.demo.server import DemoServer, serve_demo

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURES = REPO_ROOT / "tests" / "fixtures"
ALTSITE = FIXTURES / "sites" / "altsite"
#: Settings for crawling our own loopback servers quickly (politeness is for real sites).
FAST = ["-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0",
        "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=8", "-s", "DOWNLOAD_TIMEOUT=1", "-s", "RETRY_TIMES=1"]


def jiezhen_command() -> list[str]:
    """The installed console script next to this Python, else the module."""
    script = Path(sys.executable).parent / "jiezhen"
    return [str(script)] if script.exists() else [sys.executable, "-m", "crawler.cli.main"]


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: int = 120,
            stdin: bytes | None = None) -> Result:
    full_env = {k: v for k, v in os.environ.items() if k != "JIEZHEN_DB"}
    full_env.update(NO_COLOR="1", **(env or {}))
    proc = subprocess.run([*jiezhen_command(), *args], cwd=cwd or REPO_ROOT, env=full_env,
                          capture_output=True, timeout=timeout, input=stdin)
    return Result(proc.returncode, proc.stdout.decode("utf-8", "replace"),
                  proc.stderr.decode("utf-8", "replace"))


def export_records(db_url: str) -> list[dict]:
    result = run_cli("export", "--format", "jsonl", "--db", db_url)
    assert result.code == 0, result.err
    return [json.loads(line) for line in result.out.splitlines() if line.strip()]


def nows(text: str | None) -> str:
    """Whitespace removed, as the devset compares bodies (ASCII, U+3000, U+00A0, zero-width)."""
    return re.sub(r"[\s\u3000\u00a0\u200b\u200c\u200d\ufeff]+", "", text or "")


def load_expected(name: str) -> dict:
    return json.loads((FIXTURES / "expected" / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def demo_server():
    with serve_demo() as server:
        yield server


@pytest.fixture
def alt_server():
    with DemoServer(ALTSITE).start() as server:
        yield server


def compare_with_expected(records: list[dict], expected: dict, base_url: str) -> list[str]:
    """Field-by-field differences between archived records and hand-written expectations."""
    problems = []
    by_url = {r["url"]: r for r in records}
    for exp in expected["articles"]:
        url = base_url + exp["path"]
        rec = by_url.get(url)
        if rec is None:
            problems.append(f"{exp['path']}: not archived")
            continue
        for key in ("title", "subtitle", "published", "source", "author", "editor"):
            if key in exp and rec.get(key) != exp[key]:
                problems.append(f"{exp['path']}: {key} = {rec.get(key)!r}, expected {exp[key]!r}")
        body = nows(rec["body"])
        if exp.get("body_first") and not body.startswith(nows(exp["body_first"])):
            problems.append(f"{exp['path']}: body starts {body[:20]!r}, expected {exp['body_first']!r}")
        if exp.get("body_last") and not body.endswith(nows(exp["body_last"])):
            problems.append(f"{exp['path']}: body ends {body[-20:]!r}, expected {exp['body_last']!r}")
        for phrase in exp.get("must_include", []):
            if nows(phrase) not in body:
                problems.append(f"{exp['path']}: body lacks {phrase!r}")
        for phrase in exp.get("must_exclude", []):
            if nows(phrase) in body:
                problems.append(f"{exp['path']}: body leaks {phrase!r}")
        if "images" in exp:
            got = [(i["src"].replace(base_url, ""), i.get("caption")) for i in rec["images"]]
            want = [(i["src_path"], i.get("caption")) for i in exp["images"]]
            if got != want:
                problems.append(f"{exp['path']}: images {got}, expected {want}")
        if "attachments" in exp:
            got = [(a["url"].replace(base_url, ""), a.get("name")) for a in rec["attachments"]]
            want = [(a["path"], a.get("name")) for a in exp["attachments"]]
            if got != want:
                problems.append(f"{exp['path']}: attachments {got}, expected {want}")
    expected_urls = {base_url + e["path"] for e in expected["articles"]}
    for url in sorted(set(by_url) - expected_urls):
        problems.append(f"{url.replace(base_url, '')}: archived but not an expected article")
    return problems
