"""API keys and what each may do: scopes, and the search filters a key is bound to.

Four scopes, one per kind of client:

- `admin`: everything;
- `write`: the catalog pipeline (`POST /v1/documents/_bulk`, `DELETE /v1/documents/{id}`);
- `events`: the app backend that reports plays (`POST /v1/events`,
  `DELETE /v1/events/{user_id}`), acting for any user;
- `search`: read only (search, suggest, similar, documents, stats).

A key may hold several. A key may also be bound to filters (`types`, `market`) that every
search made with it obeys, as Typesense's scoped keys and Meilisearch's tenant tokens
do: a storefront's key that only ever sees tracks sold in Sweden.

Keys come from a key file (JSON or TOML, `--keys FILE` / `SEGUE_KEYS_FILE`) and from
the two environment variables: `SEGUE_ADMIN_KEY` is an `admin` key, each of
`SEGUE_SEARCH_KEYS` a `search` key. The secret never appears in an error message or a
log line: a key is named by its `name`, or by its place in the file.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from segue.schema import DOC_TYPES

SCOPES = ("admin", "write", "events", "search")
_FIELDS = {"key", "name", "scopes", "types", "market"}


@dataclass(frozen=True)
class ApiKey:
    secret: str = field(repr=False)  # never printed, not even by a debugger's repr
    name: str
    scopes: frozenset[str]
    types: frozenset[str] | None = None   # searches see only these document types
    market: str | None = None             # searches see only documents sold here

    def allows(self, scope: str) -> bool:
        return "admin" in self.scopes or scope in self.scopes

    @property
    def bound(self) -> dict[str, str]:
        """The search parameters this key fixes, as a request would send them."""
        out: dict[str, str] = {}
        if self.types is not None:
            out["type"] = ",".join(sorted(self.types))
        if self.market is not None:
            out["market"] = self.market
        return out


def env_keys(admin_key: str | None, search_keys: frozenset[str]) -> tuple[ApiKey, ...]:
    """The keys the two environment variables have always meant."""
    keys = [ApiKey(admin_key, "SEGUE_ADMIN_KEY", frozenset({"admin"}))] if admin_key else []
    keys += [ApiKey(k, f"SEGUE_SEARCH_KEYS[{n}]", frozenset({"search"}))
             for n, k in enumerate(sorted(search_keys))]
    return tuple(keys)


def _entry(where: str, raw: Any) -> ApiKey:
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: expected a table/object with key, scopes")
    unknown = sorted(set(raw) - _FIELDS)
    if unknown:
        raise ValueError(f"{where}: unknown field {', '.join(unknown)}; "
                         f"known: {', '.join(sorted(_FIELDS))}")
    secret = raw.get("key")
    if not isinstance(secret, str) or not secret.strip() or secret != secret.strip():
        raise ValueError(f"{where}: 'key' must be a non-empty string without spaces "
                         "around it")
    name = raw.get("name", where)
    if not isinstance(name, str) or not name:
        raise ValueError(f"{where}: 'name' must be a non-empty string")
    scopes = raw.get("scopes")
    if (not isinstance(scopes, list) or not scopes
            or not all(isinstance(s, str) for s in scopes)):
        raise ValueError(f"{where} ({name}): 'scopes' must be a non-empty list, "
                         f"of {', '.join(SCOPES)}")
    bad = sorted(set(scopes) - set(SCOPES))
    if bad:
        raise ValueError(f"{where} ({name}): unknown scope {', '.join(bad)}; "
                         f"known: {', '.join(SCOPES)}")
    types = raw.get("types")
    if types is not None:
        if (not isinstance(types, list) or not types
                or not all(isinstance(t, str) for t in types)):
            raise ValueError(f"{where} ({name}): 'types' must be a non-empty list of "
                             f"{', '.join(DOC_TYPES)}")
        unknown_types = sorted(set(types) - set(DOC_TYPES))
        if unknown_types:
            raise ValueError(f"{where} ({name}): unknown type {', '.join(unknown_types)}; "
                             f"known: {', '.join(DOC_TYPES)}")
    market = raw.get("market")
    if market is not None and (not isinstance(market, str) or not market.strip()):
        raise ValueError(f"{where} ({name}): 'market' must be a country code such as 'SE'")
    return ApiKey(secret, name, frozenset(scopes),
                  frozenset(types) if types is not None else None,
                  market.strip().upper() if market is not None else None)


def read_key_file(path: Path) -> tuple[ApiKey, ...]:
    """The keys of a JSON or TOML file: `{"keys": [{"key", "name", "scopes", "types",
    "market"}]}` or `[[keys]]` tables. Errors name the file and the entry, never a key."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise ValueError(f"key file {path}: {e.strerror or e}") from None
    except UnicodeDecodeError as e:
        raise ValueError(f"key file {path}: not UTF-8 text ({e.reason})") from None
    try:
        data = (json.loads(text) if path.suffix.lower() == ".json"
                else tomllib.loads(text))
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as e:
        kind = "JSON" if path.suffix.lower() == ".json" else "TOML"
        # The decoder's message may quote the line, and the line may hold a key.
        where = (f"line {e.lineno} column {e.colno}" if isinstance(e, json.JSONDecodeError)
                 else str(e).rpartition("(")[2].rstrip(")"))
        raise ValueError(f"key file {path}: not valid {kind} ({where})") from None
    entries = data.get("keys") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise ValueError(f"key file {path}: expected a non-empty list 'keys' "
                         "([[keys]] tables in TOML)")
    keys = tuple(_entry(f"key file {path}: keys[{n}]", raw) for n, raw in enumerate(entries))
    seen: dict[str, str] = {}
    for key in keys:
        if key.secret in seen:
            raise ValueError(f"key file {path}: '{key.name}' repeats the key of "
                             f"'{seen[key.secret]}'")
        seen[key.secret] = key.name
    return keys
