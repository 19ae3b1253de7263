"""API keys: the admin key writes, search keys read. Bearer tokens, constant-time checks.

Keys are never logged: they are compared with `hmac.compare_digest` against every
configured key (so timing does not say which one nearly matched) and dropped.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable

from fastapi import Request

from segue.config import Settings

from .errors import Problem


def _bearer(request: Request, wanted: str) -> str | None:
    """The request's token; None when the server has no keys (open on loopback)."""
    if request.app.state.settings.open_access:
        return None
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Problem(401, "Unauthorized", f"send 'Authorization: Bearer <{wanted}>'")
    return token.strip()


def _matches(token: str, keys: Iterable[str]) -> bool:
    found = False
    for key in keys:  # every key is compared, so timing does not tell which one matched
        found |= hmac.compare_digest(token.encode(), key.encode())
    return found


def require_read(request: Request) -> None:
    token = _bearer(request, "key")
    if token is None:
        return
    settings: Settings = request.app.state.settings
    keys = [*settings.search_keys, *([settings.admin_key] if settings.admin_key else [])]
    if not _matches(token, keys):
        raise Problem(401, "Unauthorized", "the API key is not valid")


def require_write(request: Request) -> None:
    token = _bearer(request, "admin key")
    if token is None:
        return
    settings: Settings = request.app.state.settings
    if settings.admin_key and _matches(token, [settings.admin_key]):
        return
    if _matches(token, settings.search_keys):
        raise Problem(403, "Forbidden", "a search key may only read; writes need the admin key")
    raise Problem(401, "Unauthorized", "the API key is not valid")
