"""API keys: the admin key writes, search keys read. Bearer tokens, constant-time checks.

Keys are never logged: they are compared with `hmac.compare_digest` against every
configured key (so timing does not say which one nearly matched) and dropped.
"""

from __future__ import annotations

import hmac

from fastapi import Request

from segue.config import Settings

from .errors import Problem


def _token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _matches(token: str, keys: frozenset[str] | tuple[str, ...]) -> bool:
    found = False
    for key in keys:
        found |= hmac.compare_digest(token.encode(), key.encode())
    return found


def _settings(request: Request) -> Settings:
    return request.app.state.settings


def require_read(request: Request) -> None:
    settings = _settings(request)
    if settings.open_access:
        return
    token = _token(request)
    if token is None:
        raise Problem(401, "Unauthorized", "send 'Authorization: Bearer <key>'")
    admin = (settings.admin_key,) if settings.admin_key else ()
    if not _matches(token, settings.search_keys) | _matches(token, admin):
        raise Problem(401, "Unauthorized", "the API key is not valid")


def require_write(request: Request) -> None:
    settings = _settings(request)
    if settings.open_access:
        return
    token = _token(request)
    if token is None:
        raise Problem(401, "Unauthorized", "send 'Authorization: Bearer <admin key>'")
    if settings.admin_key and _matches(token, (settings.admin_key,)):
        return
    if _matches(token, settings.search_keys):
        raise Problem(403, "Forbidden", "a search key may only read; writes need the admin key")
    raise Problem(401, "Unauthorized", "the API key is not valid")
