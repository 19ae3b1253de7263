"""Offline evaluation stays out of the serving process: `segue serve` imports the API and
the engines, and neither may load ranx (it compiles every metric on first use, about ten
seconds a process) or matplotlib."""

from __future__ import annotations

import subprocess
import sys


def test_serving_code_does_not_import_evaluation_libraries():
    code = ("import sys, segue.api, segue.engine, segue.ranking; "
            "print(sorted(m for m in ('matplotlib', 'ranx', 'segue.evaluation') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120)
    assert out.stdout.strip() == "[]"


def test_evaluation_loads_matplotlib_only_to_draw():
    code = ("import sys, segue.evaluation; "
            "print(sorted(m for m in ('matplotlib', 'ranx') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120)
    assert out.stdout.strip() == "[]"
