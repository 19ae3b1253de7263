"""One rule for a vector field's dimension, on both engines.

Fixed by configuration, or by the first vector written; a document with another is
rejected for itself only, with the same words on the embedded and the cluster engine.
"""

from __future__ import annotations

from typing import Any

from segue.schema import DocumentError


class FixedDimension:
    """A `Check` (see `decide`) for one vector field. A plain object, so it travels to
    the ledger's process with the dimension the indexes already hold."""

    def __init__(self, field: str, dim: int | None = None) -> None:
        self.field, self.dim = field, dim

    def __call__(self, doc: dict[str, Any]) -> None:
        vector = doc.get(self.field)
        if vector is None:
            return
        if self.dim is None:
            self.dim = len(vector)
        elif len(vector) != self.dim:
            raise DocumentError(f"has {len(vector)} dimensions; this index takes {self.dim} "
                                "(fixed by configuration or by its first vector)", self.field)
