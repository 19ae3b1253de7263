"""The real OpenSearch cluster that `make test` (or `make opensearch`) started.

Nothing here is skipped: a missing cluster fails every test that needs it, loudly.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from opensearchpy import OpenSearch
from opensearchpy.exceptions import ConnectionError as OpenSearchConnectionError

from segue.cluster import ClusterEngine
from segue.config import Settings
from segue.mappings import index_definition

OPENSEARCH_URL = os.environ.get("SEGUE_TEST_OPENSEARCH_URL", "http://127.0.0.1:9200")
ROOT = Path(__file__).resolve().parents[2]


def serve_cluster(urls: str, alias: str, log: Path, **env: str
                  ) -> tuple[subprocess.Popen[bytes], int]:
    """A real `segue serve --engine opensearch` on a free port over `alias`, open (no
    keys), its output in `log`; the caller waits for it and stops it."""
    from ..durability.server import free_port

    port = free_port()
    environ = {**os.environ, "SEGUE_OPENSEARCH_INDEX": alias, "PYTHONUNBUFFERED": "1", **env}
    environ.pop("SEGUE_ADMIN_KEY", None)
    environ.pop("SEGUE_SEARCH_KEYS", None)
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "segue", "serve", "--engine", "opensearch",
             "--opensearch-url", urls, "--port", str(port), "--log-level", "warning"],
            env=environ, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            cwd=ROOT)
    return proc, port


@pytest.fixture(scope="session")
def opensearch_url() -> str:
    client = OpenSearch(OPENSEARCH_URL, timeout=10)
    try:
        health = client.cluster.health(wait_for_status="yellow", request_timeout=40)
    except OpenSearchConnectionError:
        health = None
    if health is None:
        pytest.fail(f"no OpenSearch cluster at {OPENSEARCH_URL}: start one with "
                    "`make opensearch` (or run the suite with `make test`)", pytrace=False)
    elif health["status"] == "red":
        pytest.fail(f"OpenSearch at {OPENSEARCH_URL} is red: {health}", pytrace=False)
    return OPENSEARCH_URL


@pytest.fixture(scope="session")
def opensearch(opensearch_url: str) -> OpenSearch:
    return OpenSearch(opensearch_url, timeout=60)


@pytest.fixture(scope="session")
def analysis_index(opensearch: OpenSearch) -> Iterator[str]:
    """An empty index created from the shipped mappings, for `_analyze`."""
    name = f"segue-test-analyze-{uuid.uuid4().hex[:8]}"
    opensearch.indices.create(index=name, body=index_definition())
    yield name
    opensearch.indices.delete(index=name)


def cluster_engine_for(url: str, docs: list[dict], *, alias: str | None = None,
                       replicas: int = 0) -> ClusterEngine:
    """A cluster engine over a fresh alias holding `docs` (bulk-loaded, then refreshed)."""
    alias = alias or f"segue-test-{uuid.uuid4().hex[:8]}"
    engine = ClusterEngine(Settings(engine="opensearch", opensearch_url=url), alias=alias,
                           replicas=replicas, refresh="false")
    engine.load()
    for result in engine.index_documents(docs):
        assert result.ok, result
    engine.client.indices.refresh(index=alias)
    engine.writer.refresh = "wait_for"
    return engine


def drop(engine: ClusterEngine) -> None:
    index = engine.current_index()
    if index is not None:
        engine.client.indices.delete(index=index)
    engine.close()


@pytest.fixture(scope="session")
def relevance_engine(opensearch_url: str) -> Iterator[ClusterEngine]:
    """The relevance collection's corpus on the cluster, shared by the session."""
    from ..relevance.corpus import load_corpus

    engine = cluster_engine_for(opensearch_url, load_corpus())
    yield engine
    drop(engine)
