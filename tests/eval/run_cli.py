"""Running the real `segue eval` in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def segue_eval(*args: str | Path, variants_dir: Path | None = None,
               ) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    env.pop("SEGUE_VARIANTS_DIR", None)
    if variants_dir is not None:
        env["SEGUE_VARIANTS_DIR"] = str(variants_dir)
    return subprocess.run([sys.executable, "-m", "segue", "eval", *map(str, args)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def verdict(proc: subprocess.CompletedProcess) -> str:
    return [line for line in proc.stdout.splitlines() if line.startswith("verdict:")][-1]
