"""A document as the store holds it, read lazily by the indexes.

The write process hands each committed document to the serving process as its stored
JSON and, beside it, the lexical index's view of it (`LexicalIndex.digest`), computed
there. Most sinks need little of the rest (the document cache only the id; the audio
index nothing, when there is no vector), so the JSON is parsed only when a sink asks
for a field it holds.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    from .lexical import DigestRow


class StoredDocument(Mapping[str, Any]):
    __slots__ = ("_doc", "body", "digest", "id")

    def __init__(self, doc_id: str, body: bytes, digest: DigestRow | None = None
                 ) -> None:
        self.id, self.body, self.digest = doc_id, body, digest
        self._doc: dict[str, Any] | None = None

    def _parsed(self) -> dict[str, Any]:
        if self._doc is None:
            self._doc = orjson.loads(self.body)
        return self._doc

    def __getitem__(self, key: str) -> Any:
        return self.id if key == "id" else self._parsed()[key]

    def get(self, key: str, default: Any = None) -> Any:
        if key == "id":
            return self.id
        # The body is orjson's own output, where a key is always spelt "key": a key
        # whose quoted name is not in the bytes is not in the document.
        if self._doc is None and b'"' + key.encode() + b'"' not in self.body:
            return default
        return self._parsed().get(key, default)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key, _MISSING) is not _MISSING

    def __iter__(self) -> Iterator[str]:
        return iter(self._parsed())

    def __len__(self) -> int:
        return len(self._parsed())


_MISSING = object()
