"""The serving-side vocabulary stays light: ranking, query and analysis can be imported
(by a worker, a notebook, a test) without loading the store, FAISS, the text model or the
offline-evaluation stack. Each import runs in a fresh interpreter, so nothing another
test loaded earlier can hide a heavy import."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("faiss", "torch", "sentence_transformers", "matplotlib", "ranx", "sqlite3")


def loaded_after(module: str) -> list[str]:
    code = (f"import sys, json, {module}; "
            f"print(json.dumps([m for m in {list(HEAVY)!r} if m in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout)


@pytest.mark.parametrize("module", ["segue.ranking", "segue.query", "segue.analyzers",
                                    "segue.schema"])
def test_importing_loads_no_heavy_dependency(module: str) -> None:
    assert loaded_after(module) == []


def test_the_check_sees_a_heavy_import() -> None:
    """The probe itself works: the store does load sqlite3."""
    assert "sqlite3" in loaded_after("segue.indexer.store")
