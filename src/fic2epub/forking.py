"""Whether this process may fork: on Linux, with no other thread running.

Elsewhere forking a process that has loaded system libraries is not safe (macOS) or not possible
(Windows); and a fork copies only the thread that forks, with whatever locks the others held.  Used by
the batch (forked workers) and by `convert` (its cover process).
"""

from __future__ import annotations

import os
import sys


def fork_is_safe() -> bool:
    if sys.platform != "linux" or not hasattr(os, "fork"):
        return False
    threading = sys.modules.get("threading")  # not imported: without it, no thread was started
    return threading is None or threading.active_count() == 1
