"""Build the int8 ONNX form of a sentence-transformers model, once per model.

Run as a child process (`python -m segue.indexer.onnx_export MODEL_DIR OUT`) so that
torch, which the export needs, is never imported by the process that serves: that
process runs the result with onnxruntime alone. The recipe: torch's TorchScript
exporter (`dynamo=False`: the dynamo exporter needs onnxscript, which is not
installed) writes the transformer's fp32 graph, then onnxruntime's dynamic
quantization turns the MatMul weights into int8, one scale per output channel
(per-tensor scales lose too much: cosine 0.957 against fp32 instead of 0.993 on the
demo catalog's texts). `optimum` would do the same and is not used on purpose: it
pins a transformers release that breaks sentence-transformers 6.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

RECIPE = "torchscript-opset17+dynamic-int8-per-channel-matmul"  # part of the cache key
INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def export(model_dir: Path, out: Path) -> None:
    """Write the int8 model to `out` (atomically: a reader never sees half a file)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel

    base = AutoModel.from_pretrained(str(model_dir), local_files_only=True,
                                     attn_implementation="eager").eval()

    class Hidden(torch.nn.Module):
        """The token vectors only; pooling is done by the caller, as the model's
        sentence-transformers config says."""

        def __init__(self) -> None:
            super().__init__()
            self.base = base

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                    token_type_ids: torch.Tensor) -> torch.Tensor:
            return self.base(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=token_type_ids).last_hidden_state

    out.parent.mkdir(parents=True, exist_ok=True)
    ids = torch.ones(2, 8, dtype=torch.long)
    with tempfile.TemporaryDirectory(dir=out.parent) as tmp:
        fp32 = Path(tmp) / "model_fp32.onnx"
        axes = {name: {0: "batch", 1: "tokens"} for name in (*INPUTS, "last_hidden_state")}
        with torch.no_grad():
            torch.onnx.export(Hidden(), (ids, torch.ones_like(ids), torch.zeros_like(ids)),
                              str(fp32), input_names=list(INPUTS),
                              output_names=["last_hidden_state"], dynamic_axes=axes,
                              opset_version=17, dynamo=False)
        int8 = Path(tmp) / "model_int8.onnx"
        quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8,
                         per_channel=True, op_types_to_quantize=["MatMul"])
        os.replace(int8, out)


if __name__ == "__main__":
    import logging
    import warnings

    logging.disable(logging.WARNING)   # the exporter and quantizer are chatty
    warnings.simplefilter("ignore")
    export(Path(sys.argv[1]), Path(sys.argv[2]))
