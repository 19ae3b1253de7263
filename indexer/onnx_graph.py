"""The BERT encoder of a sentence-transformers model as an ONNX graph, without torch.

Written by hand with `onnx.helper` because no library exports a transformer to ONNX
without torch (torch.onnx, optimum and sentence-transformers' own export all trace the
torch module), and torch is 5 GB of wheels the serving install should not need. A
BERT encoder is small to state: embeddings + LayerNorm, then per layer self-attention
with the additive mask, output dense + residual + LayerNorm, and the feed-forward with
exact (erf) GELU + residual + LayerNorm. The weights come from `model.safetensors`
through safetensors' numpy loader; the hyper-parameters from `config.json`.

The nodes are laid out as torch's TorchScript exporter lays out Hugging Face's eager
BERT (Div by sqrt(head size), the `(1 - mask) * -10000` additive mask, K transposed
to (0, 2, 3, 1), GELU as x * 0.5 * (1 + erf(x / sqrt 2))), so that onnxruntime's
transformer optimizer recognises and fuses them (Attention, SkipLayerNormalization,
BiasGelu). The graph's output is the token embeddings; pooling stays with the caller.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

INPUTS = ("input_ids", "attention_mask", "token_type_ids")
OUTPUT = "last_hidden_state"
OPSET = 17  # LayerNormalization is a standard op from 17 on


class _Graph:
    """Nodes and initializers being collected, with fresh names."""

    def __init__(self) -> None:
        from onnx import helper

        self.helper = helper
        self.nodes: list = []
        self.weights: list = []
        self.count = 0

    def const(self, name: str, value: np.ndarray) -> str:
        from onnx import numpy_helper

        self.weights.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def op(self, op_type: str, inputs: list[str], name: str = "", **attrs: object) -> str:
        """A node; `name` (the weight's module, e.g. `encoder.layer.5.output.dense`)
        lets the quantizer be told which nodes to leave in fp32."""
        self.count += 1
        out = f"{op_type.lower()}_{self.count}"
        label = f"{name}/{op_type}" if name else f"{op_type}_{self.count}"
        self.nodes.append(self.helper.make_node(op_type, inputs, [out], name=label, **attrs))
        return out


def build(model_dir: Path) -> bytes:
    """The fp32 encoder graph of `model_dir`, serialized."""
    import onnx
    from onnx import TensorProto, helper
    from safetensors.numpy import load_file

    config = json.loads((model_dir / "config.json").read_text())
    if config.get("model_type") != "bert" or config.get("hidden_act") != "gelu" \
            or config.get("position_embedding_type", "absolute") != "absolute":
        raise ValueError(f"'{model_dir}' is not a BERT encoder with gelu and absolute "
                         "positions; use the torch embedder for it (SEGUE_EMBEDDER=torch)")
    hidden = int(config["hidden_size"])
    heads = int(config["num_attention_heads"])
    head = hidden // heads
    eps = float(config.get("layer_norm_eps", 1e-12))
    w = load_file(str(model_dir / "model.safetensors"))
    prefix = "bert." if "bert.embeddings.word_embeddings.weight" in w else ""

    def weight(name: str) -> np.ndarray:
        return w[prefix + name].astype(np.float32)

    g = _Graph()

    def linear(x: str, name: str) -> str:
        """x @ W^T + b, as MatMul then Add (torch's layout; the optimizer fuses it)."""
        kernel = g.const(f"{name}.weight_t", weight(f"{name}.weight").T)
        bias = g.const(f"{name}.bias", weight(f"{name}.bias"))
        return g.op("Add", [g.op("MatMul", [x, kernel], name=name), bias], name=name)

    def layer_norm(x: str, name: str) -> str:
        return g.op("LayerNormalization", [x, g.const(f"{name}.weight", weight(f"{name}.weight")),
                                           g.const(f"{name}.bias", weight(f"{name}.bias"))],
                    axis=-1, epsilon=eps)

    # Embeddings: words + positions + token types, then LayerNorm.
    ids, mask, types = INPUTS
    positions = g.op("Unsqueeze", [
        g.op("Range", [g.const("zero", np.array(0, np.int64)),
                       g.op("Gather", [g.op("Shape", [ids]), g.const("one", np.array(1, np.int64))],
                            axis=0),
                       g.const("step", np.array(1, np.int64))]),
        g.const("axis0", np.array([0], np.int64))])
    embedded = g.op("Add", [
        g.op("Add", [g.op("Gather", [g.const("embeddings.word_embeddings.weight",
                                             weight("embeddings.word_embeddings.weight")), ids]),
                     g.op("Gather", [g.const("embeddings.token_type_embeddings.weight",
                                             weight("embeddings.token_type_embeddings.weight")),
                                     types])]),
        g.op("Gather", [g.const("embeddings.position_embeddings.weight",
                                weight("embeddings.position_embeddings.weight")), positions])])
    x = layer_norm(embedded, "embeddings.LayerNorm")

    # The additive mask: 0 where a token is real, -10000 where it is padding.
    mask4 = g.op("Cast", [g.op("Unsqueeze", [g.op("Unsqueeze", [mask, g.const("axis1", np.array(
        [1], np.int64))]), g.const("axis2", np.array([2], np.int64))])], to=TensorProto.FLOAT)
    additive = g.op("Mul", [g.op("Sub", [g.const("one_f", np.array(1.0, np.float32)), mask4]),
                            g.const("mask_fill", np.array(-10000.0, np.float32))])

    split = g.const("split_heads", np.array([0, 0, heads, head], np.int64))
    merge = g.const("merge_heads", np.array([0, 0, hidden], np.int64))
    scale = g.const("sqrt_head", np.array(math.sqrt(head), np.float32))
    for i in range(int(config["num_hidden_layers"])):
        at = f"encoder.layer.{i}.attention"
        q, k, v = (g.op("Reshape", [linear(x, f"{at}.self.{n}"), split])
                   for n in ("query", "key", "value"))
        q = g.op("Transpose", [q], perm=[0, 2, 1, 3])
        k = g.op("Transpose", [k], perm=[0, 2, 3, 1])
        v = g.op("Transpose", [v], perm=[0, 2, 1, 3])
        scores = g.op("Add", [g.op("Div", [g.op("MatMul", [q, k]), scale]), additive])
        context = g.op("MatMul", [g.op("Softmax", [scores], axis=-1), v])
        context = g.op("Reshape", [g.op("Transpose", [context], perm=[0, 2, 1, 3]), merge])
        x = layer_norm(g.op("Add", [linear(context, f"{at}.output.dense"), x]),
                       f"{at}.output.LayerNorm")
        up = linear(x, f"encoder.layer.{i}.intermediate.dense")
        erf = g.op("Erf", [g.op("Div", [up, g.const(f"sqrt2_{i}", np.array(math.sqrt(2.0),
                                                                            np.float32))])])
        gelu = g.op("Mul", [g.op("Mul", [up, g.op("Add", [erf, g.const(
            f"one_{i}", np.array(1.0, np.float32))])]), g.const(f"half_{i}", np.array(
                0.5, np.float32))])
        x = layer_norm(g.op("Add", [linear(gelu, f"encoder.layer.{i}.output.dense"), x]),
                       f"encoder.layer.{i}.output.LayerNorm")
    g.nodes.append(helper.make_node("Identity", [x], [OUTPUT], name="output"))

    dims = ["batch", "tokens"]
    graph = helper.make_graph(
        g.nodes, "bert_encoder",
        [helper.make_tensor_value_info(name, TensorProto.INT64, dims) for name in INPUTS],
        [helper.make_tensor_value_info(OUTPUT, TensorProto.FLOAT, [*dims, hidden])],
        initializer=g.weights)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="segue")
    model.ir_version = 8  # readable by onnxruntime >= 1.14
    onnx.checker.check_model(model)
    return model.SerializeToString()
