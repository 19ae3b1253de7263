"""Liveness, readiness and statistics."""

from __future__ import annotations

import resource

from fastapi import APIRouter, Depends, Request

from segue.engines import Engine
from segue.errors import EngineUnavailable

from .auth import PUBLIC, SEARCH
from .errors import Problem
from .openapi import problems
from .schemas import Health, Ready

router = APIRouter(prefix="/v1", tags=["admin"])


@router.get("/health", response_model=Health, dependencies=[Depends(PUBLIC)])
async def health(request: Request) -> dict:
    engine: Engine = request.app.state.engine
    return {"status": "ok", "engine": engine.name}


@router.get("/ready", response_model=Ready, response_model_exclude_none=True,
             dependencies=[Depends(PUBLIC)], responses=problems(503))
async def ready(request: Request) -> dict:
    engine: Engine = request.app.state.engine
    if not engine.ready:
        reason = engine.not_ready_reason
        if reason:
            raise EngineUnavailable(reason)  # answered by the one handler in errors.py
        raise Problem(503, "Loading", "the index is still loading")
    stream = getattr(request.app.state, "stream", None)
    behind = stream.behind() if stream is not None else None
    if behind:
        raise Problem(503, "Behind the stream", behind)
    stats = engine.stats()
    text = stats.get("vectors", {}).get("text")
    # Ready means searchable by words; descriptions need the text vectors, which may
    # still be catching up (a fresh demo catalog is embedded after start).
    backlog = None if text is None else (text["backlog"] if text["caught_up"] or
                                         text["backlog"] else stats["documents"])
    return {"ready": True, "documents": stats["documents"],
            **({} if backlog is None else {"text_vectors_backlog": backlog})}


@router.get("/stats", dependencies=[Depends(SEARCH)], responses=problems(503))
async def stats(request: Request) -> dict:
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    engine: Engine = request.app.state.engine
    stream = getattr(request.app.state, "stream", None)
    kafka = {"kafka": stream.as_dict()} if stream is not None else {}
    return {**engine.stats(), "peak_rss_bytes": peak_kib * 1024, **kafka}
