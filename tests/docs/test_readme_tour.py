"""The README's commands, run as written against a real `segue serve` on the demo
catalog, each checked for an answer that means something.

The commands are read from README.md's fenced `sh` blocks (a command may continue over
lines with `\\` or a trailing `|`), never copied here, so an example that stops working
fails this test. Only the address (`localhost:8000`), the scratch paths (`/tmp/...`),
`.venv/bin/segue` and `--data data` are rewritten, to this run's server, temporary
directory, interpreter and data directory. `segue eval` opens the data directory, so
it runs after the server has stopped (one process per data directory).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..e2e.conftest import REPO_ROOT, _free_port, _stop, _wait_ready

README = REPO_ROOT / "README.md"
FENCE = re.compile(r"^```sh\n(.*?)^```", re.M | re.S)


def readme_commands(text: str) -> list[str]:
    """Every command of the README's `sh` blocks, continuation lines joined."""
    commands: list[str] = []
    for block in FENCE.findall(text):
        pending = ""
        for raw in block.splitlines():
            line = raw.rstrip()
            if not pending and (not line.strip() or line.lstrip().startswith("#")):
                continue
            pending += line + "\n"
            if line.endswith(("\\", "|")):
                continue
            commands.append(pending.strip())
            pending = ""
        assert not pending, f"a README command never ends: {pending!r}"
    return [c for c in commands if re.match(r"(curl|printf|\.venv/bin/segue)\b", c)]


def test_the_readme_has_a_tour_to_run() -> None:
    commands = readme_commands(README.read_text())
    kinds = {_url(c).path for c in commands if "localhost:8000" in c}
    assert {"/v1/search", "/v1/suggest", "/v1/similar", "/v1/events",
            "/v1/documents/_bulk"} <= kinds, kinds
    assert any("segue eval" in c for c in commands)


class Tour:
    def __init__(self, base: str, data: Path, scratch: Path) -> None:
        self.base, self.data, self.scratch = base, data, scratch
        self.events: dict[str, list[str]] = {}  # user -> documents their events named

    def rewrite(self, command: str) -> str:
        command = command.replace("localhost:8000", self.base.removeprefix("http://"))
        command = command.replace("/tmp/", f"{self.scratch}/")
        command = command.replace(".venv/bin/segue", f"{shlex.quote(sys.executable)} -m segue")
        return command.replace("--data data ", f"--data {shlex.quote(str(self.data))} ")

    def run(self, command: str) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items()
               if k not in ("SEGUE_ADMIN_KEY", "SEGUE_SEARCH_KEYS", "SEGUE_KEYS_FILE")}
        return subprocess.run(["bash", "-o", "pipefail", "-c", self.rewrite(command)],
                              cwd=REPO_ROOT, env=env, capture_output=True, text=True,
                              timeout=300)

    def get(self, path: str) -> Any:
        done = self.run(f"curl -s '{self.base}{path}'")
        return json.loads(done.stdout)


def _url(command: str) -> urllib.parse.SplitResult:
    found = re.search(r"'?(localhost:8000[^'\s]*)'?", command)
    assert found, command
    return urllib.parse.urlsplit("http://" + found.group(1))


def _check_http(tour: Tour, command: str, out: str) -> None:
    url = _url(command)
    params = urllib.parse.parse_qs(url.query)
    assert out.strip(), f"no answer to {command}"
    body = json.loads(out)
    refused = re.search(r"#\s*(4\d\d)\b", command)
    if refused:
        # An example of a mistake ("# 400: unknown parameter 'genre'"): the answer is that
        # problem, and its detail names what the comment says.
        assert body.get("status") == int(refused.group(1)), (command, body)
        named = re.findall(r"'([^']+)'", command.split("#", 1)[1])
        assert all(name in body["detail"] for name in named), (command, body)
        return
    assert not (isinstance(body, dict) and body.get("type") == "about:blank"), (command, body)
    if url.path == "/v1/search":
        hits = body["hits"]
        assert hits and body["top"], f"no hits for {command}: {body}"
        if "type" in params:
            assert {h["type"] for h in hits} <= set(params["type"][0].split(",")), command
        if params.get("explain") == ["true"]:
            assert hits[0]["explain"]["features"], command
        for artist in params.get("user_artist", []):
            assert artist in hits[0].get("artists", []), (command, hits[0])
        for genre in params.get("user_genre", []):
            assert genre in hits[0].get("genres", []), (command, hits[0])
        for user in params.get("user_id", []):
            played = tour.events.get(user)
            assert played, f"{command}: the tour sent no event for {user}"
            liked = {a for doc in played for a in tour.get(f"/v1/documents/{doc}")["artists"]}
            assert liked & set(hits[0].get("artists", [])), (command, hits[0], liked)
    elif url.path == "/v1/suggest":
        assert body["suggestions"], command
    elif url.path == "/v1/similar":
        assert body["hits"] and params["id"][0] not in {h["id"] for h in body["hits"]}
    elif url.path == "/v1/events":
        assert body["errors"] is False, (command, body)
        sent = json.loads(re.search(r"-d '(.*?)'", command, re.S).group(1))["events"]
        for event in sent:
            tour.events.setdefault(event["user_id"], []).append(event["id"])
    elif url.path == "/v1/documents/_bulk":
        results = [(op, item) for entry in body["items"] for op, item in entry.items()]
        assert results, command
        assert all(item["status"] < 300 for op, item in results if op == "index"), body
    elif url.path.startswith("/v1/documents/"):
        assert body["id"] == urllib.parse.unquote(url.path.rsplit("/", 1)[1]), body
    else:
        raise AssertionError(f"the tour test does not know what {url.path} should answer")


def _check_cli(tour: Tour, command: str, done: subprocess.CompletedProcess[str]) -> None:
    words = shlex.split(tour.rewrite(command))
    sub = words[words.index("segue") + 1]
    if sub == "generate":
        size = int(words[words.index("--size") + 1])
        out = Path(words[words.index("--out") + 1])
        assert done.returncode == 0, done.stderr
        assert len(out.read_text().splitlines()) == size
    elif sub == "ingest":
        assert done.returncode == 0, done.stderr[-2000:]
    elif sub == "search":
        assert done.returncode == 0, done.stderr
        assert len(done.stdout.strip().splitlines()) >= 3, done.stdout
    elif sub == "eval":
        # --fail-on-regression: 1 when a variant is significantly worse, as the README
        # says; either way the report is written with its verdict.
        assert done.returncode in (0, 1), done.stderr[-2000:]
        out = Path(words[words.index("--out") + 1])
        assert (out / "report.html").is_file() and (out / "report.md").is_file()
        assert "verdict:" in done.stdout + done.stderr
    else:
        raise AssertionError(f"the tour test does not know what `segue {sub}` should do")


@pytest.fixture(scope="module")
def tour(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tour]:
    data = tmp_path_factory.mktemp("tour-data")
    logs = tmp_path_factory.mktemp("tour-logs")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items()
           if k not in ("SEGUE_ADMIN_KEY", "SEGUE_SEARCH_KEYS", "SEGUE_KEYS_FILE")}
    cmd = [sys.executable, "-m", "segue", "serve", "--data", str(data), "--port", str(port),
           "--load-demo-if-empty"]
    out_path, err_path = logs / "stdout.log", logs / "stderr.log"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        proc = subprocess.Popen(cmd, cwd=REPO_ROOT, env=env, stdout=out, stderr=err,
                                stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        _wait_ready(base, proc=proc, cmd=cmd, logs=(out_path, err_path))
        tour = Tour(base, data, tmp_path_factory.mktemp("tour-scratch"))
        tour.server = proc  # type: ignore[attr-defined]
        yield tour
    finally:
        _stop(proc)


def test_every_readme_command_gives_a_meaningful_answer(tour: Tour) -> None:
    commands = readme_commands(README.read_text())
    later = [c for c in commands if "segue eval" in c]  # needs the data directory
    for command in commands:
        if command in later:
            continue
        done = tour.run(command)
        if "segue " in command and "localhost:8000" not in command:
            _check_cli(tour, command, done)
        else:
            assert done.returncode == 0, (command, done.stderr)
            _check_http(tour, command, done.stdout)
    _stop(tour.server)  # type: ignore[attr-defined]
    for command in later:
        _check_cli(tour, command, tour.run(command))
