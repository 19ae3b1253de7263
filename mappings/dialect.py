"""Where the OpenSearch and Elasticsearch APIs differ, and how: one place.

The cluster engine speaks to either through a `Dialect`: which client and bulk helper,
how the vector fields are mapped (`knn_vector` + `index.knn` on OpenSearch,
`dense_vector` with cosine similarity on Elasticsearch), how an index is created and a
mapping added, how a k-NN search is spelt, and which client errors mean "the cluster
is down". Nothing else in Segue asks which server it talks to.

The clients are imported when a dialect first needs one, so importing this module
loads neither.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from segue.errors import EngineUnavailable
from segue.schema import AUDIO_FIELD

from .definition import index_definition

CANDIDATES_PER_K = 4   # HNSW candidates visited per neighbour wanted (Elasticsearch)


@dataclass(frozen=True)
class Dialect:
    """What differs between the two clients and servers."""

    name: str

    @property
    def elasticsearch(self) -> bool:
        return self.name == "elasticsearch"

    # -- the client -----------------------------------------------------------------

    def client(self, urls: list[str], timeout: float = 30.0) -> Any:
        if self.elasticsearch:
            from elasticsearch import Elasticsearch

            return Elasticsearch(urls, request_timeout=timeout, max_retries=3,
                                 retry_on_timeout=True)
        from opensearchpy import OpenSearch

        return OpenSearch(urls, timeout=timeout, max_retries=3, retry_on_timeout=True,
                          serializer=_orjson_serializer())

    def bulk_helper(self) -> Any:
        if self.elasticsearch:
            from elasticsearch.helpers import streaming_bulk as es_bulk

            return es_bulk
        from opensearchpy.helpers import streaming_bulk

        return streaming_bulk

    # -- index definitions ----------------------------------------------------------

    def index_body(self, audio_dim: int | None, shards: int, replicas: int) -> dict[str, Any]:
        """The mappings' k-NN fields: `knn_vector` + `index.knn` on OpenSearch,
        `dense_vector` with cosine similarity on Elasticsearch."""
        body = index_definition(audio_dim=audio_dim, shards=shards, replicas=replicas)
        if self.elasticsearch:
            body["settings"]["index"].pop("knn", None)
            for spec in body["mappings"]["properties"].values():
                if spec.get("type") == "knn_vector":
                    dims = spec["dimension"]
                    spec.clear()
                    spec.update(type="dense_vector", dims=dims, index=True,
                                similarity="cosine")
        return body

    def vector_field(self, dim: int) -> dict[str, Any]:
        """The mapping of the audio vector field for a dimension."""
        return self.index_body(dim, 1, 0)["mappings"]["properties"][AUDIO_FIELD]

    def create_index(self, client: Any, name: str, body: dict[str, Any]) -> None:
        if self.elasticsearch:
            client.indices.create(index=name, settings=body["settings"],
                                  mappings=body["mappings"])
        else:
            client.indices.create(index=name, body=body)

    def put_mapping(self, client: Any, index: str, properties: dict[str, Any]) -> None:
        """Add fields to a live index's mapping."""
        if self.elasticsearch:
            client.indices.put_mapping(index=index, properties=properties)
        else:
            client.indices.put_mapping(index=index, body={"properties": properties})

    # -- searches -------------------------------------------------------------------

    def knn_search(self, field: str, vector: list[float], k: int, *,
                   types: frozenset[str] | None = None, exclude: str | None = None
                   ) -> dict[str, Any]:
        """A search for the k nearest documents to `vector` by `field`, the type filter
        and the excluded id applied during the graph search (not after it): a top-level
        `knn` section on Elasticsearch, a `knn` query on OpenSearch."""
        bool_filter: dict[str, Any] = {}
        if types is not None:
            bool_filter["filter"] = [{"terms": {"type": sorted(types)}}]
        if exclude is not None:
            bool_filter["must_not"] = [{"ids": {"values": [exclude]}}]
        filt = {"bool": bool_filter} if bool_filter else None
        if self.elasticsearch:
            knn: dict[str, Any] = {"field": field, "query_vector": vector, "k": k,
                                   "num_candidates": max(k * CANDIDATES_PER_K, 50)}
            if filt is not None:
                knn["filter"] = filt
            return {"size": k, "knn": knn}
        spec: dict[str, Any] = {"vector": vector, "k": k}
        if filt is not None:
            spec["filter"] = filt
        return {"size": k, "query": {"knn": {field: spec}}}

    # -- outages --------------------------------------------------------------------

    def unreachable(self, error: BaseException) -> str | None:
        """Why the cluster could not answer, if `error` says it is down rather than that
        the request was wrong: no connection or a timeout (after the client's retries
        over every node), or a 503 from the cluster itself (no elected manager, every
        copy of a shard gone). None for any other error."""
        if self.elasticsearch:
            from elastic_transport import ConnectionError as EsUnreachable
            from elastic_transport import ConnectionTimeout as EsTimeout
            from elasticsearch import ApiError

            if isinstance(error, EsTimeout):
                return "timed out"
            if isinstance(error, EsUnreachable):
                return "no connection"
            if isinstance(error, ApiError) and error.meta.status == 503:
                return f"the cluster answered 503: {error.message}"
            return None
        from opensearchpy.exceptions import ConnectionError as Unreachable
        from opensearchpy.exceptions import ConnectionTimeout, TransportError

        if isinstance(error, ConnectionTimeout):
            return "timed out"
        if isinstance(error, Unreachable):
            return "no connection"
        if isinstance(error, TransportError) and error.status_code == 503:
            return f"the cluster answered 503: {error.error}"
        return None

    @contextlib.contextmanager
    def guard(self) -> Iterator[None]:
        """Client errors that mean "the cluster is down" become `EngineUnavailable`."""
        try:
            yield
        except EngineUnavailable:
            raise
        except Exception as e:
            reason = self.unreachable(e)
            if reason is None:
                raise
            raise EngineUnavailable(reason) from e


def _orjson_serializer() -> Any:
    """opensearch-py's JSON serializer with orjson underneath: every search answer (100
    documents) and every `_bulk` body goes through it, and the standard library's json
    is several times slower at both."""
    import orjson
    from opensearchpy.exceptions import SerializationError
    from opensearchpy.serializer import JSONSerializer

    class OrjsonSerializer(JSONSerializer):
        def loads(self, s: Any) -> Any:
            try:
                return orjson.loads(s)
            except orjson.JSONDecodeError as e:
                raise SerializationError(s, e) from e

        def dumps(self, data: Any) -> Any:
            if isinstance(data, str):
                return data
            try:
                return orjson.dumps(data, default=self.default).decode()
            except TypeError as e:
                raise SerializationError(data, e) from e

    return OrjsonSerializer()


DIALECTS = {"opensearch": Dialect("opensearch"), "elasticsearch": Dialect("elasticsearch")}
