"""Variants: named, versioned scoring configurations kept as JSON files in `variants/`.

A variant holds the feature weights, the value of each match kind, the weight of
each field and a prior per entity type. Relevance engineers edit a file, bump its
version and evaluate it offline against the default before it ships.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from segue.schema import Field

from .candidates import MatchKind
from .personalization import AFFINITY

DEFAULT_VARIANT = "default"


class VariantError(ValueError):
    pass


@dataclass(frozen=True, slots=True, eq=False)  # identity: hashable, cached per variant
class Variant:
    name: str
    version: int
    weights: dict[str, float]
    match_values: dict[MatchKind, float]
    field_weights: dict[Field, float]
    type_prior: dict[str, float]
    candidates: int = 60  # how many retrieved candidates get the full features
    # What a word matched this way in this field is worth (match value × field weight),
    # by kind then field: ranking reads it for every match of every candidate. Derived.
    worth: dict[MatchKind, dict[Field, float]] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        self.worth.update({kind: {f: value * weight for f, weight in self.field_weights.items()}
                           for kind, value in self.match_values.items()})

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Variant:
        from .features import FEATURES  # features import Variant; resolve at call time

        try:
            weights = {k: float(v) for k, v in data["weights"].items()}
            known = {*FEATURES, AFFINITY}
            unknown = set(weights) - known
            if unknown:
                raise VariantError(f"unknown features {sorted(unknown)}; "
                                   f"known: {sorted(known)}")
            match_values = {MatchKind[k.upper()]: float(v)
                            for k, v in data["match_values"].items()}
            # Kinds a variant does not name are worth what a one-typo match is.
            for kind in (MatchKind.LAYOUT, MatchKind.COMPOUND):
                match_values.setdefault(kind, match_values[MatchKind.TYPO])
            return cls(
                name=str(data["name"]),
                version=int(data["version"]),
                weights=weights,
                match_values=match_values,
                field_weights={Field[k.upper()]: float(v)
                               for k, v in data["field_weights"].items()},
                type_prior={str(k): float(v) for k, v in data.get("type_prior", {}).items()},
                candidates=int(data.get("candidates", 60)),
            )
        except KeyError as e:
            raise VariantError(f"variant is missing {e}") from e

    @classmethod
    def load(cls, path: str | Path) -> Variant:
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def shipped_variants() -> dict[str, Variant]:
    """The variants under version control in this package."""
    found = {}
    for entry in resources.files(__package__).joinpath("variants").iterdir():
        if entry.name.endswith(".json"):
            variant = Variant.from_dict(json.loads(entry.read_text(encoding="utf-8")))
            found[variant.name] = variant
    return found
