"""The one place where OpenSearch and Elasticsearch differ: vectors in the index body.

(Elasticsearch's own node could not be assembled from Maven Central: its integ-test-zip
has no analysis-common module, so the mappings' char filters and token filters do not
exist there; see README, "OpenSearch".)"""

from __future__ import annotations

from segue.mappings import DIALECTS


def test_opensearch_keeps_knn_vectors() -> None:
    body = DIALECTS["opensearch"].index_body(audio_dim=48, shards=2, replicas=1)
    props = body["mappings"]["properties"]
    assert body["settings"]["index"]["knn"] is True
    assert props["audio_embedding"]["type"] == "knn_vector"
    assert props["audio_embedding"]["dimension"] == 48
    assert props["text_embedding"]["method"]["engine"] == "lucene"
    assert (body["settings"]["index"]["number_of_shards"],
            body["settings"]["index"]["number_of_replicas"]) == (2, 1)


def test_elasticsearch_gets_dense_vectors_with_cosine() -> None:
    body = DIALECTS["elasticsearch"].index_body(audio_dim=48, shards=1, replicas=0)
    props = body["mappings"]["properties"]
    assert "knn" not in body["settings"]["index"]
    assert props["audio_embedding"] == {"type": "dense_vector", "dims": 48, "index": True,
                                        "similarity": "cosine"}
    assert props["text_embedding"]["dims"] == 384
    # Everything else is shared: the same analyzers and text fields.
    shared = DIALECTS["opensearch"].index_body(audio_dim=48, shards=1, replicas=0)
    assert body["settings"]["analysis"] == shared["settings"]["analysis"]
    assert props["name"] == shared["mappings"]["properties"]["name"]
