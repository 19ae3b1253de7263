"""Document validation: what a catalog document may hold.

Validation is strict about the fields Segue reads and lenient about the rest: unknown
fields are kept and returned, so a catalog pipeline can carry its own data through.
Every error names the field and says what is wrong, because the caller is usually a
pipeline operator reading a per-item error in a bulk response.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .fields import AUDIO_FIELD
from .types import DOC_TYPES

_CONTROL = re.compile(r"[\x00-\x1f]")

MAX_ID_CHARS = 512
MAX_NAME_CHARS = 1_000
MAX_TEXT_CHARS = 20_000
MAX_LIST_ITEMS = 256
MAX_VECTOR_DIM = 4_096
# Vectors are stored as float32: a value at or past this rounds to infinity there
# (halfway between the largest float32 and 2**128 rounds to even, which is infinity).
FLOAT32_LIMIT = 2.0**128 - 2.0**103
_FLOAT = {float}


@dataclass(frozen=True, slots=True)
class DocumentError(ValueError):
    """An invalid document: `field` is the offending key (or None for the whole document)."""

    reason: str
    field: str | None = None

    def __str__(self) -> str:
        return f"field '{self.field}': {self.reason}" if self.field else self.reason


def _string(doc: Mapping[str, Any], key: str, *, limit: int, required: bool = False) -> None:
    value = doc.get(key)
    if value is None:
        if required:
            raise DocumentError("is required and must be a non-empty string", key)
        return
    if not isinstance(value, str):
        raise DocumentError(f"must be a string, got {_kind(value)}", key)
    if required and not value.strip():
        raise DocumentError("must not be empty", key)
    if len(value) > limit:
        raise DocumentError(f"is {len(value)} characters long; the limit is {limit}", key)


def _strings(doc: Mapping[str, Any], key: str) -> None:
    value = doc.get(key)
    if value is None:
        return
    if not isinstance(value, list):
        raise DocumentError(f"must be a list of strings, got {_kind(value)}", key)
    if len(value) > MAX_LIST_ITEMS:
        raise DocumentError(f"has {len(value)} items; the limit is {MAX_LIST_ITEMS}", key)
    for i, item in enumerate(value):
        if not isinstance(item, str):
            raise DocumentError(f"item {i} must be a string, got {_kind(item)}", key)
        if len(item) > MAX_NAME_CHARS:
            raise DocumentError(f"item {i} is longer than {MAX_NAME_CHARS} characters", key)


def _number(
    doc: Mapping[str, Any], key: str, *, low: float, high: float, integer: bool = False
) -> None:
    value = doc.get(key)
    if value is None:
        return
    wanted = int if integer else (int, float)
    if isinstance(value, bool) or not isinstance(value, wanted):
        raise DocumentError(f"must be {'an integer' if integer else 'a number'}, "
                            f"got {_kind(value)}", key)
    if not math.isfinite(value):
        raise DocumentError("must be a finite number", key)
    if not low <= value <= high:
        raise DocumentError(f"must be between {low:g} and {high:g}, got {value:g}", key)


def _vector(doc: Mapping[str, Any], key: str) -> None:
    value = doc.get(key)
    if value is None:
        return
    if not isinstance(value, list) or not value:
        raise DocumentError("must be a non-empty list of numbers", key)
    if len(value) > MAX_VECTOR_DIM:
        raise DocumentError(f"has {len(value)} dimensions; the limit is {MAX_VECTOR_DIM}", key)
    # The usual case in two C passes: only floats, and a Euclidean norm (hypot does
    # not overflow) that is neither zero nor NaN and fits float32, so no item is
    # infinite, NaN or beyond float32. Anything else is looked at below.
    if set(map(type, value)) == _FLOAT and 0.0 < math.hypot(*value) < FLOAT32_LIMIT:
        return
    norm = 0.0  # find the offending item, to name it
    for i, x in enumerate(value):
        if isinstance(x, bool) or not isinstance(x, (int, float)):
            raise DocumentError(f"item {i} must be a number, got {_kind(x)}", key)
        if isinstance(x, float) and not math.isfinite(x):
            raise DocumentError(f"item {i} is not finite ({x})", key)
        if abs(x) >= FLOAT32_LIMIT:
            raise DocumentError(f"item {i} is {_magnitude(x)}, beyond the float32 range "
                                "(about ±3.4e+38)", key)
        norm += x * x
    if norm == 0.0:
        raise DocumentError("has zero norm; a direction is needed for cosine similarity", key)


def _magnitude(x: float) -> str:
    """A number short enough for an error message (an int may have hundreds of digits)."""
    if isinstance(x, float):
        return f"{x:g}"
    digits = str(x)
    return digits if len(digits) <= 40 else f"an integer of {len(digits.lstrip('-'))} digits"


def _kind(value: Any) -> str:
    return {
        type(None): "null", bool: "a boolean", int: "an integer", float: "a number",
        str: "a string", list: "a list", dict: "an object",
    }.get(type(value), type(value).__name__)


def validate_id(doc_id: Any) -> str:
    """The id of a bulk action line or a URL, returned when valid (else DocumentError)."""
    if not isinstance(doc_id, str) or not doc_id:
        raise DocumentError("must be a non-empty string", "_id")
    if len(doc_id) > MAX_ID_CHARS:
        raise DocumentError(f"is longer than {MAX_ID_CHARS} characters", "_id")
    if _CONTROL.search(doc_id):
        raise DocumentError("must not contain control characters", "_id")
    return doc_id


def validate_document(doc: Any, doc_id: str | None = None) -> dict[str, Any]:
    """Check a document and return it with its `id` set; raise DocumentError otherwise.

    `doc_id` comes from the bulk action line; when both are given they must agree.
    """
    if not isinstance(doc, dict):
        raise DocumentError(f"a document must be a JSON object, got {_kind(doc)}")
    body_id = doc.get("id")
    if doc_id is None:
        doc_id = body_id
    elif body_id is not None and body_id != doc_id:
        raise DocumentError(f"'{body_id}' differs from the action's _id '{doc_id}'", "id")
    doc_id = validate_id(doc_id)
    kind = doc.get("type")
    if kind not in DOC_TYPES:
        raise DocumentError(f"must be one of {', '.join(DOC_TYPES)}; got {kind!r}", "type")
    _string(doc, "name", limit=MAX_NAME_CHARS, required=True)
    for key in ("album", "show", "owner", "language"):
        _string(doc, key, limit=MAX_NAME_CHARS)
    _string(doc, "description", limit=MAX_TEXT_CHARS)
    for key in ("artists", "aliases", "genres", "markets"):
        _strings(doc, key)
    _number(doc, "popularity", low=0, high=100)
    _number(doc, "year", low=1000, high=2100, integer=True)
    _number(doc, "duration_ms", low=0, high=7 * 24 * 3600 * 1000, integer=True)
    _number(doc, "version", low=0, high=2**63 - 1, integer=True)
    if "explicit" in doc and doc["explicit"] is not None and not isinstance(doc["explicit"], bool):
        raise DocumentError(f"must be a boolean, got {_kind(doc['explicit'])}", "explicit")
    _vector(doc, AUDIO_FIELD)
    return {"id": doc_id, **{k: v for k, v in doc.items() if k != "id"}}
