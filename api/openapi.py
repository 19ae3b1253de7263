"""/openapi.json as the code answers: every status a route can give, every error as
`application/problem+json`, the Bearer scheme where a key is needed.

FastAPI documents the success answer and its own 422 (as `application/json`, though
`errors.py` sends problem+json). Each route lists the problems it raises with
`problems(...)` next to its code; this module adds what every route shares (401 and
403 where a key is needed, 422, 500), gives every error the one `Problem` schema, and
fills in what only the running app knows (the ranking variants a search may name).
`tests/api/test_openapi_contract.py` runs schemathesis against the result.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from segue.engines import Engine

from . import auth
from .errors import PROBLEM

_TITLES = {400: "Bad request: what is wrong and where", 401: "No key, or a key that is "
           "not valid", 403: "The key lacks the scope, or asks outside its binding",
           404: "Not found", 413: "The body is over the limit", 415: "Unsupported media "
           "type or content encoding", 422: "A parameter or the body does not fit its "
           "schema", 500: "The server failed; the error is in its log",
           503: "Still loading, the cluster is unreachable, or a write was interrupted",
           507: "The data directory's disk is full: `items` says what was applied"}

PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "description": "RFC 9457 problem details: what is wrong and where.",
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "object", "properties": {
            "where": {"type": "string"}, "message": {"type": "string"}}}},
        "retry_after_s": {"type": "integer"},
        # A 507 to a write: the `_bulk` answer's items, what was applied and what not.
        "took": {"type": "integer"},
        "applied": {"type": "integer"},
        "not_applied": {"type": "integer"},
        "items": {"type": "array", "items": {"type": "object"}},
    },
}


def problems(*codes: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route: the problems it answers besides the shared ones."""
    return {code: {"description": _TITLES[code]} for code in codes}


def _problem_response(code: str) -> dict[str, Any]:
    return {"description": _TITLES.get(int(code), "Error"), "content": {
        PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}}}


def document(app: FastAPI, engine: Engine) -> dict[str, Any]:
    spec = get_openapi(title=app.title, version=app.version, summary=app.summary,
                       routes=app.routes)
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    schemas["Problem"] = PROBLEM_SCHEMA
    scopes = {(m.lower(), r.path_format): auth.route_scope(r)
              for r in auth.routes(app) for m in (getattr(r, "methods", None) or ())}
    for path, operations in spec.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            shared = ["422", "500"]
            if scopes.get((method, path)) not in (None, "public"):
                shared += ["401", "403"]
            else:
                operation.pop("security", None)
            for code in shared:
                responses.setdefault(code, {})
            for code in list(responses):
                if not code.startswith(("2", "3")):
                    responses[code] = _problem_response(code)
            for parameter in operation.get("parameters", ()):
                if parameter["name"] == "variant":
                    # Known only once the variant files are read (SEGUE_VARIANTS_DIR).
                    # Empty is accepted as the default, as the search route reads it.
                    parameter["schema"] = {"type": "string",
                                           "enum": [*engine.variants, ""],
                                           "description": "a ranking variant (empty: "
                                           "the default)"}
    return spec


def as_openapi_30(spec: dict[str, Any]) -> dict[str, Any]:
    """The same document spelt as OpenAPI 3.0, for the Swagger UI that `/docs` serves.

    The packaged Swagger UI (`swagger-ui-bundle`, 4.15) reads 3.0 only, and the only
    3.1 spelling FastAPI writes here is `{"type": "null"}` in an `anyOf`, which 3.0
    says as `nullable: true`. `/openapi.json` itself stays 3.1, as generated.
    """

    def convert(node: Any) -> Any:
        if isinstance(node, list):
            return [convert(item) for item in node]
        if not isinstance(node, dict):
            return node
        out = {key: convert(value) for key, value in node.items()}
        options = out.get("anyOf")
        if isinstance(options, list) and {"type": "null"} in options:
            rest = [o for o in options if o != {"type": "null"}]
            del out["anyOf"]
            if len(rest) == 1:
                out = {**rest[0], **out}
            elif rest:
                out["anyOf"] = rest
            out["nullable"] = True
        return out

    converted: dict[str, Any] = convert(spec)
    converted["openapi"] = "3.0.3"
    return converted
