"""One owner per data directory: an exclusive `flock` on `segue.lock` inside it.

Two processes writing one store leave an index that disagrees with it, so whoever
opens a data directory for writing holds this lock for as long as it runs. The kernel
drops a `flock` when its process dies, however it dies: a crash never leaves a stale
lock to clean up by hand. The holder's PID is written into the file so that the
process refused can say who to stop.
"""

from __future__ import annotations

import errno
import fcntl
import os
from pathlib import Path

LOCK_FILE = "segue.lock"


class DataDirLocked(Exception):
    """Another process holds the data directory."""

    def __init__(self, data_dir: Path, pid: int | None) -> None:
        holder = f"process {pid}" if pid else "another process"
        super().__init__(f"the data directory {data_dir} is in use by {holder}")
        self.data_dir = data_dir
        self.pid = pid


class DataDirLock:
    """The exclusive lock on one data directory, held until `release` (or exit)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir.absolute()
        if self.data_dir.exists() and not self.data_dir.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "not a directory", str(data_dir))
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as e:  # name the directory asked for, not a parent that failed
            raise OSError(e.errno, f"cannot create the data directory ({e.filename}: "
                          f"{e.strerror})", str(data_dir)) from e
        path = self.data_dir / LOCK_FILE
        # Not inherited by spawned children (the write process): only this one holds it.
        try:
            self._fd: int | None = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC,
                                           0o644)
        except OSError as e:
            raise OSError(e.errno, f"cannot write in the data directory ({e.strerror})",
                          str(self.data_dir)) from e
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = _read_pid(self._fd)
            self.release()
            raise DataDirLocked(self.data_dir, pid) from None
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, f"{os.getpid()}\n".encode(), 0)
        try:
            check_access(self.data_dir)
        except OSError:
            self.release()
            raise

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Closing the descriptor drops the lock; the file stays (deleting it would let
        a third process lock a new file while a second still holds the old one)."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _read_pid(fd: int) -> int | None:
    raw = os.pread(fd, 32, 0).strip()
    return int(raw) if raw.isdigit() else None


# The files the owner writes; every other one (snapshots) it only needs to read.
_WRITTEN = ("documents.sqlite3", "embeddings.sqlite3")


def check_access(data_dir: Path) -> None:
    """Open now whatever the engine will open: a data directory this process cannot
    read or write is one OSError naming the path and the cause, at start, rather
    than a traceback from SQLite or a loader thread that dies."""
    probe = data_dir / f".segue-probe-{os.getpid()}"
    try:
        probe.touch()
        probe.unlink()
    except OSError as e:
        raise OSError(e.errno, f"cannot write in the data directory ({e.strerror})",
                      str(data_dir)) from e

    def fail(error: OSError) -> None:
        raise error

    for folder, _, files in os.walk(data_dir, onerror=fail):
        for name in files:
            path = Path(folder) / name
            if name == LOCK_FILE:
                continue
            flags = os.O_RDWR if name.startswith(_WRITTEN) else os.O_RDONLY
            os.close(os.open(path, flags | os.O_CLOEXEC))
