"""Writes to an OpenSearch (or Elasticsearch) index: the `_bulk` path of the cluster engine.

Every action is checked by the same schema code as on the embedded engine before
anything is sent; a bad item becomes its own error and never sinks the rest. Updates
are merged here (the stored document plus the partial one) and validated whole, so
the cluster never holds a document the embedded engine would have refused. External
versions become `version_type=external`: the cluster itself refuses a stale one,
atomically, per document. Documents go out through the client's `streaming_bulk`
helper; a request's writes are searchable when it returns (see `ClusterWriter.apply`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import islice
from typing import Any

from segue.schema import FILTERS_FIELD, TERMS_FIELD, TEXT_FIELD, cluster_filters

from .bulk import Action, ActionError
from .cluster_vectors import ClusterVectors
from .decide import ABSENT, Decision, ItemResult, Stored, decide
from .lexical import analyzed_fields

CHUNK = 1_000

# The error type of an item not applied because the cluster could not be reached.
UNAVAILABLE = "unavailable_exception"

BulkHelper = Callable[..., Iterator[tuple[bool, dict[str, Any]]]]
Unreachable = Callable[[BaseException], "str | None"]


def analyzed_terms(doc: Mapping[str, Any]) -> str:
    """Segue's index keys of a document (credits split, CJK readings included), space
    separated: the `terms` field that retrieval meets with exact, fuzzy, prefix and
    phonetic queries, so the cluster recalls what the embedded engine would."""
    seen: dict[str, None] = {}
    for _, tokens in analyzed_fields(doc):
        for token in tokens:
            seen.setdefault(token.text)
    return " ".join(seen)


def to_source(doc: Mapping[str, Any], filterable: tuple[str, ...] = ()) -> dict[str, Any]:
    """The document as the cluster holds it: with Segue's terms and filter values."""
    return {**doc, TERMS_FIELD: analyzed_terms(doc),
            FILTERS_FIELD: cluster_filters(doc, filterable)}


def from_source(source: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in source.items()
            if k not in (TERMS_FIELD, TEXT_FIELD, FILTERS_FIELD)}


class ClusterWriter:
    """`_bulk` actions → validated cluster operations → Segue's per-item results."""

    def __init__(self, client: Any, index: str, bulk_helper: BulkHelper,
                 refresh: str = "wait_for", vectors: ClusterVectors | None = None, *,
                 unreachable: Unreachable = lambda _: None,
                 filterable: tuple[str, ...] = ()) -> None:
        self.client = client
        self.filterable = filterable
        self.index = index
        self.bulk_helper = bulk_helper
        self.refresh = refresh
        self.vectors = vectors
        # Tells an error meaning "the cluster is down" (and why) from any other.
        self.unreachable = unreachable
        self.unreachable_reason = ""

    def apply(self, actions: Iterable[Action | ActionError]) -> Iterator[ItemResult]:
        """Per-item results, chunk by chunk. Each item is durable once its chunk is
        answered (the cluster acknowledges a write after its translog is synced); the
        writes are searchable, if `refresh` asks it, when the iteration ends.

        A request of one chunk asks the cluster to `wait_for` its refresh. A longer one
        sends its chunks without refresh and refreshes once at the end: waiting for a
        refresh per chunk (up to the index's 1 s interval each) was most of the
        ingest time, and a chunk's own `wait_for` would not cover the shards only
        earlier chunks wrote to."""
        it = iter(actions)
        chunk = list(islice(it, CHUNK))
        several = False
        while chunk:
            following = list(islice(it, CHUNK))
            several = several or bool(following)
            yield from self._apply_chunk(chunk, "false" if several else self.refresh)
            chunk = following
        if several and self.refresh in ("true", "wait_for"):
            self.client.indices.refresh(index=self.index)

    def _stored(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        if not ids:
            return {}
        found = self.client.mget(index=self.index, body={"ids": ids})
        return {d["_id"]: from_source(d["_source"]) for d in found["docs"] if d.get("found")}

    def _apply_chunk(self, chunk: list[Action | ActionError], refresh: str
                     ) -> list[ItemResult]:
        results: list[ItemResult | None] = [None] * len(chunk)
        stored = self._stored(sorted({a.doc_id for a in chunk if isinstance(a, Action)
                                      and a.op == "update" and a.doc_id}))
        ops: list[dict[str, Any]] = []
        where: list[tuple[int, Action, int | None]] = []
        checks = [self.vectors.check] if self.vectors is not None else []
        for n, action in enumerate(chunk):
            # Only an update's state is fetched; the cluster checks the rest itself.
            state = None
            if isinstance(action, Action) and action.op == "update" and action.doc_id:
                body = stored.get(action.doc_id)
                state = ABSENT if body is None else Stored(True, None, body)
            decision = decide(action, state, checks)
            if not decision.writes:
                assert decision.result is not None
                results[n] = decision.result
                continue
            # Sent, whatever was decided for it here: the cluster's answer is the result.
            assert isinstance(action, Action)
            ops.append(self._operation(action, decision))
            where.append((n, action, decision.version))
        if ops and self.vectors is not None:
            self.vectors.add([op["_source"] for op in ops if "_source" in op])
        if ops:
            answers = self.bulk_helper(
                self.client, ops, chunk_size=CHUNK, raise_on_error=False,
                raise_on_exception=False, max_retries=3, initial_backoff=0.5,
                refresh=refresh)
            for (n, action, version), (_, answer) in zip(where, answers, strict=True):
                results[n] = self._down(action, answer) or _result(action, version, answer)
        return [r for r in results if r is not None]

    def _down(self, action: Action, answer: Mapping[str, Any]) -> ItemResult | None:
        """The item, if the helper failed it because the whole request did not reach
        the cluster (no connection, a timeout): not applied, status 503."""
        (body,) = answer.values()
        error = body.get("exception")
        why = self.unreachable(error) if isinstance(error, BaseException) else None
        if why is None:
            return None
        self.unreachable_reason = why
        return ItemResult(action.op, action.doc_id, 503, error_type=UNAVAILABLE,
                          reason=f"line {action.line}: the search cluster is unreachable "
                                 f"({why}); not applied")

    def _operation(self, action: Action, decision: Decision) -> dict[str, Any]:
        """The cluster's `_bulk` operation for a write decided without its state."""
        if decision.doc is not None:
            meta: dict[str, Any] = {
                "_op_type": "create" if action.op == "create" else "index",
                "_index": self.index, "_id": decision.doc["id"],
                "_source": to_source(decision.doc, self.filterable)}
        else:
            meta = {"_op_type": "delete", "_index": self.index, "_id": decision.remove}
        if decision.version is not None:
            meta.update(version=decision.version, version_type="external")
        return meta


def _result(action: Action, version: int | None, answer: Mapping[str, Any]) -> ItemResult:
    """One item of the cluster's `_bulk` answer in Segue's words."""
    (kind, body), = answer.items()
    op = action.op
    doc_id = body.get("_id", action.doc_id)
    status = int(body.get("status", 500))
    error = body.get("error")
    if error is None:
        result = body.get("result")
        if op == "update" and result == "created":
            result = "updated"
        return ItemResult(op, doc_id, 200 if op == "update" else status, result)
    if isinstance(error, Mapping):
        etype = str(error.get("type", "exception"))
        reason = str(error.get("reason", ""))
    else:
        etype, reason = "exception", str(error)
    if etype == "version_conflict_engine_exception" and version is not None:
        reason = f"version {version} of '{doc_id}' is not above the stored version; not applied"
    elif etype == "version_conflict_engine_exception" and op == "create":
        reason = f"document '{doc_id}' already exists"
    if kind == "delete" and status == 404:
        return ItemResult(op, doc_id, 404, "not_found")
    return ItemResult(op, doc_id, status, error_type=etype,
                      reason=f"line {action.line}: {reason}")
