"""Build the ONNX graphs of a sentence-transformers BERT model, once per model, without torch.

Run as a child process (`python -m segue.indexer.onnx_export MODEL_DIR OUT_DIR`): the
optimizer and the quantizer hold several copies of the model while they work, and the
serving process should not keep that memory. The recipe:

1. `onnx_graph.build` writes the fp32 encoder from `model.safetensors` (no torch).
2. Documents: dynamic int8 quantization of its MatMul weights, one scale per output
   channel (per-tensor scales lose too much: cosine 0.958 against fp32 instead of
   0.993), activations quantized per call.
3. Queries: the fp32 graph, fused by onnxruntime's transformer optimizer
   (`model_type="bert"`: one `Attention` node per layer, `SkipLayerNormalization`,
   `BiasGelu`). Queries are few and short (a few ms each, and cached), and a query
   vector at full precision keeps more of the fp32 model's top ten.

What was measured and not taken (BENCHMARKS.md, "Export recipes"): quantizing the fused
graph (its fp32 `Attention` costs more than int8 Q/K/V MatMuls: 0.72x the documents
per CPU-second; with int8 attention 0.94-0.98x and lower recall) and keeping the
feed-forward output layers in fp32 (recall@10 0.913-0.930 instead of 0.881, at
0.55-0.67x the speed). The keywords of `export` keep those choices open for the
benchmark.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from .onnx_graph import INPUTS, OUTPUT, build

__all__ = ["FP32", "INPUTS", "INT8", "OUTPUT", "RECIPE", "export"]

INT8, FP32 = "model_int8.onnx", "model_fp32.onnx"
# Part of the cache key: a change here re-exports every cached model.
RECIPE = "hand-bert-opset17+docs:dynamic-int8-per-channel-matmul+queries:fp32-ort-bert-fusion"


def export(model_dir: Path, out_dir: Path, fuse: bool = False,
           excluded: tuple[str, ...] = (), attention_int8: bool = False) -> None:
    """Write both graphs into `out_dir` (each atomically: a reader never sees half a
    file; the int8 one last, as it is the one a reader checks for). The keywords are
    the recipe's choices, open for the benchmark that compares them."""
    from onnx import TensorProto
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.transformers.optimizer import optimize_model

    config = json.loads((model_dir / "config.json").read_text())
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out_dir) as tmp:
        raw = Path(tmp) / "raw.onnx"
        raw.write_bytes(build(model_dir))
        fp32 = Path(tmp) / FP32
        # opt_level=0: only the BERT fusions; the rewrites tied to this CPU happen when a
        # session loads the graph (ORT_ENABLE_ALL).
        optimize_model(str(raw), model_type="bert", opt_level=0,
                       num_heads=int(config["num_attention_heads"]),
                       hidden_size=int(config["hidden_size"])).save_model_to_file(str(fp32))
        int8 = Path(tmp) / INT8
        ops = ["MatMul", "Attention"] if attention_int8 else ["MatMul"]
        quantize_dynamic(str(fp32 if fuse else raw), str(int8), weight_type=QuantType.QInt8,
                         per_channel=True, op_types_to_quantize=ops,
                         nodes_to_exclude=list(excluded),
                         # The fused nodes are onnxruntime's own: ONNX's shape inference
                         # cannot type their outputs, which are float.
                         extra_options={"DefaultTensorType": TensorProto.FLOAT})
        os.replace(fp32, out_dir / FP32)
        os.replace(int8, out_dir / INT8)


if __name__ == "__main__":
    import logging
    import warnings

    logging.disable(logging.WARNING)   # the optimizer and quantizer are chatty
    warnings.simplefilter("ignore")
    export(Path(sys.argv[1]), Path(sys.argv[2]))
