"""``jiezhen nightly``: crawl every enabled site once, in parallel, under one archive lock.

Each site is crawled by its own ``jiezhen crawl SLUG`` child process (its own Scrapy reactor,
settings and politeness per host; a site that hangs or crashes takes nobody else down), at most
``parallel`` at a time. The parent:

- holds the archive's ``nightly`` lock (``storage/locks.py``) for the whole run and beats its
  heartbeat, so a second nightly is refused with ``ExitCode.ARCHIVE_BUSY`` and a lock left by a
  killed run is taken over (runs it left ``running`` are then marked ``killed``);
- starts children in their own session, so a terminal's Ctrl-C reaches only the parent, which
  forwards one SIGINT to each running child (Scrapy's graceful stop: in-flight requests finish,
  queued items are stored) and starts no new site; a second signal is forwarded too (Scrapy's
  forced stop);
- reads each site's outcome from its run record, not from the child's exit code alone.

Exit status: 0 when every site's run finished; 3 (``CRAWL_INCOMPLETE``) when any site failed,
was interrupted, blocked or did not run; 4 (``NOTHING_FOUND``) when all finished but one was
flagged (list pages without article links, or articles that could not be read).
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Any, TextIO

from crawler.cli.exit_codes import ExitCode
from crawler.events import emit
from storage.archive import Archive

LOCK_NAME = "nightly"
HEARTBEAT_SECONDS = 30.0
POLL_SECONDS = 0.2
#: Run statuses that count as "the site was crawled".
DONE_STATUSES = ("finished",)
FLAGGED_STATUSES = ("suspect",)


@dataclass
class SiteJob:
    slug: str
    argv: list[str]
    proc: subprocess.Popen | None = None
    code: int | None = None
    signalled: int = 0


@dataclass
class SiteOutcome:
    site: str
    status: str
    run: dict[str, Any] | None = field(default=None)


def child_argv(slug: str, db_url: str, passthrough: list[str]) -> list[str]:
    return [sys.executable, "-m", "crawler.cli.main", "crawl", slug, "--db", db_url, *passthrough]


class Nightly:
    def __init__(self, slugs: list[str], db_url: str, passthrough: list[str], *, parallel: int,
                 stale_after: float, progress: TextIO | None):
        self.jobs = [SiteJob(slug, child_argv(slug, db_url, passthrough)) for slug in slugs]
        self.db_url = db_url
        self.parallel = max(1, parallel)
        self.stale_after = stale_after
        self.progress = progress
        self.stopping = 0
        self._beating = threading.Event()

    # -- signals -----------------------------------------------------------------------------
    def _on_signal(self, signum: int, _frame: Any) -> None:
        self.stopping += 1
        for job in self.jobs:
            if job.proc is not None and job.proc.poll() is None and job.signalled < self.stopping:
                job.signalled += 1
                try:
                    job.proc.send_signal(signal.SIGINT)
                except ProcessLookupError:
                    pass

    # -- heartbeat ---------------------------------------------------------------------------
    def _heartbeat(self, archive: Archive) -> None:
        while not self._beating.wait(HEARTBEAT_SECONDS):
            try:
                if not archive.heartbeat_lock(LOCK_NAME):
                    print("jiezhen nightly: the archive lock was taken over by another run; "
                          "starting no more sites", file=sys.stderr)
                    self.stopping = max(self.stopping, 1)
            except Exception as exc:  # a database hiccup must not kill the night
                print(f"jiezhen nightly: heartbeat failed: {exc}", file=sys.stderr)

    # -- the run -----------------------------------------------------------------------------
    def run(self, archive: Archive, err: TextIO) -> tuple[ExitCode, list[SiteOutcome]]:
        attempt = archive.acquire_lock(LOCK_NAME, stale_after=self.stale_after)
        if not attempt.acquired:
            holder = attempt.holder.describe() if attempt.holder else "unknown holder"
            print(f"jiezhen nightly: another run holds the archive ({holder}); exit "
                  f"{int(ExitCode.ARCHIVE_BUSY)}", file=err)
            return ExitCode.ARCHIVE_BUSY, []
        try:
            if attempt.took_over is not None:
                print(f"jiezhen nightly: took over a stale lock ({attempt.took_over.describe()})", file=err)
            killed = archive.abandon_running_runs()
            if killed:
                print(f"jiezhen nightly: {killed} run(s) left 'running' by a killed crawl marked killed",
                      file=err)
            previous = archive.runs(last=1)
            after_id = previous[0]["id"] if previous else 0
            emit("nightly_start", sites=[job.slug for job in self.jobs], parallel=self.parallel)
            beat = threading.Thread(target=self._heartbeat, args=(archive,), daemon=True)
            beat.start()
            old = {sig: signal.signal(sig, self._on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
            try:
                self._loop()
            finally:
                for sig, handler in old.items():
                    signal.signal(sig, handler)
                self._beating.set()
            outcomes = self._outcomes(archive, after_id)
            code = exit_code(outcomes)
            emit("nightly_end", exit=int(code),
                 sites={o.site: o.status for o in outcomes})
            return code, outcomes
        finally:
            archive.release_lock(LOCK_NAME)

    def _loop(self) -> None:
        queue = list(self.jobs)
        running: list[SiteJob] = []
        shown = None
        while queue or running:
            while queue and len(running) < self.parallel and not self.stopping:
                job = queue.pop(0)
                job.proc = subprocess.Popen(job.argv, stdout=subprocess.DEVNULL, start_new_session=True)
                running.append(job)
            if self.stopping:
                queue.clear()
            for job in list(running):
                if job.proc.poll() is not None:
                    job.code = job.proc.returncode
                    running.remove(job)
            state = (len(self.jobs) - len(queue) - len(running), tuple(j.slug for j in running))
            if self.progress is not None and state != shown:
                shown = state
                line = f"nightly: {state[0]}/{len(self.jobs)} sites done"
                if running:
                    line += "; crawling " + ", ".join(state[1])
                self.progress.write("\r\033[K" + line)
                self.progress.flush()
            if queue or running:
                time.sleep(POLL_SECONDS)
        if self.progress is not None:
            self.progress.write("\n")
            self.progress.flush()

    def _outcomes(self, archive: Archive, after_id: int) -> list[SiteOutcome]:
        outcomes = []
        for job in self.jobs:
            runs = [r for r in archive.runs(site=job.slug, last=5) if r["id"] > after_id]
            if not runs:
                status = "not_run" if job.proc is None else "failed"
                outcomes.append(SiteOutcome(job.slug, status))
            else:
                outcomes.append(SiteOutcome(job.slug, runs[0]["status"], runs[0]))
        return outcomes


def exit_code(outcomes: list[SiteOutcome]) -> ExitCode:
    if any(o.status not in DONE_STATUSES + FLAGGED_STATUSES for o in outcomes):
        return ExitCode.CRAWL_INCOMPLETE
    if any(o.status in FLAGGED_STATUSES for o in outcomes):
        return ExitCode.NOTHING_FOUND
    return ExitCode.OK


def progress_stream() -> TextIO | None:
    """A progress line only on an interactive terminal (never under cron or in a pipe)."""
    return sys.stderr if sys.stderr.isatty() and os.environ.get("TERM") != "dumb" else None
