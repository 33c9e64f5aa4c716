"""Exit statuses of ``jiezhen``, one meaning each, so cron and scripts can branch on them."""
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  #: the command did what was asked
    ERROR = 1  #: it could not (bad database, bad profile, unreadable input...); one line on stderr says why
    USAGE = 2  #: the command line was wrong
    CRAWL_INCOMPLETE = 3  #: a crawl ended early (interrupted, or failed) — see `jiezhen runs`
    NOTHING_FOUND = 4  #: a crawl finished but found no article at all: the site's layout may have changed
    INTEGRITY = 5  #: `verify` found a capture missing, cut or altered (each one is named on stderr)
    UNHEALTHY = 6  #: `jiezhen health`: at least one site needs attention (named on stderr)
    CHECK_FAILED = 7  #: `sites check` found a required field empty or a profile selector matching nothing
    INPUT_SKIPPED = 8  #: `jiezhen import` finished but skipped some input; each is named on stderr
    ARCHIVE_BUSY = 75  #: `jiezhen nightly`: another run holds the archive's lock (EX_TEMPFAIL: try later)
    INTERRUPTED = 130  #: stopped with Ctrl-C before a crawl started


EPILOG = "exit status: " + "; ".join(f"{code.value} {code.name.lower().replace('_', ' ')}"
                                     for code in ExitCode)
