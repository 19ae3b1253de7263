"""Errors as RFC 9457 `application/problem+json`, each saying what is wrong and where."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import iter_route_contexts
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from segue.indexer import LedgerError
from segue.query import EngineUnavailable

log = logging.getLogger("segue.api")
PROBLEM = "application/problem+json"


class Problem(Exception):
    def __init__(self, status: int, title: str, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail, self.extra = status, title, detail, extra


def problem_response(status: int, title: str, detail: str, *,
                     headers: dict[str, str] | None = None, **extra: Any) -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    headers = dict(headers or {})
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    if status == 503 and isinstance(extra.get("retry_after_s"), int):
        headers["Retry-After"] = str(extra["retry_after_s"])
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def _allowed(request: Request) -> list[str]:
    """Every method some route answers at this path: one route per method, so the
    route that raised the 405 knows only its own."""
    literal: set[str] = set()
    templated: set[str] = set()
    for route in iter_route_contexts(request.app.routes):
        match, _ = route.matches(request.scope)  # PARTIAL: the path, not the method
        if match != Match.NONE:
            path = str(getattr(route, "path", ""))
            (templated if "{" in path else literal).update(getattr(route, "methods", ())
                                                            or ())
    # A path spelt out (/v1/documents/_bulk) is its own resource, not a document id.
    return sorted(literal or templated)


def _where(loc: tuple[Any, ...]) -> str:
    kind = {"query": "query parameter", "path": "path parameter", "body": "body",
            "header": "header"}.get(str(loc[0]), str(loc[0])) if loc else "request"
    name = ".".join(str(p) for p in loc[1:])
    return f"{kind} '{name}'" if name else kind


def _json_invalid(exc: RequestValidationError) -> str | None:
    """What is wrong with a body that is not JSON, and where, or None if it is JSON.

    FastAPI reports a character offset as if it were a field ("body '76'"); the line
    and column are what a person can find in their editor.
    """
    for error in exc.errors():
        if error.get("type") != "json_invalid":
            continue
        reason = error.get("ctx", {}).get("error", "JSON decode error")
        loc = tuple(error.get("loc", ()))
        pos = loc[1] if len(loc) > 1 and isinstance(loc[1], int) else None
        doc = exc.body if isinstance(exc.body, str) else None
        if pos is None or doc is None:
            return f"the body is not valid JSON: {reason}"
        line = doc.count("\n", 0, pos) + 1
        column = pos - doc.rfind("\n", 0, pos)
        return (f"the body is not valid JSON: {reason} at line {line} column {column} "
                f"(character {pos})")
    return None


def install(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(_: Request, exc: Problem) -> JSONResponse:
        return problem_response(exc.status, exc.title, exc.detail, **exc.extra)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        not_json = _json_invalid(exc)
        if not_json is not None:
            return problem_response(422, "Invalid JSON", not_json,
                                    errors=[{"where": "body", "message": not_json}])
        errors = [{"where": _where(tuple(e.get("loc", ()))), "message": e.get("msg", "")}
                  for e in exc.errors()]
        detail = "; ".join(f"{e['where']}: {e['message']}" for e in errors)
        return problem_response(422, "Invalid request", detail, errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        cause = exc.__cause__
        if exc.status_code == 400 and isinstance(cause, UnicodeDecodeError):
            # FastAPI's "There was an error parsing the body", for a JSON body that is
            # not text: say which byte, and where.
            return problem_response(400, "Invalid body", "the body is not UTF-8 text: "
                                    f"byte 0x{cause.object[cause.start]:02x} at offset "
                                    f"{cause.start} ({cause.reason})")
        if exc.status_code == 405:
            allowed = _allowed(request)
            return problem_response(405, "Method not allowed", f"{request.method} is not "
                                    f"answered here; use {', '.join(allowed)}",
                                    headers={"Allow": ", ".join(allowed)})
        title = {404: "Not found"}.get(exc.status_code, "Error")
        return problem_response(exc.status_code, title, str(exc.detail),
                                headers=dict(exc.headers or {}))

    @app.exception_handler(EngineUnavailable)
    async def _unavailable(request: Request, exc: EngineUnavailable) -> JSONResponse:
        # Every route that needs the engine answers an outage the same way: search,
        # suggest, documents, /v1/ready (not ready, and why); /v1/health never asks.
        log.warning("%s %s: engine unavailable: %s", request.method, request.url.path,
                    exc.reason)
        return problem_response(503, "Search cluster unreachable",
                                f"the search cluster is unreachable ({exc.reason}); "
                                "retry shortly", retry_after_s=exc.retry_after_s)

    @app.exception_handler(LedgerError)
    async def _write_interrupted(request: Request, exc: LedgerError) -> JSONResponse:
        log.warning("%s %s: %s", request.method, request.url.path, exc)
        return problem_response(503, "Write interrupted",
                                f"{exc}. What was acknowledged before stands; send "
                                "the request again", retry_after_s=1)

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem_response(500, "Internal error",
                                "the server failed to answer; the error is in its log")
