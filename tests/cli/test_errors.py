"""Every mistake on the command line is one line on stderr that names the thing, with
a non-zero exit (2 for usage errors) and no traceback, run as a user runs it."""

from __future__ import annotations

import argparse
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from segue.cli import build_parser

from ..durability.server import free_port
from .run import one_error_line, segue

GOOD = b'{"id": "a", "type": "artist", "name": "Aurora"}\n'


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        yield int(s.getsockname()[1])


def _file(tmp: Path) -> list[str]:
    (tmp / "afile").write_text("not a directory")
    return ["serve", "--data", str(tmp / "afile"), "--port", str(free_port())]


def _corrupt_store(tmp: Path) -> list[str]:
    (tmp / "data").mkdir()
    (tmp / "data" / "documents.sqlite3").write_bytes(b"not a database" * 100)
    return ["search", "aurora", "--data", str(tmp / "data")]


# (name, arguments given the test's directory, exit code, words the line must hold)
CASES: list[tuple[str, Callable[[Path], list[str]], int, tuple[str, ...]]] = [
    ("data dir is a file", _file, 1, ("afile", "not a directory")),
    ("data dir impossible", lambda t: ["serve", "--data", "/proc/x/data", "--port",
                                       str(free_port())], 1, ("/proc/x/data",)),
    ("unknown type", lambda t: ["search", "aurora", "--data", str(t), "--type", "artsit"],
     2, ("--type", "artsit", "artist")),
    ("unknown subcommand", lambda t: ["frob"], 2, ("frob", "serve")),
    ("bad port", lambda t: ["serve", "--data", str(t / "d"), "--port", "99999"],
     2, ("--port", "99999")),
    ("not a port", lambda t: ["serve", "--port", "http"], 2, ("--port", "http")),
    ("unknown flag", lambda t: ["ingest", "x.jsonl", "--dta", "d"], 2, ("--dta",)),
    ("ingest of a missing file", lambda t: ["ingest", str(t / "missing.jsonl"), "--data",
                                            str(t / "d")], 2, ("missing.jsonl",)),
    ("search on a missing data dir", lambda t: ["search", "aurora", "--data",
                                                str(t / "nope")], 1, ("nope",)),
    ("generate into an impossible path", lambda t: ["generate", "--size", "3", "--out",
                                                    "/proc/x/out.jsonl"], 1,
     ("/proc/x/out.jsonl",)),
    ("an unexpected error", _corrupt_store, 1, ("DatabaseError", "SEGUE_DEBUG=1")),
]


@pytest.mark.parametrize(("args", "code", "words"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_a_mistake_is_one_line_and_a_non_zero_exit(
        tmp_path: Path, args: Callable[[Path], list[str]], code: int,
        words: tuple[str, ...]) -> None:
    done = segue(*args(tmp_path), cwd=tmp_path)
    assert done.returncode == code, done.stderr
    line = one_error_line(done)
    assert line.startswith("segue"), line
    assert all(w in line for w in words), line
    assert not (tmp_path / "d").exists()  # a refused command creates no data directory


def test_a_busy_port_is_refused_before_anything_is_created(tmp_path: Path,
                                                           busy_port: int) -> None:
    data = tmp_path / "data"
    done = segue("serve", "--data", str(data), "--port", str(busy_port), cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    line = one_error_line(done)
    assert f"127.0.0.1:{busy_port}" in line and "serving on" not in done.stderr, line
    assert not data.exists()


def test_ingest_exits_0_only_when_every_line_applied(tmp_path: Path) -> None:
    good = tmp_path / "good.jsonl"
    good.write_bytes(GOOD)
    done = segue("ingest", str(good), "--data", str(tmp_path / "data"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "1 documents indexed, none rejected" in done.stderr

    mixed = tmp_path / "mixed.jsonl"
    mixed.write_bytes(GOOD + b'{"id": "b", "type": "song", "name": "Bad type"}\n')
    done = segue("ingest", str(mixed), "--data", str(tmp_path / "data"), cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert f"1 documents indexed, 1 rejected (see {mixed}.errors.jsonl)" in done.stderr


def test_debug_shows_the_traceback_of_an_unexpected_error(tmp_path: Path) -> None:
    done = segue(*_corrupt_store(tmp_path), cwd=tmp_path, debug=True)
    assert done.returncode == 1 and "Traceback" in done.stderr


def test_version() -> None:
    done = segue("--version")
    assert done.returncode == 0 and done.stdout.startswith("segue "), done.stderr
    assert done.stdout.split()[1][0].isdigit()


def test_help_gives_every_flag_a_description_and_shows_defaults() -> None:
    parser = build_parser()
    (commands,) = [a for a in parser._actions
                   if isinstance(a, argparse._SubParsersAction)]
    for name, command in commands.choices.items():
        for action in command._actions:
            assert action.help, f"segue {name} {action.option_strings or action.dest}"
    assert "(default: 8000)" in commands.choices["serve"].format_help()
    assert "(default: data)" in commands.choices["ingest"].format_help()
