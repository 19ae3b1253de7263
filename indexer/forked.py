"""Running a save in a forked child: a copy-on-write image of the index, for free.

Pickling a million-document index takes seconds of CPU, and in the serving process
those seconds are taken from indexing and searches (one thread runs at a time). A
forked child sees the index exactly as it was at the fork, so the parent forks under
the readers' lock, goes on at once, and the child writes the copy on the other core.
Redis saves its snapshots the same way (BGSAVE).

The child only pickles and writes a file: it closes every descriptor it inherited
(the server's listening socket, the store, the write process's pipes), so nothing
outlives the parent through it, and it is killed if the parent dies first.
"""

from __future__ import annotations

import ctypes
import gc
import os
import signal
from collections.abc import Callable

_PR_SET_PDEATHSIG = 1


def fork_task(task: Callable[[], None]) -> int:
    """Start `task` in a forked child; returns its pid for `wait_task`. Call it with
    whatever the task reads held still (the readers' lock): the child copies it now."""
    parent = os.getpid()
    pid = os.fork()
    if pid:
        return pid
    status = 1
    try:  # the child: nothing here may return into the parent's code
        gc.disable()  # it exits in seconds; collecting would only copy pages
        os.nice(19)  # a save can wait; indexing and searches on this machine cannot
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before the line above
            os._exit(1)
        os.closerange(3, os.sysconf("SC_OPEN_MAX"))
        task()
        status = 0
    except BaseException:  # reported to the parent as the exit status
        pass
    os._exit(status)


def wait_task(pid: int) -> None:
    """Wait for a `fork_task` child; raises if it failed."""
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise RuntimeError(f"the snapshot process {pid} failed (exit status {code})")
