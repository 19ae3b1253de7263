"""Liveness, readiness and statistics."""

from __future__ import annotations

import resource

from fastapi import APIRouter, Depends, Request

from segue.query import EngineUnavailable

from .auth import require_read
from .errors import Problem
from .schemas import Health, Ready

router = APIRouter(prefix="/v1", tags=["admin"])


@router.get("/health", response_model=Health)
async def health(request: Request) -> dict:
    return {"status": "ok", "engine": request.app.state.engine.name}


@router.get("/ready", response_model=Ready)
async def ready(request: Request) -> dict:
    engine = request.app.state.engine
    if not engine.ready:
        reason = getattr(engine, "not_ready_reason", None)
        if reason:
            raise EngineUnavailable(reason)  # answered by the one handler in errors.py
        raise Problem(503, "Loading", "the index is still loading")
    return {"ready": True, "documents": engine.stats()["documents"]}


@router.get("/stats", dependencies=[Depends(require_read)])
async def stats(request: Request) -> dict:
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {**request.app.state.engine.stats(), "peak_rss_bytes": peak_kib * 1024}
