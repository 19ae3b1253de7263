"""The shipped index definition, `segue.json`, with a new index's own numbers."""

from __future__ import annotations

import copy
import json
from functools import cache
from importlib.resources import files
from typing import Any

from segue.schema import AUDIO_FIELD


@cache
def _shipped() -> dict[str, Any]:
    return json.loads(files(__package__).joinpath("segue.json").read_text(encoding="utf-8"))


def index_definition(*, audio_dim: int | None = None, shards: int = 1,
                     replicas: int = 0) -> dict[str, Any]:
    """The settings and mappings of a new Segue index."""
    body = copy.deepcopy(_shipped())
    body["settings"]["index"].update({"number_of_shards": shards,
                                      "number_of_replicas": replicas})
    if audio_dim is not None:
        body["mappings"]["properties"][AUDIO_FIELD]["dimension"] = audio_dim
    return body

