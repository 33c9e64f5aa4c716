"""Exit statuses of ``jiezhen``, one meaning each, so cron and scripts can branch on them."""
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  #: the command did what was asked
    ERROR = 1  #: it could not (bad database, bad profile, unreadable input...); one line on stderr says why
    USAGE = 2  #: the command line was wrong
    CRAWL_INCOMPLETE = 3  #: a crawl ended early (interrupted, or failed) — see `jiezhen runs`
    NOTHING_FOUND = 4  #: a crawl finished but found no article at all: the site's layout may have changed
    CHECK_FAILED = 5  #: `sites check` found a required field empty or a profile selector matching nothing
    INTERRUPTED = 130  #: stopped with Ctrl-C before a crawl started


EPILOG = "exit status: " + "; ".join(f"{code.value} {code.name.lower().replace('_', ' ')}"
                                     for code in ExitCode)
