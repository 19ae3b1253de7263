"""Who may call what: every route declares a scope, every request's key must hold it.

`requires(scope)` is the dependency a route declares (`admin`, `write`, `events`,
`search`; see `segue/keys.py`); `PUBLIC` marks the few routes anyone may call (health,
readiness, metrics, the documentation and the demo page). `check_declared` refuses
to build an app with a route that declares neither, so a new route cannot be left
open by accident.

Keys are Bearer tokens, compared with `hmac.compare_digest` against every configured
key (timing does not say which one nearly matched) and never logged: a key is named
by its `name` in messages. A key bound to filters narrows the parameters of every
search made with it (`Caller.narrow`), before they are validated.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import FastAPI, Request, Security
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.routing import Mount

from segue.keys import SCOPES, ApiKey
from segue.schema import DOC_TYPES

from .errors import Problem

# Declares the scheme in /openapi.json; the token is checked below, not by FastAPI
# (whose own answer to a missing header is a 403 and not problem+json).
_bearer = HTTPBearer(auto_error=False, scheme_name="bearer",
                     description="An API key: `Authorization: Bearer <key>`. Not needed "
                     "when the server has no key configured (it then binds loopback only).")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)]

PUBLIC_MOUNTS = frozenset({"static", "swagger-ui"})  # the demo page's and /docs' files


@dataclass(frozen=True)
class Caller:
    """The key a request came with; None when the server has no keys at all."""

    key: ApiKey | None

    def narrow(self, name: str, value: str | None) -> str | None:
        """The request's parameter `name` within what the key is bound to.

        Unset, it takes the bound value; set within the binding, it stays; outside
        it, the request is refused. A binding is never silently widened.
        """
        bound = self.key.bound.get(name) if self.key else None
        if bound is None or self.key is None:
            return value
        if not value or not value.strip():
            return bound
        if name == "type":
            asked = {t.strip() for t in value.split(",") if t.strip()}
            outside = sorted((asked & set(DOC_TYPES)) - set(bound.split(",")))
        else:
            outside = [] if value.strip().upper() == bound else [value]
        if outside:
            raise Problem(403, "Forbidden", f"query parameter '{name}': the key "
                          f"'{self.key.name}' searches only {name} {bound}, not "
                          f"{', '.join(outside)}")
        return value

    def sees_type(self, doc_type: object) -> bool:
        return self.key is None or self.key.types is None or doc_type in self.key.types


def _find(token: str, keys: tuple[ApiKey, ...]) -> ApiKey | None:
    found = None
    wanted = token.encode()
    for key in keys:  # every key is compared, so timing does not tell which one matched
        if hmac.compare_digest(wanted, key.secret.encode()) and found is None:
            found = key
    return found


def requires(scope: str) -> Callable[..., Caller]:
    """The dependency for a route that needs `scope`."""
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}")

    def check(request: Request, credentials: Credentials) -> Caller:
        keys: tuple[ApiKey, ...] = request.app.state.settings.api_keys
        if not keys:
            return Caller(None)
        header = request.headers.get("authorization", "")
        kind, _, token = header.partition(" ")
        if kind.lower() != "bearer" or not token.strip():
            raise Problem(401, "Unauthorized", "send 'Authorization: Bearer <key>' with a "
                          f"key that has the '{scope}' scope")
        key = _find(token.strip(), keys)
        if key is None:
            raise Problem(401, "Unauthorized", "the API key is not valid")
        if not key.allows(scope):
            raise Problem(403, "Forbidden", f"the key '{key.name}' has the scope "
                          f"{', '.join(sorted(key.scopes))}; this needs '{scope}'")
        return Caller(key)

    check.segue_scope = scope  # type: ignore[attr-defined]
    return check


def _public() -> None:
    """Anyone may call this route."""


_public.segue_scope = "public"  # type: ignore[attr-defined]
PUBLIC = _public
ADMIN, WRITE, EVENTS, SEARCH = (requires(s) for s in SCOPES)


def routes(app: FastAPI) -> list[Any]:
    """Every route the app answers, with the routers it includes flattened."""
    return list(iter_route_contexts(app.routes))


def route_scope(route: Any) -> str | None:
    """The scope a route declared ('public' for anyone), or None if it declared none."""
    if isinstance(route.original_route, Mount):
        return "public" if route.name in PUBLIC_MOUNTS else None
    dependant = getattr(route, "dependant", None)
    if not isinstance(route.original_route, APIRoute) or dependant is None:
        return None
    pending = list(dependant.dependencies)
    while pending:
        dep = pending.pop()
        scope = getattr(dep.call, "segue_scope", None)
        if scope is not None:
            return str(scope)
        pending.extend(dep.dependencies)
    return None


def check_declared(app: FastAPI) -> None:
    """Refuse an app with a route that says neither its scope nor that it is public."""
    missing = [str(r.path) for r in routes(app) if route_scope(r) is None]
    if missing:
        raise RuntimeError(f"routes without a declared scope: {', '.join(missing)}; add "
                           "Depends(auth.requires(...)) or Depends(auth.PUBLIC)")
