"""Writes and reads of documents: POST /v1/documents/_bulk, GET/DELETE /v1/documents/{id}."""

from __future__ import annotations

import logging
import re
import tempfile
import time
import zlib
from typing import IO, Annotated, NamedTuple

import orjson
from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from segue.engines import Engine
from segue.indexer import ItemResult

from .auth import SEARCH, WRITE, Caller
from .errors import PROBLEM, Problem
from .openapi import problems
from .schemas import BulkAnswer, DeleteAnswer

log = logging.getLogger("segue.api")
NO_SPACE = 507  # Insufficient Storage: the data directory's disk is full

router = APIRouter(prefix="/v1/documents", tags=["documents"])

MAX_BULK_BYTES = 1024 * 1024 * 1024
_SPOOL_IN_MEMORY = 8 * 1024 * 1024
_INFLATE_PIECE = 1024 * 1024  # a gzip bomb inflates a bounded piece at a time
_GZIP = zlib.MAX_WBITS | 16  # zlib's wbits for a gzip header and trailer
_ENCODINGS = ("", "identity", "gzip", "x-gzip")
_ACCEPTED_TYPES = ("application/x-ndjson", "application/json", "text/plain",
                   "application/octet-stream", "")
_REFRESH = ("", "true", "false", "wait_for")
_WRITTEN = ("created", "updated")
MAX_VECTOR_WAIT_S = 120.0
_TIME = re.compile(r"(\d+(?:\.\d+)?)(ms|s|m)?")
_UNITS = {"ms": 0.001, "s": 1.0, "m": 60.0}


class _Bulk(NamedTuple):
    items: bytes          # the items, serialized, without the brackets
    errors: bool
    written: set[str]     # ids indexed or updated: their text vectors may be pending
    applied: int          # items that applied (committed and indexed)
    refused: int          # items the full disk refused (507 each)
    full: str | None      # why the disk refused them, from the first such item


def _run_bulk(engine: Engine, body: IO[bytes]) -> _Bulk:
    """The items, serialized into one buffer a thousand at a time.

    Memory stays about the size of the answer: neither 100k dictionaries nor 100k
    small byte strings (orjson gives each a large allocation that stays resident).

    When the disk is full, the answer is a 507 problem+json that carries the same
    `items` as a `_bulk` answer: what was committed before (201/200, durable) and
    what was not (507 each). No Retry-After: only freeing space helps.
    """
    items = bytearray()
    errors = False
    full: str | None = None  # the first item the full disk refused says why
    applied = refused = 0
    batch: list[bytes] = []
    written: set[str] = set()

    def flush() -> None:
        if items:
            items.extend(b",")
        items.extend(b",".join(batch))
        batch.clear()

    body.seek(0)
    for result in engine.bulk(body):  # a binary file is an iterable of lines
        errors |= not result.ok
        if result.status == NO_SPACE:
            refused += 1
            full = full or _no_space(result)
        elif result.ok:
            applied += 1
        if result.ok and result.doc_id is not None and result.result in _WRITTEN:
            written.add(result.doc_id)
        batch.append(result.to_json_bytes())
        if len(batch) == 1000:
            flush()
    if batch:
        flush()
    if not items:
        raise Problem(400, "Empty bulk request",
                      "the body holds no action; send NDJSON lines such as "
                      '{"index":{"_id":"t1"}} followed by the document')
    return _Bulk(bytes(items), errors, written, applied, refused, full)


def _timeout_s(raw: str) -> float:
    """Elasticsearch's time units (`30s`, `500ms`, `1m`; a bare number is seconds),
    bounded: a client cannot hold a request open for longer than MAX_VECTOR_WAIT_S."""
    match = _TIME.fullmatch(raw.strip())
    if match is None:
        raise Problem(400, "Invalid timeout", f"query parameter 'timeout': '{raw}'; "
                      "use a duration such as 30s, 500ms or 1m")
    # A longer wait is cut to the limit (the answer says whether it timed out).
    return min(float(match[1]) * _UNITS[match[2] or "s"], MAX_VECTOR_WAIT_S)


def _no_space(result: ItemResult) -> str:
    """The request's `detail` from an item the full disk refused ("not applied: the
    data directory /d is full: N bytes free")."""
    return (result.reason or "").removeprefix("not applied: ")


def _too_large(what: str) -> Problem:
    return Problem(413, "Request too large", f"{what} exceeds the limit of "
                   f"{MAX_BULK_BYTES} bytes; split it into several requests")


def _encoding(request: Request) -> str:
    """The body's Content-Encoding, checked before a byte of it is read.

    A Content-Length past the limit is refused at once, not after reading it all.
    """
    encoding = request.headers.get("content-encoding", "").strip().lower()
    if encoding not in _ENCODINGS:
        raise Problem(415, "Unsupported content encoding",
                      f"header 'Content-Encoding': '{encoding}'; send the body "
                      "uncompressed or gzip-compressed")
    length = request.headers.get("content-length", "").strip()
    if length.isdigit() and int(length) > MAX_BULK_BYTES:
        raise _too_large(f"header 'Content-Length': {length} bytes")
    return encoding


async def _spool(request: Request, body: IO[bytes]) -> int:
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BULK_BYTES:
            raise _too_large("the body")
        body.write(chunk)
    return size


async def _spool_gzip(request: Request, body: IO[bytes]) -> int:
    """Inflate a gzip body as it arrives, counting the inflated bytes against the limit.

    Concatenated gzip members (what `cat a.gz b.gz` makes) are one body, as gunzip
    reads them.
    """
    inflate, size, sent = zlib.decompressobj(_GZIP), 0, 0

    def take(data: bytes) -> None:
        nonlocal size
        size += len(data)
        if size > MAX_BULK_BYTES:
            raise _too_large("the body, decompressed,")
        body.write(data)

    try:
        async for chunk in request.stream():
            sent += len(chunk)
            while chunk:
                take(inflate.decompress(chunk, _INFLATE_PIECE))
                chunk = inflate.unconsumed_tail
                if inflate.eof and inflate.unused_data:  # the next gzip member
                    chunk, inflate = inflate.unused_data, zlib.decompressobj(_GZIP)
        take(inflate.flush())
    except zlib.error as e:
        raise Problem(400, "Invalid gzip body", f"the body is not valid gzip "
                      f"(Content-Encoding: gzip): {e}, within its first {sent} bytes") from e
    if sent and not inflate.eof:
        raise Problem(400, "Invalid gzip body", f"the gzip body ends early, after {sent} "
                      "bytes (Content-Encoding: gzip); send the whole file")
    return size


@router.post(
    "/_bulk", response_model=BulkAnswer, dependencies=[Depends(WRITE)],
    responses=problems(400, 413, 415, 503, 507),
    openapi_extra={"requestBody": {"required": True, "content": {
        "application/x-ndjson": {"schema": {
            "type": "string", "description": "action lines, each followed by its "
            "document (not for delete); a line that is not a valid action fails alone",
            # A body with no line but blank ones holds no action: a 400.
            "pattern": "[^ \t\n\r\f\v]"}}}}},
)
async def bulk(
    request: Request,
    refresh: Annotated[str, Query(description="true | wait_for | false: the answer comes "
                                  "when the writes are searchable by their words, in every "
                                  "case; it never waits for text vectors (see "
                                  "wait_for_vectors)",
                                  json_schema_extra={"enum": list(_REFRESH)})] = "",
    wait_for_vectors: Annotated[bool, Query(description="also wait, at most `timeout`, "
                                            "until this request's documents are "
                                            "searchable by meaning (their text vectors "
                                            "are in)")] = False,
    timeout: Annotated[str, Query(description="how long wait_for_vectors may wait: 30s, "
                                  "500ms, 1m (a longer one waits 120s)",
                                  pattern=_TIME.pattern.join("^$"))] = "30s",
) -> Response:
    """Elasticsearch `_bulk` form: an action line, then a document line (not for delete).

    The body may be at most 1 GiB (1073741824 bytes), counted after decompression: a
    larger `Content-Length` is answered 413 before the body is read. Send it as is or
    with `Content-Encoding: gzip`; another encoding is answered 415.

    When the data directory's disk is full the answer is 507, problem+json, with the
    same `items` (what was committed before the disk filled, then 507 for each item
    not applied) and `applied` / `not_applied` counts; writes resume once space is
    freed.
    """
    started = time.perf_counter()  # `took` is the whole request's time
    wait_s = _timeout_s(timeout)
    if refresh not in _REFRESH:
        raise Problem(400, "Invalid refresh", f"query parameter 'refresh': '{refresh}'; "
                      "use true, wait_for or false")
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype not in _ACCEPTED_TYPES:
        raise Problem(415, "Unsupported media type",
                      f"the body is '{ctype}'; send application/x-ndjson")
    engine: Engine = request.app.state.engine
    if not engine.ready:
        raise Problem(503, "Loading", "the index is still loading; retry shortly")
    encoding = _encoding(request)
    # The body is spooled (to disk past 8 MB), then parsed line by line, so a large
    # request never sits in memory whole.
    with tempfile.SpooledTemporaryFile(max_size=_SPOOL_IN_MEMORY) as body:
        if encoding in ("gzip", "x-gzip"):
            size = await _spool_gzip(request, body)
        else:
            size = await _spool(request, body)
        if size == 0:
            raise Problem(400, "Empty bulk request", "the body is empty; send NDJSON lines")
        done = await run_in_threadpool(_run_bulk, engine, body)
    if done.full is not None:
        # When the disk is full, a 507 problem+json that carries the same `items` as a
        # `_bulk` answer: what was committed before (201/200, durable) and what was not
        # (507 each). No Retry-After: only freeing space helps.
        took = int((time.perf_counter() - started) * 1000)
        log.warning("POST /v1/documents/_bulk: %s; %d items applied, %d not", done.full,
                    done.applied, done.refused)
        head = orjson.dumps({"type": "about:blank", "title": "Insufficient storage",
                             "status": NO_SPACE, "detail": done.full, "took": took,
                             "applied": done.applied, "not_applied": done.refused})
        return Response(b"".join((head[:-1], b',"items":[', done.items, b"]}")), NO_SPACE,
                        media_type=PROBLEM)
    # Words are searchable now, whatever `refresh` said: the engines index them before
    # they answer. Text vectors follow from the embedder; waiting for them is asked
    # for explicitly, and bounded.
    timed_out = False
    if wait_for_vectors and done.written:
        timed_out = not await run_in_threadpool(engine.wait_for_vectors, wait_s,
                                                done.written)
    pending = engine.vectors_pending(done.written) if done.written else 0
    took = int((time.perf_counter() - started) * 1000)
    head = orjson.dumps({"took": took, "errors": done.errors, "vectors_pending": pending,
                         "vectors_timed_out": timed_out})[:-1]
    return Response(b"".join((head, b',"items":[', done.items, b"]}")),
                    media_type="application/json")


# `:path`, so an id holding a `/` (sent percent-encoded, `%2F`, which the server
# decodes before routing) reaches the route instead of matching nothing.
DocId = Annotated[str, Path(max_length=512, description="the document's id; "
                            "percent-encode a `/` in it as `%2F`")]


@router.get("/{doc_id:path}", responses=problems(404))
async def get_document(
    request: Request, doc_id: DocId, caller: Annotated[Caller, Depends(SEARCH)]
) -> dict:
    engine: Engine = request.app.state.engine
    doc = await run_in_threadpool(engine.get, doc_id)
    if doc is None or not caller.sees_type(doc.get("type")):
        raise Problem(404, "Not found", f"no document with id '{doc_id}'")
    return doc


@router.delete("/{doc_id:path}", response_model=DeleteAnswer,
               dependencies=[Depends(WRITE)], responses=problems(404, 503, 507))
async def delete_document(
    request: Request, doc_id: DocId
) -> dict:
    engine: Engine = request.app.state.engine
    result = await run_in_threadpool(engine.delete, doc_id)
    if result.status == NO_SPACE:
        raise Problem(NO_SPACE, "Insufficient storage", _no_space(result))
    if result.status == 404:
        raise Problem(404, "Not found", f"no document with id '{doc_id}'")
    return {"_id": doc_id, "result": result.result}
