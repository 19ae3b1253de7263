"""`python -m segue …` as a user runs it, and the one-line error it should print."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def segue(*args: str, cwd: Path = REPO_ROOT, debug: bool = False, timeout: float = 120,
          ) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("SEGUE_ADMIN_KEY", "SEGUE_SEARCH_KEYS", "SEGUE_DEBUG")}
    if debug:
        env["SEGUE_DEBUG"] = "1"
    return subprocess.run([sys.executable, "-m", "segue", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)


def one_error_line(done: subprocess.CompletedProcess[str]) -> str:
    """The error line of a failed command; asserts it is the only line and that no
    traceback was printed anywhere."""
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]
