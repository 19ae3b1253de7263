"""Settings, from the command line and the environment (SEGUE_*)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from segue.analyzers import TypoBudget
from segue.ranking import parse_traffic
from segue.schema import FILTERABLE

from .keys import ApiKey, env_keys, read_key_file


def _keys(raw: str | None) -> frozenset[str]:
    return frozenset(k.strip() for k in (raw or "").split(",") if k.strip())


def _flag(raw: str | None, default: bool) -> bool:
    return default if raw is None else raw.lower() not in ("0", "false", "off")


def filterable_fields(raw: str) -> tuple[str, ...]:
    """Configured filterable fields: document keys, not the built-in ones nor a key
    Segue owns; ValueError naming the first that cannot be."""
    fields = tuple(dict.fromkeys(f.strip() for f in raw.split(",") if f.strip()))
    for name in fields:
        if not name.replace("_", "a").isalnum() or not name[0].isalpha() \
                or name in FILTERABLE or name in ("id", "name", "markets"):
            raise ValueError(f"SEGUE_FILTERABLE: '{name[:40]}' cannot be a filterable "
                             "field (a document key of letters, digits and _, not a "
                             "built-in one)")
    return fields


def bulk_write_process() -> bool:
    """`write_process` for the commands that write in bulk (`segue serve`, `segue
    ingest`): on unless SEGUE_WRITE_PROCESS=0."""
    return _flag(os.environ.get("SEGUE_WRITE_PROCESS"), True)


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path("data")
    engine: str = "embedded"
    host: str = "127.0.0.1"
    port: int = 8000
    typo_budget: TypoBudget = field(default_factory=TypoBudget)
    synonyms: Path | None = None
    variants_dir: Path | None = None     # extra variant files beside the shipped ones
    default_variant: str = "default"
    traffic: dict[str, float] = field(default_factory=dict)  # variant -> share, by user id
    traffic_salt: str = ""
    admin_key: str | None = None          # SEGUE_ADMIN_KEY: an `admin` key
    search_keys: frozenset[str] = frozenset()  # SEGUE_SEARCH_KEYS: `search` keys
    keys_file: Path | None = None         # --keys / SEGUE_KEYS_FILE (segue/keys.py)
    file_keys: tuple[ApiKey, ...] = ()    # read from keys_file by from_env
    opensearch_url: str = "http://127.0.0.1:9200"  # comma-separated: every node to try
    opensearch_index: str = "segue"                 # the alias searches and writes address
    # A local sentence-transformers directory; None: the packaged MiniLM; "none": no
    # text vectors (lexical search only). Read from SEGUE_TEXT_MODEL even when Settings
    # are built in code, so one variable turns vectors off for a whole process tree.
    text_model: str | None = field(
        default_factory=lambda: os.environ.get("SEGUE_TEXT_MODEL") or None)
    # What runs the text model: "onnx" (onnxruntime, no torch installed or imported)
    # or "torch" (sentence-transformers, the reference; the `torch` extra). SEGUE_EMBEDDER.
    embedder: str = field(default_factory=lambda: os.environ.get("SEGUE_EMBEDDER") or "onnx")
    audio_dim: int | None = None      # audio vector dimension; None: fixed by the first one
    opensearch_timeout_s: float = 30.0              # per request and node tried
    # Parse, validate and commit writes in a child process, beside the one that indexes
    # and searches (`indexer.LedgerProcess`): ingest on two cores. Off by default, in
    # code and in `from_env` alike (SEGUE_WRITE_PROCESS=1 turns it on): the commands
    # that write in bulk turn it on themselves (`bulk_write_process`).
    write_process: bool = False
    # Embed queued texts as soon as they are written (a server). Off for one-off
    # commands (`segue search`): the model then loads only if a search needs meaning.
    embed_in_background: bool = True

    # Document keys filterable as exact keywords beside the built-in ones (`filter=`),
    # from SEGUE_FILTERABLE (comma-separated), e.g. "label,mood".
    filterable: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.embedder not in ("onnx", "torch"):
            raise ValueError(f"text embedder '{self.embedder}' (SEGUE_EMBEDDER) is not "
                             "available; use onnx or torch")

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        env = os.environ
        values: dict[str, object] = {
            "admin_key": env.get("SEGUE_ADMIN_KEY") or None,
            "search_keys": _keys(env.get("SEGUE_SEARCH_KEYS")),
            "default_variant": env.get("SEGUE_VARIANT", "default"),
            "traffic": parse_traffic(env.get("SEGUE_TRAFFIC", "")),
            "traffic_salt": env.get("SEGUE_TRAFFIC_SALT", ""),
            "write_process": _flag(env.get("SEGUE_WRITE_PROCESS"), cls.write_process),
            "typo_budget": TypoBudget(
                exact_up_to=int(env.get("SEGUE_TYPO_EXACT_UP_TO", 3)),
                one_up_to=int(env.get("SEGUE_TYPO_ONE_UP_TO", 7)),
            ),
        }
        if env.get("SEGUE_OPENSEARCH_URL"):
            values["opensearch_url"] = env["SEGUE_OPENSEARCH_URL"]
        if env.get("SEGUE_OPENSEARCH_TIMEOUT_S"):
            values["opensearch_timeout_s"] = float(env["SEGUE_OPENSEARCH_TIMEOUT_S"])
        if env.get("SEGUE_OPENSEARCH_INDEX"):
            values["opensearch_index"] = env["SEGUE_OPENSEARCH_INDEX"]
        if env.get("SEGUE_SYNONYMS"):
            values["synonyms"] = Path(env["SEGUE_SYNONYMS"])
        if env.get("SEGUE_AUDIO_DIM"):
            values["audio_dim"] = int(env["SEGUE_AUDIO_DIM"])
        if env.get("SEGUE_FILTERABLE"):
            values["filterable"] = filterable_fields(env["SEGUE_FILTERABLE"])
        if env.get("SEGUE_VARIANTS_DIR"):
            values["variants_dir"] = Path(env["SEGUE_VARIANTS_DIR"])
        if env.get("SEGUE_KEYS_FILE"):
            values["keys_file"] = Path(env["SEGUE_KEYS_FILE"])
        values.update({k: v for k, v in overrides.items() if v is not None})
        if values.get("keys_file") is not None and "file_keys" not in overrides:
            values["file_keys"] = read_key_file(Path(str(values["keys_file"])))
        return cls(**values)  # type: ignore[arg-type]

    @property
    def api_keys(self) -> tuple[ApiKey, ...]:
        """Every key the server accepts: the key file's, then the environment's."""
        return (*self.file_keys, *env_keys(self.admin_key, self.search_keys))

    @property
    def text_vectors(self) -> bool:
        return (self.text_model or "").lower() not in ("none", "off")

    @property
    def text_model_id(self) -> str:
        """Which vectors a snapshot holds: the model and the backend that made them."""
        model = str(self.text_model or "packaged:all-MiniLM-L6-v2")
        return model if self.embedder == "torch" else f"{model} ({self.embedder})"

    @property
    def open_access(self) -> bool:
        return not self.api_keys
