"""A node of a 3-node cluster stops (a real process stop) during a bulk ingest through
`segue serve --engine opensearch`: every acknowledged write is searchable afterwards,
and search kept answering throughout (no 5xx; a degraded /v1/ready is allowed)."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from opensearchpy import OpenSearch, TransportError
from opensearchpy.exceptions import ConnectionError as OpenSearchConnectionError

from segue.catalog import generate

from ..durability.server import Client, tail
from .conftest import serve_cluster

ROOT = Path(__file__).resolve().parents[2]
CLUSTER = [sys.executable, str(ROOT / "tools" / "opensearch" / "cluster.py")]
NODES = 3
BATCHES, PER_BATCH, STOP_AFTER = 24, 100, 4


@pytest.fixture
def three_nodes(opensearch: OpenSearch, opensearch_url: str) -> Iterator[list[str]]:
    nodes = int(opensearch.cluster.health()["number_of_nodes"])
    if nodes != NODES:
        pytest.fail(f"the failover test needs {NODES} nodes, the cluster at {opensearch_url} "
                    f"has {nodes}: start it with `make opensearch NODES=3` (make test does)",
                    pytrace=False)
    port = int(opensearch_url.rsplit(":", 1)[1])
    urls = [f"http://127.0.0.1:{port + i}" for i in range(NODES)]
    yield urls
    # Whatever happened, the next tests get the whole cluster back.
    for i in range(NODES):
        subprocess.run([*CLUSTER, "start-node", str(i)], check=True)
    deadline = time.monotonic() + 180
    whole = OpenSearch(urls, max_retries=10, retry_on_timeout=True)
    while time.monotonic() < deadline:
        try:
            health = whole.cluster.health(wait_for_nodes=NODES, wait_for_status="green",
                                          request_timeout=40)
            # A restarted node joins the cluster before its HTTP port is open: the next
            # test may talk to that very node, so each one must answer too.
            if health["status"] == "green" and health["number_of_nodes"] == NODES \
                    and all(OpenSearch(url, timeout=5).ping() for url in urls):
                return
        except (OpenSearchConnectionError, TransportError):
            pass
        time.sleep(2)
    pytest.fail("the cluster did not come back green after the failover test")


@pytest.fixture
def server(three_nodes: list[str], tmp_path: Path) -> Iterator[tuple[Client, str]]:
    alias = f"segue-failover-{uuid.uuid4().hex[:8]}"
    log = tmp_path / "server.log"
    proc, port = serve_cluster(",".join(three_nodes), alias, log)
    client = Client(port)
    deadline = time.monotonic() + 60
    while True:
        assert proc.poll() is None, tail(log)
        try:
            if client.request("GET", "/v1/ready")[0] == 200:
                break
        except OSError:
            client = Client(port)
        assert time.monotonic() < deadline, tail(log)
        time.sleep(0.2)
    yield client, alias
    client.close()
    proc.terminate()
    proc.wait(30)
    OpenSearch(three_nodes[1:]).indices.delete(index=f"{alias}-*")


def primary_node(client: OpenSearch, alias: str) -> int:
    (shard,) = [s for s in client.cat.shards(index=alias, format="json") if s["prirep"] == "p"]
    return int(shard["node"].rsplit("-", 1)[1])


def test_acknowledged_writes_survive_a_node_stop(
    server: tuple[Client, str], three_nodes: list[str],
) -> None:
    api, alias = server
    cluster = OpenSearch(three_nodes, max_retries=5, retry_on_timeout=True)
    docs = list(generate(BATCHES * PER_BATCH, seed=11, id_prefix="fo"))
    victim = primary_node(cluster, alias)
    acknowledged: list[str] = []
    search_statuses: list[int] = []
    stop = threading.Event()

    def keep_searching() -> None:
        searcher = Client(api.conn.port)
        n = 0
        while not stop.is_set():
            try:
                status, _ = searcher.search(docs[n % len(docs)]["name"], limit=5)
            except OSError:
                searcher = Client(api.conn.port)
                status = 599  # the server did not answer at all
            search_statuses.append(status)
            n += 7

    searching = threading.Thread(target=keep_searching)
    searching.start()
    try:
        for b in range(BATCHES):
            if b == STOP_AFTER:
                subprocess.run([*CLUSTER, "stop-node", str(victim)], check=True)
            batch = docs[b * PER_BATCH:(b + 1) * PER_BATCH]
            body = b"".join(orjson.dumps({"index": {"_id": d["id"]}}) + b"\n"
                            + orjson.dumps(d) + b"\n" for d in batch)
            status, answer = api.bulk(body)
            if status != 200:
                continue  # nothing in this request was acknowledged
            for item in answer["items"]:
                result = item["index"]
                if 200 <= result["status"] < 300:
                    acknowledged.append(result["_id"])
    finally:
        stop.set()
        searching.join()

    assert len(acknowledged) > (BATCHES - STOP_AFTER) * PER_BATCH // 2
    assert search_statuses and max(search_statuses) < 500, sorted(set(search_statuses))
    # Every acknowledged document is in the index, and found by name through the API.
    survivors = [url for i, url in enumerate(three_nodes) if i != victim]
    check = OpenSearch(survivors)
    found = check.count(index=alias, body={"query": {"ids": {"values": acknowledged}}})
    assert found["count"] == len(acknowledged)
    by_id = {d["id"]: d for d in docs}
    for doc_id in acknowledged[::97]:
        status, body = api.search(by_id[doc_id]["name"], limit=50)
        assert status == 200
        assert doc_id in [h["id"] for h in body["hits"]], by_id[doc_id]["name"]
