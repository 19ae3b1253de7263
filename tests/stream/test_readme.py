"""The README's Kafka example, run as written against a real server and broker."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.durability.server import ServerProcess

README = Path(__file__).resolve().parents[2] / "README.md"


def kafka_example() -> str:
    section = README.read_text().split("\n## Kafka\n", 1)[1].split("\n## ", 1)[0]
    # `shell`, not `sh`: the tour test (tests/docs) runs the `sh` blocks without a broker.
    (block,) = re.findall(r"```shell\n(.*?)```", section, re.S)
    return block


def test_the_readme_publishes_a_change_and_finds_it(kafka: str, tmp_path: Path) -> None:
    server = ServerProcess(tmp_path / "data", tmp_path / "logs", extra=["--kafka", kafka])
    server.start()
    try:
        server.wait_ready()
        script = kafka_example().replace("localhost:8000", f"localhost:{server.port}")
        # The search right after the publish is what a user would type; give the
        # consumer its moment by retrying the last line a few times.
        *setup, search = script.strip().splitlines()
        env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
        subprocess.run(["bash", "-euo", "pipefail", "-c", "\n".join(setup)], cwd=tmp_path,
                       env=env, check=True, timeout=60)
        command = search.split("#")[0]
        expected = search.split("#", 1)[1].strip()
        for _ in range(50):
            out = subprocess.run(["bash", "-c", command], capture_output=True, text=True,
                                 env=env, timeout=30).stdout.strip()
            if out == expected:
                break
            subprocess.run(["sleep", "0.2"])
        assert out == expected, (out, expected)
    finally:
        server.stop()
