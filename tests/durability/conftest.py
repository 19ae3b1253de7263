"""A real `segue serve` on a fresh data directory, stopped after the test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .server import ServerProcess


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ServerProcess]:
    proc = ServerProcess(tmp_path / "data", tmp_path / "logs")
    proc.start()
    proc.wait_ready()
    yield proc
    proc.stop()
