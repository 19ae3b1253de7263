"""One owner per data directory: a second server or an ingest on a live server's
directory is refused in one line naming the directory and the PID, and a server killed
with SIGKILL leaves no lock behind."""

from __future__ import annotations

from pathlib import Path

from ..durability.server import ServerProcess, free_port
from .run import one_error_line, segue


def test_a_live_servers_directory_is_refused_until_it_dies(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = ServerProcess(data, tmp_path / "logs")
    first.start()
    try:
        first.wait_ready()
        assert first.proc is not None
        pid = first.proc.pid
        catalog = tmp_path / "catalog.jsonl"
        catalog.write_text('{"id": "a", "type": "artist", "name": "Aurora"}\n')

        judgments = tmp_path / "judgments.jsonl"
        judgments.write_text('{"qid": "q1", "query": "aurora", "category": "exact", '
                             '"relevant": {"a": 2}}\n')
        for args, code in ((["serve", "--data", str(data), "--port", str(free_port())], 1),
                           (["ingest", str(catalog), "--data", str(data)], 1),
                           (["eval", "--judgments", str(judgments), "--data", str(data),
                             "--out", str(tmp_path / "report")], 2)):
            done = segue(*args)
            assert done.returncode == code, done.stderr
            line = one_error_line(done)
            assert str(data) in line and f"process {pid}" in line, line
            assert line.startswith(f"segue {args[0]}: "), line
        assert not Path(f"{catalog}.errors.jsonl").exists()  # ingest wrote nothing

        assert first.kill()
        second = ServerProcess(data, tmp_path / "logs-again")
        second.start()
        try:
            second.wait_ready()
            assert second.proc is not None
            assert (data / "segue.lock").read_text().strip() == str(second.proc.pid)
        finally:
            second.stop()
    finally:
        first.stop()
