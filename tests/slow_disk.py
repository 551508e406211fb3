"""Run darbnica on a slow disk: every fsync of a file under the data folder waits first, as on a USB stick.

    python -c "import tests.slow_disk as s; s.run()" open WORKSHOP ...

The delay in seconds is ``DARBNICA_TEST_FSYNC_DELAY``; the data folder is ``DARBNICA_HOME``. Used by the typing
tests in ``tests/stress``, which run the real app in a pseudo-terminal and type at it.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Protocol


class HasFileno(Protocol):
    def fileno(self) -> int: ...


_DELAY = float(os.environ.get("DARBNICA_TEST_FSYNC_DELAY", "0"))
_real_fsync = os.fsync


def _slow_fsync(fd: int | HasFileno) -> None:
    time.sleep(_DELAY)
    _real_fsync(fd)


def run() -> None:
    """darbnica's command line with the arguments given to this Python, on the slow disk."""
    from darbnica.cli import main

    if _DELAY:
        os.fsync = _slow_fsync
    main(args=sys.argv[1:], prog_name="darbnica")
