"""Unknown query parameters are a 400 that names them, on every API route.

A misspelt parameter (`?filtr=`, `?genre=rock`) silently ignored gives the caller an
answer to a question they did not ask; this dependency, installed on the whole app,
compares the request's parameters with the ones its route declares (its own and its
dependencies', as FastAPI collected them for OpenAPI), so the rule cannot drift from
the documentation.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from .errors import Problem


def reject_unknown_parameters(request: Request) -> None:
    route = request.scope.get("route")
    if not isinstance(route, APIRoute) or not route.include_in_schema:
        return  # the demo page reads its own parameters (?q=, ?key=, ?market=) in the browser
    known = _declared(route)
    unknown = sorted({k for k in request.query_params if k not in known})
    if unknown:
        names = ", ".join(f"'{k[:40]}'" for k in unknown[:10])
        accepted = ", ".join(sorted(known)) or "none"
        raise Problem(400, "Unknown parameter",
                      f"unknown query parameter{'s' if len(unknown) > 1 else ''} {names} "
                      f"on {request.method} {route.path}; accepted: {accepted}",
                      unknown=unknown[:10])


def _declared(route: APIRoute) -> frozenset[str]:
    """The route's query parameters (a walk of a few objects: cheaper than a cache
    keyed by a route that is not hashable)."""
    return frozenset(_names(route.dependant))


def _names(dependant: Dependant) -> set[str]:
    names = {f.alias for f in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _names(sub)
    return names
