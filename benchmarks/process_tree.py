"""CPU and memory of this process's descendants (a crawl's extraction workers), sampled.

``resource.getrusage`` cannot see them while they run, and the workers are children of a
forkserver, not of this process: a thread walks ``/proc/PID/task/*/children`` from this
process every ``interval`` seconds instead (~0.1 ms a walk, so it costs the crawl nothing),
keeping each descendant's last CPU time and the peak of the whole tree's resident memory
(this process included). Linux only; elsewhere it reports nothing.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _stat(pid: int) -> tuple[int, float, int] | None:
    """(parent pid, CPU seconds, resident bytes) of ``pid``, or None once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    # after the command: state ppid ... utime(12) stime(13) ... rss(22), 0-based from state
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS, int(fields[21]) * PAGE


class TreeSampler:
    def __init__(self, interval: float = 0.1):
        self.root = os.getpid()
        self.interval = interval
        self.cpu: dict[int, float] = {}  # descendant pid -> last CPU seconds seen
        self.peak_bytes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> "TreeSampler":
        if Path("/proc/self/stat").exists():
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    @property
    def descendants_cpu_seconds(self) -> float:
        return sum(self.cpu.values())

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def sample(self) -> None:
        total, todo, seen = 0, [self.root], set()
        while todo:
            pid = todo.pop()
            if pid in seen:
                continue
            seen.add(pid)
            found = _stat(pid)
            if found is None:
                continue
            total += found[2]
            if pid != self.root:
                self.cpu[pid] = found[1]
            todo += _children(pid)
        self.peak_bytes = max(self.peak_bytes, total)


def _children(pid: int) -> list[int]:
    """Child pids of every thread of ``pid`` (``/proc/PID/task/TID/children``)."""
    out = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            try:
                out += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
    except OSError:
        pass
    return out
