"""Whether file permissions bind the user running the tests.

Root (or a process with CAP_DAC_OVERRIDE) reads and writes whatever the permissions say, so tests of
unreadable files and read-only folders are skipped there.  To run them as root anyway, drop the
capabilities:

    setpriv --inh-caps=-dac_override,-dac_read_search --bounding-set=-dac_override,-dac_read_search \\
        pytest tests/test_hostile_inputs.py tests/test_hostile_batch.py -k "unreadable or read_only"
"""

from __future__ import annotations

import functools
import os
import tempfile


@functools.cache
def permissions_enforced() -> bool:
    """Whether a file with no permissions at all cannot be opened by this process."""
    fd, path = tempfile.mkstemp()
    os.close(fd)
    try:
        os.chmod(path, 0)
        try:
            with open(path, "rb"):
                return False
        except PermissionError:
            return True
    finally:
        os.unlink(path)


SKIP_REASON = "permissions do not bind this process (root): see tests/support/permissions.py"
