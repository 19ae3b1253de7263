"""The cluster becomes unreachable under `segue serve --engine opensearch`: every route
that needs it answers a clear 503 problem (never a 500), /v1/ready says not ready and
why, /v1/health stays 200, and all is well again once the cluster is back.

The cluster is the real one; the server reaches it through a `Door` that the test
shuts (connections refused, as when every node is down) or jams (connections held and
never answered, as with a frozen node)."""

from __future__ import annotations

import contextlib
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import orjson
import pytest
from opensearchpy import OpenSearch

from ..durability.server import tail
from .conftest import serve_cluster
from .door import Door

TIMEOUT_S = 1.0  # the server's per-request cluster timeout, so a jam is seen quickly
DOCS = [{"id": "out-1", "type": "artist", "name": "Rosalía", "popularity": 80},
        {"id": "out-2", "type": "artist", "name": "Rammstein", "popularity": 70}]


@contextlib.contextmanager
def server(door: Door, opensearch: OpenSearch, tmp_path: Path
           ) -> Iterator[tuple[httpx.Client, subprocess.Popen, Path]]:
    """`segue serve --engine opensearch` reaching the cluster through `door`."""
    alias = f"segue-outage-{uuid.uuid4().hex[:8]}"
    log = tmp_path / "server.log"
    proc, port = serve_cluster(door.url, alias, log,
                               SEGUE_OPENSEARCH_TIMEOUT_S=str(TIMEOUT_S))
    api = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60)
    try:
        deadline = time.monotonic() + 60
        while True:  # up and answering (ready or not)
            assert proc.poll() is None, tail(log)
            try:
                api.get("/v1/health")
                break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, tail(log)
            time.sleep(0.2)
        yield api, proc, log
    finally:
        api.close()
        proc.terminate()
        proc.wait(30)
        door.shut()
        opensearch.indices.delete(index=f"{alias}-*", ignore_unavailable=True)
    # Never through the crash handler (the client's own log of a refused connection
    # carries a traceback, so that word alone proves nothing).
    assert b"unhandled error" not in log.read_bytes(), tail(log)


def wait_ready(api: httpx.Client, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while api.get("/v1/ready").status_code != 200:
        assert proc.poll() is None, tail(log)
        assert time.monotonic() < deadline, tail(log)
        time.sleep(0.2)


@pytest.fixture
def served(opensearch: OpenSearch, opensearch_url: str, tmp_path: Path
           ) -> Iterator[tuple[httpx.Client, Door]]:
    where = urlsplit(opensearch_url)
    door = Door((where.hostname or "127.0.0.1", where.port or 9200))
    with server(door, opensearch, tmp_path) as (api, proc, log):
        wait_ready(api, proc, log)
        yield api, door


def assert_unreachable(r: httpx.Response, cause: str) -> None:
    assert r.status_code == 503, (r.request.url, r.status_code, r.text)
    assert r.headers["content-type"] == "application/problem+json"
    problem = r.json()
    assert problem["status"] == 503
    assert "the search cluster is unreachable" in problem["detail"]
    assert cause in problem["detail"], problem
    assert problem["retry_after_s"] > 0
    assert int(r.headers["retry-after"]) == problem["retry_after_s"]


def outage_answers(api: httpx.Client, cause: str) -> None:
    """Each route that needs the cluster, during an outage."""
    assert_unreachable(api.get("/v1/search", params={"q": "rosalia"}), cause)
    assert_unreachable(api.get("/v1/search", params={"q": "ros", "type": "artist"}), cause)
    assert_unreachable(api.get("/v1/suggest", params={"q": "ram"}), cause)
    assert_unreachable(api.get("/v1/documents/out-1"), cause)
    assert_unreachable(api.get("/v1/ready"), cause)
    assert_unreachable(api.get("/v1/stats"), cause)
    body = b"".join(orjson.dumps(x) + b"\n" for x in (
        {"index": {"_id": "out-3"}}, {"type": "artist", "name": "Rauw Alejandro"}))
    bulk = api.post("/v1/documents/_bulk", content=body,
                    headers={"content-type": "application/x-ndjson"})
    assert_unreachable(bulk, cause)
    assert_unreachable(api.delete("/v1/documents/out-2"), cause)
    # The process itself is alive: liveness does not depend on the cluster.
    health = api.get("/v1/health")
    assert health.status_code == 200 and health.json()["status"] == "ok"


def test_an_unreachable_cluster_is_a_503_and_recovery_is_seamless(
        served: tuple[httpx.Client, Door]) -> None:
    api, door = served
    body = b"".join(orjson.dumps({"index": {"_id": d["id"]}}) + b"\n" + orjson.dumps(d)
                    + b"\n" for d in DOCS)
    r = api.post("/v1/documents/_bulk", params={"refresh": "wait_for"}, content=body,
                 headers={"content-type": "application/x-ndjson"})
    assert r.status_code == 200 and not r.json()["errors"], r.text
    assert api.get("/v1/search", params={"q": "rosalia"}).json()["top"]["id"] == "out-1"

    door.shut()  # every node gone: connections refused
    outage_answers(api, "no connection")

    door.jam()  # the cluster accepts connections and never answers
    outage_answers(api, "timed out")

    door.open()  # back: same server, no restart
    assert api.get("/v1/ready").status_code == 200
    assert api.get("/v1/search", params={"q": "rosalia"}).json()["top"]["id"] == "out-1"
    assert api.get("/v1/documents/out-2").json()["name"] == "Rammstein"
    assert api.get("/v1/suggest", params={"q": "ram"}).json()["suggestions"][0]["id"] == "out-2"


def test_a_server_started_while_the_cluster_is_down_becomes_ready_when_it_is_back(
        opensearch: OpenSearch, opensearch_url: str, tmp_path: Path) -> None:
    where = urlsplit(opensearch_url)
    door = Door((where.hostname or "127.0.0.1", where.port or 9200))
    door.shut()
    with server(door, opensearch, tmp_path) as (api, proc, log):
        deadline = time.monotonic() + 30
        while "unreachable" not in api.get("/v1/ready").text:  # the first load failed
            assert time.monotonic() < deadline, tail(log)
            time.sleep(0.2)
        assert_unreachable(api.get("/v1/ready"), "no connection")
        assert api.get("/v1/search", params={"q": "rosalia"}).status_code == 503
        assert api.get("/v1/health").status_code == 200
        door.open()
        wait_ready(api, proc, log)
        r = api.get("/v1/search", params={"q": "rosalia"})
        assert r.status_code == 200 and r.json()["hits"] == []
